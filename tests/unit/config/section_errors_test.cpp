// [daemon], [multipath], [logging] and [limits]: values read, and every
// mistake reported with its message and position.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/client_listener.hpp"
#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Two networks a and b with h1 on both, for the multipath tests (7 lines... 9 lines).
const std::string kTwoNetworks =
    "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
    "[[network]]\nname = \"b\"\nbroadcast = \"10.2.0.255\"\n"
    "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\", b = \"10.2.0.1\" }\n";

std::string categories_hint() {
    return "(PRINT, EXIT, DEBUG, DATA_LINK, NETWORK, PROTOCOL, SESSION, CONFIGURATION, MEMBERSHIP, "
           "FLOW_CONTROL, STATUS, EVENTS, GROUPS, MEMORY, ALL, NONE; '!' in front removes one)";
}

TEST(ConfigDaemon, ValuesAreRead) {
    auto result = load(kMinimal +
                       "[daemon]\n"
                       "clients = [\"unix:/tmp/b.sock\", \"tcp:0.0.0.0:5000\"]\n"
                       "runtime_dir = \"/srv/braid\"\n"
                       "user = \"gc\"\n"
                       "group = \"gcg\"\n");
    ASSERT_TRUE(result.config);
    const Daemon& d = result.config->daemon;
    ASSERT_EQ(d.clients.size(), 2u);
    EXPECT_EQ(d.clients[0].kind, ClientListener::Kind::unix_socket);
    EXPECT_EQ(d.clients[0].path, "/tmp/b.sock");
    EXPECT_EQ(d.clients[1].kind, ClientListener::Kind::tcp);
    EXPECT_TRUE(d.clients[1].address.is_any());
    EXPECT_EQ(d.clients[1].port, 5000);
    EXPECT_EQ(d.runtime_dir, "/srv/braid");
    EXPECT_EQ(d.user, "gc");
    EXPECT_EQ(d.group, "gcg");
}

TEST(ConfigDaemon, HostThatDoesNotExist) {
    EXPECT_THAT(errors(kMinimal + "[daemon]\nhost = \"h9\"\n"),
                ElementsAre("t.toml:8:8: daemon.host: no [[host]] named 'h9'"));
}

TEST(ConfigDaemon, BadClientListeners) {
    std::string text = kMinimal +
                       "[daemon]\n"                  // 7
                       "clients = [\n"               // 8
                       "  \"unix:run/braid\",\n"     // 9
                       "  \"tcp:127.0.0.1\",\n"      // 10
                       "  \"tcp:1.2.3:80\",\n"       // 11
                       "  \"tcp:127.0.0.1:0\",\n"    // 12
                       "  \"udp:x\",\n"              // 13
                       "  \"unix:/a\",\n"            // 14
                       "  \"unix:/a\",\n"            // 15
                       "  \"tcp:127.0.0.1:65536\",\n"  // 16
                       "]\n";
    EXPECT_THAT(errors(text),
                ElementsAre("t.toml:9:3: daemon.clients[0]: 'unix:run/braid': the socket path must be absolute",
                            "t.toml:10:3: daemon.clients[1]: 'tcp:127.0.0.1': missing port, expected "
                            "\"unix:/PATH\" or \"tcp:ADDRESS:PORT\"",
                            "t.toml:11:3: daemon.clients[2]: 'tcp:1.2.3:80': '1.2.3' is not an IPv4 address",
                            "t.toml:12:3: daemon.clients[3]: 'tcp:127.0.0.1:0': port '0' is not a number "
                            "between 1 and 65535",
                            "t.toml:13:3: daemon.clients[4]: 'udp:x': expected \"unix:/PATH\" or "
                            "\"tcp:ADDRESS:PORT\"",
                            "t.toml:15:3: daemon.clients[6]: 'unix:/a' is listed twice",
                            "t.toml:16:3: daemon.clients[7]: 'tcp:127.0.0.1:65536': port '65536' is not a "
                            "number between 1 and 65535"));
}

