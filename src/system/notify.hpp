// The service manager's notify channel (sd_notify protocol) and watchdog.
//
// systemd's own sd_notify() opens $NOTIFY_SOCKET by path at every call,
// which stops working once braidd has chrooted itself (DESIGN.md section 9).
// So the Notifier connects one datagram socket to $NOTIFY_SOCKET at start-up,
// before the chroot, and sends every state message (READY=1, STATUS=,
// WATCHDOG=1, STOPPING=1, RELOADING=1) over that socket for the daemon's
// whole life. Abstract-namespace addresses ("@name") are supported as well.
// Without $NOTIFY_SOCKET (not started by systemd) every send does nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace braid::system {

class Notifier {
public:
    // Connects to `socket_path` ($NOTIFY_SOCKET: a filesystem path or
    // "@abstract"); empty: a notifier that sends nothing. On failure returns
    // empty and sets `error`.
    static std::optional<Notifier> connect(std::string_view socket_path, std::string& error);
    // Connects to $NOTIFY_SOCKET from the environment, if set.
    static std::optional<Notifier> from_environment(std::string& error);

    Notifier(Notifier&& other) noexcept;
    Notifier& operator=(Notifier&& other) noexcept;
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;
    ~Notifier();

    bool enabled() const { return fd_ >= 0; }
    const std::string& address() const { return address_; }

    // Each returns an error text (empty when sent or disabled).
    std::string ready(std::string_view status);  // READY=1 plus STATUS=
    std::string status(std::string_view status);
    std::string reloading();                     // RELOADING=1
    std::string stopping();                      // STOPPING=1
    std::string watchdog();                      // WATCHDOG=1
    // Sends `message` ("KEY=value" lines) as one datagram.
    std::string send(std::string_view message);

private:
    Notifier() = default;
    int fd_ = -1;           // connected datagram socket, -1 when disabled
    std::string address_;   // $NOTIFY_SOCKET as given, for log lines
};

// The watchdog interval systemd expects WATCHDOG=1 within, from
// $WATCHDOG_USEC / $WATCHDOG_PID (sd_watchdog_enabled); empty when off.
std::optional<std::chrono::microseconds> watchdog_interval();

}  // namespace braid::system
