// Defaults of a minimal file, the embedded default, the operator's sample
// etc/braid.toml, reading files and the configuration search order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "config/client_listener.hpp"
#include "config/embedded_default.hpp"
#include "config/printer.hpp"
#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> listeners(const Config& config) {
    std::vector<std::string> out;
    for (const auto& l : config.daemon.clients) out.push_back(format_client_listener(l));
    return out;
}

TEST(ConfigDefaults, MinimalFile) {
    auto result = load(kMinimal);
    ASSERT_TRUE(result.config);
    const Config& c = *result.config;
    EXPECT_EQ(c.source, "t.toml");
    EXPECT_EQ(c.cluster.name, "braid");
    EXPECT_EQ(c.cluster.port, 4803);
    EXPECT_EQ(c.daemon.host, "h1");
    EXPECT_THAT(listeners(c), ElementsAre("unix:/run/braid/4803", "tcp:127.0.0.1:4803"));
    EXPECT_EQ(c.daemon.runtime_dir, "/var/lib/braid/root");
    EXPECT_EQ(c.daemon.user, "braid");
    EXPECT_EQ(c.daemon.group, "braid");
    EXPECT_EQ(c.networks[0].kind, NetworkKind::broadcast);
    EXPECT_EQ(c.networks[0].address, Ipv4Address::parse("10.1.0.255"));
    EXPECT_EQ(c.hosts[0].segment, "default");
    EXPECT_THAT(c.security.monitor_hosts, ElementsAre("h1"));
}

TEST(ConfigDefaults, ClientsFollowTheClusterPort) {
    auto result = load("[cluster]\nport = 5000\n" + kMinimal);
    ASSERT_TRUE(result.config);
    EXPECT_THAT(listeners(*result.config), ElementsAre("unix:/run/braid/5000", "tcp:127.0.0.1:5000"));
}

TEST(ConfigDefaults, ClientsFollowTheClusterPortWithADaemonTable) {
    auto result = load("[cluster]\nport = 5000\n" + kMinimal + "[daemon]\nuser = \"gc\"\n");
    ASSERT_TRUE(result.config);
    EXPECT_THAT(listeners(*result.config), ElementsAre("unix:/run/braid/5000", "tcp:127.0.0.1:5000"));
}

TEST(ConfigEmbeddedDefault, SingleHostOnLoopback) {
    Config c = embedded_default(Environment{"box.example.com", {}, std::nullopt});
    EXPECT_EQ(c.source, "<embedded default>");
    ASSERT_EQ(c.hosts.size(), 1u);
    EXPECT_EQ(c.hosts[0].name, "box");
    ASSERT_EQ(c.networks.size(), 1u);
    EXPECT_EQ(c.networks[0].name, "lo");
    EXPECT_EQ(c.networks[0].kind, NetworkKind::unicast);
    EXPECT_EQ(c.hosts[0].addresses.at("lo"), Ipv4Address::parse("127.0.0.1"));
    EXPECT_EQ(c.self().name, "box");
    EXPECT_THAT(listeners(c), ElementsAre("unix:/run/braid/4803", "tcp:127.0.0.1:4803"));
    EXPECT_FALSE(c.security.key_file);
    EXPECT_FALSE(c.security.authenticate);
    EXPECT_EQ(c.timeouts.token_retransmit, 250u);
}

TEST(ConfigEmbeddedDefault, HostNameMadeValid) {
    EXPECT_EQ(embedded_default(Environment{"", {}, std::nullopt}).hosts[0].name, "localhost");
    EXPECT_EQ(embedded_default(Environment{"a-very-long-machine-name-indeed", {}, std::nullopt}).hosts[0].name,
              "a-very-long-machine");
    EXPECT_EQ(embedded_default(Environment{"box", {}, std::string("node7")}).hosts[0].name, "node7");
    EXPECT_EQ(embedded_default(Environment{"box", {}, std::string("bad#name")}).hosts[0].name, "box");
}

TEST(ConfigEmbeddedDefault, PassesTheLoader) {
    Environment machine{"box", {}, std::nullopt};
    Config c = embedded_default(machine);
    auto result = load_string(to_toml(c), c.source, machine);
    ASSERT_TRUE(result.config) << result.errors.at(0).to_string();
    EXPECT_EQ(*result.config, c);
}

TEST(ConfigSample, EtcBraidTomlLoadsForEachHost) {
    for (std::string host : {"h1", "h2"}) {
        auto result = load_file(BRAID_SAMPLE_CONFIG, Environment{"box", {}, host});
        ASSERT_TRUE(result.config) << result.errors.at(0).to_string();
        const Config& c = *result.config;
        EXPECT_EQ(c.daemon.host, host);
        EXPECT_EQ(c.cluster.name, "prod");
        EXPECT_EQ(c.networks.size(), 2u);
        EXPECT_EQ(c.hosts.size(), 2u);
        EXPECT_EQ(c.security.key_file, "/etc/braid/authkey");
        EXPECT_TRUE(c.security.authenticate);
        EXPECT_EQ(c.source, BRAID_SAMPLE_CONFIG);
    }
}

