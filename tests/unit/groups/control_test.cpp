// The control message format: round trips, malformed bodies, report parts.
#include <gtest/gtest.h>

#include "groups/control.hpp"

namespace braid::groups {
namespace {

TEST(ControlCodec, MemberRequestsRoundTrip) {
    for (const auto& request : {MemberRequest{RequestKind::join, "#alice#d1", "g1"},
                                MemberRequest{RequestKind::leave, "#bob#d2", std::string(31, 'x')},
                                MemberRequest{RequestKind::disconnect, "#carol#d3", ""}}) {
        const auto bytes = encode_control(request);
        ControlError error;
        const auto decoded = decode_control(bytes, error);
        ASSERT_TRUE(decoded);
        EXPECT_EQ(std::get<MemberRequest>(*decoded), request);
    }
    const auto join = encode_control(MemberRequest{RequestKind::join, "#a#d", "g"});
    EXPECT_EQ(join, (std::vector<std::uint8_t>{1, 1, 4, '#', 'a', '#', 'd', 1, 'g'}));
}

TEST(ControlCodec, StateReportRoundTrips) {
    StateReport report{ring::RingId{3, 0x1'0000'0002}, ring::RingId{1, 7}, false,
                       {{"g1", GroupId{1, 7, 4}, true, {"#a#d1", "#b#d1"}, {"#b#d1"}},
                        {"g2", GroupId{-1, 2, 1}, false, {"#a#d1"}, {}}}};
    const auto bytes = encode_control(report);
    ControlError error;
    const auto decoded = decode_control(bytes, error);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(std::get<StateReport>(*decoded), report);
}

TEST(ControlCodec, EveryTruncationIsRejected) {
    const auto bytes = encode_control(StateReport{ring::RingId{1, 2}, ring::RingId{1, 1}, true,
                                                  {{"g", GroupId{1, 2, 3}, false, {"#a#d1"}, {"#a#d1"}}}});
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        ControlError error;
        EXPECT_FALSE(decode_control(std::span(bytes).first(n), error)) << "length " << n;
        EXPECT_LE(error.offset, n);
        EXPECT_FALSE(error.what.empty());
    }
}

TEST(ControlCodec, InvalidFieldsAreNamed) {
    ControlError error;
    auto bad = encode_control(MemberRequest{RequestKind::join, "#a#d", "g"});
    bad[0] = 2;
    EXPECT_FALSE(decode_control(bad, error));
    EXPECT_EQ(error.what, "unknown control message version");
    EXPECT_EQ(error.offset, 0u);
    bad[0] = 1;
    bad[1] = 9;
    EXPECT_FALSE(decode_control(bad, error));
    EXPECT_EQ(error.what, "unknown control message kind");
    EXPECT_EQ(error.offset, 1u);
    bad[1] = 1;
    bad.push_back(0);
    EXPECT_FALSE(decode_control(bad, error));
    EXPECT_EQ(error.what, "bytes after the control message");
    EXPECT_EQ(error.offset, 9u);
    const std::vector<std::uint8_t> long_name{1, 1, 32};
    EXPECT_FALSE(decode_control(long_name, error));
    EXPECT_EQ(error.what, "member request truncated or a name too long");
    EXPECT_EQ(error.offset, 3u);
    const std::vector<std::uint8_t> empty_member{1, 3, 0};
    EXPECT_FALSE(decode_control(empty_member, error));
    EXPECT_EQ(error.what, "empty member name");
    auto state = encode_control(StateReport{ring::RingId{1, 2}, ring::RingId{1, 1}, true, {}});
    state[26] = 2;  // last-part flag
    EXPECT_FALSE(decode_control(state, error));
    EXPECT_EQ(error.what, "bad last-part flag");
    EXPECT_EQ(error.offset, 26u);
}

TEST(ControlCodec, LargeReportsAreCutIntoParts) {
    StateReport report{ring::RingId{1, 2}, ring::RingId{1, 1}, true, {}};
    for (int i = 0; i < 10; ++i)
        report.groups.push_back({"group" + std::to_string(i), GroupId{1, 1, i}, false,
                                 {"#alice#d1", "#bob#d1"}, {}});
    const auto parts = split_report(report, 120);
    ASSERT_GT(parts.size(), 1u);
    std::vector<ReportedGroup> joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        EXPECT_EQ(parts[i].last, i + 1 == parts.size());
        EXPECT_EQ(parts[i].ring, report.ring);
        EXPECT_EQ(parts[i].previous, report.previous);
        EXPECT_LE(encode_control(parts[i]).size(), 120u);
        joined.insert(joined.end(), parts[i].groups.begin(), parts[i].groups.end());
    }
    EXPECT_EQ(joined, report.groups);
    const auto whole = split_report(StateReport{ring::RingId{1, 2}, {}, true, {}}, 120);
    ASSERT_EQ(whole.size(), 1u);
    EXPECT_TRUE(whole[0].last);
}

}  // namespace
}  // namespace braid::groups
