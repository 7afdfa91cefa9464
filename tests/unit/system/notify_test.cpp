// The notify channel: messages arrive as single datagrams on a socket the
// test provides, by path and in the abstract namespace, and keep arriving
// after the path became unreachable (what a chroot does).
#include <cstdlib>
#include <filesystem>
#include <string>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "system/notify.hpp"

namespace braid::system {
namespace {

namespace fs = std::filesystem;

// A datagram socket standing in for systemd's notify socket.
class Manager {
public:
    explicit Manager(const std::string& address) {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        address.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
        if (address.front() == '@') addr.sun_path[0] = '\0';
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
        bound_ = bind(fd_, reinterpret_cast<sockaddr*>(&addr), length) == 0;
    }
    ~Manager() { close(fd_); }
    bool bound() const { return bound_; }
    // The next datagram, or "" after 5 s.
    std::string next() {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, 5000) != 1) return "";
        char buffer[4096];
        const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
    }

private:
    int fd_ = -1;
    bool bound_ = false;
};

TEST(Notifier, SendsEveryStateToAPathSocketEvenAfterItsFileIsGone) {
    std::string pattern = (fs::temp_directory_path() / "braid-notify-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    const std::string path = pattern + "/notify";
    Manager manager(path);
    ASSERT_TRUE(manager.bound());
    std::string error;
    auto notifier = Notifier::connect(path, error);
    ASSERT_TRUE(notifier) << error;
    EXPECT_TRUE(notifier->enabled());
    // Connected once: the name no longer matters, as after a chroot.
    fs::remove_all(pattern);
    EXPECT_EQ(notifier->ready("host h1, running"), "");
    EXPECT_EQ(manager.next(), "READY=1\nSTATUS=host h1, running");
    EXPECT_EQ(notifier->status("reloading"), "");
    EXPECT_EQ(manager.next(), "STATUS=reloading");
    EXPECT_EQ(notifier->reloading(), "");
    EXPECT_EQ(manager.next(), "RELOADING=1");
    EXPECT_EQ(notifier->watchdog(), "");
    EXPECT_EQ(manager.next(), "WATCHDOG=1");
    EXPECT_EQ(notifier->stopping(), "");
    EXPECT_EQ(manager.next(), "STOPPING=1");
}

TEST(Notifier, ReachesAnAbstractSocket) {
    const std::string address = "@braid-notify-test-" + std::to_string(getpid());
    Manager manager(address);
    ASSERT_TRUE(manager.bound());
    std::string error;
    auto notifier = Notifier::connect(address, error);
    ASSERT_TRUE(notifier) << error;
    EXPECT_EQ(notifier->ready("up"), "");
    EXPECT_EQ(manager.next(), "READY=1\nSTATUS=up");
}

TEST(Notifier, WithoutASocketSendsNothing) {
    std::string error;
    auto notifier = Notifier::connect("", error);
    ASSERT_TRUE(notifier);
    EXPECT_FALSE(notifier->enabled());
    EXPECT_EQ(notifier->ready("up"), "");
}

TEST(Notifier, ExplainsABadAddress) {
    std::string error;
    EXPECT_FALSE(Notifier::connect("relative/path", error));
    EXPECT_EQ(error, "NOTIFY_SOCKET 'relative/path' is neither an absolute path nor an abstract address of at "
                     "most 107 bytes");
    EXPECT_FALSE(Notifier::connect("/nonexistent-braid-dir/notify", error));
    EXPECT_EQ(error, "cannot connect to NOTIFY_SOCKET '/nonexistent-braid-dir/notify': No such file or directory");
}

TEST(Watchdog, IntervalComesFromTheEnvironment) {
    unsetenv("WATCHDOG_PID");
    setenv("WATCHDOG_USEC", "3000000", 1);
    EXPECT_EQ(watchdog_interval(), std::chrono::microseconds(3000000));
    setenv("WATCHDOG_PID", "1", 1);  // meant for another process
    EXPECT_EQ(watchdog_interval(), std::nullopt);
    unsetenv("WATCHDOG_PID");
    unsetenv("WATCHDOG_USEC");
    EXPECT_EQ(watchdog_interval(), std::nullopt);
}

}  // namespace
}  // namespace braid::system
