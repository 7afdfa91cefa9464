#include <gtest/gtest.h>

#include <random>

#include "wire/packet.hpp"

namespace braid::wire {
namespace {

TEST(Packet, DispatchesOnKind) {
    DataPacket d;
    d.seq = 1;
    d.payload = {1};
    auto pd = decode_packet(encode(d));
    ASSERT_TRUE(pd.ok());
    EXPECT_TRUE(std::holds_alternative<DataPacket>(pd.value()));
    Token t;
    t.token_seq = 1;
    auto pt = decode_packet(encode(t));
    ASSERT_TRUE(pt.ok());
    EXPECT_TRUE(std::holds_alternative<Token>(pt.value()));
}

TEST(Packet, EmptyAndGarbageRejected) {
    EXPECT_EQ(to_string(decode_packet({}).error()), "truncated at byte 0");
    std::vector<std::uint8_t> garbage{0xde, 0xad, 0xbe, 0xef};
    EXPECT_EQ(to_string(decode_packet(garbage).error()), "bad magic at byte 0");
}

// Random corruption of valid packets never crashes and never yields a
// packet that re-encodes differently from its bytes.
TEST(Packet, RandomCorruptionIsSafe) {
    std::mt19937 rng(12345);
    Token t;
    t.token_seq = 9;
    t.highest_seq = 50;
    t.aru = 40;
    t.retransmit_requests = {41, 42};
    DataPacket d;
    d.seq = 3;
    d.payload.assign(40, 7);
    const std::vector<std::vector<std::uint8_t>> originals{encode(t), encode(d)};
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        auto bytes = originals[static_cast<std::size_t>(i) % 2];
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        if (rng() % 3 == 0) bytes.resize(rng() % (bytes.size() + 1));
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
