// Parsing of SP_connect's spread_name ("4803", "4803@host") into the list of
// endpoints to try, following the protocol description section 1.2 and the
// Braid socket locations (/run/braid/<port>, /tmp/<port>, BRAID_SOCKET_DIR).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace braid::client {

// Where a session can be opened.
struct Endpoint {
    bool unix_socket = false;  // true: `path` names a Unix socket; false: TCP
    std::string path;          // Unix socket path
    std::string host;          // TCP host name or address literal
    std::uint16_t port = 0;    // TCP port
};

// Result of parsing: the candidates in the order to try, or an SP_ error code.
struct ParsedName {
    int error = 0;                    // 0, or ILLEGAL_SPREAD
    std::vector<Endpoint> endpoints;  // non-empty when error == 0
};

// `socket_dir_override` is the value of BRAID_SOCKET_DIR, or nullptr.
ParsedName parse_spread_name(const char* spread_name, const char* socket_dir_override);

}  // namespace braid::client
