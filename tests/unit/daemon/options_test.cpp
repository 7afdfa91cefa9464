#include "daemon/options.hpp"

#include <gtest/gtest.h>

namespace braid::daemon {
namespace {

OptionsResult parse(std::vector<std::string_view> args) { return parse_options(args); }

TEST(Options, DefaultIsRunWithTheSearchOrder) {
    auto r = parse({});
    ASSERT_TRUE(r.options) << r.error;
    EXPECT_EQ(r.options->action, Action::run);
    EXPECT_FALSE(r.options->config_file);
    EXPECT_FALSE(r.options->host);
}

TEST(Options, ConfigFileAndHostInEveryForm) {
    for (auto args : std::vector<std::vector<std::string_view>>{
             {"-c", "/x.toml", "-n", "h2"},
             {"-c/x.toml", "-nh2"},
             {"--config", "/x.toml", "--name", "h2"},
             {"--config=/x.toml", "--name=h2"}}) {
        auto r = parse(args);
        ASSERT_TRUE(r.options) << r.error;
        EXPECT_EQ(r.options->config_file, "/x.toml");
        EXPECT_EQ(r.options->host, "h2");
        EXPECT_EQ(r.options->action, Action::run);
    }
}

TEST(Options, Actions) {
    EXPECT_EQ(parse({"--check-config", "-c", "f"}).options->action, Action::check_config);
    EXPECT_EQ(parse({"--help"}).options->action, Action::help);
    EXPECT_EQ(parse({"-h"}).options->action, Action::help);
    EXPECT_EQ(parse({"--version"}).options->action, Action::version);
    EXPECT_EQ(parse({"-V"}).options->action, Action::version);
}

TEST(Options, ErrorsNameTheProblem) {
    EXPECT_EQ(parse({"-c"}).error, "option -c needs a file name");
    EXPECT_EQ(parse({"--name"}).error, "option --name needs a host name");
    EXPECT_EQ(parse({"--config="}).error, "option -c needs a file name");
    EXPECT_EQ(parse({"--daemonize"}).error, "unknown option '--daemonize'");
    EXPECT_EQ(parse({"-x"}).error, "unknown option '-x'");
    EXPECT_EQ(parse({"braid.toml"}).error, "unexpected argument 'braid.toml'");
    EXPECT_FALSE(parse({"-c"}).options);
}

TEST(Options, UsageMentionsEveryOption) {
    std::string text = usage("braidd");
    for (const char* opt : {"-c, --config FILE", "-n, --name NAME", "--check-config", "--help", "--version"})
        EXPECT_NE(text.find(opt), std::string::npos) << opt;
}

}  // namespace
}  // namespace braid::daemon
