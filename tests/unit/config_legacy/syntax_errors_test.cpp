// Syntax errors of spread.conf: each with its exact message and position,
// and parsing goes on after each so that one run reports them all.
#include <gtest/gtest.h>

#include "legacy_test_support.hpp"

namespace braid::config::legacy {
namespace {

using testing::errors_of;
using V = std::vector<std::string>;

const std::string kSegment = "Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n";  // lines 1-3

TEST(LegacySyntax, UnterminatedString) {
    EXPECT_EQ(errors_of(kSegment + "EventTimeStamp = \"[%H\n"),
              V{"t.conf:4:18: unterminated string: a '\"' is missing on this line"});
}

TEST(LegacySyntax, CloseBraceWithoutOpen) {
    EXPECT_EQ(errors_of(kSegment + "}\n"),
              V{"t.conf:4:1: unbalanced braces: '}' without a matching '{'"});
}

TEST(LegacySyntax, OpenBraceOutsideSegment) {
    EXPECT_EQ(errors_of(kSegment + "  { h2 10.0.0.2 }\n"),
              V{"t.conf:4:3: unexpected '{' outside a Spread_Segment"});
}

TEST(LegacySyntax, BraceOutsideSegmentNeverClosed) {
    EXPECT_EQ(errors_of(kSegment + "{ h2\n"),
              (V{"t.conf:4:1: unexpected '{' outside a Spread_Segment",
                 "t.conf:4:1: unbalanced braces: this '{' is never closed"}));
}

TEST(LegacySyntax, StrayEqualsAndString) {
    EXPECT_EQ(errors_of(kSegment + "= \"x\"\n"),
              (V{"t.conf:4:1: unexpected '=': expected a keyword or Spread_Segment",
                 "t.conf:4:3: unexpected \"x\": expected a keyword or Spread_Segment"}));
}

TEST(LegacySyntax, KeywordWithoutEquals) {
    EXPECT_EQ(errors_of(kSegment + "DebugFlags PRINT\n"),
              V{"t.conf:4:12: expected '=' after 'DebugFlags', found 'PRINT'"});
}

TEST(LegacySyntax, KeywordWithoutValue) {
    EXPECT_EQ(errors_of(kSegment + "EventLogFile =\n"),
              V{"t.conf:4:14: 'EventLogFile =' needs a value"});
}

TEST(LegacySyntax, BadTokensInsideAList) {
    EXPECT_EQ(errors_of(kSegment + "DebugFlags = { PRINT = { EXIT } }\n"),
              (V{"t.conf:4:22: unexpected '=' inside the value of 'DebugFlags'",
                 "t.conf:4:24: unexpected '{' inside the value of 'DebugFlags'"}));
}

TEST(LegacySyntax, ListNeverClosed) {
    EXPECT_EQ(errors_of(kSegment + "DebugFlags = { PRINT\n"),
              V{"t.conf:4:14: unbalanced braces: this '{' is never closed"});
}

TEST(LegacySyntax, SegmentWithoutAddress) {
    EXPECT_EQ(errors_of("Spread_Segment {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:16: Spread_Segment needs an address: ADDRESS[:PORT]"});
}

TEST(LegacySyntax, SegmentWithoutBrace) {
    EXPECT_EQ(errors_of(kSegment + "Spread_Segment 10.1.0.255\n"),
              V{"t.conf:4:1: expected '{' to open the Spread_Segment"});
}

TEST(LegacySyntax, SegmentNeverClosed) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:4803 {\n h1 10.0.0.1\n"),
              V{"t.conf:1:32: unbalanced braces: this '{' is never closed"});
}

TEST(LegacySyntax, OptionInsideSegment) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n DangerousMonitor = true\n}\n"),
              V{"t.conf:3:2: 'DangerousMonitor =' inside a Spread_Segment: options belong outside "
                "segments"});
}

TEST(LegacySyntax, StrayTokensInSegment) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n = \"x\"\n}\n"),
              (V{"t.conf:3:2: unexpected '=' in a Spread_Segment (options belong outside segments)",
                 "t.conf:3:4: unexpected \"x\" in a Spread_Segment (options belong outside segments)"}));
}

TEST(LegacySyntax, NetworkBlocksDoNotNest) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo { bar } }\n}\n"),
              (V{"t.conf:2:8: unexpected '{': network blocks of a segment do not nest"}));
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo\n { bar } }\n}\n"),
              (V{"t.conf:3:2: unexpected '{': network blocks of a segment do not nest"}));
}

TEST(LegacySyntax, StrayTokensInNetworkBlock) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo\n = \"x\" }\n}\n"),
              (V{"t.conf:3:2: unexpected '=' in a network block",
                 "t.conf:3:4: unexpected \"x\" in a network block"}));
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo = \"x\" }\n}\n"),
              V{"t.conf:2:4: 'foo =' inside a Spread_Segment: options belong outside segments"});
}

TEST(LegacySyntax, NetworkBlockNeverClosed) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo\n"),
              (V{"t.conf:1:19: unbalanced braces: this '{' is never closed",
                 "t.conf:2:2: unbalanced braces: this '{' is never closed"}));
}

TEST(LegacySyntax, PerHostInterfaceBlock) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1 { D 10.0.0.1 C 127.0.0.1 }\n"
                        " h2 10.0.0.2\n}\n"),
              V{"t.conf:2:14: host 'h1': a per-host interface block has no Braid equivalent "
                "(write one address per network in its own Spread_Segment)"});
}

TEST(LegacySyntax, CommentsAreIgnoredEverywhere) {
    auto result = testing::convert("# head\nSpread_Segment 10.0.0.255 { # open\n h1 10.0.0.1 # one\n"
                                   "} # close\nDebugFlags = { PRINT # inside\n EXIT }\n");
    EXPECT_TRUE(result.ok());
}

TEST(LegacySyntax, AllErrorsAreReportedInOrder) {
    EXPECT_EQ(errors_of("}\nSpread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\nFoo = 1\nBar = 2\n"),
              (V{"t.conf:1:1: unbalanced braces: '}' without a matching '{'",
                 "t.conf:5:1: unknown keyword 'Foo'", "t.conf:6:1: unknown keyword 'Bar'"}));
}

}  // namespace
}  // namespace braid::config::legacy
