// The client listening sockets ([daemon] clients), opened by braidd itself
// or taken over from systemd's socket activation.
//
// They are created before the chroot and the privilege drop (DESIGN.md
// section 6) because binding /run/braid/4803 or a low port may need root,
// and they are only held here: accepting clients belongs to the sessions.
// The TCP listeners follow [security] socket_port_reuse: SO_REUSEADDR lets a
// restarted daemon bind while old connections sit in TIME_WAIT, but on a
// wildcard address it would also let another program take over single
// addresses of the port, so "auto" sets it only for specific addresses.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "system/activation.hpp"

namespace braid::system {

// One open client listener.
struct Listener {
    config::ClientListener where;  // the configured listener it serves
    int fd = -1;                   // listening socket, owned by ClientListeners
    bool from_systemd = false;     // handed over by socket activation
    std::string fd_name;           // systemd's FileDescriptorName, when from_systemd
};

// Whether SO_REUSEADDR goes on a TCP listener bound to `address`.
bool reuse_address(config::PortReuse policy, const Ipv4Address& address);

// Opens a TCP listener; on failure returns -1 and sets `error`.
int open_tcp_listener(const Ipv4Address& address, std::uint16_t port, config::PortReuse policy,
                      std::string& error);
// Opens a Unix stream listener at `path`: creates the directory (0755) if
// missing, removes a stale socket file that nobody listens on (never a live
// socket or anything that is not a socket), and makes the socket 0666 so
// clients of every user can connect. On failure returns -1 and sets `error`.
int open_unix_listener(const std::string& path, std::string& error);

// Every configured listener, open.
class ClientListeners {
public:
    // Uses the activated sockets that match configured listeners (by their
    // bound address, whatever their names) and opens the rest itself.
    // Activated sockets that match nothing are closed and named in
    // `unmatched`. On failure returns false and sets `error`; nothing stays open.
    bool open(const config::Config& config, std::vector<ActivatedSocket> activated,
              std::vector<std::string>& unmatched, std::string& error);

    ClientListeners() = default;
    ClientListeners(const ClientListeners&) = delete;
    ClientListeners& operator=(const ClientListeners&) = delete;
    ~ClientListeners() { close_all(); }

    const std::vector<Listener>& listeners() const { return listeners_; }
    void close_all();

private:
    std::vector<Listener> listeners_;
};

// "unix:/run/braid/4803" or "tcp:127.0.0.1:4803".
std::string describe(const config::ClientListener& listener);

}  // namespace braid::system
