// Mistakes in [cluster], [[network]] and [[host]], and in the document's
// shape: each reported with its exact message and position.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Host h1 on network "a", appended after the networks of a test.
const std::string kHostH1 =
    "[[host]]\n"
    "name = \"h1\"\n"
    "addresses = { a = \"10.1.0.1\" }\n";

TEST(ConfigTopology, MinimalFileLoads) {
    EXPECT_THAT(errors(kMinimal), IsEmpty());
}

TEST(ConfigTopology, SyntaxErrorHasPosition) {
    auto result = load("[cluster]\nname = \"x\nport = 1\n");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_FALSE(result.config);
    EXPECT_EQ(result.errors[0].file, "t.toml");
    EXPECT_EQ(result.errors[0].line, 2);
    EXPECT_EQ(result.errors[0].message.rfind("TOML syntax: ", 0), 0u) << result.errors[0].message;
}

TEST(ConfigTopology, EmptyFileNeedsNetworkAndHost) {
    EXPECT_THAT(errors(""), ElementsAre("t.toml: no [[network]]: at least one network is required",
                                        "t.toml: no [[host]]: at least one host is required"));
}

TEST(ConfigTopology, EmptyArraysNeedNetworkAndHost) {
    EXPECT_THAT(errors("network = []\nhost = []\n"),
                ElementsAre("t.toml:1:11: no [[network]]: at least one network is required",
                            "t.toml:2:8: no [[host]]: at least one host is required"));
}

TEST(ConfigTopology, BroadcastThatIsNotAnAddress) {
    std::string text =
        "[[network]]\n"
        "name = \"a\"\n"
        "broadcast = \"10.1.0.255\"\n"
        "[[network]]\n"
        "name = \"b\"\n"
        "broadcast = \"10.0.0.300\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:6:13: network[1].broadcast: '10.0.0.300' is not an IPv4 address"));
}

TEST(ConfigTopology, NetworkWithoutName) {
    std::string text = "[[network]]\nbroadcast = \"10.1.0.255\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:1:1: network[0]: missing required key 'name'",
                                          "t.toml:5:19: host[0].addresses.a: no [[network]] named 'a'"));
}

TEST(ConfigTopology, NetworkNameWithSpace) {
    std::string text = "[[network]]\nname = \"a b\"\nbroadcast = \"10.1.0.255\"\n" + kHostH1;
    EXPECT_THAT(errors(text),
                ElementsAre("t.toml:2:8: network[0].name: 'a b' is not a valid network name "
                            "(1 to 32 letters, digits, '-' or '_')",
                            "t.toml:6:19: host[0].addresses.a: no [[network]] named 'a'"));
}

TEST(ConfigTopology, BroadcastThatIsMulticast) {
    std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"239.1.1.1\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:3:13: network[0].broadcast: '239.1.1.1' is not a "
                                          "broadcast address (use multicast = ...)"));
}

TEST(ConfigTopology, MulticastOutsideClassD) {
    std::string text = "[[network]]\nname = \"a\"\nmulticast = \"10.1.0.255\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:3:13: network[0].multicast: '10.1.0.255' is not a "
                                          "multicast address (224.0.0.0/4)"));
}

TEST(ConfigTopology, MulticastNetworkLoads) {
    auto result = load("[[network]]\nname = \"a\"\nmulticast = \"239.192.0.1\"\n" + kHostH1);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->networks[0].kind, NetworkKind::multicast);
    EXPECT_EQ(result.config->networks[0].address, Ipv4Address::parse("239.192.0.1"));
}

TEST(ConfigTopology, UnicastNetworkLoads) {
    auto result = load("[[network]]\nname = \"a\"\nunicast = true\n" + kHostH1);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->networks[0].kind, NetworkKind::unicast);
    EXPECT_FALSE(result.config->networks[0].address);
}

TEST(ConfigTopology, BroadcastAndMulticastTogether) {
    std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\nmulticast = \"239.192.0.1\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:4:13: network[0].multicast: a network takes exactly one "
                                          "of broadcast, multicast or unicast = true, and broadcast is "
                                          "already given"));
}

TEST(ConfigTopology, BroadcastAndUnicastTogether) {
    std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\nunicast = true\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:4:11: network[0].unicast: a network takes exactly one "
                                          "of broadcast, multicast or unicast = true, and broadcast is "
                                          "already given"));
}

TEST(ConfigTopology, NetworkWithoutMedium) {
    EXPECT_THAT(errors("[[network]]\nname = \"a\"\n" + kHostH1),
                ElementsAre("t.toml:1:1: network[0]: missing broadcast, multicast or unicast = true"));
    EXPECT_THAT(errors("[[network]]\nname = \"a\"\nunicast = false\n" + kHostH1),
                ElementsAre("t.toml:1:1: network[0]: missing broadcast, multicast or unicast = true"));
}

TEST(ConfigTopology, UnicastOfWrongType) {
    EXPECT_THAT(errors("[[network]]\nname = \"a\"\nunicast = \"yes\"\n" + kHostH1),
                ElementsAre("t.toml:3:11: network[0].unicast: expected a boolean (true or false), got a string"));
}

