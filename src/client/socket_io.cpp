// Socket primitives; see socket_io.hpp.
#include "client/socket_io.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "braid/sp.h"

namespace braid::client {
namespace {

// Milliseconds left before `deadline` for poll(); -1 means wait forever.
int poll_timeout(const Deadline& deadline) {
    if (!deadline) return -1;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        *deadline - std::chrono::steady_clock::now());
    return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

// Waits until `fd` is ready for `events`; false on timeout or error.
bool wait_ready(int fd, short events, const Deadline& deadline) {
    for (;;) {
        pollfd p{fd, events, 0};
        const int r = ::poll(&p, 1, poll_timeout(deadline));
        if (r > 0) return true;
        if (r == 0) return false;
        if (errno != EINTR) return false;
    }
}

// Non-blocking connect bounded by the deadline; returns the fd or -1.
int connect_one(int family, const sockaddr* addr, socklen_t len, const Deadline& deadline) {
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    if (::connect(fd, addr, len) != 0) {
        if (errno != EINPROGRESS && errno != EAGAIN) {
            ::close(fd);
            return -1;
        }
        int err = 0;
        socklen_t errlen = sizeof err;
        if (!wait_ready(fd, POLLOUT, deadline) ||
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errlen) != 0 || err != 0) {
            ::close(fd);
            return -1;
        }
    }
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    if (family != AF_UNIX) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    }
    return fd;
}

int open_unix(const std::string& path, const Deadline& deadline) {
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    if (path.size() >= sizeof sa.sun_path) return -1;
    std::memcpy(sa.sun_path, path.c_str(), path.size() + 1);
    return connect_one(AF_UNIX, reinterpret_cast<const sockaddr*>(&sa), sizeof sa, deadline);
}

// Resolves and connects to the first IPv4/IPv6 result only, as libspread does.
int open_tcp(const Endpoint& e, const Deadline& deadline, int& error) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    const std::string port = std::to_string(e.port);
    const int rc = ::getaddrinfo(e.host.c_str(), port.c_str(), &hints, &res);
    if (rc != 0) {
        error = rc == EAI_NONAME ? ILLEGAL_SPREAD : COULD_NOT_CONNECT;
        return -1;
    }
    int fd = -1;
    for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
        fd = connect_one(ai->ai_family, ai->ai_addr, ai->ai_addrlen, deadline);
        break;
    }
    ::freeaddrinfo(res);
    if (fd < 0) error = COULD_NOT_CONNECT;
    return fd;
}

}  // namespace

int open_session_socket(const std::vector<Endpoint>& endpoints, const Deadline& deadline) {
    int error = COULD_NOT_CONNECT;
    for (const Endpoint& e : endpoints) {
        const int fd = e.unix_socket ? open_unix(e.path, deadline) : open_tcp(e, deadline, error);
        if (fd >= 0) return fd;
    }
    return error;
}

int read_exact(int fd, std::span<std::uint8_t> out, const Deadline& deadline) {
    std::size_t got = 0;
    while (got < out.size()) {
        if (deadline && !wait_ready(fd, POLLIN, deadline)) return CONNECTION_CLOSED;
        const ssize_t n = ::recv(fd, out.data() + got, out.size() - got, 0);
        if (n > 0) {
            got += static_cast<std::size_t>(n);
        } else if (n == 0 || errno != EINTR) {
            return CONNECTION_CLOSED;
        }
    }
    return 0;
}

int discard(int fd, std::size_t count) {
    std::uint8_t sink[4096];
    while (count > 0) {
        const std::size_t chunk = count < sizeof sink ? count : sizeof sink;
        if (read_exact(fd, std::span<std::uint8_t>(sink, chunk)) != 0) return CONNECTION_CLOSED;
        count -= chunk;
    }
    return 0;
}

int send_all(int fd, std::span<iovec> iov) {
    std::size_t first = 0;
    while (first < iov.size()) {
        if (iov[first].iov_len == 0) {
            ++first;
            continue;
        }
        msghdr msg{};
        msg.msg_iov = iov.data() + first;
        msg.msg_iovlen = iov.size() - first;
        const ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return CONNECTION_CLOSED;
        }
        auto left = static_cast<std::size_t>(n);
        while (left > 0 && first < iov.size()) {
            const std::size_t take = left < iov[first].iov_len ? left : iov[first].iov_len;
            iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + take;
            iov[first].iov_len -= take;
            left -= take;
            if (iov[first].iov_len == 0) ++first;
        }
    }
    return 0;
}

}  // namespace braid::client
