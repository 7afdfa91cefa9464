// The samples of the Spread user's guide (figures 2.4 to 2.7) and the nested
// multipath sample of the Multipath Spread patch discussion convert, the
// output is TOML with the expected values, and Braid's loader accepts it.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "config/loader.hpp"
#include "legacy_test_support.hpp"

namespace braid::config::legacy {
namespace {

using testing::convert;
using testing::read_sample;

// Converts a sample, which must succeed, and parses the output with toml++.
toml::table convert_sample(const std::string& name, std::string* text = nullptr) {
    auto result = convert_spread_conf(read_sample(name), name, testing::fake_resolver());
    for (const auto& e : result.errors) ADD_FAILURE() << e.format(name);
    if (text) *text = result.toml;
    try {
        return toml::parse(result.toml);
    } catch (const toml::parse_error& e) {
        ADD_FAILURE() << name << ": output is not TOML: " << e.description() << "\n" << result.toml;
        return {};
    }
}

// The converted text loads with Braid's own loader, running as `host`.
void expect_loads(const std::string& name, const std::string& host) {
    auto result = convert_spread_conf(read_sample(name), name, testing::fake_resolver());
    ASSERT_TRUE(result.ok());
    Environment env{"unrelated-machine", {}, host};
    LoadResult loaded = load_string(result.toml, name + ".toml", env);
    for (const auto& d : loaded.errors) ADD_FAILURE() << d.to_string() << "\n" << result.toml;
    ASSERT_TRUE(loaded.config.has_value());
    EXPECT_EQ(loaded.config->daemon.host, host);
}

std::string str(const toml::node_view<toml::node>& v) { return v.value_or(std::string("<missing>")); }
std::int64_t num(const toml::node_view<toml::node>& v) { return v.value_or(std::int64_t{-1}); }

TEST(LegacySamples, Figure24OneSite) {
    toml::table t = convert_sample("fig2-4-one-site.conf");
    EXPECT_EQ(num(t["cluster"]["port"]), 3333);
    ASSERT_EQ(t["network"].as_array()->size(), 1u);
    EXPECT_EQ(str(t["network"][0]["name"]), "a");
    EXPECT_EQ(str(t["network"][0]["broadcast"]), "192.168.1.255");
    ASSERT_EQ(t["host"].as_array()->size(), 6u);
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(str(t["host"][i]["name"]), "machine" + std::to_string(i + 1));
        EXPECT_EQ(str(t["host"][i]["addresses"]["a"]), "192.168.1." + std::to_string(20 + i));
        EXPECT_FALSE(t["host"][i]["segment"]) << "one broadcast domain: default segment";
    }
    EXPECT_EQ(str(t["daemon"]["clients"][0]), "unix:/run/braid/3333");
    EXPECT_EQ(str(t["daemon"]["clients"][1]), "tcp:0.0.0.0:3333");
    EXPECT_EQ(str(t["security"]["key_file"]), "/etc/braid/authkey");
    EXPECT_EQ(t["security"]["dangerous_monitor"].value_or(true), false);
    EXPECT_EQ(str(t["security"]["socket_port_reuse"]), "auto");
    EXPECT_FALSE(t["logging"]);
    expect_loads("fig2-4-one-site.conf", "machine3");
}

TEST(LegacySamples, HeaderNamesTheSourceAndTheKeyCommand) {
    std::string text;
    convert_sample("fig2-4-one-site.conf", &text);
    EXPECT_EQ(text.rfind("# Braid configuration converted from fig2-4-one-site.conf by braidctl "
                         "convert-config.\n", 0), 0u);
    EXPECT_NE(text.find("# Create it with: braidctl keygen /etc/braid/authkey\n"
                        "# and copy it to every host before starting the daemons.\n"
                        "key_file = \"/etc/braid/authkey\"\n"),
              std::string::npos);
}

TEST(LegacySamples, Figure25TwoSitesAreTwoSegments) {
    std::string text;
    toml::table t = convert_sample("fig2-5-two-sites.conf", &text);
    EXPECT_EQ(num(t["cluster"]["port"]), 3333);
    ASSERT_EQ(t["network"].as_array()->size(), 2u);
    EXPECT_EQ(str(t["network"][1]["name"]), "b");
    EXPECT_EQ(str(t["network"][1]["broadcast"]), "128.32.50.255");
    ASSERT_EQ(t["host"].as_array()->size(), 12u);
    EXPECT_EQ(str(t["host"][0]["segment"]), "seg1");
    EXPECT_EQ(str(t["host"][6]["name"]), "machineB1");
    EXPECT_EQ(str(t["host"][6]["addresses"]["b"]), "128.32.50.20");
    EXPECT_FALSE(t["host"][6]["addresses"]["a"]);
    EXPECT_EQ(str(t["host"][6]["segment"]), "seg2");
    EXPECT_NE(text.find("#  - the Spread_Segments form 2 groups that share no host"), std::string::npos);
    expect_loads("fig2-5-two-sites.conf", "machineB2");
}

TEST(LegacySamples, Figure25AsPrintedHasNoRealAddresses) {
    // The guide replaces the first byte of each address with an x.
    auto errors = testing::errors_of(read_sample("fig2-5-two-sites-verbatim.conf"));
    ASSERT_EQ(errors.size(), 14u);
    EXPECT_EQ(errors[0], "t.conf:1:16: 'x.32.49.255' is not an IPv4 address");
    EXPECT_EQ(errors[1], "t.conf:2:16: 'x.32.49.20' is not an IPv4 address");
    EXPECT_EQ(errors[13], "t.conf:15:16: 'x.32.50.25' is not an IPv4 address");
}

TEST(LegacySamples, Figure26FourSites) {
    toml::table t = convert_sample("fig2-6-four-sites.conf");
    ASSERT_EQ(t["network"].as_array()->size(), 4u);
    EXPECT_EQ(str(t["network"][3]["name"]), "d");
    EXPECT_EQ(str(t["network"][3]["broadcast"]), "128.32.52.255");
    ASSERT_EQ(t["host"].as_array()->size(), 24u);
    EXPECT_EQ(str(t["host"][23]["name"]), "machineD6");
    EXPECT_EQ(str(t["host"][23]["addresses"]["d"]), "128.32.52.25");
    EXPECT_EQ(str(t["host"][23]["segment"]), "seg4");
    EXPECT_EQ(str(t["host"][12]["segment"]), "seg3");
    expect_loads("fig2-6-four-sites.conf", "machineC1");
}

TEST(LegacySamples, Figure27Options) {
    std::string text;
    toml::table t = convert_sample("fig2-7-options.conf", &text);
    ASSERT_TRUE(t["logging"]["debug"].as_array());
    EXPECT_EQ(t["logging"]["debug"].as_array()->size(), 2u);
    EXPECT_EQ(str(t["logging"]["debug"][0]), "PRINT");
    EXPECT_EQ(str(t["logging"]["debug"][1]), "EXIT");
    EXPECT_EQ(str(t["logging"]["file"]), "/var/log/braid/testlog.out");
    EXPECT_EQ(str(t["logging"]["timestamp"]), "[%a %d %b %Y %H:%M:%S]");
    EXPECT_EQ(t["security"]["dangerous_monitor"].value_or(true), false);
    EXPECT_FALSE(t["daemon"]["runtime_dir"]) << "commented out in the figure";
    EXPECT_NE(text.find("#  - line 2: EventLogFile 'testlog.out' was relative to Spread's working "
                        "directory; Braid needs an absolute path: /var/log/braid/testlog.out\n"),
              std::string::npos);
    expect_loads("fig2-7-options.conf", "machine1");
}

TEST(LegacySamples, Figure27OptionsEnabled) {
    toml::table t = convert_sample("fig2-7-options-enabled.conf");
    EXPECT_EQ(str(t["security"]["socket_port_reuse"]), "auto");
    EXPECT_EQ(str(t["daemon"]["runtime_dir"]), "/var/run/spread");
    EXPECT_EQ(str(t["daemon"]["user"]), "spread");
    EXPECT_EQ(str(t["daemon"]["group"]), "spread");
    expect_loads("fig2-7-options-enabled.conf", "machine6");
}

TEST(LegacySamples, MultipathNestedForm) {
    std::string text;
    toml::table t = convert_sample("multipath-nested.conf", &text);
    EXPECT_EQ(num(t["cluster"]["port"]), 4803);
    ASSERT_EQ(t["network"].as_array()->size(), 2u);
    EXPECT_EQ(t["network"][0]["unicast"].value_or(false), true);
    EXPECT_EQ(t["network"][1]["unicast"].value_or(false), true);
    EXPECT_FALSE(t["network"][0]["broadcast"]);
    ASSERT_EQ(t["host"].as_array()->size(), 3u);
    EXPECT_EQ(str(t["host"][0]["name"]), "foo");
    EXPECT_EQ(str(t["host"][0]["addresses"]["a"]), "10.1.0.1");
    EXPECT_EQ(str(t["host"][0]["addresses"]["b"]), "10.2.0.1");
    EXPECT_EQ(str(t["host"][1]["name"]), "bar");
    EXPECT_EQ(str(t["host"][1]["addresses"]["a"]), "10.1.0.2");
    EXPECT_FALSE(t["host"][1]["addresses"]["b"]);
    EXPECT_EQ(str(t["host"][2]["addresses"]["b"]), "10.2.0.3");
    EXPECT_FALSE(t["host"][0]["segment"]);
    EXPECT_NE(text.find("#  - host 'foo' (line 4) resolved to 10.1.0.1 10.2.0.1; the k-th network "
                        "block listing it took the k-th address: check them\n"),
              std::string::npos);
    EXPECT_NE(text.find("#  - host 'foo' (line 4): interface letter D on network 'a' (10.1.0.1) "
                        "dropped: Braid sends daemon traffic on every network of a host\n"),
              std::string::npos);
    EXPECT_NE(text.find("#  - host 'foo' (line 12): interface letter C on network 'a' (10.1.0.1) "
                        "dropped: the [daemon] clients below listen on every interface\n"),
              std::string::npos);
    expect_loads("multipath-nested.conf", "fubar");
}

TEST(LegacySamples, MultipathClassicFormIsOneHostOnTwoNetworks) {
    toml::table t = convert_sample("multipath-classic.conf");
    ASSERT_EQ(t["host"].as_array()->size(), 3u);
    EXPECT_EQ(str(t["host"][0]["addresses"]["a"]), "10.1.0.1");
    EXPECT_EQ(str(t["host"][0]["addresses"]["b"]), "10.2.0.1");
    EXPECT_EQ(str(t["host"][2]["name"]), "h3");
    EXPECT_FALSE(t["host"][2]["addresses"]["b"]) << "a host need not be on every network";
    EXPECT_FALSE(t["host"][2]["segment"]) << "the networks share hosts: one segment";
    expect_loads("multipath-classic.conf", "h2");
}

TEST(LegacySamples, MulticastSegmentBecomesMulticastNetwork) {
    auto result = convert("Spread_Segment 239.192.0.1:4803 {\n h1 10.0.0.1\n}\n");
    ASSERT_TRUE(result.ok());
    toml::table t = toml::parse(result.toml);
    EXPECT_EQ(str(t["network"][0]["multicast"]), "239.192.0.1");
    EXPECT_FALSE(t["network"][0]["broadcast"]);
}

TEST(LegacySamples, NestedBlockMayGiveAddressesAndNeedsNoResolver) {
    auto result = convert_spread_conf("Spread_Segment mp:4900 {\n { h1 10.0.0.1\n h2 10.0.0.2 }\n"
                                      " { h1 10.1.0.1 }\n}\n",
                                      "t.conf", [](const std::string&) {
                                          ADD_FAILURE() << "resolver called";
                                          return Resolution{};
                                      });
    ASSERT_TRUE(result.ok());
    toml::table t = toml::parse(result.toml);
    EXPECT_EQ(num(t["cluster"]["port"]), 4900);
    EXPECT_EQ(str(t["host"][0]["addresses"]["b"]), "10.1.0.1");
}

TEST(LegacySamples, SegmentWithoutPortUsesSpreadDefault) {
    auto result = convert("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(num(toml::parse(result.toml)["cluster"]["port"]), 4803);
}

TEST(LegacySamples, NetworkNamesContinueAfterZ) {
    std::string text;
    for (int i = 0; i < 28; ++i)
        text += "Spread_Segment 10." + std::to_string(i) + ".0.255 {\n h" + std::to_string(i) +
                " 10." + std::to_string(i) + ".0.1\n}\n";
    auto result = convert(text);
    ASSERT_TRUE(result.ok());
    toml::table t = toml::parse(result.toml);
    EXPECT_EQ(str(t["network"][25]["name"]), "z");
    EXPECT_EQ(str(t["network"][26]["name"]), "aa");
    EXPECT_EQ(str(t["network"][27]["name"]), "ab");
}

TEST(LegacySamples, StringsAreEscapedInTheOutput) {
    auto result = convert("EventTimeStamp = \"[%H \\ \"\nSpread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(str(toml::parse(result.toml)["logging"]["timestamp"]), "[%H \\ ");
}

}  // namespace
}  // namespace braid::config::legacy
