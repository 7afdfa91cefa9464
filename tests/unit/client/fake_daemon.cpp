// FakeDaemon; see fake_daemon.hpp.
#include "fake_daemon.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "wire_vectors.hpp"

namespace braid::client::test {

namespace {

bool wait_in(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(FakeDaemon::timeout.count())) > 0;
}

}  // namespace

bool readable(int fd) { return wait_in(fd); }

FakeDaemon::FakeDaemon() {
    char tmpl[] = "/tmp/braid-client-test-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) return;
    dir_ = tmpl;
    path_ = dir_ + "/4803";
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, path_.c_str(), sizeof sa.sun_path - 1);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        ::listen(listener_, 16) != 0) {
        ::close(listener_);
        listener_ = -1;
    }
    ::setenv("BRAID_SOCKET_DIR", dir_.c_str(), 1);
}

FakeDaemon::~FakeDaemon() {
    for (int fd : clients_) ::close(fd);
    if (listener_ >= 0) ::close(listener_);
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
    ::unsetenv("BRAID_SOCKET_DIR");
}

int FakeDaemon::listen_tcp() {
    if (listener_ >= 0) ::close(listener_);
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&sa), &len) != 0) {
        ::close(listener_);
        listener_ = -1;
        return -1;
    }
    return ntohs(sa.sin_port);
}

int FakeDaemon::accept_client() {
    if (listener_ < 0 || !wait_in(listener_)) return -1;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) clients_.push_back(fd);
    return fd;
}

std::optional<Bytes> FakeDaemon::read(int fd, std::size_t n) {
    Bytes out(n);
    std::size_t got = 0;
    while (got < n) {
        if (!wait_in(fd)) return std::nullopt;
        const ssize_t r = ::recv(fd, out.data() + got, n - got, 0);
        if (r <= 0) return std::nullopt;
        got += static_cast<std::size_t>(r);
    }
    return out;
}

bool FakeDaemon::write(int fd, const Bytes& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t r = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (r <= 0) return false;
        sent += static_cast<std::size_t>(r);
    }
    return true;
}

void FakeDaemon::hang_up(int fd) {
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

bool FakeDaemon::sees_eof(int fd) {
    std::uint8_t b;
    return wait_in(fd) && ::recv(fd, &b, 1, 0) == 0;
}

int FakeDaemon::accept_alice(Bytes* request, Bytes* choice) {
    const int fd = accept_client();
    if (fd < 0) return -1;
    auto req = read(fd, vectors::connect_request.size());
    if (!req || !write(fd, vectors::auth_list)) return -1;
    auto ch = read(fd, 90);
    if (!ch || !write(fd, vectors::accept_block)) return -1;
    if (request != nullptr) *request = *req;
    if (choice != nullptr) *choice = *ch;
    return fd;
}

}  // namespace braid::client::test
