// [timeouts] and the multipath periods: the token derives the rest, explicit
// values are checked as a set, and each broken rule names its keys.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/derive.hpp"
#include "support.hpp"

namespace braid::config::test {
namespace {

using ::testing::ElementsAre;

Config loaded(const std::string& text) {
    auto result = load(text);
    EXPECT_TRUE(result.errors.empty()) << result.errors.at(0).to_string();
    return result.config.value_or(Config{});
}

struct Expected {
    std::uint32_t token, token_retransmit, join, consensus, merge;  // [timeouts]
    std::uint32_t probe, silence, restore;                          // [multipath]
};

void expect_timings(const Config& c, const Expected& e) {
    EXPECT_EQ(c.timeouts.token, e.token);
    EXPECT_EQ(c.timeouts.token_retransmit, e.token_retransmit);
    EXPECT_EQ(c.timeouts.join, e.join);
    EXPECT_EQ(c.timeouts.consensus, e.consensus);
    EXPECT_EQ(c.timeouts.merge, e.merge);
    EXPECT_EQ(c.multipath.probe_interval_ms, e.probe);
    EXPECT_EQ(c.multipath.silence_timeout_ms, e.silence);
    EXPECT_EQ(c.multipath.restore_after_ms, e.restore);
}

TEST(ConfigTimeouts, Defaults) {
    expect_timings(loaded(kMinimal), {1000, 250, 50, 200, 1000, 100, 400, 2000});
}

TEST(ConfigTimeouts, TokenDerivesTheRest) {
    expect_timings(loaded(kMinimal + "[timeouts]\ntoken = 2000\n"), {2000, 500, 50, 400, 2000, 200, 800, 4000});
    expect_timings(loaded(kMinimal + "[timeouts]\ntoken = 100\n"), {100, 25, 5, 20, 100, 10, 40, 200});
    expect_timings(loaded(kMinimal + "[timeouts]\ntoken = 20\n"), {20, 5, 1, 4, 20, 2, 8, 40});
    expect_timings(loaded(kMinimal + "[timeouts]\ntoken = 600000\n"),
                   {600000, 150000, 50, 120000, 600000, 60000, 240000, 1200000});
}

TEST(ConfigTimeouts, DerivedSetsAlwaysPassTheRules) {
    for (std::uint32_t token = kMinTokenTimeout; token < 5000; token += 7) {
        auto result = load(kMinimal + "[timeouts]\ntoken = " + std::to_string(token) + "\n");
        ASSERT_TRUE(result.config) << token << ": " << result.errors.at(0).to_string();
    }
}

TEST(ConfigTimeouts, JoinFollowsAnExplicitConsensus) {
    expect_timings(loaded(kMinimal + "[timeouts]\nconsensus = 40\n"), {1000, 250, 10, 40, 1000, 100, 400, 2000});
}

TEST(ConfigTimeouts, ExplicitSetIsKept) {
    expect_timings(loaded(kMinimal + "[timeouts]\ntoken = 3000\ntoken_retransmit = 600\njoin = 100\n"
                                     "consensus = 800\nmerge = 5000\n"),
                   {3000, 600, 100, 800, 5000, 300, 1200, 6000});
}

TEST(ConfigTimeouts, TokenOutOfRange) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken = 19\n"),
                ElementsAre("t.toml:8:9: timeouts.token: 19 is out of range (20..600000)"));
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken = 600001\n"),
                ElementsAre("t.toml:8:9: timeouts.token: 600001 is out of range (20..600000)"));
}

TEST(ConfigTimeouts, RetransmitMustFitTwiceInToken) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken_retransmit = 500\n"),
                ElementsAre("t.toml:8:20: timeouts.token_retransmit (500) must be less than half of "
                            "timeouts.token (1000): the token must be resent at least twice before it is "
                            "declared lost"));
}

TEST(ConfigTimeouts, JoinMustFitTwiceInConsensus) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\njoin = 150\n"),
                ElementsAre("t.toml:8:8: timeouts.join (150) must be at most half of timeouts.consensus "
                            "(200, derived from timeouts.token): every daemon must resend its join at "
                            "least twice before consensus gives up on it"));
}

TEST(ConfigTimeouts, ConsensusMustBeShorterThanToken) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken = 500\nconsensus = 500\n"),
                ElementsAre("t.toml:9:13: timeouts.consensus (500) must be less than timeouts.token (500): "
                            "a membership change must settle before another token loss can be declared"));
}

TEST(ConfigTimeouts, MergeMustNotBeShorterThanConsensus) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\nmerge = 100\n"),
                ElementsAre("t.toml:8:9: timeouts.merge (100) must be at least timeouts.consensus (200, "
                            "derived from timeouts.token): presence broadcasts must not restart a "
                            "membership change that is still settling"));
}

TEST(ConfigTimeouts, BrokenRulesAreAllReported) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken = 1000\ntoken_retransmit = 900\nconsensus = 2000\n"),
                ElementsAre("t.toml:9:20: timeouts.token_retransmit (900) must be less than half of "
                            "timeouts.token (1000): the token must be resent at least twice before it is "
                            "declared lost",
                            "t.toml:10:13: timeouts.consensus (2000) must be less than timeouts.token "
                            "(1000): a membership change must settle before another token loss can be "
                            "declared",
                            // merge is derived, so the rule is reported at the consensus it breaks with
                            "t.toml:10:13: timeouts.merge (1000, derived from timeouts.token) must be at "
                            "least timeouts.consensus (2000): presence broadcasts must not restart a "
                            "membership change that is still settling"));
}

TEST(ConfigTimeouts, RejectedValueIsNotCheckedAgain) {
    EXPECT_THAT(errors(kMinimal + "[timeouts]\ntoken_retransmit = 0\njoin = \"fast\"\n"),
                ElementsAre("t.toml:8:20: timeouts.token_retransmit: 0 is out of range (1..600000)",
                            "t.toml:9:8: timeouts.join: expected an integer, got a string"));
}

TEST(ConfigMultipathPeriods, ProbeMustFitTwiceInSilence) {
    EXPECT_THAT(errors(kMinimal + "[multipath]\nprobe_interval = 300\n"),
                ElementsAre("t.toml:8:18: multipath.probe_interval (300) must be at most half of "
                            "multipath.silence_timeout (400, derived from timeouts.token): a healthy path "
                            "must be heard at least twice before it is judged silent"));
}

TEST(ConfigMultipathPeriods, SilenceMustBeShorterThanToken) {
    EXPECT_THAT(errors(kMinimal + "[multipath]\nsilence_timeout = 1000\n"),
                ElementsAre("t.toml:8:19: multipath.silence_timeout (1000) must be less than timeouts.token "
                            "(1000): a dead path must be dropped before its silence costs a membership "
                            "change"));
}

TEST(ConfigMultipathPeriods, RestoreMustNotBeShorterThanSilence) {
    EXPECT_THAT(errors(kMinimal + "[multipath]\nrestore_after = 100\n"),
                ElementsAre("t.toml:8:17: multipath.restore_after (100) must be at least "
                            "multipath.silence_timeout (400, derived from timeouts.token): a path that "
                            "flaps must stay healthy longer than it took to fail before it is used again"));
}

}  // namespace
}  // namespace braid::config::test