TEST(ConfigTopology, DuplicateNetworkName) {
    std::string text =
        "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
        "[[network]]\nname = \"a\"\nbroadcast = \"10.2.0.255\"\n" + kHostH1;
    EXPECT_THAT(errors(text), ElementsAre("t.toml:5:8: network[1].name: 'a' is already the name of network[0]"));
}

TEST(ConfigTopology, HostWithoutName) {
    std::string text = kMinimal + "[[host]]\naddresses = { a = \"10.1.0.2\" }\n[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:7:1: host[1]: missing required key 'name'"));
}

TEST(ConfigTopology, HostNameTooLongForSpread) {
    std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
                       "[[host]]\nname = \"h2345678901234567890\"\naddresses = { a = \"10.1.0.1\" }\n";
    EXPECT_THAT(errors(text, machine_named("h2345678901234567890")),
                ElementsAre("t.toml:5:8: host[0].name: 'h2345678901234567890' is not a valid daemon name "
                            "(1 to 19 printable characters, no '#', no spaces)"));
}

TEST(ConfigTopology, HostNameWithHashOrSpace) {
    for (std::string bad : {"h#1", "h 1", "h\\t1"}) {
        std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
                           "[[host]]\nname = \"" + bad + "\"\naddresses = { a = \"10.1.0.1\" }\n";
        auto result = load(text, Environment{"box", {*Ipv4Address::parse("10.1.0.1")}, std::nullopt});
        ASSERT_EQ(result.errors.size(), 1u) << bad;
        EXPECT_EQ(result.errors[0].line, 5);
        EXPECT_EQ(result.errors[0].column, 8);
        EXPECT_NE(result.errors[0].message.find("is not a valid daemon name"), std::string::npos);
    }
}

TEST(ConfigTopology, HostNameOfNineteenCharactersIsValid) {
    std::string text = "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
                       "[[host]]\nname = \"h234567890123456789\"\naddresses = { a = \"10.1.0.1\" }\n";
    EXPECT_THAT(errors(text, machine_named("h234567890123456789")), IsEmpty());
}

TEST(ConfigTopology, HostWithoutAddress) {
    std::string text = kMinimal + "[[host]]\nname = \"h2\"\n[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:7:1: host[1] 'h2' has no address: give addresses = "
                                          "{ NETWORK = \"ADDRESS\" } for each network it is on"));
}

TEST(ConfigTopology, HostWithEmptyAddresses) {
    std::string text = kMinimal + "[[host]]\nname = \"h2\"\naddresses = {}\n[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:9:13: host[1] 'h2' has no address: give addresses = "
                                          "{ NETWORK = \"ADDRESS\" } for each network it is on"));
}

TEST(ConfigTopology, HostAddressOnUnknownNetwork) {
    std::string text = kMinimal + "[[host]]\nname = \"h2\"\naddresses = { c = \"10.3.0.2\" }\n"
                                  "[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:9:19: host[1].addresses.c: no [[network]] named 'c'"));
}

TEST(ConfigTopology, HostAddressesOfWrongType) {
    std::string base = kMinimal + "[[host]]\nname = \"h2\"\n";
    std::string security = "[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(base + "addresses = { a = 5 }\n" + security),
                ElementsAre("t.toml:9:19: host[1].addresses.a: expected a string, got an integer"));
    EXPECT_THAT(errors(base + "addresses = { a = \"10.1.0\" }\n" + security),
                ElementsAre("t.toml:9:19: host[1].addresses.a: '10.1.0' is not an IPv4 address"));
    EXPECT_THAT(errors(base + "addresses = { a = \"0.0.0.0\" }\n" + security),
                ElementsAre("t.toml:9:19: host[1].addresses.a: '0.0.0.0' cannot be a host's address"));
    EXPECT_THAT(errors(base + "addresses = \"10.1.0.2\"\n" + security),
                ElementsAre("t.toml:9:13: host[1].addresses: expected a table, got a string"));
}

TEST(ConfigTopology, TwoHostsWithOneAddress) {
    std::string text = kMinimal + "[[host]]\nname = \"h2\"\naddresses = { a = \"10.1.0.1\" }\n"
                                  "[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:9:19: host[1].addresses.a: '10.1.0.1' is already the "
                                          "address of host[0] 'h1' on network 'a'"));
}

TEST(ConfigTopology, DuplicateHostName) {
    std::string text = kMinimal + "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.2\" }\n"
                                  "[security]\nauthenticate = false\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:8:8: host[1].name: 'h1' is already the name of host[0]"));
}

