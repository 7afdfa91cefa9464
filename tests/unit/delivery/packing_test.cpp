// Packing, fragmentation and reassembly through real streams, and malformed
// payloads handed to a stream.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "delivery/payload_codec.hpp"
#include "harness.hpp"

namespace braid::delivery {
namespace {

using test::HandRing;
using test::make_message;

// Sends `message` from daemon 1 to daemon 2 with payloads of at most
// max_bytes, in reverse order of sending, and returns what daemon 2 delivers.
std::vector<Delivery> send_one(const Message& message, std::size_t max_bytes) {
    Stream from(1);
    Stream to(2);
    HandRing ring;
    EXPECT_TRUE(from.submit(message).ok());
    const auto seqs = ring.pull(from, max_bytes);
    for (const auto seq : seqs) EXPECT_LE(ring.packet(seq).bytes.size(), max_bytes);
    for (auto it = seqs.rbegin(); it != seqs.rend(); ++it) ring.give(*it, to);
    to.on_ordered(ring.last());
    to.on_safe(ring.last());
    return to.take_deliveries();
}

TEST(Fragmentation, RoundTripFromOneByteToTheLimit) {
    const std::size_t sizes[] = {1, 2, 13, 100, 1000, 1385, 1400, 4096, 65536, 100000,
                                 kMaxMessageBytes};
    const std::size_t max_bytes[] = {kMinPayloadBytes, 100, 1400, 9000, 65507};
    for (const auto mtu : max_bytes) {
        for (const auto size : sizes) {
            if (mtu == kMinPayloadBytes && size > 4096) continue;  // thousands of payloads each
            for (const auto level : {ServiceLevel::reliable, ServiceLevel::safe}) {
                // With its one group the largest body is the limit less 32 bytes.
                const std::size_t body = std::min(size, kMaxMessageBytes - kGroupFieldBytes);
                const Message m = make_message(level, "#alice#h1", body, static_cast<std::uint8_t>(size));
                const auto got = send_one(m, mtu);
                ASSERT_EQ(got.size(), 1u) << "size " << size << " max " << mtu;
                EXPECT_EQ(got[0].message, m) << "size " << size << " max " << mtu;
                EXPECT_EQ(got[0].id, (MessageId{1, 1}));
            }
        }
    }
}

TEST(Fragmentation, LargestMessageWithHundredGroupsAtTinyPayloads) {
    std::vector<std::string> groups;
    for (int i = 0; i < 100; ++i) groups.push_back("group-" + std::to_string(i) + std::string(20, 'x'));
    const Message m = make_message(ServiceLevel::agreed, "#bob#h2", kMaxMessageBytes - 3200, 5, groups);
    for (const std::size_t mtu : {kMinPayloadBytes, std::size_t{1400}}) {
        const auto got = send_one(m, mtu);
        ASSERT_EQ(got.size(), 1u);
        EXPECT_EQ(got[0].message, m);
        EXPECT_EQ(got[0].position, got[0].packets.back());
    }
}

TEST(Packing, SmallMessagesShareOnePayload) {
    Stream from(1);
    Stream to(2);
    HandRing ring;
    for (std::uint8_t i = 0; i < 10; ++i)
        ASSERT_TRUE(from.submit(make_message(ServiceLevel::fifo, "#a#h1", 50, i)).ok());
    const auto seqs = ring.pull(from);
    EXPECT_EQ(seqs.size(), 1u);
    EXPECT_EQ(from.counters().payloads_built, 1u);
    EXPECT_EQ(from.counters().fragments_built, 0u);
    ring.give(seqs, to);
    const auto got = to.take_deliveries();
    ASSERT_EQ(got.size(), 10u);
    for (std::uint8_t i = 0; i < 10; ++i) EXPECT_EQ(got[i].message.body, make_message(ServiceLevel::fifo, "#a#h1", 50, i).body);
}

TEST(Packing, AMessageThatFitsAFreshPayloadIsNotCut) {
    Stream from(1);
    HandRing ring;
    ASSERT_TRUE(from.submit(make_message(ServiceLevel::reliable, "#a#h1", 800, 1)).ok());
    ASSERT_TRUE(from.submit(make_message(ServiceLevel::reliable, "#a#h1", 800, 2)).ok());
    EXPECT_EQ(ring.pull(from).size(), 2u);
    EXPECT_EQ(from.counters().fragments_built, 0u);
}

TEST(Packing, PayloadCounterCountsPayloads) {
    Stream from(1);
    ASSERT_TRUE(from.submit(make_message(ServiceLevel::reliable, "#a#h1", 3000)).ok());
    for (std::uint64_t expected = 1; expected <= 3; ++expected) {
        const auto payload = from.next_payload(1400);
        ASSERT_TRUE(payload);
        EXPECT_EQ(decode_payload_counter(*payload), expected);
    }
    EXPECT_FALSE(from.next_payload(1400));
}

TEST(Packing, TooSmallAPayloadProducesNothing) {
    Stream from(1);
    ASSERT_TRUE(from.submit(make_message(ServiceLevel::reliable, "#a#h1", 10)).ok());
    EXPECT_FALSE(from.next_payload(kMinPayloadBytes - 1));
    EXPECT_TRUE(from.has_unsent());
    int payloads = 0;
    while (auto payload = from.next_payload(kMinPayloadBytes)) {
        EXPECT_LE(payload->size(), kMinPayloadBytes);
        ++payloads;
    }
    EXPECT_EQ(payloads, 3);
    EXPECT_FALSE(from.has_unsent());
}

TEST(MalformedPayload, EveryTruncationIsDroppedAndCounted) {
    Stream from(1);
    HandRing ring;
    for (std::uint8_t i = 0; i < 3; ++i)
        ASSERT_TRUE(from.submit(make_message(ServiceLevel::reliable, "#a#h1", 200, i)).ok());
    const auto seqs = ring.pull(from);
    ASSERT_EQ(seqs.size(), 1u);
    const auto& bytes = ring.packet(seqs[0]).bytes;
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        Stream to(2);
        to.on_packet(1, 1, std::span(bytes).first(n));
        EXPECT_EQ(to.counters().payloads_malformed, 1u) << "length " << n;
        EXPECT_TRUE(to.take_deliveries().empty());
    }
}

TEST(MalformedPayload, RandomDamageNeverCrashes) {
    Stream from(1);
    HandRing ring;
    for (std::uint8_t i = 0; i < 20; ++i)
        ASSERT_TRUE(from.submit(make_message(static_cast<ServiceLevel>(1 + i % 6), "#a#h1", 30 + i * 97, i)).ok());
    const auto seqs = ring.pull(from, 300);
    std::mt19937 random(12345);
    Stream to(2);
    for (int round = 0; round < 2000; ++round) {
        auto bytes = ring.packet(seqs[random() % seqs.size()]).bytes;
        const int flips = 1 + static_cast<int>(random() % 4);
        for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] ^= static_cast<std::uint8_t>(1 + random() % 255);
        to.on_packet(static_cast<ring::Seq>(round + 1), 1 + random() % 3, bytes);
        to.on_ordered(static_cast<ring::Seq>(round + 1));
        to.on_safe(static_cast<ring::Seq>(round + 1));
    }
    const auto& c = to.counters();
    EXPECT_EQ(c.payloads_received, 2000u);
    EXPECT_GT(c.payloads_malformed + c.payloads_duplicate + c.messages_malformed + c.messages_lost, 0u);
}

}  // namespace
}  // namespace braid::delivery
