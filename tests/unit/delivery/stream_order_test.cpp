// The service levels' delivery rules, driven by hand-built event sequences:
// packets out of order across and within senders, ring order and safe
// notifications at chosen moments.
#include <gtest/gtest.h>

#include "delivery/payload_codec.hpp"
#include "harness.hpp"

namespace braid::delivery {
namespace {

using test::HandRing;
using test::make_message;
using test::names;
using Strings = std::vector<std::string>;

// Three daemons' streams and a receiver (daemon 9) that only listens.
struct Fixture : ::testing::Test {
    Stream a{1};
    Stream b{2};
    Stream c{3};
    Stream receiver{9};
    HandRing ring;

    // Submits and sends at once: one payload per call.
    ring::Seq send(Stream& from, ServiceLevel level, std::string sender = "",
                   std::size_t size = 10) {
        if (sender.empty()) sender = "#p#h" + std::to_string(from.self());
        EXPECT_TRUE(from.submit(make_message(level, sender, size)).ok());
        const auto seqs = ring.pull(from);
        EXPECT_EQ(seqs.size(), 1u);
        return seqs.back();
    }
    Strings taken() { return names(receiver.take_deliveries()); }
};

using DeliveryRules = Fixture;

TEST_F(DeliveryRules, ReliableIsNotHeldBackByAnotherSendersGap) {
    const auto s1 = send(a, ServiceLevel::reliable);
    const auto s2 = send(b, ServiceLevel::reliable);
    ring.give(s2, receiver);
    EXPECT_EQ(taken(), (Strings{"2:1"}));
    ring.give(s1, receiver);
    EXPECT_EQ(taken(), (Strings{"1:1"}));
}

TEST_F(DeliveryRules, UnreliableIsDeliveredAsSoonAsComplete) {
    send(a, ServiceLevel::reliable);
    const auto s2 = send(b, ServiceLevel::unreliable);
    ring.give(s2, receiver);
    const auto got = receiver.take_deliveries();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].message.level, ServiceLevel::unreliable);
    EXPECT_FALSE(got[0].position);
}

TEST_F(DeliveryRules, FifoWaitsOnlyForItsOwnSendersGap) {
    const auto a1 = send(a, ServiceLevel::fifo);
    const auto a2 = send(a, ServiceLevel::fifo);
    const auto b1 = send(b, ServiceLevel::fifo);
    ring.give(a2, receiver);
    ring.give(b1, receiver);
    EXPECT_EQ(taken(), (Strings{"2:1"}));
    ring.give(a1, receiver);
    EXPECT_EQ(taken(), (Strings{"1:1", "1:2"}));
}

TEST_F(DeliveryRules, FragmentsArrivingBackwardsAreReassembled) {
    ASSERT_TRUE(a.submit(make_message(ServiceLevel::fifo, "#p#h1", 5000, 3)).ok());
    const auto seqs = ring.pull(a);
    ASSERT_EQ(seqs.size(), 4u);
    for (auto it = seqs.rbegin(); it != seqs.rend(); ++it) {
        EXPECT_TRUE(taken().empty());
        ring.give(*it, receiver);
    }
    const auto got = receiver.take_deliveries();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].message, make_message(ServiceLevel::fifo, "#p#h1", 5000, 3));
    EXPECT_EQ(got[0].packets, seqs);
}

TEST_F(DeliveryRules, AgreedWaitsForTheRingOrder) {
    const auto s1 = send(a, ServiceLevel::agreed);
    const auto s2 = send(b, ServiceLevel::agreed);
    ring.give(s2, receiver);
    ring.give(s1, receiver);
    EXPECT_TRUE(taken().empty());
    receiver.on_ordered(1);
    EXPECT_EQ(taken(), (Strings{"1:1"}));
    receiver.on_ordered(2);
    const auto got = receiver.take_deliveries();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(to_string(got[0].id), "2:1");
    EXPECT_EQ(got[0].position, s2);
}

TEST_F(DeliveryRules, TotalOrderIsRingOrderNotArrivalOrder) {
    const auto s1 = send(b, ServiceLevel::causal);
    const auto s2 = send(a, ServiceLevel::agreed);
    const auto s3 = send(c, ServiceLevel::causal);
    ring.give(s3, receiver);
    ring.give(s2, receiver);
    ring.give(s1, receiver);
    receiver.on_ordered(3);
    EXPECT_EQ(taken(), (Strings{"2:1", "1:1", "3:1"}));
}

