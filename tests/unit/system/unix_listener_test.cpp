// Unix client listeners: directory creation, permissions, a stale socket
// file replaced, a live socket or a foreign file left alone with a clear
// error; and ClientListeners taking an inherited socket by its address.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "system/listeners.hpp"

namespace braid::system {
namespace {

namespace fs = std::filesystem;

class UnixListener : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "braid-system-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    static bool connects(const std::string& path) {
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
        const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
        close(fd);
        return ok;
    }
    fs::path dir_;
};

TEST_F(UnixListener, CreatesTheDirectoryAndAWorldConnectableSocket) {
    const std::string path = (dir_ / "run" / "braid" / "4803").string();
    std::string error;
    const int fd = open_unix_listener(path, error);
    ASSERT_GE(fd, 0) << error;
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_TRUE(S_ISSOCK(st.st_mode));
    EXPECT_EQ(st.st_mode & 0777, 0666u);
    ASSERT_EQ(stat((dir_ / "run" / "braid").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);
    EXPECT_TRUE(connects(path));
    close(fd);
}

TEST_F(UnixListener, ReplacesAStaleSocketFile) {
    const std::string path = (dir_ / "4803").string();
    std::string error;
    int fd = open_unix_listener(path, error);
    ASSERT_GE(fd, 0) << error;
    close(fd);  // the file stays: what a crashed daemon leaves behind
    EXPECT_FALSE(connects(path));
    fd = open_unix_listener(path, error);
    ASSERT_GE(fd, 0) << error;
    EXPECT_TRUE(connects(path));
    close(fd);
}

TEST_F(UnixListener, RefusesASocketSomeoneListensOn) {
    const std::string path = (dir_ / "4803").string();
    std::string error;
    const int live = open_unix_listener(path, error);
    ASSERT_GE(live, 0) << error;
    EXPECT_EQ(open_unix_listener(path, error), -1);
    EXPECT_EQ(error, "cannot open the client listener unix:" + path + ": '" + path +
                         "' is in use: another daemon listens on it");
    EXPECT_TRUE(connects(path));  // the live socket was left alone
    close(live);
}

TEST_F(UnixListener, RefusesToRemoveAFileThatIsNotASocket) {
    const std::string path = (dir_ / "4803").string();
    std::ofstream(path) << "data\n";
    std::string error;
    EXPECT_EQ(open_unix_listener(path, error), -1);
    EXPECT_EQ(error, "cannot open the client listener unix:" + path + ": '" + path +
                         "' exists and is not a socket; remove it or choose another path");
    EXPECT_TRUE(fs::is_regular_file(path));
}

TEST_F(UnixListener, ClientListenersTakeInheritedSocketsByAddressAndCloseTheRest) {
    const std::string used = (dir_ / "used").string();
    const std::string extra = (dir_ / "extra").string();
    std::string error;
    const int inherited = open_unix_listener(used, error);
    const int unknown = open_unix_listener(extra, error);
    ASSERT_GE(inherited, 0);
    ASSERT_GE(unknown, 0);

    config::Config config;
    config::ClientListener own;
    own.kind = config::ClientListener::Kind::unix_socket;
    own.path = (dir_ / "own").string();
    config::ClientListener wanted = own;
    wanted.path = used;
    config.daemon.clients = {wanted, own};

    ClientListeners listeners;
    std::vector<std::string> unmatched;
    ASSERT_TRUE(listeners.open(config, {{inherited, "braid-client"}, {unknown, "braid-client"}}, unmatched, error))
        << error;
    ASSERT_EQ(listeners.listeners().size(), 2u);
    EXPECT_TRUE(listeners.listeners()[0].from_systemd);
    EXPECT_EQ(listeners.listeners()[0].fd, inherited);
    EXPECT_EQ(listeners.listeners()[0].fd_name, "braid-client");
    EXPECT_FALSE(listeners.listeners()[1].from_systemd);
    EXPECT_TRUE(connects(own.path));
    EXPECT_EQ(unmatched, std::vector<std::string>{"unix:" + extra + " (name braid-client)"});
    EXPECT_EQ(fcntl(unknown, F_GETFD), -1);  // closed
}

}  // namespace
}  // namespace braid::system
