// Multipath header and probe body: round trips and every rejection.
#include "multipath/header.hpp"

#include <gtest/gtest.h>

namespace braid::multipath {
namespace {

Header sample_header() {
    Header h;
    h.kind = Kind::ring;
    h.path = 1;
    h.paths_sent = 0b11;
    h.sender = 0xA1B2C3D4;
    h.incarnation = 0x0102030405060708;
    h.sequence = 0x1122334455667788;
    return h;
}

std::vector<std::uint8_t> encoded(const Header& h, std::vector<std::uint8_t> payload = {}) {
    std::vector<std::uint8_t> out;
    encode_header(h, out);
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

ProbeBody sample_probe() {
    ProbeBody b;
    b.peers.push_back(PeerReport{7, 99, {LinkReport{0, PathState::up, 12}, LinkReport{3, PathState::faulty, 0xFFFFFFFF}}});
    b.peers.push_back(PeerReport{8, 0, {}});
    return b;
}

TEST(MultipathHeader, RoundTripRingTraffic) {
    const auto bytes = encoded(sample_header(), {9, 8, 7});
    ASSERT_EQ(bytes.size(), kHeaderSize + 3);
    EXPECT_EQ(bytes[0], kVersion);
    auto r = decode_datagram(bytes);
    ASSERT_TRUE(r.datagram.has_value()) << describe(r.failure);
    EXPECT_EQ(r.datagram->header, sample_header());
    EXPECT_EQ(std::vector<std::uint8_t>(r.datagram->payload.begin(), r.datagram->payload.end()),
              (std::vector<std::uint8_t>{9, 8, 7}));
}

TEST(MultipathHeader, FieldsAreBigEndianAtTheirOffsets) {
    const auto bytes = encoded(sample_header());
    EXPECT_EQ(bytes[1], 1);     // kind
    EXPECT_EQ(bytes[2], 1);     // path
    EXPECT_EQ(bytes[6], 0b11);  // mask, low byte last
    EXPECT_EQ(bytes[7], 0xA1);  // sender, high byte first
    EXPECT_EQ(bytes[11], 0x01);
    EXPECT_EQ(bytes[26], 0x88);
}

TEST(MultipathHeader, EveryTruncationOfTheHeaderIsRejected) {
    const auto bytes = encoded(sample_header());
    const std::size_t field_starts[] = {0, 1, 2, 3, 7, 11, 19, 27};
    for (std::size_t n = 0; n < kHeaderSize; ++n) {
        auto r = decode_datagram(std::span(bytes).first(n));
        ASSERT_FALSE(r.datagram.has_value()) << n;
        EXPECT_EQ(r.failure.error, DecodeError::truncated) << n;
        std::size_t field = 0;
        for (std::size_t s : field_starts)
            if (s <= n) field = s;
        EXPECT_EQ(r.failure.offset, field) << n;
    }
    EXPECT_EQ(describe(decode_datagram(std::span(bytes).first(9)).failure), "truncated at byte 7");
}

TEST(MultipathHeader, ImpossibleValuesAreRejectedWithTheirOffset) {
    auto check = [](std::vector<std::uint8_t> bytes, const char* message) {
        auto r = decode_datagram(bytes);
        ASSERT_FALSE(r.datagram.has_value());
        EXPECT_EQ(describe(r.failure), message);
    };
    auto b = encoded(sample_header());
    b[0] = 2;
    check(b, "bad version at byte 0");
    b = encoded(sample_header());
    b[1] = 3;
    check(b, "bad kind at byte 1");
    b = encoded(sample_header());
    b[2] = 32;
    check(b, "bad path index at byte 2");
    Header h = sample_header();
    h.paths_sent = 0b01;  // sent on path 1, which the mask omits
    check(encoded(h), "path not in its own path mask at byte 3");
    h = sample_header();
    h.incarnation = 0;
    check(encoded(h), "zero incarnation at byte 11");
    h = sample_header();
    h.sequence = 0;
    check(encoded(h), "zero sequence at byte 19");
}

TEST(MultipathProbe, RoundTrip) {
    std::vector<std::uint8_t> body;
    encode_probe(sample_probe(), body);
    EXPECT_EQ(body.size(), 2u + (13 + 2 * 6) + 13);
    auto r = decode_probe(body);
    ASSERT_TRUE(r.body.has_value()) << describe(r.failure);
    EXPECT_EQ(*r.body, sample_probe());
}

TEST(MultipathProbe, EveryTruncationIsRejected) {
    std::vector<std::uint8_t> body;
    encode_probe(sample_probe(), body);
    for (std::size_t n = 0; n < body.size(); ++n) {
        auto r = decode_probe(std::span(body).first(n));
        ASSERT_FALSE(r.body.has_value()) << n;
        EXPECT_EQ(r.failure.error, DecodeError::truncated) << n;
    }
    EXPECT_EQ(describe(decode_probe(std::span(body).first(1)).failure), "truncated at byte 0");
    EXPECT_EQ(describe(decode_probe(std::span(body).first(20)).failure), "truncated at byte 17");
}

TEST(MultipathProbe, ImpossibleValuesAreRejected) {
    std::vector<std::uint8_t> good;
    encode_probe(sample_probe(), good);
    auto b = good;
    b[15] = 32;  // first link's path
    EXPECT_EQ(describe(decode_probe(b).failure), "bad path index at byte 15");
    b = good;
    b[16] = 2;  // first link's state
    EXPECT_EQ(describe(decode_probe(b).failure), "bad link state at byte 16");
    b = good;
    b[14] = 33;  // link count
    EXPECT_EQ(describe(decode_probe(b).failure), "too many link reports at byte 14");
    b = good;
    b.push_back(0);
    EXPECT_EQ(describe(decode_probe(b).failure), "trailing bytes at byte 40");
    // A peer count far above what the bytes hold fails as truncated, without a huge allocation.
    b = {0xFF, 0xFF, 0, 0};
    EXPECT_EQ(describe(decode_probe(b).failure), "truncated at byte 2");
}

}  // namespace
}  // namespace braid::multipath
