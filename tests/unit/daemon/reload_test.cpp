#include "daemon/reload.hpp"

#include <string>

#include "config/loader.hpp"

#include <gtest/gtest.h>

namespace braid::daemon {
namespace {

const char* kBase = R"(
[cluster]
name = "test"
port = 4803

[[network]]
name = "lo"
unicast = true

[[host]]
name = "h1"
addresses = { lo = "127.0.0.1" }

[logging]
debug = ["PRINT", "EXIT"]
)";

config::Config load(const std::string& text) {
    config::Environment env;
    env.hostname = "h1";
    env.host_override = "h1";
    config::LoadResult r = config::load_string(text, "test.toml", env);
    for (const auto& d : r.errors) ADD_FAILURE() << d.to_string();
    return r.config.value_or(config::Config{});
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(ReloadPlan, SameFileChangesNothing) {
    auto running = load(kBase);
    auto plan = plan_reload(running, load(kBase));
    EXPECT_TRUE(plan.unchanged());
}

TEST(ReloadPlan, LoggingChangesApplyAtOnce) {
    auto running = load(kBase);
    auto fresh = load(replace(kBase, R"(debug = ["PRINT", "EXIT"])",
                              "debug = [\"PRINT\", \"EXIT\", \"PROTOCOL\"]\n"
                              "file = \"/tmp/braid-%h.log\"\n"
                              "timestamp = \"%F %T\""));
    auto plan = plan_reload(running, fresh);
    EXPECT_EQ(plan.logging_changes,
              (std::vector<std::string>{"debug: PRINT, EXIT -> PRINT, EXIT, PROTOCOL",
                                        "file: standard error -> '/tmp/braid-%h.log'",
                                        "timestamp: '[%a %d %b %Y %H:%M:%S]' -> '%F %T'"}));
    EXPECT_TRUE(plan.restart_needed.empty());

    auto next = apply_reload(running, fresh);
    EXPECT_EQ(next.logging.debug, fresh.logging.debug);
    EXPECT_EQ(next.logging.file, fresh.logging.file);
    EXPECT_EQ(next.logging.timestamp, "%F %T");
}

TEST(ReloadPlan, OtherSectionsNeedARestartAndKeepTheirRunningValue) {
    auto running = load(kBase);
    std::string text = replace(kBase, "name = \"test\"", "name = \"prod\"");
    text = replace(text, "[logging]", "[limits]\nmax_session_messages = 50\n\n[logging]");
    text = replace(text, R"(debug = ["PRINT", "EXIT"])", "debug = [\"ALL\"]");
    auto fresh = load(text);
    auto plan = plan_reload(running, fresh);
    EXPECT_EQ(plan.restart_needed, (std::vector<std::string>{"cluster", "limits"}));
    EXPECT_EQ(plan.logging_changes, std::vector<std::string>{"debug: PRINT, EXIT -> ALL"});

    auto next = apply_reload(running, fresh);
    EXPECT_EQ(next.cluster.name, "test");
    EXPECT_EQ(next.limits.max_session_messages, running.limits.max_session_messages);
    EXPECT_EQ(next.logging.debug, log::kAllCategories);
}

TEST(ReloadPlan, DerivedValuesCountAsChangesOfTheirSection) {
    // The client TCP listener follows the cluster port: the effective
    // configuration of [daemon] changes too, and a restart is named for it.
    auto running = load(kBase);
    auto plan = plan_reload(running, load(replace(kBase, "port = 4803", "port = 4900")));
    ASSERT_GE(plan.restart_needed.size(), 2u);
    EXPECT_EQ(plan.restart_needed[0], "cluster");
    EXPECT_EQ(plan.restart_needed[1], "daemon");
}

TEST(ReloadPlan, TopologyChangesAreNamedBySection) {
    auto running = load(kBase);
    auto fresh = load(replace(kBase, R"(addresses = { lo = "127.0.0.1" })",
                              "addresses = { lo = \"127.0.0.2\" }"));
    EXPECT_EQ(plan_reload(running, fresh).restart_needed, std::vector<std::string>{"host"});
}

}  // namespace
}  // namespace braid::daemon
