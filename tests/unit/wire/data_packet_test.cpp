#include <gtest/gtest.h>

#include "wire/data_packet.hpp"

namespace braid::wire {
namespace {

DataPacket sample() {
    DataPacket p;
    p.cluster = cluster_tag("prod");
    p.ring = {7, 42};
    p.sender = 3;
    p.seq = 0x1122334455ull;
    p.payload = {9, 8, 7, 6, 5};
    return p;
}

TEST(DataPacket, RoundTrip) {
    auto bytes = encode(sample());
    EXPECT_EQ(bytes.size(), kDataOverhead + 5);
    auto d = decode_data_packet(bytes);
    ASSERT_TRUE(d.ok()) << to_string(d.error());
    EXPECT_EQ(d.value(), sample());
}

TEST(DataPacket, EmptyPayloadRoundTrip) {
    auto p = sample();
    p.payload.clear();
    auto d = decode_data_packet(encode(p));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.value(), p);
}

TEST(DataPacket, EveryTruncationRejected) {
    auto bytes = encode(sample());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto d = decode_data_packet(std::span(bytes).first(n));
        ASSERT_FALSE(d.ok()) << "length " << n;
        // Cut inside the fixed part: truncated; inside the payload: the length field disagrees.
        if (n < kDataOverhead) {
            EXPECT_EQ(d.error().kind, DecodeErrorKind::truncated) << n;
        } else {
            EXPECT_EQ(d.error(), (DecodeError{DecodeErrorKind::bad_length, kHeaderSize + 12})) << n;
        }
    }
}

TEST(DataPacket, TrailingBytesRejected) {
    auto bytes = encode(sample());
    bytes.push_back(0);
    auto d = decode_data_packet(bytes);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(to_string(d.error()), "bad length at byte 32");
}

TEST(DataPacket, HugeLengthRejected) {
    auto bytes = encode(sample());
    bytes[kHeaderSize + 12] = 0xff;  // length field's top byte
    auto d = decode_data_packet(bytes);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, DecodeErrorKind::bad_length);
}

TEST(DataPacket, SequenceZeroRejected) {
    auto p = sample();
    p.seq = 0;
    auto d = decode_data_packet(encode(p));
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(to_string(d.error()), "inconsistent fields at byte 24");
}

TEST(DataPacket, HeaderChecks) {
    auto bytes = encode(sample());
    auto bad = bytes;
    bad[0] = 0;
    EXPECT_EQ(to_string(decode_data_packet(bad).error()), "bad magic at byte 0");
    bad = bytes;
    bad[2] = 9;
    EXPECT_EQ(to_string(decode_data_packet(bad).error()), "unsupported version at byte 2");
    bad = bytes;
    bad[3] = 200;
    EXPECT_EQ(to_string(decode_data_packet(bad).error()), "unknown packet kind at byte 3");
    bad = bytes;
    bad[3] = static_cast<std::uint8_t>(PacketKind::token);
    EXPECT_EQ(to_string(decode_data_packet(bad).error()), "wrong packet kind at byte 3");
}

TEST(PacketHeader, ClusterTagDiffersByName) {
    EXPECT_NE(cluster_tag("prod"), cluster_tag("test"));
    EXPECT_EQ(cluster_tag("prod"), cluster_tag("prod"));
}

}  // namespace
}  // namespace braid::wire
