// braidd started as systemd would start it: the notify messages it sends
// (by path and abstract address, with the watchdog on), the listeners it
// takes from socket activation, and, as root, the chroot and privilege drop
// read back from /proc/PID.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <gtest/gtest.h>

#include "child.hpp"

namespace braid::system {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using daemon::testing::Child;

constexpr auto kLimit = 10s;

// LeakSanitizer reads /proc/self/task when the process exits, which a
// braidd that chrooted itself cannot see: in sanitizer builds it would turn
// every clean exit into a failure. Leak checks stay on for unchrooted runs.
inline void no_leak_check_when_chrooting() {
    if (geteuid() != 0) return;
    const char* current = std::getenv("ASAN_OPTIONS");
    std::string options = current ? current : "";
    if (options.find("detect_leaks=0") != std::string::npos) return;
    options += options.empty() ? "detect_leaks=0" : ":detect_leaks=0";
    setenv("ASAN_OPTIONS", options.c_str(), 1);
}

class Service : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "braid-service-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        no_leak_check_when_chrooting();
        fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
        for (const char* name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID",
                                 "LISTEN_FDNAMES"})
            unsetenv(name);
    }
    void TearDown() override {
        if (notify_fd_ >= 0) close(notify_fd_);
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    // A configuration with the given client listeners; runtime_dir is the
    // test directory, the user and group `nobody`/`nogroup` unless given.
    std::string write_config(const std::string& clients, const std::string& user = "nobody") {
        const std::string file = (dir_ / "braid.toml").string();
        std::ofstream(file) << "[cluster]\nname = \"test\"\n\n[[network]]\nname = \"lo\"\nunicast = true\n\n"
                               "[[host]]\nname = \"h1\"\naddresses = { lo = \"127.0.0.1\" }\n\n[daemon]\nclients = ["
                            << clients << "]\nruntime_dir = \"" << dir_.string() << "\"\nuser = \"" << user
                            << "\"\ngroup = \"nogroup\"\n";
        return file;
    }
    std::string unix_client() const { return "\"unix:" + (dir_ / "client.sock").string() + "\""; }

    // Binds the stand-in for systemd's notify socket at `address` (a path
    // or "@abstract") and points NOTIFY_SOCKET at it.
    void listen_for_notifications(const std::string& address) {
        notify_fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        address.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
        if (address.front() == '@') addr.sun_path[0] = '\0';
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
        ASSERT_EQ(bind(notify_fd_, reinterpret_cast<sockaddr*>(&addr), length), 0);
        if (address.front() == '/') chmod(address.c_str(), 0666);  // reachable after the drop
        setenv("NOTIFY_SOCKET", address.c_str(), 1);
    }
    // Collects datagrams until `message` has arrived or kLimit passed.
    bool wait_for_notification(const std::string& message) {
        const auto deadline = std::chrono::steady_clock::now() + kLimit;
        for (const std::string& m : notifications_)
            if (m == message) return true;
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{notify_fd_, POLLIN, 0};
            if (poll(&p, 1, 100) != 1) continue;
            char buffer[4096];
            const ssize_t n = recv(notify_fd_, buffer, sizeof(buffer), 0);
            if (n <= 0) continue;
            notifications_.emplace_back(buffer, static_cast<std::size_t>(n));
            if (notifications_.back() == message) return true;
        }
        return false;
    }
    std::string notifications() const {
        std::string all;
        for (const std::string& m : notifications_) all += "[" + m + "] ";
        return all;
    }
    void notify_cycle(const std::string& address);

    fs::path dir_;
    int notify_fd_ = -1;
    std::vector<std::string> notifications_;
};

void Service::notify_cycle(const std::string& address) {
    listen_for_notifications(address);
    setenv("WATCHDOG_USEC", "400000", 1);  // WATCHDOG=1 every 200 ms
    const std::string file = write_config(unix_client());
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    const std::string ready = "READY=1\nSTATUS=host h1, 1 client listener, running";
    EXPECT_TRUE(wait_for_notification(ready)) << notifications() << child.err();
    // Fed from the loop, so a second one after READY proves the timer.
    notifications_.clear();
    EXPECT_TRUE(wait_for_notification("WATCHDOG=1")) << notifications();
    EXPECT_TRUE(child.wait_for_stderr("watchdog: WATCHDOG=1 every 200 ms\n", kLimit)) << child.err();

    ASSERT_EQ(kill(child.pid(), SIGHUP), 0);
    EXPECT_TRUE(wait_for_notification("RELOADING=1")) << notifications();
    notifications_.clear();
    EXPECT_TRUE(wait_for_notification(ready)) << notifications();

    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_TRUE(wait_for_notification("STOPPING=1\nSTATUS=stopping on SIGTERM")) << notifications();
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
}

TEST_F(Service, NotifiesAPathSocketAcrossTheChroot) { notify_cycle((dir_ / "notify").string()); }

TEST_F(Service, NotifiesAnAbstractSocket) { notify_cycle("@braid-service-test-" + std::to_string(getpid())); }

// A free loopback port (a small race with other programs is acceptable).
std::uint16_t free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
    close(fd);
    return ntohs(addr.sin_port);
}