TEST_F(DeliveryRules, SafeWaitsForStabilityAndHoldsBackLaterAgreed) {
    const auto s1 = send(a, ServiceLevel::safe);
    const auto s2 = send(b, ServiceLevel::agreed);
    const auto s3 = send(c, ServiceLevel::reliable);
    ring.give({s1, s2, s3}, receiver);
    EXPECT_EQ(taken(), (Strings{"3:1"}));  // reliable does not wait
    receiver.on_ordered(3);
    EXPECT_TRUE(taken().empty());  // the agreed message waits behind the safe one
    receiver.on_safe(1);
    EXPECT_EQ(taken(), (Strings{"1:1", "2:1"}));
}

TEST_F(DeliveryRules, SafeAfterAgreedDoesNotHoldBackEarlierAgreed) {
    const auto s1 = send(b, ServiceLevel::agreed);
    const auto s2 = send(a, ServiceLevel::safe);
    ring.give({s1, s2}, receiver);
    receiver.on_ordered(2);
    EXPECT_EQ(taken(), (Strings{"2:1"}));
    receiver.on_safe(1);
    EXPECT_TRUE(taken().empty());
    receiver.on_safe(2);
    EXPECT_EQ(taken(), (Strings{"1:1"}));
}

TEST_F(DeliveryRules, MixedLevelsFromOneConnectionKeepEachGuarantee) {
    // Connection #x#h1 sends AGREED, FIFO, RELIABLE, AGREED; #y#h1 sends FIFO.
    const auto s1 = send(a, ServiceLevel::agreed, "#x#h1");
    const auto s2 = send(a, ServiceLevel::fifo, "#x#h1");
    const auto s3 = send(a, ServiceLevel::reliable, "#x#h1");
    const auto s4 = send(a, ServiceLevel::agreed, "#x#h1");
    const auto s5 = send(a, ServiceLevel::fifo, "#y#h1");
    ring.give({s1, s2, s3, s4, s5}, receiver);
    // The reliable one may overtake; the FIFO one waits for the earlier
    // agreed one of its connection; the other connection is not held back.
    EXPECT_EQ(taken(), (Strings{"1:3", "1:5"}));
    receiver.on_ordered(1);
    EXPECT_EQ(taken(), (Strings{"1:1", "1:2"}));
    receiver.on_ordered(5);
    EXPECT_EQ(taken(), (Strings{"1:4"}));
}

TEST_F(DeliveryRules, FifoAfterSafeWaitsForTheSafeOne) {
    const auto s1 = send(a, ServiceLevel::safe, "#x#h1");
    const auto s2 = send(a, ServiceLevel::fifo, "#x#h1");
    ring.give({s1, s2}, receiver);
    receiver.on_ordered(2);
    EXPECT_TRUE(taken().empty());
    receiver.on_safe(1);
    EXPECT_EQ(taken(), (Strings{"1:1", "1:2"}));
}

TEST_F(DeliveryRules, PackedOrderedMessagesShareAPositionInSubmissionOrder) {
    for (std::uint8_t i = 0; i < 3; ++i)
        ASSERT_TRUE(a.submit(make_message(ServiceLevel::agreed, "#p#h1", 10, i)).ok());
    const auto seqs = ring.pull(a);
    ASSERT_EQ(seqs.size(), 1u);
    ring.give(seqs, receiver);
    receiver.on_ordered(1);
    const auto got = receiver.take_deliveries();
    EXPECT_EQ(names(got), (Strings{"1:1", "1:2", "1:3"}));
    for (const auto& d : got) EXPECT_EQ(d.position, 1u);
}