TEST(ConfigDaemon, ClientListOfWrongShape) {
    EXPECT_THAT(errors(kMinimal + "[daemon]\nclients = []\n"),
                ElementsAre("t.toml:8:11: daemon.clients: at least one listener is required"));
    EXPECT_THAT(errors(kMinimal + "[daemon]\nclients = [5]\n"),
                ElementsAre("t.toml:8:12: daemon.clients[0]: expected a string, got an integer"));
    EXPECT_THAT(errors(kMinimal + "[daemon]\nclients = \"unix:/a\"\n"),
                ElementsAre("t.toml:8:11: daemon.clients: expected an array of strings, got a string"));
}

TEST(ConfigDaemon, BadPathsAndNames) {
    EXPECT_THAT(errors(kMinimal + "[daemon]\nruntime_dir = \"var/lib/braid\"\nuser = \"\"\ngroup = 0\n"),
                ElementsAre("t.toml:8:15: daemon.runtime_dir: 'var/lib/braid' is not an absolute path",
                            "t.toml:9:8: daemon.user: must not be empty",
                            "t.toml:10:9: daemon.group: expected a string, got an integer"));
}

TEST(ClientListenerText, ParseAndFormatAgree) {
    for (std::string text : {"unix:/run/braid/4803", "tcp:127.0.0.1:4803", "tcp:0.0.0.0:1", "tcp:10.0.0.1:65535"}) {
        auto parsed = parse_client_listener(text);
        ASSERT_TRUE(parsed.listener) << text << ": " << parsed.error;
        EXPECT_EQ(format_client_listener(*parsed.listener), text);
    }
    for (std::string text : {"", "unix:", "tcp:", "tcp:127.0.0.1:", "tcp:127.0.0.1:x", "tcp:127.0.0.1:80x",
                             "tcp:localhost:80", "tcp:127.0.0.1:-1"})
        EXPECT_FALSE(parse_client_listener(text).listener) << text;
}

TEST(ConfigMultipath, ValuesAreRead) {
    auto result = load(kTwoNetworks +
                       "[multipath]\n"
                       "mode = \"passive\"\n"
                       "priority = [\"b\"]\n"
                       "fault_threshold = 3\n"
                       "probe_interval = 50\n"
                       "silence_timeout = 300\n"
                       "restore_after = 5000\n");
    ASSERT_TRUE(result.config);
    const Multipath& m = result.config->multipath;
    EXPECT_EQ(m.mode, MultipathMode::passive);
    EXPECT_THAT(m.priority, ElementsAre("b", "a"));  // unlisted networks follow in file order
    EXPECT_EQ(m.fault_threshold, 3u);
    EXPECT_EQ(m.probe_interval_ms, 50u);
    EXPECT_EQ(m.silence_timeout_ms, 300u);
    EXPECT_EQ(m.restore_after_ms, 5000u);
}

TEST(ConfigMultipath, DefaultPriorityIsFileOrder) {
    auto result = load(kTwoNetworks);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->multipath.mode, MultipathMode::active);
    EXPECT_THAT(result.config->multipath.priority, ElementsAre("a", "b"));
    EXPECT_EQ(result.config->multipath.fault_threshold, 8u);
}

TEST(ConfigMultipath, BadValues) {
    std::string text = kTwoNetworks +
                       "[multipath]\n"                     // 10
                       "mode = \"both\"\n"                 // 11
                       "priority = [\"b\", \"c\", \"b\"]\n"  // 12
                       "fault_threshold = 0\n";           // 13
    EXPECT_THAT(errors(text),
                ElementsAre("t.toml:11:8: multipath.mode: 'both' is not a mode (active or passive)",
                            "t.toml:12:18: multipath.priority[1]: no [[network]] named 'c'",
                            "t.toml:12:23: multipath.priority[2]: 'b' is listed twice",
                            "t.toml:13:19: multipath.fault_threshold: 0 is out of range (1..1000)"));
}

