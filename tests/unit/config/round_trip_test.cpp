// to_toml prints every option with its resolved value, and load_string reads
// the printed text back into the same Config.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/printer.hpp"
#include "support.hpp"

namespace braid::config::test {
namespace {

// Every option set to something other than its default.
const std::string kEverything =
    "[cluster]\nname = \"edge-7\"\nport = 6000\n"
    "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
    "[[network]]\nname = \"b\"\nmulticast = \"239.192.0.1\"\n"
    "[[network]]\nname = \"c_3\"\nunicast = true\n"
    "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\", b = \"10.2.0.1\", c_3 = \"10.3.0.1\" }\n"
    "[[host]]\nname = \"h2\"\naddresses = { c_3 = \"10.3.0.2\", b = \"10.2.0.2\" }\nsegment = \"dc \\\"2\\\"\"\n"
    "[daemon]\nhost = \"h2\"\nclients = [\"tcp:0.0.0.0:6000\", \"unix:/tmp/braid sock\"]\n"
    "runtime_dir = \"/srv/braid\"\nuser = \"gc\"\ngroup = \"gcg\"\n"
    "[multipath]\nmode = \"passive\"\npriority = [\"c_3\"]\nfault_threshold = 3\nprobe_interval = 70\n"
    "silence_timeout = 500\nrestore_after = 9000\n"
    "[timeouts]\ntoken = 1500\njoin = 70\n"
    "[logging]\ndebug = [\"ALL\", \"!MEMORY\"]\nfile = \"/var/log/braid/%h.log\"\ntimestamp = \"%F %T\"\n"
    "[security]\nkey_file = \"/etc/braid/k\"\nnext_key_file = \"/etc/braid/k2\"\nencrypt = false\n"
    "dangerous_monitor = true\nsocket_port_reuse = \"off\"\nmonitor_hosts = [\"h2\"]\n"
    "[limits]\nmax_session_messages = 77\nring_window = 300\npersonal_window = 30\n";

void expect_round_trip(const Config& original) {
    std::string text = to_toml(original);
    auto again = load_string(text, original.source, Environment{"elsewhere", {}, std::nullopt});
    ASSERT_TRUE(again.config) << again.errors.at(0).to_string() << "\n" << text;
    EXPECT_EQ(*again.config, original) << text;
    EXPECT_EQ(to_toml(*again.config), text);
}

TEST(ConfigRoundTrip, EveryOption) {
    auto result = load(kEverything);
    ASSERT_TRUE(result.config) << result.errors.at(0).to_string();
    expect_round_trip(*result.config);
}

TEST(ConfigRoundTrip, MinimalFileWithDerivedValues) {
    auto result = load(kMinimal);
    ASSERT_TRUE(result.config);
    expect_round_trip(*result.config);
    std::string text = to_toml(*result.config);
    // The derived values are printed, not left implicit.
    for (const char* line : {"token = 1000\n", "token_retransmit = 250\n", "join = 50\n", "consensus = 200\n",
                             "merge = 1000\n", "probe_interval = 100\n", "silence_timeout = 400\n",
                             "restore_after = 2000\n", "host = \"h1\"\n", "authenticate = false\n",
                             "clients = [\"unix:/run/braid/4803\", \"tcp:127.0.0.1:4803\"]\n",
                             "debug = [\"PRINT\", \"EXIT\"]\n", "monitor_hosts = [\"h1\"]\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line;
}

TEST(ConfigRoundTrip, SampleFile) {
    auto result = load_file(BRAID_SAMPLE_CONFIG, Environment{"box", {}, std::string("h2")});
    ASSERT_TRUE(result.config) << result.errors.at(0).to_string();
    expect_round_trip(*result.config);
}

TEST(ConfigRoundTrip, PrintedValues) {
    auto result = load(kEverything);
    ASSERT_TRUE(result.config);
    std::string text = to_toml(*result.config);
    for (const char* line : {"multicast = \"239.192.0.1\"\n", "unicast = true\n",
                             "addresses = { b = \"10.2.0.2\", c_3 = \"10.3.0.2\" }\n",
                             "segment = \"dc \\\"2\\\"\"\n", "priority = [\"c_3\", \"a\", \"b\"]\n",
                             "consensus = 300\n", "join = 70\n", "socket_port_reuse = \"off\"\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
}

}  // namespace
}  // namespace braid::config::test
