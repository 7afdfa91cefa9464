// Small wrappers around the socket calls the data link needs: an owning
// descriptor, and one function per option, each returning what failed in
// words ("bind 10.1.0.1:4803: Address already in use") so that start-up
// errors tell the operator what to change. Empty string: success.
#pragma once

#include <cstdint>
#include <string>

#include "util/ipv4_address.hpp"

namespace braid::datalink {

// Owns one descriptor; closes it when destroyed.
class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) : fd_(fd) {}
    ~Socket();
    Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Socket& operator=(Socket&& other) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    int fd() const { return fd_; }
    bool valid() const { return fd_ >= 0; }

private:
    int fd_ = -1;  // -1: none
};

// A non-blocking, close-on-exec IPv4 UDP socket.
std::string open_udp(Socket& out);

// IP_FREEBIND: bind to an address that is not (yet) configured, so a path
// whose address appears late comes up when it does.
std::string set_freebind(int fd);
// SO_REUSEADDR: several daemons on one host share a broadcast or multicast
// group's receive socket (tests, single-host clusters).
std::string set_reuse_address(int fd);
// SO_BROADCAST: allowed to send to a broadcast address.
std::string set_broadcast(int fd);
// IP_MULTICAST_TTL and IP_MULTICAST_LOOP for outgoing multicasts.
std::string set_multicast_options(int fd, int ttl, bool loop);
// IP_MULTICAST_IF by address: outgoing multicasts leave by the interface
// that has `local`. Fails (EADDRNOTAVAIL in `error`) while no interface has it.
std::string set_multicast_interface(int fd, Ipv4Address local, int& error);
// IP_MULTICAST_ALL off: this socket receives only the groups it joined
// itself, on the interfaces it joined them on.
std::string set_multicast_all_off(int fd);
// IP_ADD_MEMBERSHIP (ip_mreqn) of `group` on the interface that has `local`
// only; on failure `error` holds the errno value.
std::string join_group(int fd, Ipv4Address group, Ipv4Address local, int& error);
// bind() to address:port.
std::string bind_to(int fd, Ipv4Address address, std::uint16_t port);

// "a.b.c.d:port", for messages.
std::string endpoint_text(Ipv4Address address, std::uint16_t port);

}  // namespace braid::datalink