TEST(ConfigLogging, ValuesAreRead) {
    auto result = load(kMinimal +
                       "[logging]\n"
                       "debug = [\"ALL\", \"!DATA_LINK\", \"!EVENTS\"]\n"
                       "file = \"/var/log/braid/%h.log\"\n"
                       "timestamp = \"\"\n");
    ASSERT_TRUE(result.config);
    const Logging& l = result.config->logging;
    EXPECT_EQ(l.debug, log::kAllCategories & ~log::mask(log::Category::data_link) &
                           ~log::mask(log::Category::events));
    EXPECT_EQ(l.file, "/var/log/braid/%h.log");
    EXPECT_EQ(l.timestamp, "");
}

TEST(ConfigLogging, Defaults) {
    auto result = load(kMinimal);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->logging.debug, log::kDefaultCategories);
    EXPECT_FALSE(result.config->logging.file);
    EXPECT_EQ(result.config->logging.timestamp, "[%a %d %b %Y %H:%M:%S]");
}

TEST(ConfigLogging, NoneClearsEarlierEntries) {
    auto result = load(kMinimal + "[logging]\ndebug = [\"PROTOCOL\", \"NONE\", \"GROUPS\"]\n");
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->logging.debug, log::mask(log::Category::groups));
}

TEST(ConfigLogging, EveryBadCategoryIsReported) {
    std::string text = kMinimal + "[logging]\ndebug = [\"PRINT\", \"PROTOCL\", \"!MEMBRSHIP\"]\n";
    EXPECT_THAT(errors(text),
                ElementsAre("t.toml:8:19: logging.debug[1]: 'PROTOCL' is not a log category " + categories_hint(),
                            "t.toml:8:30: logging.debug[2]: '!MEMBRSHIP' is not a log category " +
                                categories_hint()));
}

TEST(ConfigLogging, BadShapes) {
    EXPECT_THAT(errors(kMinimal + "[logging]\ndebug = \"ALL\"\nfile = \"braid.log\"\ntimestamp = false\n"),
                ElementsAre("t.toml:8:9: logging.debug: expected an array of strings, got a string",
                            "t.toml:9:8: logging.file: 'braid.log' is not an absolute path",
                            "t.toml:10:13: logging.timestamp: expected a string, got a boolean"));
}

TEST(ConfigLimits, ValuesAndDefaults) {
    auto defaults = load(kMinimal);
    ASSERT_TRUE(defaults.config);
    EXPECT_EQ(defaults.config->limits.max_session_messages, 1000u);
    EXPECT_EQ(defaults.config->limits.ring_window, 160u);
    EXPECT_EQ(defaults.config->limits.personal_window, 20u);
    auto result = load(kMinimal + "[limits]\nmax_session_messages = 5000\nring_window = 400\npersonal_window = 40\n");
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->limits.max_session_messages, 5000u);
    EXPECT_EQ(result.config->limits.ring_window, 400u);
    EXPECT_EQ(result.config->limits.personal_window, 40u);
}

TEST(ConfigLimits, BadValues) {
    EXPECT_THAT(errors(kMinimal + "[limits]\nmax_session_messages = 0\n"),
                ElementsAre("t.toml:8:24: limits.max_session_messages: 0 is out of range (1..1000000)"));
    EXPECT_THAT(errors(kMinimal + "[limits]\npersonal_window = 200\n"),
                ElementsAre("t.toml:8:19: limits.personal_window (200) must not exceed limits.ring_window (160)"));
    EXPECT_THAT(errors(kMinimal + "[limits]\nring_window = 10\n"),
                ElementsAre("t.toml:8:15: limits.personal_window (20) must not exceed limits.ring_window (10)"));
}

}  // namespace
}  // namespace braid::config::test