TEST_F(DeliveryRules, FragmentedMessageIsOrderedByItsLastPiece) {
    ASSERT_TRUE(a.submit(make_message(ServiceLevel::agreed, "#p#h1", 2000)).ok());
    ASSERT_EQ(ring.pull_one(a), 1u);                // first piece
    const auto b1 = send(b, ServiceLevel::agreed);  // 2
    const auto a2 = ring.pull(a);                   // last piece: 3
    ASSERT_EQ(a2.size(), 1u);
    for (ring::Seq s = 1; s <= 3; ++s) ring.give(s, receiver);
    receiver.on_ordered(3);
    const auto got = receiver.take_deliveries();
    ASSERT_EQ(names(got), (Strings{"2:1", "1:1"}));
    EXPECT_EQ(got[0].position, b1);
    EXPECT_EQ(got[1].position, a2.front());
    EXPECT_EQ(got[1].packets, (std::vector<ring::Seq>{1, 3}));
}

TEST_F(DeliveryRules, OwnPayloadsAreDeliveredToTheSender) {
    Message m = make_message(ServiceLevel::agreed, "#me#h1", 10);
    m.self_discard = true;
    ASSERT_TRUE(a.submit(m).ok());
    ring.give(ring.pull(a), a);
    a.on_ordered(1);
    const auto got = a.take_deliveries();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].id, (MessageId{1, 1}));
    EXPECT_TRUE(got[0].message.self_discard);  // the session layer drops its own copy
    EXPECT_EQ(a.counters().delivered[level_index(ServiceLevel::agreed)], 1u);
}

TEST_F(DeliveryRules, DuplicatePayloadIsCountedNotDeliveredTwice) {
    const auto s1 = send(a, ServiceLevel::reliable);
    ring.give(s1, receiver);
    ring.give(s1, receiver);
    EXPECT_EQ(taken(), (Strings{"1:1"}));
    EXPECT_EQ(receiver.counters().payloads_duplicate, 1u);
}

TEST_F(DeliveryRules, UnreadablePayloadGapIsSkippedOnceTheRingOrderPassesIt) {
    const auto s1 = send(a, ServiceLevel::fifo);
    const auto s2 = send(a, ServiceLevel::fifo);
    const auto s3 = send(b, ServiceLevel::agreed);
    const std::vector<std::uint8_t> garbage{9, 9, 9};
    receiver.on_packet(s1, 1, garbage);  // daemon 1's first payload, unreadable
    ring.give({s2, s3}, receiver);
    EXPECT_TRUE(taken().empty());
    receiver.on_ordered(3);
    EXPECT_EQ(taken(), (Strings{"1:2", "2:1"}));
    EXPECT_EQ(receiver.counters().payloads_malformed, 1u);
    EXPECT_EQ(receiver.counters().sender_gaps_skipped, 1u);
}

TEST_F(DeliveryRules, DamagedRecordsLoseOnlyTheirMessage) {
    ASSERT_TRUE(a.submit(make_message(ServiceLevel::fifo, "#p#h1", 2000)).ok());
    const auto pieces = ring.pull(a);  // two payloads
    ASSERT_EQ(pieces.size(), 2u);
    const auto next = send(a, ServiceLevel::fifo);
    auto damaged = ring.packet(pieces[0]).bytes;
    damaged[kPayloadHeaderBytes] = 0x7f;  // invalid record kind, readable counter
    receiver.on_packet(pieces[0], 1, damaged);
    ring.give({pieces[1], next}, receiver);
    EXPECT_EQ(taken(), (Strings{"1:2"}));
    EXPECT_EQ(receiver.counters().payloads_malformed, 1u);
    EXPECT_EQ(receiver.counters().messages_lost, 1u);
}

TEST_F(DeliveryRules, CountersCountPerLevel) {
    const auto s1 = send(a, ServiceLevel::safe);
    const auto s2 = send(a, ServiceLevel::fifo);
    ring.give({s1, s2}, receiver);
    receiver.on_ordered(2);
    receiver.on_safe(2);
    const auto& sent = a.counters();
    EXPECT_EQ(sent.submitted[level_index(ServiceLevel::safe)], 1u);
    EXPECT_EQ(sent.submitted[level_index(ServiceLevel::fifo)], 1u);
    EXPECT_EQ(sent.payloads_built, 2u);
    const auto& got = receiver.counters();
    EXPECT_EQ(got.payloads_received, 2u);
    EXPECT_EQ(got.delivered[level_index(ServiceLevel::safe)], 1u);
    EXPECT_EQ(got.delivered[level_index(ServiceLevel::fifo)], 1u);
}

}  // namespace
}  // namespace braid::delivery
