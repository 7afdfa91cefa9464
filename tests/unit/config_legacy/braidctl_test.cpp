// braidctl's dispatcher and its convert-config command, run in-process.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "legacy_test_support.hpp"
#include "tools/braidctl/command.hpp"

namespace braid::braidctl {
namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome run(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    int code = run_braidctl(args, Io{out, err});
    return {code, out.str(), err.str()};
}

std::string sample(const std::string& name) { return std::string(BRAID_LEGACY_SAMPLES) + "/" + name; }

std::string temp_path(const std::string& name) {
    return (std::filesystem::path(::testing::TempDir()) / name).string();
}

TEST(Braidctl, NoArgumentsPrintsUsage) {
    Outcome r = run({});
    EXPECT_EQ(r.code, kExitUsage);
    EXPECT_EQ(r.err.rfind("usage: braidctl COMMAND [ARGS]\n", 0), 0u);
}

TEST(Braidctl, HelpListsConvertConfig) {
    Outcome r = run({"--help"});
    EXPECT_EQ(r.code, kExitOk);
    EXPECT_NE(r.out.find("  convert-config FILE [-o OUT]\n"), std::string::npos);
}

TEST(Braidctl, Version) {
    Outcome r = run({"--version"});
    EXPECT_EQ(r.code, kExitOk);
    EXPECT_EQ(r.out, std::string("braidctl ") + BRAID_VERSION + "\n");
}

TEST(Braidctl, UnknownCommand) {
    Outcome r = run({"frobnicate"});
    EXPECT_EQ(r.code, kExitUsage);
    EXPECT_EQ(r.err.rfind("braidctl: unknown command 'frobnicate'\n", 0), 0u);
}

TEST(BraidctlConvertConfig, WritesToStandardOutput) {
    Outcome r = run({"convert-config", sample("fig2-4-one-site.conf")});
    EXPECT_EQ(r.code, kExitOk);
    EXPECT_EQ(r.err, "");
    auto expected = config::legacy::convert_spread_conf(
        config::legacy::testing::read_sample("fig2-4-one-site.conf"), sample("fig2-4-one-site.conf"),
        config::legacy::system_resolver());
    EXPECT_EQ(r.out, expected.toml);
}

TEST(BraidctlConvertConfig, WritesToOutputFile) {
    std::string out = temp_path("braidctl-converted.toml");
    std::remove(out.c_str());
    Outcome r = run({"convert-config", sample("multipath-classic.conf"), "-o", out});
    EXPECT_EQ(r.code, kExitOk);
    EXPECT_EQ(r.out, "");
    std::ifstream in(out);
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("addresses = { a = \"10.1.0.1\", b = \"10.2.0.1\" }\n"), std::string::npos);
    std::remove(out.c_str());
}

TEST(BraidctlConvertConfig, EveryErrorOnStandardErrorAndNothingWritten) {
    std::string in = temp_path("braidctl-broken.conf");
    {
        std::ofstream f(in);
        f << "Spread_Segment 10.0.0.255:4803 {\n h1 10.0.0.300\n}\nBogus = 1\n";
    }
    std::string out = temp_path("braidctl-never.toml");
    std::remove(out.c_str());
    Outcome r = run({"convert-config", in, "-o", out});
    EXPECT_EQ(r.code, kExitFailure);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, in + ":2:5: '10.0.0.300' is not an IPv4 address\n" + in +
                         ":4:1: unknown keyword 'Bogus'\n" + in + ": 2 errors, nothing written\n");
    EXPECT_FALSE(std::filesystem::exists(out));
    std::remove(in.c_str());
}

TEST(BraidctlConvertConfig, UnreadableFile) {
    Outcome r = run({"convert-config", "/nonexistent/spread.conf"});
    EXPECT_EQ(r.code, kExitFailure);
    EXPECT_EQ(r.err, "/nonexistent/spread.conf: cannot read the file\n");
}

TEST(BraidctlConvertConfig, CommandLineMistakes) {
    EXPECT_EQ(run({"convert-config"}).code, kExitUsage);
    EXPECT_EQ(run({"convert-config", "a.conf", "b.conf"}).err,
              "braidctl convert-config: only one FILE may be given\n");
    EXPECT_EQ(run({"convert-config", "a.conf", "-o"}).err, "braidctl convert-config: -o needs one file name\n");
    Outcome r = run({"convert-config", "--frob", "a.conf"});
    EXPECT_EQ(r.code, kExitUsage);
    EXPECT_EQ(r.err.rfind("braidctl convert-config: unknown option '--frob'\n", 0), 0u);
    EXPECT_EQ(run({"convert-config", "--help"}).code, kExitOk);
}

}  // namespace
}  // namespace braid::braidctl
