// [security]: the cluster key rule, authentication and encryption as a set,
// monitor hosts and port reuse.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;

// Two hosts (9 lines); tests append [security].
const std::string kTwoHosts =
    "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
    "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\" }\n"
    "[[host]]\nname = \"h2\"\naddresses = { a = \"10.1.0.2\" }\n";

const std::string kNoKeyMessage =
    "more than one host and no [security] key_file: create one with 'braidctl keygen "
    "/etc/braid/authkey' and set key_file, or set authenticate = false (not recommended)";

TEST(ConfigSecurity, SeveralHostsNeedAKey) {
    EXPECT_THAT(errors(kTwoHosts), ElementsAre("t.toml: " + kNoKeyMessage));
    EXPECT_THAT(errors(kTwoHosts + "[security]\ndangerous_monitor = false\n"),
                ElementsAre("t.toml:10:1: " + kNoKeyMessage));
}

TEST(ConfigSecurity, AuthenticationOffByExplicitChoice) {
    auto result = load(kTwoHosts + "[security]\nauthenticate = false\n");
    ASSERT_TRUE(result.config);
    EXPECT_FALSE(result.config->security.authenticate);
    EXPECT_FALSE(result.config->security.encrypt);
    EXPECT_FALSE(result.config->security.key_file);
}

TEST(ConfigSecurity, KeyFileTurnsEverythingOn) {
    auto result = load(kTwoHosts + "[security]\nkey_file = \"/etc/braid/authkey\"\n"
                                   "next_key_file = \"/etc/braid/authkey.next\"\n");
    ASSERT_TRUE(result.config);
    const Security& s = result.config->security;
    EXPECT_EQ(s.key_file, "/etc/braid/authkey");
    EXPECT_EQ(s.next_key_file, "/etc/braid/authkey.next");
    EXPECT_TRUE(s.authenticate);
    EXPECT_TRUE(s.encrypt);
    EXPECT_FALSE(s.dangerous_monitor);
    EXPECT_EQ(s.socket_port_reuse, PortReuse::automatic);
    EXPECT_THAT(s.monitor_hosts, ElementsAre("h1", "h2"));
}

TEST(ConfigSecurity, AuthenticationWithoutEncryption) {
    auto result = load(kTwoHosts + "[security]\nkey_file = \"/k\"\nencrypt = false\n");
    ASSERT_TRUE(result.config);
    EXPECT_TRUE(result.config->security.authenticate);
    EXPECT_FALSE(result.config->security.encrypt);
    auto off = load(kTwoHosts + "[security]\nkey_file = \"/k\"\nauthenticate = false\n");
    ASSERT_TRUE(off.config);
    EXPECT_FALSE(off.config->security.authenticate);
    EXPECT_FALSE(off.config->security.encrypt);
}

TEST(ConfigSecurity, SingleHostNeedsNoKey) {
    auto result = load(kMinimal);
    ASSERT_TRUE(result.config);
    EXPECT_FALSE(result.config->security.authenticate);
    EXPECT_FALSE(result.config->security.encrypt);
}

TEST(ConfigSecurity, AuthenticateOrEncryptWithoutKey) {
    EXPECT_THAT(errors(kMinimal + "[security]\nauthenticate = true\nencrypt = true\n"),
                ElementsAre("t.toml:8:16: security.authenticate: true needs a key_file: create one with "
                            "'braidctl keygen /etc/braid/authkey' and set key_file",
                            "t.toml:9:11: security.encrypt: true needs a key_file: create one with "
                            "'braidctl keygen /etc/braid/authkey' and set key_file"));
}

TEST(ConfigSecurity, EncryptionNeedsAuthentication) {
    EXPECT_THAT(errors(kTwoHosts + "[security]\nkey_file = \"/k\"\nauthenticate = false\nencrypt = true\n"),
                ElementsAre("t.toml:13:11: security.encrypt: true needs authenticate = true (encryption "
                            "without authentication is not offered)"));
}

TEST(ConfigSecurity, BadKeyFiles) {
    EXPECT_THAT(errors(kTwoHosts + "[security]\nkey_file = \"authkey\"\n"),
                ElementsAre("t.toml:11:12: security.key_file: 'authkey' is not an absolute path"));
    EXPECT_THAT(errors(kMinimal + "[security]\nnext_key_file = \"/k2\"\n"),
                ElementsAre("t.toml:8:17: security.next_key_file: needs key_file, the key in use"));
    EXPECT_THAT(errors(kMinimal + "[security]\nkey_file = \"/k\"\nnext_key_file = \"/k\"\n"),
                ElementsAre("t.toml:9:17: security.next_key_file: '/k' is already key_file"));
}

TEST(ConfigSecurity, MonitorAndPortReuse) {
    auto result = load(kTwoHosts + "[security]\nauthenticate = false\ndangerous_monitor = true\n"
                                   "socket_port_reuse = \"on\"\nmonitor_hosts = [\"h2\"]\n");
    ASSERT_TRUE(result.config);
    EXPECT_TRUE(result.config->security.dangerous_monitor);
    EXPECT_EQ(result.config->security.socket_port_reuse, PortReuse::on);
    EXPECT_THAT(result.config->security.monitor_hosts, ElementsAre("h2"));
    auto off = load(kMinimal + "[security]\nsocket_port_reuse = \"off\"\nmonitor_hosts = []\n");
    ASSERT_TRUE(off.config);
    EXPECT_EQ(off.config->security.socket_port_reuse, PortReuse::off);
    EXPECT_TRUE(off.config->security.monitor_hosts.empty());
}

TEST(ConfigSecurity, BadMonitorAndPortReuse) {
    std::string text = kTwoHosts +
                       "[security]\n"                                  // 10
                       "authenticate = false\n"                        // 11
                       "dangerous_monitor = \"no\"\n"                  // 12
                       "socket_port_reuse = \"yes\"\n"                 // 13
                       "monitor_hosts = [\"h1\", \"h9\", \"h1\"]\n";   // 14
    EXPECT_THAT(errors(text),
                ElementsAre("t.toml:12:21: security.dangerous_monitor: expected a boolean (true or false), "
                            "got a string",
                            "t.toml:13:21: security.socket_port_reuse: 'yes' is not one of auto, on, off",
                            "t.toml:14:24: security.monitor_hosts[1]: no [[host]] named 'h9'",
                            "t.toml:14:30: security.monitor_hosts[2]: 'h1' is listed twice"));
}

}  // namespace
}  // namespace braid::config::test
