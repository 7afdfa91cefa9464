// End of a configuration: what the old regular configuration still allows,
// what comes after the transitional configuration, and the hand-over of own
// messages that never fully left.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace braid::delivery {
namespace {

using test::HandRing;
using test::make_message;
using test::names;
using Strings = std::vector<std::string>;

struct Closing : ::testing::Test {
    Stream a{1};
    Stream b{2};
    Stream c{3};
    Stream receiver{9};
    HandRing ring;

    ring::Seq send(Stream& from, ServiceLevel level, std::string sender = "",
                   std::size_t size = 10) {
        if (sender.empty()) sender = "#p#h" + std::to_string(from.self());
        EXPECT_TRUE(from.submit(make_message(level, sender, size)).ok());
        const auto seqs = ring.pull(from);
        EXPECT_EQ(seqs.size(), 1u);
        return seqs.back();
    }
};

TEST_F(Closing, RegularPartStopsAtTheFirstHole) {
    const auto s1 = send(a, ServiceLevel::agreed);
    send(b, ServiceLevel::agreed);  // 2: no survivor has it
    const auto s3 = send(c, ServiceLevel::agreed);
    const auto s4 = send(a, ServiceLevel::fifo, "#other#h1");
    ring.give({s1, s3, s4}, receiver);
    // The FIFO message needs only its own sender's stream; the agreed one the order.
    EXPECT_EQ(names(receiver.take_deliveries()), (Strings{"1:2"}));
    receiver.on_ordered(1);
    EXPECT_EQ(names(receiver.take_deliveries()), (Strings{"1:1"}));
    const Closure closure = receiver.close();
    EXPECT_TRUE(closure.regular.empty());
    EXPECT_EQ(names(closure.transitional), (Strings{"3:1"}));
    EXPECT_EQ(receiver.state(), Stream::State::closed);
}

TEST_F(Closing, RecoveredPacketsNeedNoRingOrderNotification) {
    // Recovery hands the old ring's packets over without on_ordered: close()
    // finds the contiguous prefix itself, and untaken deliveries come first.
    const auto s1 = send(a, ServiceLevel::reliable);
    const auto s2 = send(b, ServiceLevel::agreed);
    const auto s3 = send(c, ServiceLevel::causal);
    ring.give({s3, s2, s1}, receiver);
    const Closure closure = receiver.close();
    EXPECT_EQ(names(closure.regular), (Strings{"1:1", "2:1", "3:1"}));
    EXPECT_TRUE(closure.transitional.empty());
}

TEST_F(Closing, StableSafeIsRegularUnstableSafeIsTransitionalAndHoldsLaterAgreed) {
    const auto s1 = send(a, ServiceLevel::safe);
    const auto s2 = send(b, ServiceLevel::agreed);
    const auto s3 = send(c, ServiceLevel::safe);
    const auto s4 = send(b, ServiceLevel::agreed);
    ring.give({s1, s2, s3, s4}, receiver);
    receiver.on_ordered(4);
    receiver.on_safe(2);
    const Closure closure = receiver.close();
    EXPECT_EQ(names(closure.regular), (Strings{"1:1", "2:1"}));
    EXPECT_EQ(names(closure.transitional), (Strings{"3:1", "2:2"}));
    for (const auto& d : closure.transitional) EXPECT_TRUE(d.position);
}

TEST_F(Closing, HoleInASendersStreamIsSkippedAfterTheTransitional) {
    const auto s1 = send(a, ServiceLevel::fifo);
    send(a, ServiceLevel::fifo);  // 2: lost with its sender
    const auto s3 = send(a, ServiceLevel::fifo);
    const auto s4 = send(b, ServiceLevel::reliable);
    ring.give({s1, s3, s4}, receiver);
    EXPECT_EQ(names(receiver.take_deliveries()), (Strings{"1:1", "2:1"}));
    const Closure closure = receiver.close();
    EXPECT_TRUE(closure.regular.empty());
    EXPECT_EQ(names(closure.transitional), (Strings{"1:3"}));
    EXPECT_EQ(receiver.counters().sender_gaps_skipped, 1u);
}

TEST_F(Closing, FifoBehindATransitionalAgreedFollowsIt) {
    send(b, ServiceLevel::agreed);  // 1: hole
    const auto s2 = send(a, ServiceLevel::agreed, "#x#h1");
    const auto s3 = send(a, ServiceLevel::fifo, "#x#h1");
    ring.give({s2, s3}, receiver);
    EXPECT_TRUE(receiver.take_deliveries().empty());
    const Closure closure = receiver.close();
    EXPECT_TRUE(closure.regular.empty());
    EXPECT_EQ(names(closure.transitional), (Strings{"1:1", "1:2"}));
}

TEST_F(Closing, MessageWithAPieceInAHoleIsLost) {
    ASSERT_TRUE(a.submit(make_message(ServiceLevel::agreed, "#p#h1", 3000)).ok());
    const auto pieces = ring.pull(a);
    ASSERT_EQ(pieces.size(), 3u);
    const auto after = send(b, ServiceLevel::agreed);
    ring.give({pieces[0], pieces[2], after}, receiver);
    const Closure closure = receiver.close();
    EXPECT_TRUE(closure.regular.empty());
    EXPECT_EQ(names(closure.transitional), (Strings{"2:1"}));
    EXPECT_EQ(receiver.counters().messages_lost, 1u);
}

TEST_F(Closing, SurvivorsWithTheSameFinalPacketsCloseAlike) {
    Stream other{8};
    const auto s1 = send(a, ServiceLevel::safe);
    const auto s2 = send(b, ServiceLevel::fifo);
    send(c, ServiceLevel::agreed);  // 3: hole
    const auto s4 = send(a, ServiceLevel::agreed);
    const auto s5 = send(b, ServiceLevel::safe);
    const auto s6 = send(c, ServiceLevel::fifo);
    // Different histories: the receiver saw progress before the failure.
    ring.give({s1, s2}, receiver);
    receiver.on_ordered(2);
    receiver.on_safe(1);
    auto seen = names(receiver.take_deliveries());
    ring.give({s6, s5, s4}, receiver);
    for (const auto& n : names(receiver.take_deliveries())) seen.push_back(n);
    ring.give({s5, s4, s2, s1, s6}, other);
    auto other_seen = names(other.take_deliveries());
    // The other survivor learns of stability during recovery.
    other.on_ordered(2);
    other.on_safe(1);
    for (const auto& n : names(other.take_deliveries())) other_seen.push_back(n);
    const Closure mine = receiver.close();
    const Closure theirs = other.close();
    for (const auto& n : names(mine.regular)) seen.push_back(n);
    for (const auto& n : names(theirs.regular)) other_seen.push_back(n);
    // The same set before the transitional configuration (FIFO and reliable
    // ones may come in another order), the same sequence after it.
    std::sort(seen.begin(), seen.end());
    std::sort(other_seen.begin(), other_seen.end());
    EXPECT_EQ(seen, other_seen);
    EXPECT_EQ(seen, (Strings{"1:1", "2:1"}));
    EXPECT_EQ(names(mine.transitional), names(theirs.transitional));
    // Daemon 3's FIFO message after its lost one first (its gap is skipped),
    // then the ordered rest.
    EXPECT_EQ(names(mine.transitional), (Strings{"3:2", "1:2", "2:2"}));
}

TEST_F(Closing, UnsentOwnMessagesAreHandedOverWhole) {
    const Message big = make_message(ServiceLevel::safe, "#p#h1", 3000, 4);
    const Message small = make_message(ServiceLevel::fifo, "#q#h1", 10, 5);
    ASSERT_TRUE(a.submit(big).ok());
    ASSERT_TRUE(a.submit(small).ok());
    ring.give(ring.pull_one(a), a);  // only the first piece left
    const Closure closure = a.close();
    EXPECT_TRUE(closure.regular.empty());
    EXPECT_TRUE(closure.transitional.empty());
    EXPECT_EQ(a.counters().messages_lost, 1u);  // the cut message, everywhere
    EXPECT_TRUE(a.has_unsent());
    EXPECT_EQ(a.take_unsent(), (std::vector<Message>{big, small}));
    EXPECT_FALSE(a.has_unsent());
}

TEST_F(Closing, AClosedStreamRefusesAndIgnoresInput) {
    const auto s1 = send(a, ServiceLevel::agreed);
    receiver.close();
    const auto result = receiver.submit(make_message(ServiceLevel::agreed, "#p#h9", 1));
    EXPECT_EQ(result.error, SubmitError::closed);
    EXPECT_EQ(describe(result.error), "the ring configuration of this stream has ended");
    ring.give(s1, receiver);
    receiver.on_ordered(1);
    receiver.on_safe(1);
    EXPECT_EQ(receiver.counters().late_inputs, 3u);
    EXPECT_TRUE(receiver.take_deliveries().empty());
    EXPECT_FALSE(receiver.next_payload(1400));
    const Closure again = receiver.close();
    EXPECT_TRUE(again.regular.empty() && again.transitional.empty());
}

}  // namespace
}  // namespace braid::delivery