TEST(ConfigSample, CommentedDefaultsAreTheDefaults) {
    // Uncommenting every "# key = value" line of the sample must change nothing.
    std::ifstream in(BRAID_SAMPLE_CONFIG);
    ASSERT_TRUE(in);
    std::string text, line;
    while (std::getline(in, line)) {
        if (line.rfind("# ", 0) == 0 && line.find(" = ") != std::string::npos && line.find(' ', 2) != 2 &&
            line.find(" = ") == line.find(' ', 2))
            line = line.substr(2);
        text += line + "\n";
    }
    Environment machine{"box", {}, std::string("h1")};
    auto plain = load_file(BRAID_SAMPLE_CONFIG, machine);
    auto uncommented = load_string(text, BRAID_SAMPLE_CONFIG, machine);
    ASSERT_TRUE(uncommented.config) << uncommented.errors.at(0).to_string() << "\n" << text;
    ASSERT_TRUE(plain.config);
    // Writing the identity out makes it mandatory; every value stays the same.
    EXPECT_FALSE(plain.config->daemon.identity_configured);
    EXPECT_TRUE(uncommented.config->daemon.identity_configured);
    uncommented.config->daemon.identity_configured = false;
    EXPECT_EQ(*uncommented.config, *plain.config);
    EXPECT_NE(text.find("\ntoken = 1000"), std::string::npos);  // the edit did uncomment
}

TEST(ConfigDaemon, IdentityConfiguredOnlyWhenWritten) {
    Environment machine{"box", {}, std::string("h1")};
    const std::string base = "[[network]]\nname = \"a\"\nunicast = true\n"
                             "[[host]]\nname = \"h1\"\naddresses = { a = \"10.1.0.1\" }\n";
    auto none = load_string(base, "t.toml", machine);
    ASSERT_TRUE(none.config);
    EXPECT_FALSE(none.config->daemon.identity_configured);
    EXPECT_NE(to_toml(*none.config).find("# user = \"braid\""), std::string::npos);
    for (const char* key : {"user = \"x\"", "group = \"x\"", "runtime_dir = \"/x\""}) {
        auto set = load_string(base + "[daemon]\n" + key + "\n", "t.toml", machine);
        ASSERT_TRUE(set.config) << key;
        EXPECT_TRUE(set.config->daemon.identity_configured) << key;
        auto again = load_string(to_toml(*set.config), "t.toml", machine);
        ASSERT_TRUE(again.config);
        EXPECT_EQ(*again.config, *set.config) << key;
    }
}

TEST(ConfigFiles, UnreadableFile) {
    auto result = load_file("/nonexistent/braid.toml", Environment{});
    EXPECT_FALSE(result.config);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].to_string(), "/nonexistent/braid.toml: cannot read: No such file or directory");
    EXPECT_EQ(load_file("/", Environment{}).errors.at(0).to_string(), "/: cannot read: not a regular file");
}

class ConfigSearch : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("braid-config-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string touch(const std::string& name) {
        std::string path = (dir_ / name).string();
        std::ofstream(path) << kMinimal;
        return path;
    }
    std::filesystem::path dir_;
};

TEST_F(ConfigSearch, ExplicitPathIsReturnedEvenIfMissing) {
    EXPECT_EQ(find_config_file(std::string("/nonexistent/x.toml")), "/nonexistent/x.toml");
}

TEST_F(ConfigSearch, FirstExistingCandidateWins) {
    std::string first = (dir_ / "first.toml").string();
    std::string second = touch("second.toml");
    EXPECT_EQ(find_config_file(std::nullopt, {first, second}), second);
    touch("first.toml");
    EXPECT_EQ(find_config_file(std::nullopt, {first, second}), first);
    EXPECT_EQ(find_config_file(std::nullopt, {(dir_ / "none.toml").string()}), std::nullopt);
    auto loaded = load_file(first, Environment{"h1", {}, std::nullopt});
    EXPECT_TRUE(loaded.config);
}

TEST_F(ConfigSearch, DefaultOrder) {
    EXPECT_THAT(default_config_search_path(), ElementsAre("./braid.toml", "/etc/braid/braid.toml"));
}

TEST(ConfigEnvironment, DescribesThisMachine) {
    Environment e = current_environment(std::string("h7"));
    char name[256] = {};
    ASSERT_EQ(::gethostname(name, sizeof name - 1), 0);
    EXPECT_EQ(e.hostname, name);
    EXPECT_EQ(e.host_override, "h7");
    for (std::size_t i = 0; i < e.local_addresses.size(); ++i)
        for (std::size_t j = i + 1; j < e.local_addresses.size(); ++j)
            EXPECT_NE(e.local_addresses[i], e.local_addresses[j]);
    EXPECT_FALSE(current_environment(std::nullopt).host_override);
}

TEST(ConfigManPage, ExampleLoadsWithTheDerivedValuesItStates) {
    // The EXAMPLE section of braid.toml(5) is a complete file between .nf and .fi.
    std::ifstream in(BRAID_MAN_PAGE);
    ASSERT_TRUE(in);
    std::string text, line;
    bool in_example = false, in_file = false;
    while (std::getline(in, line)) {
        if (line.rfind(".SH", 0) == 0) in_example = line == ".SH EXAMPLE";
        if (!in_example) continue;
        if (line == ".nf") in_file = true;
        else if (line == ".fi") in_file = false;
        else if (in_file) text += line + "\n";
    }
    auto result = load_string(text, "braid.toml.5", Environment{"box", {}, std::string("h1")});
    ASSERT_TRUE(result.config) << result.errors.at(0).to_string() << "\n" << text;
    const Config& c = *result.config;
    EXPECT_EQ(c.timeouts.token_retransmit, 125u);
    EXPECT_EQ(c.timeouts.join, 25u);
    EXPECT_EQ(c.timeouts.consensus, 100u);
    EXPECT_EQ(c.timeouts.merge, 500u);
    EXPECT_EQ(c.multipath.silence_timeout_ms, 200u);
}

TEST(ConfigDiagnostic, Printing) {
    EXPECT_EQ((Diagnostic{"f.toml", 3, 7, "oops"}).to_string(), "f.toml:3:7: oops");
    EXPECT_EQ((Diagnostic{"f.toml", 0, 0, "oops"}).to_string(), "f.toml: oops");
}

}  // namespace
}  // namespace braid::config::test
