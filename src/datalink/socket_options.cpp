#include "datalink/socket_options.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace braid::datalink {

namespace {

std::string failure(const std::string& what) { return what + ": " + std::strerror(errno); }

std::string set_int(int fd, int level, int name, int value, const char* what) {
    if (setsockopt(fd, level, name, &value, sizeof value) != 0) return failure(what);
    return {};
}

in_addr to_in_addr(Ipv4Address a) {
    in_addr in{};
    in.s_addr = htonl(a.value);
    return in;
}

}  // namespace

Socket::~Socket() {
    if (fd_ >= 0) ::close(fd_);
}

Socket& Socket::operator=(Socket&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

std::string open_udp(Socket& out) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return failure("socket");
    out = Socket(fd);
    return {};
}

std::string set_freebind(int fd) { return set_int(fd, IPPROTO_IP, IP_FREEBIND, 1, "IP_FREEBIND"); }

std::string set_reuse_address(int fd) {
    return set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
}

std::string set_broadcast(int fd) { return set_int(fd, SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST"); }

std::string set_multicast_options(int fd, int ttl, bool loop) {
    if (auto e = set_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL"); !e.empty()) return e;
    return set_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, loop ? 1 : 0, "IP_MULTICAST_LOOP");
}

std::string set_multicast_interface(int fd, Ipv4Address local, int& error) {
    error = 0;
    ip_mreqn interface{};
    interface.imr_address = to_in_addr(local);
    if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &interface, sizeof interface) != 0) {
        error = errno;
        return failure("IP_MULTICAST_IF " + local.to_string());
    }
    return {};
}

std::string set_multicast_all_off(int fd) {
    return set_int(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
}

std::string join_group(int fd, Ipv4Address group, Ipv4Address local, int& error) {
    error = 0;
    ip_mreqn request{};
    request.imr_multiaddr = to_in_addr(group);
    request.imr_address = to_in_addr(local);
    request.imr_ifindex = 0;  // the interface is the one that has imr_address
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, sizeof request) != 0) {
        error = errno;
        return failure("IP_ADD_MEMBERSHIP " + group.to_string() + " on " + local.to_string());
    }
    return {};
}

std::string bind_to(int fd, Ipv4Address address, std::uint16_t port) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr = to_in_addr(address);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
        return failure("bind " + endpoint_text(address, port));
    }
    return {};
}

std::string endpoint_text(Ipv4Address address, std::uint16_t port) {
    return address.to_string() + ":" + std::to_string(port);
}

}  // namespace braid::datalink
