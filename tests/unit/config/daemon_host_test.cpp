// Which [[host]] the daemon runs as: -n NAME, [daemon] host, the host with a
// local address, the host named like the machine; and the errors when none
// or several fit.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;

// Two hosts, h1 (10.1.0.1) and h2 (10.1.0.2), and no [daemon] host.
const std::string kTwoHosts =
    "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
    "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\" }\n"
    "[[host]]\nname = \"h2\"\naddresses = { a = \"10.1.0.2\" }\n"
    "[security]\nkey_file = \"/etc/braid/authkey\"\n";

Environment machine(std::string hostname, std::vector<std::string> addresses,
                    std::optional<std::string> override_name = std::nullopt) {
    Environment e{std::move(hostname), {}, std::move(override_name)};
    for (const auto& a : addresses) e.local_addresses.push_back(*Ipv4Address::parse(a));
    return e;
}

std::string chosen(const std::string& text, const Environment& environment) {
    auto result = load(text, environment);
    if (!result.config) return "error: " + result.errors.at(0).to_string();
    return result.config->daemon.host;
}

TEST(ConfigDaemonHost, OverrideWins) {
    EXPECT_EQ(chosen(kTwoHosts + "[daemon]\nhost = \"h1\"\n", machine("h1", {"10.1.0.1"}, "h2")), "h2");
}

TEST(ConfigDaemonHost, OverrideNamingNoHost) {
    EXPECT_THAT(errors(kTwoHosts, machine("h1", {}, "h9")),
                ElementsAre("t.toml: -n 'h9': no [[host]] named 'h9'"));
}

TEST(ConfigDaemonHost, ConfiguredHostBeatsTheMachine) {
    EXPECT_EQ(chosen(kTwoHosts + "[daemon]\nhost = \"h2\"\n", machine("h1", {"10.1.0.1"})), "h2");
}

TEST(ConfigDaemonHost, LocalAddressBeatsHostName) {
    EXPECT_EQ(chosen(kTwoHosts, machine("h1", {"127.0.0.1", "10.1.0.2"})), "h2");
}

TEST(ConfigDaemonHost, SeveralLocalHostsIsAnError) {
    EXPECT_THAT(errors(kTwoHosts, machine("box", {"10.1.0.1", "10.1.0.2"})),
                ElementsAre("t.toml: cannot determine the daemon host: hosts 'h1' and 'h2' each have an "
                            "address of this machine; set [daemon] host or start with -n NAME"));
}

TEST(ConfigDaemonHost, HostNameMatchesShortOrFull) {
    EXPECT_EQ(chosen(kTwoHosts, machine("h2.example.com", {"127.0.0.1"})), "h2");
    EXPECT_EQ(chosen(kTwoHosts, machine("h1", {})), "h1");
}

TEST(ConfigDaemonHost, NothingFits) {
    EXPECT_THAT(errors(kTwoHosts, machine("box.example.com", {"192.168.1.4"})),
                ElementsAre("t.toml: cannot determine the daemon host: no [[host]] has an address of this "
                            "machine or is named 'box'; set [daemon] host or start with -n NAME"));
}

TEST(ConfigDaemonHost, SelfIsTheChosenHost) {
    auto result = load(kTwoHosts, machine("box", {"10.1.0.2"}));
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->self().name, "h2");
    EXPECT_EQ(result.config->self().addresses.at("a"), Ipv4Address::parse("10.1.0.2"));
}

}  // namespace
}  // namespace braid::config::test
