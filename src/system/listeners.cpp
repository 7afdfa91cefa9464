#include "system/listeners.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace braid::system {
namespace {

constexpr int kBacklog = 128;  // pending connections while sessions catch up

std::string errno_text() { return std::strerror(errno); }

// Fills a Unix address; false if the path does not fit.
bool unix_address(const std::string& path, sockaddr_un& addr) {
    addr = sockaddr_un{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) return false;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    return true;
}

// Removes `path` if it is a socket file nobody listens on. Returns an error
// text when the path is in use or is not a socket.
std::string remove_stale_socket(const std::string& path, const sockaddr_un& addr) {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return "cannot inspect '" + path + "': " + errno_text();
    }
    if (!S_ISSOCK(st.st_mode))
        return "'" + path + "' exists and is not a socket; remove it or choose another path";
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0) return "cannot create a probe socket: " + errno_text();
    const int rc = ::connect(probe, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr));
    const int connect_errno = errno;
    ::close(probe);
    if (rc == 0) return "'" + path + "' is in use: another daemon listens on it";
    if (connect_errno != ECONNREFUSED)
        return "cannot probe '" + path + "': " + std::strerror(connect_errno);
    if (unlink(path.c_str()) != 0) return "cannot remove the stale socket '" + path + "': " + errno_text();
    return {};
}

}  // namespace

bool reuse_address(config::PortReuse policy, const Ipv4Address& address) {
    switch (policy) {
        case config::PortReuse::on: return true;
        case config::PortReuse::off: return false;
        case config::PortReuse::automatic: return !address.is_any();
    }
    return false;
}

int open_tcp_listener(const Ipv4Address& address, std::uint16_t port, config::PortReuse policy,
                      std::string& error) {
    const std::string where = address.to_string() + ":" + std::to_string(port);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = "cannot create a TCP socket for " + where + ": " + errno_text();
        return -1;
    }
    const int on = 1;
    if (reuse_address(policy, address) && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0) {
        error = "cannot set SO_REUSEADDR on " + where + ": " + errno_text();
        ::close(fd);
        return -1;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(address.value);
    addr.sin_port = htons(port);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
        error = "cannot bind the client listener tcp:" + where + ": " + errno_text();
        ::close(fd);
        return -1;
    }
    if (listen(fd, kBacklog) != 0) {
        error = "cannot listen on tcp:" + where + ": " + errno_text();
        ::close(fd);
        return -1;
    }
    return fd;
}

int open_unix_listener(const std::string& path, std::string& error) {
    sockaddr_un addr;
    if (!unix_address(path, addr)) {
        error = "socket path '" + path + "' is longer than " + std::to_string(sizeof(addr.sun_path) - 1) +
                " bytes";
        return -1;
    }
    std::error_code ec;
    const std::filesystem::path directory = std::filesystem::path(path).parent_path();
    if (!std::filesystem::exists(directory, ec)) {
        std::filesystem::create_directories(directory, ec);
        if (ec) {
            error = "cannot create the directory '" + directory.string() + "': " + ec.message();
            return -1;
        }
        chmod(directory.c_str(), 0755);  // umask may have taken more; clients must reach the socket
    }
    if (std::string stale = remove_stale_socket(path, addr); !stale.empty()) {
        error = "cannot open the client listener unix:" + path + ": " + stale;
        return -1;
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = "cannot create a Unix socket for " + path + ": " + errno_text();
        return -1;
    }
    if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
        error = "cannot bind the client listener unix:" + path + ": " + errno_text();
        ::close(fd);
        return -1;
    }
    // Every local user may be a client, as with Spread's /tmp/4803.
    if (chmod(path.c_str(), 0666) != 0 || listen(fd, kBacklog) != 0) {
        error = "cannot listen on unix:" + path + ": " + errno_text();
        ::close(fd);
        unlink(path.c_str());
        return -1;
    }
    return fd;
}

std::string describe(const config::ClientListener& listener) {
    if (listener.kind == config::ClientListener::Kind::unix_socket) return "unix:" + listener.path;
    return "tcp:" + listener.address.to_string() + ":" + std::to_string(listener.port);
}

bool ClientListeners::open(const config::Config& config, std::vector<ActivatedSocket> activated,
                           std::vector<std::string>& unmatched, std::string& error) {
    close_all();
    for (const config::ClientListener& where : config.daemon.clients) {
        Listener listener;
        listener.where = where;
        for (ActivatedSocket& socket : activated) {
            if (socket.fd < 0 || bound_listener(socket.fd) != where) continue;
            listener.fd = std::exchange(socket.fd, -1);
            listener.from_systemd = true;
            listener.fd_name = socket.name;
            break;
        }
        if (listener.fd < 0) {
            listener.fd = where.kind == config::ClientListener::Kind::tcp
                              ? open_tcp_listener(where.address, where.port, config.security.socket_port_reuse, error)
                              : open_unix_listener(where.path, error);
        }
        if (listener.fd < 0) {
            for (ActivatedSocket& socket : activated)
                if (socket.fd >= 0) ::close(socket.fd);
            close_all();
            return false;
        }
        listeners_.push_back(std::move(listener));
    }
    for (ActivatedSocket& socket : activated) {
        if (socket.fd < 0) continue;
        auto bound = bound_listener(socket.fd);
        unmatched.push_back((bound ? describe(*bound) : std::string("fd ") + std::to_string(socket.fd)) +
                            " (name " + socket.name + ")");
        ::close(socket.fd);
    }
    return true;
}

void ClientListeners::close_all() {
    for (Listener& listener : listeners_)
        if (listener.fd >= 0) ::close(listener.fd);
    listeners_.clear();
}

}  // namespace braid::system
