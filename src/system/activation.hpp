// Socket activation: the listening sockets systemd passes to braidd
// (braid.socket, LISTEN_FDS / LISTEN_FDNAMES via sd_listen_fds_with_names).
//
// One socket unit gives every socket the same FileDescriptorName, so braidd
// matches each passed socket to a configured listener by its bound address
// (getsockname) and keeps the name only for log lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace braid::system {

// One socket handed over by the service manager.
struct ActivatedSocket {
    int fd = -1;       // the passed descriptor (SD_LISTEN_FDS_START + i)
    std::string name;  // its FileDescriptorName ("unknown" if none was given)
};

// Takes the passed sockets and clears the LISTEN_* variables. On a broken
// hand-over returns an empty vector and sets `error`.
std::vector<ActivatedSocket> take_activated_sockets(std::string& error);

// The configured client listener a socket is bound to, if it is a listening
// stream socket of a matching family and address.
std::optional<config::ClientListener> bound_listener(int fd);

}  // namespace braid::system
