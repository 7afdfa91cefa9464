#include "system/notify.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

namespace braid::system {

std::optional<Notifier> Notifier::connect(std::string_view socket_path, std::string& error) {
    Notifier notifier;
    if (socket_path.empty()) return notifier;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    // An abstract address keeps its leading NUL inside sun_path and is not
    // NUL-terminated: its length is what the address length says.
    if (socket_path.size() >= sizeof(addr.sun_path) ||
        (socket_path.front() != '/' && socket_path.front() != '@')) {
        error = "NOTIFY_SOCKET '" + std::string(socket_path) +
                "' is neither an absolute path nor an abstract address of at most " +
                std::to_string(sizeof(addr.sun_path) - 1) + " bytes";
        return std::nullopt;
    }
    std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
    if (socket_path.front() == '@') addr.sun_path[0] = '\0';
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path.size() +
                                               (socket_path.front() == '/' ? 1 : 0));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = std::string("cannot create the notify socket: ") + std::strerror(errno);
        return std::nullopt;
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), length) != 0) {
        error = "cannot connect to NOTIFY_SOCKET '" + std::string(socket_path) + "': " + std::strerror(errno);
        ::close(fd);
        return std::nullopt;
    }
    notifier.fd_ = fd;
    notifier.address_ = std::string(socket_path);
    return notifier;
}

std::optional<Notifier> Notifier::from_environment(std::string& error) {
    const char* value = std::getenv("NOTIFY_SOCKET");
    return connect(value ? std::string_view(value) : std::string_view(), error);
}

Notifier::Notifier(Notifier&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), address_(std::move(other.address_)) {}

Notifier& Notifier::operator=(Notifier&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        address_ = std::move(other.address_);
    }
    return *this;
}

Notifier::~Notifier() {
    if (fd_ >= 0) ::close(fd_);
}

std::string Notifier::send(std::string_view message) {
    if (fd_ < 0) return {};
    // MSG_NOSIGNAL: a service manager that went away must not kill us.
    if (::send(fd_, message.data(), message.size(), MSG_NOSIGNAL) < 0)
        return "cannot notify the service manager at '" + address_ + "': " + std::strerror(errno);
    return {};
}

std::string Notifier::ready(std::string_view status_text) {
    return send("READY=1\nSTATUS=" + std::string(status_text));
}

std::string Notifier::status(std::string_view status_text) { return send("STATUS=" + std::string(status_text)); }
std::string Notifier::reloading() { return send("RELOADING=1"); }
std::string Notifier::stopping() { return send("STOPPING=1"); }
std::string Notifier::watchdog() { return send("WATCHDOG=1"); }

std::optional<std::chrono::microseconds> watchdog_interval() {
    uint64_t usec = 0;
    // unset_environment = 0: a child we might start does not matter here,
    // and tests read the same variables.
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
    return std::chrono::microseconds(usec);
}

}  // namespace braid::system
