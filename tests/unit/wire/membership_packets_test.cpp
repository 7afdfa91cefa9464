#include <gtest/gtest.h>

#include <random>

#include "wire/commit_token.hpp"
#include "wire/join.hpp"
#include "wire/packet.hpp"
#include "wire/presence.hpp"

namespace braid::wire {
namespace {

Join sample_join() {
    Join j;
    j.cluster = cluster_tag("prod");
    j.ring = {2, 7};
    j.sender = 3;
    j.join_seq = 0x1'0000'0005ull;
    j.max_ring_seq = 9;
    j.members = {1, 2, 3, 9};
    j.failed = {9};
    return j;
}

CommitToken sample_commit() {
    CommitToken t;
    t.cluster = cluster_tag("prod");
    t.ring = {1, 10};
    t.destination = 2;
    t.sender = 1;
    t.token_seq = 4;
    t.rotation = 1;
    t.entries = {{1, true, {1, 7}, 40, 45}, {2, false, {}, 0, 0}, {5, true, {5, 3}, 0, 2}};
    return t;
}

TEST(Join, RoundTrip) {
    auto bytes = encode(sample_join());
    EXPECT_EQ(bytes.size(), kHeaderSize + 4 + 8 + 8 + 2 + 16 + 2 + 4);
    auto d = decode_join(bytes);
    ASSERT_TRUE(d.ok()) << to_string(d.error());
    EXPECT_EQ(d.value(), sample_join());
}

TEST(Join, EveryTruncationRejected) {
    auto bytes = encode(sample_join());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto d = decode_join(std::span(bytes).first(n));
        ASSERT_FALSE(d.ok()) << n;
        EXPECT_EQ(d.error().kind, DecodeErrorKind::truncated) << n;
    }
}

TEST(Join, UnsortedOrRepeatedIdsRejected) {
    auto j = sample_join();
    j.members = {1, 3, 2};
    EXPECT_EQ(to_string(decode_join(encode(j)).error()), "inconsistent fields at byte 50");
    j.members = {1, 1};
    EXPECT_EQ(to_string(decode_join(encode(j)).error()), "inconsistent fields at byte 46");
}

TEST(Join, TrailingBytesAndLongListsRejected) {
    auto bytes = encode(sample_join());
    bytes.push_back(0);
    EXPECT_EQ(to_string(decode_join(bytes).error()), "bad length at byte 64");
    auto j = sample_join();
    j.members.clear();
    for (std::uint32_t i = 1; i <= kMaxMembers + 1; ++i) j.members.push_back(i);
    EXPECT_EQ(to_string(decode_join(encode(j)).error()), "bad length at byte 40");
}

TEST(CommitToken, RoundTrip) {
    auto d = decode_commit_token(encode(sample_commit()));
    ASSERT_TRUE(d.ok()) << to_string(d.error());
    EXPECT_EQ(d.value(), sample_commit());
}

TEST(CommitToken, EveryTruncationRejected) {
    auto bytes = encode(sample_commit());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto d = decode_commit_token(std::span(bytes).first(n));
        ASSERT_FALSE(d.ok()) << n;
        EXPECT_EQ(d.error().kind, DecodeErrorKind::truncated) << n;
    }
}

TEST(CommitToken, InconsistentFieldsRejected) {
    auto t = sample_commit();
    t.rotation = 3;
    EXPECT_EQ(to_string(decode_commit_token(encode(t)).error()), "inconsistent fields at byte 36");
    t = sample_commit();
    t.entries[1].old_aru = 1;  // state in an entry not filled in
    EXPECT_EQ(to_string(decode_commit_token(encode(t)).error()), "inconsistent fields at byte 76");
    t = sample_commit();
    t.entries[0].old_aru = 50;  // aru above highest
    EXPECT_EQ(to_string(decode_commit_token(encode(t)).error()), "inconsistent fields at byte 43");
    t = sample_commit();
    t.entries.clear();
    EXPECT_EQ(to_string(decode_commit_token(encode(t)).error()), "bad length at byte 37");
}

TEST(Presence, RoundTripAndTrailingBytes) {
    Presence p{cluster_tag("prod"), {4, 12}, 4};
    auto bytes = encode(p);
    EXPECT_EQ(bytes.size(), kHeaderSize + 4);
    auto d = decode_presence(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.value(), p);
    bytes.push_back(1);
    EXPECT_EQ(to_string(decode_presence(bytes).error()), "bad length at byte 24");
    EXPECT_EQ(to_string(decode_presence(std::span(bytes).first(22)).error()), "truncated at byte 20");
}

TEST(MembershipPackets, DispatchAndWrongKind) {
    auto pj = decode_packet(encode(sample_join()));
    ASSERT_TRUE(pj.ok());
    EXPECT_TRUE(std::holds_alternative<Join>(pj.value()));
    auto pc = decode_packet(encode(sample_commit()));
    ASSERT_TRUE(pc.ok());
    EXPECT_TRUE(std::holds_alternative<CommitToken>(pc.value()));
    auto pp = decode_packet(encode(Presence{}));
    ASSERT_TRUE(pp.ok());
    EXPECT_TRUE(std::holds_alternative<Presence>(pp.value()));
    EXPECT_EQ(to_string(decode_join(encode(Presence{})).error()), "wrong packet kind at byte 3");
    EXPECT_EQ(to_string(decode_commit_token(encode(sample_join())).error()), "wrong packet kind at byte 3");
}

// Corrupted membership packets never crash and re-encode to their bytes.
TEST(MembershipPackets, RandomCorruptionIsSafe) {
    std::mt19937 rng(777);
    const std::vector<std::vector<std::uint8_t>> originals{encode(sample_join()), encode(sample_commit()),
                                                           encode(Presence{1, {2, 3}, 2})};
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        auto bytes = originals[static_cast<std::size_t>(i) % originals.size()];
        const int flips = 1 + static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        if (rng() % 4 == 0) bytes.resize(rng() % (bytes.size() + 1));
        auto p = decode_packet(bytes);
        if (!p.ok()) continue;
        ++accepted;
        auto again = std::visit([](const auto& x) { return encode(x); }, p.value());
        EXPECT_EQ(again, bytes);
    }
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace braid::wire
