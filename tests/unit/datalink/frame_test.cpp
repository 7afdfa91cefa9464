// The frame codec: round trip, every truncation, and each reason a foreign
// or damaged datagram is refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "datalink/frame.hpp"

namespace braid::datalink {
namespace {

constexpr std::uint64_t kCluster = 0x0123456789abcdefULL;

std::vector<std::uint8_t> frame(std::uint64_t cluster, const std::vector<std::uint8_t>& payload) {
    const FrameHeader h = encode_frame_header(cluster);
    std::vector<std::uint8_t> out;
    out.reserve(h.size() + payload.size());
    for (std::uint8_t b : h) out.push_back(b);
    for (std::uint8_t b : payload) out.push_back(b);
    return out;
}

TEST(ClusterId, IsFnv1aOfNameThenBigEndianPort) {
    // Reference values computed independently of this code.
    EXPECT_EQ(cluster_id("prod", 4803), 0xa7a124e66f7a0583ULL);
    EXPECT_EQ(cluster_id("braid", 4803), 0xdcdc77a887ad39aeULL);
    EXPECT_NE(cluster_id("prod", 4803), cluster_id("prod", 4804));
    EXPECT_NE(cluster_id("prod", 4803), cluster_id("prod2", 4803));
}

TEST(Frame, HeaderLayoutIsExplicit) {
    const FrameHeader h = encode_frame_header(kCluster);
    const std::vector<std::uint8_t> expected = {'B', 'R', 'D', 'L', 1, 0, 0, 0,
                                                0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    EXPECT_EQ(std::vector<std::uint8_t>(h.begin(), h.end()), expected);
}

TEST(Frame, RoundTrip) {
    const std::vector<std::uint8_t> payload = {1, 2, 3, 0, 255};
    const auto bytes = frame(kCluster, payload);
    const DecodedFrame d = decode_frame(bytes, kCluster);
    ASSERT_TRUE(d.ok);
    EXPECT_EQ(std::vector<std::uint8_t>(d.payload.begin(), d.payload.end()), payload);
}

TEST(Frame, EmptyPayloadRoundTrips) {
    const auto bytes = frame(kCluster, {});
    const DecodedFrame d = decode_frame(bytes, kCluster);
    ASSERT_TRUE(d.ok);
    EXPECT_TRUE(d.payload.empty());
}

TEST(Frame, EveryTruncationOfTheHeaderIsRefused) {
    const auto bytes = frame(kCluster, {7, 7, 7});
    for (std::size_t n = 0; n < kFrameHeaderSize; ++n) {
        const DecodedFrame d = decode_frame(std::span(bytes.data(), n), kCluster);
        EXPECT_FALSE(d.ok) << n;
        EXPECT_EQ(d.reason, DropReason::truncated) << n;
    }
    // Each cut inside the payload is still a frame (shorter payload); the
    // layer above checks its own lengths.
    for (std::size_t n = kFrameHeaderSize; n <= bytes.size(); ++n) {
        const DecodedFrame d = decode_frame(std::span(bytes.data(), n), kCluster);
        ASSERT_TRUE(d.ok) << n;
        EXPECT_EQ(d.payload.size(), n - kFrameHeaderSize);
    }
}

TEST(Frame, WrongMagicIsRefused) {
    for (std::size_t i = 0; i < 4; ++i) {
        auto bytes = frame(kCluster, {1});
        bytes[i] ^= 0x20;
        const DecodedFrame d = decode_frame(bytes, kCluster);
        EXPECT_FALSE(d.ok);
        EXPECT_EQ(d.reason, DropReason::bad_magic) << i;
    }
    // A short datagram of another protocol is foreign, not a truncated frame.
    const std::vector<std::uint8_t> other = {'X', 'Y'};
    EXPECT_EQ(decode_frame(other, kCluster).reason, DropReason::bad_magic);
}

TEST(Frame, OtherVersionIsRefused) {
    for (std::uint8_t v : {0, 2, 255}) {
        auto bytes = frame(kCluster, {1});
        bytes[4] = v;
        const DecodedFrame d = decode_frame(bytes, kCluster);
        EXPECT_FALSE(d.ok);
        EXPECT_EQ(d.reason, DropReason::bad_version) << int(v);
    }
}

TEST(Frame, ForeignClusterIsRefused) {
    const auto bytes = frame(kCluster + 1, {1});
    const DecodedFrame d = decode_frame(bytes, kCluster);
    EXPECT_FALSE(d.ok);
    EXPECT_EQ(d.reason, DropReason::foreign_cluster);
}

TEST(Frame, NonZeroReservedIsRefused) {
    for (std::size_t i : {6, 7}) {
        auto bytes = frame(kCluster, {1});
        bytes[i] = 1;
        EXPECT_EQ(decode_frame(bytes, kCluster).reason, DropReason::bad_reserved) << i;
    }
}

TEST(Frame, TagIsRefusedUntilAuthenticationExists) {
    auto bytes = frame(kCluster, {1, 2, 3, 4});
    bytes[5] = 4;  // a 4-byte tag that is present
    EXPECT_EQ(decode_frame(bytes, kCluster).reason, DropReason::unexpected_tag);
    bytes[5] = 5;  // a tag longer than what follows the header
    EXPECT_EQ(decode_frame(bytes, kCluster).reason, DropReason::truncated);
}

TEST(Frame, DropReasonNames) {
    EXPECT_STREQ(to_string(DropReason::truncated), "truncated");
    EXPECT_STREQ(to_string(DropReason::bad_magic), "bad magic");
    EXPECT_STREQ(to_string(DropReason::bad_version), "unsupported version");
    EXPECT_STREQ(to_string(DropReason::foreign_cluster), "foreign cluster");
    EXPECT_STREQ(to_string(DropReason::bad_reserved), "reserved bytes not zero");
    EXPECT_STREQ(to_string(DropReason::unexpected_tag), "unexpected authentication tag");
    EXPECT_STREQ(to_string(DropReason::oversize), "oversize");
}

}  // namespace
}  // namespace braid::datalink