TEST_F(Service, TakesItsListenersFromSocketActivation) {
    const char* activate = "/usr/bin/systemd-socket-activate";
    if (access(activate, X_OK) != 0) GTEST_SKIP() << activate << " not found: install the systemd package";
    const std::string sock = (dir_ / "client.sock").string();
    const std::string tcp = "127.0.0.1:" + std::to_string(free_port());
    const std::string file = write_config(unix_client() + ", \"tcp:" + tcp + "\"");
    std::vector<std::string> args = {"-l", sock, "-l", tcp, "--fdname=braid-client:braid-client"};
    // systemd-socket-activate passes on only the environment it is told to.
    if (const char* asan = std::getenv("ASAN_OPTIONS"))
        args.insert(args.end(), {"-E", "ASAN_OPTIONS=" + std::string(asan)});
    args.insert(args.end(), {"--", BRAIDD_PATH, "-c", file, "-n", "h1"});
    Child child(activate, args, dir_.string());
    ASSERT_TRUE(child.started());
    // systemd-socket-activate starts braidd at the first connection; that
    // client waits in the listen queue meanwhile instead of being refused.
    ASSERT_TRUE(child.wait_for_stderr("Listening on " + tcp, kLimit)) << child.err();
    const int client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    sock.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
    EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_TRUE(child.wait_for_stderr(" ready: ", kLimit)) << child.err();
    EXPECT_NE(child.err().find("[PRINT] client listener unix:" + sock + ": from systemd (braid-client)\n"),
              std::string::npos)
        << child.err();
    EXPECT_NE(child.err().find("[PRINT] client listener tcp:" + tcp + ": from systemd (braid-client)\n"),
              std::string::npos)
        << child.err();
    EXPECT_EQ(child.err().find(": opened\n"), std::string::npos) << child.err();
    close(client);
    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
}

// The value of `key` in /proc/PID/status.
std::string status_field(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(key + ":")) return line.substr(key.size() + 2);
    return "";
}

TEST_F(Service, AsRootChrootsAndDropsEveryPrivilege) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root: braidd only chroots and drops privileges when started as root";
    const std::string file = write_config(unix_client());
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    ASSERT_TRUE(child.wait_for_stderr(" ready: ", kLimit)) << child.err();
    EXPECT_NE(child.err().find("[PRINT] chrooted into " + dir_.string() +
                               ", running as user nobody (uid 65534), group nogroup (gid 65534), no capabilities\n"),
              std::string::npos)
        << child.err();
    EXPECT_EQ(status_field(child.pid(), "Uid"), "65534\t65534\t65534\t65534");
    EXPECT_EQ(status_field(child.pid(), "Gid"), "65534\t65534\t65534\t65534");
    EXPECT_EQ(status_field(child.pid(), "Groups"), "65534 ");
    for (const char* set : {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"})
        EXPECT_EQ(status_field(child.pid(), set), "0000000000000000") << set;
    EXPECT_EQ(fs::read_symlink("/proc/" + std::to_string(child.pid()) + "/root"), dir_);
    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
}

TEST_F(Service, AsRootRefusesToStartWhenTheUserDoesNotExist) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root: braidd only drops privileges when started as root";
    const std::string file = write_config(unix_client(), "braid-no-such-user");
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 1);
    EXPECT_NE(child.err().find("\nbraidd: privilege drop failed: user 'braid-no-such-user' does not exist; create "
                               "it or set [daemon] user; not starting\n"),
              std::string::npos)
        << child.err();
}

TEST_F(Service, AsRootRefusesToStartWhenTheChrootFails) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root: braidd only chroots when started as root";
    std::string file = write_config(unix_client());
    const std::string missing = (dir_ / "no-such-root").string();
    std::string text;
    {
        std::ifstream in(file);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    text.replace(text.find("runtime_dir = \"" + dir_.string() + "\""), 15 + dir_.string().size() + 1,
                 "runtime_dir = \"" + missing + "\"");
    std::ofstream(file) << text;
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 1);
    EXPECT_NE(child.err().find("\nbraidd: privilege drop failed: cannot chroot into '" + missing +
                               "': No such file or directory; not starting\n"),
              std::string::npos)
        << child.err();
}

TEST_F(Service, AsAnotherUserRunsAsIsAndSaysSo) {
    // As root, setpriv (util-linux) starts braidd as nobody.
    std::vector<std::string> command;
    if (geteuid() == 0) {
        if (access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "/usr/bin/setpriv not found (util-linux)";
        command = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
    }
    const std::string tcp = "127.0.0.1:" + std::to_string(free_port());
    const std::string file = write_config("\"tcp:" + tcp + "\"");
    command.insert(command.end(), {BRAIDD_PATH, "-c", file, "-n", "h1"});
    const std::string program = command.front();
    command.erase(command.begin());
    Child child(program, command, dir_.string());
    ASSERT_TRUE(child.started());
    ASSERT_TRUE(child.wait_for_stderr(" ready: ", kLimit)) << child.err();
    EXPECT_NE(child.err().find("[PRINT] running as uid " + std::to_string(geteuid() == 0 ? 65534 : getuid()) +
                               " (not root): no chroot, no privilege drop; [daemon] runtime_dir, user and group "
                               "unused\n"),
              std::string::npos)
        << child.err();
    EXPECT_EQ(fs::read_symlink("/proc/" + std::to_string(child.pid()) + "/root"), "/");
    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
}

}  // namespace
}  // namespace braid::system