TEST(ConfigTopology, HostOnSomeNetworksOnlyAndSegment) {
    std::string text =
        "[[network]]\nname = \"a\"\nbroadcast = \"10.1.0.255\"\n"
        "[[network]]\nname = \"b\"\nbroadcast = \"10.2.0.255\"\n"
        "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\", b = \"10.2.0.1\" }\n"
        "[[host]]\nname = \"h2\"\naddresses = { b = \"10.2.0.2\" }\nsegment = \"dc2\"\n"
        "[security]\nkey_file = \"/etc/braid/authkey\"\n";
    auto result = load(text);
    ASSERT_TRUE(result.config) << (result.errors.empty() ? "" : result.errors[0].to_string());
    const Host* h2 = result.config->find_host("h2");
    ASSERT_NE(h2, nullptr);
    EXPECT_EQ(h2->addresses.size(), 1u);
    EXPECT_EQ(h2->addresses.at("b"), Ipv4Address::parse("10.2.0.2"));
    EXPECT_EQ(h2->segment, "dc2");
    EXPECT_EQ(result.config->find_host("h1")->segment, "default");
}

TEST(ConfigTopology, EmptySegment) {
    EXPECT_THAT(errors(kMinimal + "segment = \"\"\n"),
                ElementsAre("t.toml:7:11: host[0].segment: must not be empty"));
}

TEST(ConfigShape, SectionsOfWrongType) {
    EXPECT_THAT(errors("cluster = 5\n" + kMinimal),
                ElementsAre("t.toml:1:11: cluster: expected a table ([cluster]), got an integer"));
    EXPECT_THAT(errors("[network]\nname = \"a\"\n" + kHostH1),
                ElementsAre("t.toml:1:1: network: expected an array of tables ([[network]]), got a table",
                            "t.toml:5:19: host[0].addresses.a: no [[network]] named 'a'"));
    EXPECT_THAT(errors("network = [5]\n" + kHostH1),
                ElementsAre("t.toml:1:12: network[0]: expected a table, got an integer",
                            "t.toml:4:19: host[0].addresses.a: no [[network]] named 'a'"));
}

TEST(ConfigShape, UnknownKeysAndTables) {
    std::string text = "colour = 1\n" + kMinimal +
                       "mtu = 1500\n"
                       "[timeouts]\n"
                       "tokn = 500\n"
                       "[clustr]\n"
                       "name = \"x\"\n"
                       "[[hosts]]\n"
                       "name = \"h9\"\n";
    EXPECT_THAT(errors(text), ElementsAre("t.toml:1:1: unknown key 'colour' at top level",
                                          "t.toml:8:1: unknown key 'mtu' in host[0]",
                                          "t.toml:10:1: unknown key 'tokn' in [timeouts]",
                                          "t.toml:11:2: unknown table [clustr]",
                                          "t.toml:13:3: unknown table [[hosts]]"));
}

TEST(ConfigCluster, ValuesAreRead) {
    auto result = load("[cluster]\nname = \"prod\"\nport = 5000\n" + kMinimal);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->cluster.name, "prod");
    EXPECT_EQ(result.config->cluster.port, 5000);
}

TEST(ConfigCluster, BadValues) {
    EXPECT_THAT(errors("[cluster]\nport = 0\n" + kMinimal),
                ElementsAre("t.toml:2:8: cluster.port: 0 is out of range (1..65534)"));
    EXPECT_THAT(errors("[cluster]\nport = 65535\n" + kMinimal),
                ElementsAre("t.toml:2:8: cluster.port: 65535 is out of range (1..65534)"));
    EXPECT_THAT(errors("[cluster]\nport = \"4803\"\n" + kMinimal),
                ElementsAre("t.toml:2:8: cluster.port: expected an integer, got a string"));
    EXPECT_THAT(errors("[cluster]\nname = \"my cluster\"\n" + kMinimal),
                ElementsAre("t.toml:2:8: cluster.name: 'my cluster' is not a valid cluster name "
                            "(1 to 32 printable characters, no spaces)"));
    EXPECT_THAT(errors("[cluster]\nname = 1.5\n" + kMinimal),
                ElementsAre("t.toml:2:8: cluster.name: expected a string, got a floating-point number"));
}

TEST(ConfigShape, EveryErrorIsReportedInFileOrder) {
    std::string text =
        "[cluster]\n"
        "port = 0\n"
        "[[network]]\n"
        "name = \"a\"\n"
        "broadcast = \"10.1.0.256\"\n"
        "[[host]]\n"
        "name = \"h1\"\n"
        "addresses = { a = \"10.1.0.1\" }\n"
        "[limits]\n"
        "ring_window = 0\n"
        "[logging]\n"
        "debug = [\"LOUD\"]\n";
    auto list = errors(text);
    ASSERT_EQ(list.size(), 4u);
    EXPECT_EQ(list[0], "t.toml:2:8: cluster.port: 0 is out of range (1..65534)");
    EXPECT_EQ(list[1], "t.toml:5:13: network[0].broadcast: '10.1.0.256' is not an IPv4 address");
    EXPECT_EQ(list[2], "t.toml:10:15: limits.ring_window: 0 is out of range (1..100000)");
    EXPECT_EQ(list[3].rfind("t.toml:12:10: logging.debug[0]: 'LOUD' is not a log category", 0), 0u) << list[3];
}

}  // namespace
}  // namespace braid::config::test
