// Option keywords: what each becomes in braid.toml, and every error with
// its exact message and position.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "legacy_test_support.hpp"

namespace braid::config::legacy {
namespace {

using testing::errors_of;
using V = std::vector<std::string>;

const std::string kSegment = "Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n";

// Options on the first lines, then a segment so that the file converts.
std::vector<std::string> option_errors(const std::string& options) {
    return errors_of(options + kSegment);
}

toml::table converted(const std::string& options) {
    auto result = testing::convert(options + kSegment);
    for (const auto& e : result.errors) ADD_FAILURE() << e.format("t.conf");
    return toml::parse(result.toml);
}

std::string converted_text(const std::string& options) { return testing::convert(options + kSegment).toml; }

TEST(LegacyOptions, UnknownKeyword) {
    EXPECT_EQ(option_errors("ActiveIPVersion = 4\n"), V{"t.conf:1:1: unknown keyword 'ActiveIPVersion'"});
}

TEST(LegacyOptions, SetTwice) {
    EXPECT_EQ(option_errors("DangerousMonitor = true\ndangerousmonitor = false\n"),
              V{"t.conf:2:1: 'dangerousmonitor' is set twice (first on line 1)"});
}

TEST(LegacyOptions, BareKeywordNeedsAValue) {
    EXPECT_EQ(option_errors("EventLogFile\n"),
              V{"t.conf:1:1: 'EventLogFile' needs a value: EventLogFile = VALUE"});
}

TEST(LegacyOptions, ListForAScalar) {
    EXPECT_EQ(option_errors("EventLogFile = { a b }\n"),
              V{"t.conf:1:1: 'EventLogFile' takes one value, not a { } list"});
}

TEST(LegacyOptions, DebugFlags) {
    auto t = converted("DebugFlags = { ALL !DATA_LINK !EVENTS }\n");
    auto* debug = t["logging"]["debug"].as_array();
    ASSERT_NE(debug, nullptr);
    ASSERT_EQ(debug->size(), 3u);
    EXPECT_EQ((*debug)[1].value_or(std::string()), "!DATA_LINK");
    EXPECT_EQ(option_errors("DebugFlags = PRINT\n"),
              V{"t.conf:1:1: 'DebugFlags' needs a list: DebugFlags = { PRINT EXIT }"});
    EXPECT_EQ(option_errors("DebugFlags = { PRINT BOGUS !ALSO }\n"),
              (V{"t.conf:1:22: unknown debug flag 'BOGUS'", "t.conf:1:28: unknown debug flag '!ALSO'"}));
}

TEST(LegacyOptions, SkiplistFlagIsDropped) {
    std::string text = converted_text("DebugFlags = { PRINT SKIPLIST EXIT }\n");
    EXPECT_NE(text.find("debug = [\"PRINT\", \"EXIT\"]\n"), std::string::npos);
    EXPECT_NE(text.find("#  - line 1: debug flag SKIPLIST dropped: Braid has no skip list to trace\n"),
              std::string::npos);
}

TEST(LegacyOptions, EventLogFile) {
    auto t = converted("EventLogFile = /var/log/spread_%h.log\n");
    EXPECT_EQ(t["logging"]["file"].value_or(std::string()), "/var/log/spread_%h.log");
    auto relative = converted("EventLogFile = ./logs/spread.log\n");
    EXPECT_EQ(relative["logging"]["file"].value_or(std::string()), "/var/log/braid/logs/spread.log");
    EXPECT_EQ(option_errors("EventLogFile = \"\"\n"), V{"t.conf:1:16: 'EventLogFile' must not be empty"});
}

TEST(LegacyOptions, EventTimeStamp) {
    EXPECT_EQ(converted("EventTimeStamp\n")["logging"]["timestamp"].value_or(std::string()),
              "[%a %d %b %Y %H:%M:%S]");
    EXPECT_EQ(converted("EventTimeStamp = \"%H:%M\"\n")["logging"]["timestamp"].value_or(std::string()),
              "%H:%M");
}

TEST(LegacyOptions, EventPriorityIsDropped) {
    std::string text = converted_text("EventPriority = INFO\n");
    EXPECT_NE(text.find("#  - line 1: EventPriority = INFO dropped: Braid selects log messages by "
                        "category (DebugFlags) only\n"),
              std::string::npos);
    EXPECT_EQ(text.find("[logging]"), std::string::npos);
}

TEST(LegacyOptions, DangerousMonitor) {
    EXPECT_EQ(converted("DangerousMonitor = TRUE\n")["security"]["dangerous_monitor"].value_or(false), true);
    EXPECT_EQ(option_errors("DangerousMonitor = maybe\n"),
              V{"t.conf:1:20: 'DangerousMonitor' must be true or false, not 'maybe'"});
}

TEST(LegacyOptions, SocketPortReuse) {
    EXPECT_EQ(converted("SocketPortReuse = On\n")["security"]["socket_port_reuse"].value_or(std::string()), "on");
    EXPECT_EQ(converted("SocketPortReuse = OFF\n")["security"]["socket_port_reuse"].value_or(std::string()), "off");
    EXPECT_EQ(option_errors("SocketPortReuse = Sometimes\n"),
              V{"t.conf:1:19: 'SocketPortReuse' must be AUTO, ON or OFF, not 'Sometimes'"});
}

TEST(LegacyOptions, MaxSessionMessages) {
    EXPECT_EQ(converted("MaxSessionMessages = 5000\n")["limits"]["max_session_messages"].value_or(0), 5000);
    for (const char* bad : {"0", "lots", "2000000"})
        EXPECT_EQ(option_errors(std::string("MaxSessionMessages = ") + bad + "\n"),
                  V{"t.conf:1:22: 'MaxSessionMessages' must be a number from 1 to 1000000, not '" +
                    std::string(bad) + "'"});
}

TEST(LegacyOptions, DaemonSettings) {
    auto t = converted("RuntimeDir = /var/run/spread\nDaemonUser = spread\nDaemonGroup = daemons\n");
    EXPECT_EQ(t["daemon"]["runtime_dir"].value_or(std::string()), "/var/run/spread");
    EXPECT_EQ(t["daemon"]["user"].value_or(std::string()), "spread");
    EXPECT_EQ(t["daemon"]["group"].value_or(std::string()), "daemons");
    EXPECT_EQ(option_errors("RuntimeDir = run/spread\n"),
              V{"t.conf:1:14: 'RuntimeDir' must be an absolute path, not 'run/spread'"});
}

TEST(LegacyOptions, AuthenticationMethods) {
    std::string text = converted_text("AllowedAuthMethods = \"NULL\"\nRequiredAuthMethods = NULL\n");
    EXPECT_NE(text.find("#  - line 1: AllowedAuthMethods = NULL dropped: Braid authenticates no client, "
                        "like Spread's NULL method\n"),
              std::string::npos);
    EXPECT_EQ(option_errors("RequiredAuthMethods = \"NULL IP\"\n"),
              V{"t.conf:1:1: 'RequiredAuthMethods' has no Braid equivalent: Braid has no client "
                "authentication method 'IP'"});
}

TEST(LegacyOptions, AccessControlPolicy) {
    std::string text = converted_text("AccessControlPolicy = PERMIT\n");
    EXPECT_NE(text.find("#  - line 1: AccessControlPolicy = PERMIT dropped: Braid admits every client, "
                        "like Spread's PERMIT policy\n"),
              std::string::npos);
    EXPECT_EQ(option_errors("AccessControlPolicy = DENY\n"),
              V{"t.conf:1:1: 'AccessControlPolicy' has no Braid equivalent: Braid has no access "
                "control policy 'DENY'"});
}

}  // namespace
}  // namespace braid::config::legacy
