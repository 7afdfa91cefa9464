#include <gtest/gtest.h>

#include "wire/token.hpp"

namespace braid::wire {
namespace {

Token sample() {
    Token t;
    t.cluster = cluster_tag("prod");
    t.ring = {1, 5};
    t.destination = 2;
    t.sender = 1;
    t.token_seq = 0xfffffffff0ull;  // above 32 bits on purpose
    t.highest_seq = 100;
    t.aru = 90;
    t.aru_lowered_by = 4;
    t.flow_control = 17;
    t.retransmit_requests = {91, 95, 100};
    return t;
}

TEST(Token, RoundTrip) {
    auto bytes = encode(sample());
    EXPECT_EQ(bytes.size(), kTokenFixedSize + 3 * 8);
    auto d = decode_token(bytes);
    ASSERT_TRUE(d.ok()) << to_string(d.error());
    EXPECT_EQ(d.value(), sample());
}

TEST(Token, RoundTripWithoutLowerer) {
    auto t = sample();
    t.aru_lowered_by.reset();
    t.retransmit_requests.clear();
    auto d = decode_token(encode(t));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.value(), t);
}

TEST(Token, EveryTruncationRejected) {
    auto bytes = encode(sample());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto d = decode_token(std::span(bytes).first(n));
        ASSERT_FALSE(d.ok()) << "length " << n;
        if (n < kTokenFixedSize) {
            EXPECT_EQ(d.error().kind, DecodeErrorKind::truncated) << n;
        } else {
            EXPECT_EQ(d.error(), (DecodeError{DecodeErrorKind::bad_length, kTokenFixedSize - 2})) << n;
        }
    }
}

TEST(Token, TrailingBytesRejected) {
    auto bytes = encode(sample());
    bytes.push_back(1);
    EXPECT_EQ(to_string(decode_token(bytes).error()), "bad length at byte 61");
}

TEST(Token, RequestCountAboveLimitRejected) {
    auto t = sample();
    t.highest_seq = 5000;
    t.retransmit_requests.assign(kMaxRetransmitRequests + 1, 1);
    EXPECT_EQ(to_string(decode_token(encode(t)).error()), "too many retransmission requests at byte 61");
}

TEST(Token, AruAboveHighestRejected) {
    auto t = sample();
    t.aru = 101;
    EXPECT_EQ(to_string(decode_token(encode(t)).error()), "inconsistent fields at byte 44");
}

TEST(Token, ImpossibleRequestRejected) {
    auto t = sample();
    t.retransmit_requests = {101};
    EXPECT_EQ(to_string(decode_token(encode(t)).error()), "inconsistent fields at byte 63");
    t.retransmit_requests = {0};
    EXPECT_EQ(decode_token(encode(t)).error().kind, DecodeErrorKind::inconsistent);
}

TEST(Token, BadLowererFlagRejected) {
    auto bytes = encode(sample());
    bytes[52] = 2;
    EXPECT_EQ(to_string(decode_token(bytes).error()), "inconsistent fields at byte 52");
}

}  // namespace
}  // namespace braid::wire

namespace braid::wire {
namespace {

TEST(Token, LowererIdWithoutFlagRejected) {
    auto t = sample();
    t.aru_lowered_by.reset();
    auto bytes = encode(t);
    bytes[56] = 1;  // id field's last byte while the flag says "nobody"
    EXPECT_EQ(to_string(decode_token(bytes).error()), "inconsistent fields at byte 52");
}

}  // namespace
}  // namespace braid::wire
