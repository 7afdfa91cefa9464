// spread_name parsing; see spread_name.hpp.
#include "client/spread_name.hpp"

#include <netdb.h>

#include <cstring>

#include "braid/sp.h"

namespace braid::client {

ParsedName parse_spread_name(const char* spread_name, const char* socket_dir_override) {
    ParsedName r;
    std::string name = (spread_name == nullptr || spread_name[0] == '\0') ? "4803" : spread_name;
    if (name.size() >= NI_MAXHOST + 7) {
        r.error = ILLEGAL_SPREAD;
        return r;
    }
    std::size_t i = 0;
    unsigned long port = 0;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9') {
        port = port * 10 + static_cast<unsigned long>(name[i] - '0');
        if (port > 65535) {
            r.error = ILLEGAL_SPREAD;
            return r;
        }
        ++i;
    }
    if (i == 0) {
        r.error = ILLEGAL_SPREAD;
        return r;
    }
    const auto p = static_cast<std::uint16_t>(port);
    const std::string port_text = name.substr(0, i);
    if (i == name.size()) {
        // Local form: the daemon's socket directory, then Spread's classic one.
        if (socket_dir_override != nullptr && socket_dir_override[0] != '\0') {
            r.endpoints.push_back({true, std::string(socket_dir_override) + "/" + port_text, {}, p});
        } else {
            r.endpoints.push_back({true, "/run/braid/" + port_text, {}, p});
            r.endpoints.push_back({true, "/tmp/" + port_text, {}, p});
        }
        return r;
    }
    if (name[i] != '@' || i + 1 == name.size()) {
        r.error = ILLEGAL_SPREAD;
        return r;
    }
    r.endpoints.push_back({false, {}, name.substr(i + 1), p});
    return r;
}

}  // namespace braid::client
