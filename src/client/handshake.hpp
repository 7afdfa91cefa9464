// The session-establishment exchange of the Spread client protocol (protocol
// description section 2, library version >= 3.16 path): connect request,
// authentication method list, NULL authentication choice, accept block.
#pragma once

#include <string>

#include "client/socket_io.hpp"

namespace braid::client {

// Version bytes the library announces; the 5.0.1 protocol that daemons expect.
inline constexpr int library_major = 5;
inline constexpr int library_minor = 0;
inline constexpr int library_patch = 1;

// Steps of the handshake, in wire order.
enum class HandshakeStep { send_request, read_method_list, send_auth_choice, read_accept, open };

// What the caller asks for.
struct HandshakeRequest {
    std::string private_name;  // cut to MAX_PRIVATE_NAME
    bool priority = false;     // priority session (no effect, but sent)
    bool membership = false;   // wants membership messages
};

// Runs the handshake on a connected socket. Returns ACCEPT_SESSION and sets
// `private_group`, or a negative SP_ code (rejections come from the daemon).
int run_handshake(int fd, const HandshakeRequest& req, const Deadline& deadline,
                  std::string& private_group);

}  // namespace braid::client
