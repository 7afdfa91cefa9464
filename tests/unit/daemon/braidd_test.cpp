// Runs the built braidd binary as a real process: --check-config on good and
// broken files, and a start / reload / SIGTERM cycle.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

#include "child.hpp"

namespace braid::daemon {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::Child;

constexpr auto kLimit = 10s;  // generous bound for a shared, noisy machine

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

const char* kGood = R"([cluster]
name = "test"

[[network]]
name = "lo"
unicast = true

[[host]]
name = "h1"
addresses = { lo = "127.0.0.1" }
)";

const char* kBroken = R"([cluster]
name = "test"
colour = "blue"

[[network]]
name = "a"
broadcast = "10.0.0.300"

[[host]]
name = "h1"
addresses = { a = "10.0.0.1" }
)";

// An empty working directory (so no ./braid.toml is found by accident).
class Braidd : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "braidd-test-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        no_leak_check_when_chrooting();
        // Readable by the unprivileged user a root-started braidd becomes,
        // so that it can re-read its configuration on SIGHUP.
        fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    // kGood with a private client socket (tests run in parallel and must
    // not compete for the default /run/braid/4803 and port 4803) and, for a
    // run as root, a chroot into the test directory as nobody.
    std::string good() const {
        return std::string(kGood) + "\n[daemon]\nclients = [\"unix:" + (dir_ / "client.sock").string() +
               "\"]\nruntime_dir = \"" + dir_.string() + "\"\nuser = \"nobody\"\ngroup = \"nogroup\"\n";
    }
    fs::path dir_;
};

TEST_F(Braidd, CheckConfigPrintsTheEffectiveConfiguration) {
    std::string file = write("good.toml", good());
    Child child(BRAIDD_PATH, {"--check-config", "-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
    EXPECT_EQ(child.out().rfind("configuration OK: " + file + ", host h1\n", 0), 0u) << child.out();
    EXPECT_NE(child.out().find("[cluster]\nname = \"test\"\n"), std::string::npos) << child.out();
    EXPECT_NE(child.out().find("[[host]]\nname = \"h1\"\n"), std::string::npos) << child.out();
    EXPECT_EQ(child.err(), "");
}

TEST_F(Braidd, CheckConfigReportsEveryMistakeWithItsPosition) {
    std::string file = write("broken.toml", kBroken);
    Child child(BRAIDD_PATH, {"--check-config", "-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 1);
    EXPECT_EQ(child.err(), file + ":3:1: unknown key 'colour' in [cluster]\n" + file +
                               ":7:13: network[0].broadcast: '10.0.0.300' is not an IPv4 address\n"
                               "braidd: " + file + ": 2 errors\n");
    EXPECT_EQ(child.out(), "");
}

TEST_F(Braidd, BrokenConfigurationIsFatalAtStart) {
    std::string file = write("broken.toml", kBroken);
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 1);
    EXPECT_NE(child.err().find(file + ":7:13: network[0].broadcast"), std::string::npos) << child.err();
    EXPECT_NE(child.err().find("braidd: " + file + ": 2 errors; not starting\n"), std::string::npos)
        << child.err();
}

TEST_F(Braidd, UsageErrorsExitWithTwo) {
    Child child(BRAIDD_PATH, {"--daemonize"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 2);
    EXPECT_EQ(child.err(), "braidd: unknown option '--daemonize'\nTry 'braidd --help'.\n");
}

TEST_F(Braidd, StartsReloadsAndStopsCleanlyOnSigterm) {
    std::string file = write("good.toml", good());
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    ASSERT_TRUE(child.wait_for_stderr("[PRINT] braidd 0.1.0 ready: host h1, configuration " + file + "\n", kLimit))
        << child.err();

    // A reload applies logging at once and names what needs a restart.
    std::string text = good();
    text.replace(text.find("name = \"test\""), 13, "name = \"prod\"");
    write("good.toml", text + "\n[logging]\ndebug = [\"ALL\"]\n");
    ASSERT_EQ(kill(child.pid(), SIGHUP), 0);
    ASSERT_TRUE(child.wait_for_stderr("reload: logging debug: PRINT, EXIT -> ALL\n", kLimit)) << child.err();
    EXPECT_NE(child.err().find("[CONFIGURATION] reload: restart needed for [cluster]; the running value "
                               "stays in force until then\n"),
              std::string::npos)
        << child.err();

    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
    EXPECT_NE(child.err().find("[EXIT] braidd stopping on SIGTERM: host h1\n"), std::string::npos)
        << child.err();
}

TEST_F(Braidd, LogsToTheConfiguredFileWithTheHostName) {
    std::string file = write("good.toml", good() + "\n[logging]\nfile = \"" +
                                              (dir_ / "braid-%h.log").string() + "\"\ntimestamp = \"\"\n");
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    const fs::path log = dir_ / "braid-h1.log";
    // The start-up lines before it (listeners, privilege drop) go there too.
    const std::string first = "[PRINT] client listener unix:" + (dir_ / "client.sock").string() + ": opened\n";
    const std::string ready = "[PRINT] braidd 0.1.0 ready: host h1, configuration " + file + "\n";
    auto complete = [&](const std::string& t) { return t.ends_with(ready); };
    std::string text;
    for (int i = 0; i < 1000 && !complete(text); ++i) {  // at most 10 s
        std::ifstream in(log);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!complete(text)) usleep(10000);
    }
    EXPECT_TRUE(text.starts_with(first) && complete(text)) << text;
    ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
    EXPECT_EQ(child.err(), "");  // everything went to the file
}

TEST_F(Braidd, UnopenableLogFileIsFatalAtStart) {
    const std::string log = (dir_ / "no-such-dir" / "braid.log").string();
    std::string file = write("good.toml", good() + "\n[logging]\nfile = \"" + log + "\"\n");
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    EXPECT_EQ(child.wait_exit(kLimit), 1);
    EXPECT_EQ(child.err(), "braidd: cannot open log file '" + log + "': No such file or directory\n");
}

TEST_F(Braidd, SigintStopsCleanlyToo) {
    std::string file = write("good.toml", good());
    Child child(BRAIDD_PATH, {"-c", file, "-n", "h1"}, dir_.string());
    ASSERT_TRUE(child.started());
    ASSERT_TRUE(child.wait_for_stderr(" ready: ", kLimit)) << child.err();
    ASSERT_EQ(kill(child.pid(), SIGINT), 0);
    EXPECT_EQ(child.wait_exit(kLimit), 0) << child.err();
    EXPECT_NE(child.err().find("braidd stopping on SIGINT"), std::string::npos) << child.err();
}

}  // namespace
}  // namespace braid::daemon
