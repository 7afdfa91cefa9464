// The delivery invariant checker: silent on a correct run of real streams,
// and naming each kind of violation when fed one.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>

#include "harness.hpp"
#include "support/delivery/delivery_checker.hpp"

namespace braid::delivery {
namespace {

using test::HandRing;
using test::make_message;

Delivery make_delivery(MessageId id, ServiceLevel level, std::string sender,
                       std::optional<ring::Seq> position = std::nullopt,
                       std::vector<ring::Seq> packets = {1}) {
    Delivery d;
    d.id = id;
    d.message = make_message(level, std::move(sender), 1);
    d.position = position;
    d.packets = std::move(packets);
    return d;
}

// N streams on a ring where every packet reaches every daemon, in a
// different random order at each, with ring-order and stability
// notifications as the ring would give them.
class Cluster {
public:
    Cluster(std::size_t n, unsigned seed) : random_(seed), checker_(ids(n)) {
        for (std::size_t i = 0; i < n; ++i) streams_.push_back(std::make_unique<Stream>(ids(n)[i]));
        pending_.resize(n);
        prefix_.resize(n);
        held_.resize(n);
    }

    void submit(std::size_t at, ServiceLevel level, std::size_t size) {
        Stream& stream = *streams_[at];
        const std::string sender = "#c" + std::to_string(random_() % 2) + "#h" + std::to_string(at);
        const auto result = stream.submit(make_message(level, sender, size, static_cast<std::uint8_t>(random_())));
        ASSERT_TRUE(result.ok());
        checker_.submitted(result.id, sender, level);
        for (const auto seq : ring_.pull(stream, 1400))
            for (auto& queue : pending_) queue.push_back(seq);
    }

    // One packet reaches one daemon (a random pending one), then the ring's
    // notifications follow.
    void step() {
        const std::size_t at = random_() % streams_.size();
        auto& queue = pending_[at];
        if (!queue.empty()) {
            const std::size_t pick = random_() % std::min<std::size_t>(queue.size(), 4);
            const ring::Seq seq = queue[pick];
            queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(pick));
            checker_.holds(streams_[at]->self(), seq);
            held_[at].insert(seq);
            ring_.give(seq, *streams_[at]);
            while (held_[at].contains(prefix_[at] + 1)) ++prefix_[at];
            streams_[at]->on_ordered(prefix_[at]);
        }
        const ring::Seq safe = *std::min_element(prefix_.begin(), prefix_.end());
        for (auto& stream : streams_) stream->on_safe(safe);
        collect();
    }

    bool idle() const {
        return std::all_of(pending_.begin(), pending_.end(), [](const auto& q) { return q.empty(); });
    }
    DeliveryChecker& checker() { return checker_; }
    std::mt19937& random() { return random_; }
    std::size_t size() const { return streams_.size(); }

private:
    static std::vector<ring::DaemonId> ids(std::size_t n) {
        std::vector<ring::DaemonId> out;
        for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<ring::DaemonId>(10 + i));
        return out;
    }
    void collect() {
        for (auto& stream : streams_)
            for (const auto& d : stream->take_deliveries()) checker_.delivered(stream->self(), d);
    }

    std::mt19937 random_;                             // the run's randomness
    DeliveryChecker checker_;                         // under test
    HandRing ring_;                                   // numbers payloads
    std::vector<std::unique_ptr<Stream>> streams_;    // one per daemon
    std::vector<std::vector<ring::Seq>> pending_;     // packets not yet at each daemon
    std::vector<ring::Seq> prefix_;                   // each daemon's contiguous prefix
    std::vector<std::set<ring::Seq>> held_;           // packets each daemon has
};

TEST(DeliveryChecker, CorrectStreamsRaiseNothing) {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        Cluster cluster(3 + seed % 3, seed);
        for (int round = 0; round < 150; ++round) {
            if (cluster.random()() % 3 == 0) {
                const auto level = static_cast<ServiceLevel>(1 + cluster.random()() % 6);
                const std::size_t size = cluster.random()() % 4 == 0 ? 3000 : 20;
                cluster.submit(cluster.random()() % cluster.size(), level, size);
            }
            cluster.step();
            ASSERT_FALSE(cluster.checker().violation()) << "seed " << seed << ": " << *cluster.checker().violation();
        }
        for (int guard = 0; guard < 100000 && !cluster.idle(); ++guard) cluster.step();
        for (int i = 0; i < 50; ++i) cluster.step();  // the last stability notices
        ASSERT_FALSE(cluster.checker().violation()) << "seed " << seed << ": " << *cluster.checker().violation();
        const auto missing = cluster.checker().missing_delivery();
        EXPECT_FALSE(missing) << "seed " << seed << ": " << *missing;
        EXPECT_GT(cluster.checker().ordered_count(), 0u);
    }
}

struct Violations : ::testing::Test {
    DeliveryChecker checker{{1, 2}};
    const std::string& text() const {
        static const std::string none = "(no violation)";
        return checker.violation() ? *checker.violation() : none;
    }
};

TEST_F(Violations, DeliveredTwice) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::reliable);
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1"));
    EXPECT_FALSE(checker.violation());
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1"));
    EXPECT_EQ(text(), "message 1:1 (RELIABLE from #a#h1) delivered twice at daemon 2");
}

TEST_F(Violations, NeverSubmittedOrAltered) {
    checker.delivered(2, make_delivery({1, 7}, ServiceLevel::fifo, "#a#h1"));
    EXPECT_EQ(text(), "message 1:7 delivered at daemon 2 but never submitted");
    DeliveryChecker other{{1, 2}};
    other.submitted({1, 1}, "#a#h1", ServiceLevel::fifo);
    other.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 1));
    ASSERT_TRUE(other.violation());
    EXPECT_EQ(*other.violation(), "message 1:1 (FIFO from #a#h1) delivered at daemon 1 as AGREED from #a#h1");
}

TEST_F(Violations, FifoGap) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::reliable);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::fifo);
    checker.delivered(2, make_delivery({1, 2}, ServiceLevel::fifo, "#a#h1"));
    EXPECT_EQ(text(), "FIFO order: at daemon 2, message 1:2 (FIFO from #a#h1) delivered before "
                      "the earlier message 1:1 (RELIABLE from #a#h1) of the same connection");
}

TEST_F(Violations, ReliableMayOvertakeAndOtherConnectionsDoNotCount) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::fifo);
    checker.submitted({1, 2}, "#b#h1", ServiceLevel::fifo);
    checker.submitted({1, 3}, "#a#h1", ServiceLevel::reliable);
    checker.submitted({1, 4}, "#a#h1", ServiceLevel::unreliable);
    checker.submitted({1, 5}, "#a#h1", ServiceLevel::fifo);
    checker.delivered(2, make_delivery({1, 3}, ServiceLevel::reliable, "#a#h1"));
    checker.delivered(2, make_delivery({1, 2}, ServiceLevel::fifo, "#b#h1"));
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::fifo, "#a#h1"));
    checker.delivered(2, make_delivery({1, 5}, ServiceLevel::fifo, "#a#h1"));  // the unreliable one may be lost
    EXPECT_FALSE(checker.violation()) << text();
}

TEST_F(Violations, TotalOrderDiffers) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    checker.submitted({2, 1}, "#b#h2", ServiceLevel::safe);
    checker.holds(1, 2);
    checker.holds(2, 2);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 1));
    checker.delivered(1, make_delivery({2, 1}, ServiceLevel::safe, "#b#h2", 2, {2}));
    EXPECT_FALSE(checker.violation()) << text();
    checker.delivered(2, make_delivery({2, 1}, ServiceLevel::safe, "#b#h2", 2, {2}));
    EXPECT_EQ(text(), "total order: ordered message #1 at daemon 2 is message 2:1 (SAFE from #b#h2) "
                      "at position 2, another daemon delivered message 1:1 (AGREED from #a#h1) at "
                      "position 1 there");
}

TEST_F(Violations, PositionDiffersOrGoesBack) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::causal);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 4));
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 5));
    EXPECT_EQ(text(), "total order: ordered message #1 at daemon 2 is message 1:1 (AGREED from #a#h1) "
                      "at position 5, another daemon delivered message 1:1 (AGREED from #a#h1) at "
                      "position 4 there");
    DeliveryChecker other{{1}};
    other.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    other.submitted({1, 2}, "#b#h1", ServiceLevel::agreed);
    other.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 4));
    other.delivered(1, make_delivery({1, 2}, ServiceLevel::agreed, "#b#h1", 3));
    ASSERT_TRUE(other.violation());
    EXPECT_EQ(*other.violation(), "total order: message 1:2 (AGREED from #b#h1) at position 3 "
                                  "delivered at daemon 1 after position 4");
}

TEST_F(Violations, OrderedWithoutPositionOrUnorderedWithOne) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1"));
    EXPECT_EQ(text(), "message 1:1 (AGREED from #a#h1) delivered at daemon 1 without a total-order position");
    DeliveryChecker other{{1}};
    other.submitted({1, 1}, "#a#h1", ServiceLevel::reliable);
    other.delivered(1, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1", 3));
    ASSERT_TRUE(other.violation());
    EXPECT_EQ(*other.violation(), "message 1:1 (RELIABLE from #a#h1) delivered at daemon 1 with a total-order position");
}

TEST_F(Violations, CausalOrder) {
    DeliveryChecker three{{1, 2, 3}};
    three.submitted({3, 1}, "#c#h3", ServiceLevel::reliable);
    three.delivered(1, make_delivery({3, 1}, ServiceLevel::reliable, "#c#h3"));
    three.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);  // sent after seeing 3:1
    three.delivered(3, make_delivery({3, 1}, ServiceLevel::reliable, "#c#h3"));
    three.delivered(3, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 2));
    EXPECT_FALSE(three.violation());
    three.delivered(2, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 2));
    ASSERT_TRUE(three.violation());
    EXPECT_EQ(*three.violation(), "causal order: at daemon 2, message 1:1 (AGREED from #a#h1) "
                                  "delivered before message 3:1 (RELIABLE from #c#h3), which "
                                  "daemon 1 had delivered before sending it");
}

TEST_F(Violations, SafeBeforeEveryDaemonHoldsIt) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::safe);
    checker.holds(1, 5);
    checker.holds(1, 6);
    checker.holds(2, 6);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::safe, "#a#h1", 6, {5, 6}));
    EXPECT_EQ(text(), "SAFE: message 1:1 (SAFE from #a#h1) delivered at daemon 1 while daemon 2 "
                      "did not hold its packet 5");
}

TEST_F(Violations, SafeOnceEveryDaemonHoldsItIsFine) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::safe);
    for (const ring::DaemonId d : {1u, 2u})
        for (const ring::Seq s : {5u, 6u}) checker.holds(d, s);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::safe, "#a#h1", 6, {5, 6}));
    EXPECT_FALSE(checker.violation()) << text();
}

TEST_F(Violations, UnknownDaemonAndFirstViolationStays) {
    checker.submitted({7, 1}, "#a#h7", ServiceLevel::reliable);
    EXPECT_EQ(text(), "message 7:1 submitted at daemon 7, which is not in the configuration");
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::reliable);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1"));
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1"));
    EXPECT_EQ(text(), "message 7:1 submitted at daemon 7, which is not in the configuration");
}

TEST_F(Violations, MissingDelivery) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::unreliable);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::agreed);
    checker.delivered(1, make_delivery({1, 2}, ServiceLevel::agreed, "#a#h1", 1));
    const auto missing = checker.missing_delivery();
    ASSERT_TRUE(missing);
    EXPECT_EQ(*missing, "message 1:2 (AGREED from #a#h1) never delivered at daemon 2");
    checker.delivered(2, make_delivery({1, 2}, ServiceLevel::agreed, "#a#h1", 1));
    EXPECT_FALSE(checker.missing_delivery());
    EXPECT_FALSE(checker.violation()) << text();
}

TEST_F(Violations, TransitionalAllowsHolesAndUnstableSafe) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::fifo);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::fifo);
    checker.submitted({1, 3}, "#a#h1", ServiceLevel::safe);
    checker.transitional(2);
    checker.delivered(2, make_delivery({1, 2}, ServiceLevel::fifo, "#a#h1"));
    checker.delivered(2, make_delivery({1, 3}, ServiceLevel::safe, "#a#h1", 9, {9}));
    EXPECT_FALSE(checker.violation()) << text();
    checker.delivered(1, make_delivery({1, 2}, ServiceLevel::fifo, "#a#h1"));  // daemon 1 is still regular
    EXPECT_EQ(text(), "FIFO order: at daemon 1, message 1:2 (FIFO from #a#h1) delivered before "
                      "the earlier message 1:1 (FIFO from #a#h1) of the same connection");
}

TEST_F(Violations, TransitionalKeepsFifoOrderAmongWhatIsDelivered) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::reliable);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::fifo);
    checker.transitional(2);
    checker.delivered(2, make_delivery({1, 2}, ServiceLevel::fifo, "#a#h1"));
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::reliable, "#a#h1"));
    EXPECT_EQ(text(), "FIFO order: at daemon 2, message 1:1 (RELIABLE from #a#h1) delivered after "
                      "the later message 1:2 (FIFO from #a#h1) of the same connection");
}

TEST_F(Violations, TransitionalKeepsTheAgreedPositions) {
    checker.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    checker.submitted({1, 2}, "#a#h1", ServiceLevel::agreed);
    checker.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 4));
    checker.transitional(2);
    checker.delivered(2, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 5));
    EXPECT_EQ(text(), "total order: message 1:1 (AGREED from #a#h1) delivered at daemon 2 at "
                      "position 5, elsewhere at position 4");
    DeliveryChecker other{{1}};
    other.submitted({1, 1}, "#a#h1", ServiceLevel::agreed);
    other.submitted({1, 2}, "#b#h1", ServiceLevel::agreed);
    other.transitional(1);
    other.delivered(1, make_delivery({1, 2}, ServiceLevel::agreed, "#b#h1", 7));
    other.delivered(1, make_delivery({1, 1}, ServiceLevel::agreed, "#a#h1", 7));
    ASSERT_TRUE(other.violation());
    EXPECT_EQ(*other.violation(), "total order: message 1:1 (AGREED from #a#h1) at position 7 "
                                  "delivered at daemon 1 after position 7");
}

TEST(DeliveryChecker, ClosureOfRealStreamsPassesTheChecker) {
    // Daemons 1 and 2 survive, daemon 3 fails; packet 3 (daemon 3's) is lost.
    Stream one{1};
    Stream two{2};
    Stream three{3};
    DeliveryChecker checker{{1, 2, 3}};
    HandRing ring;
    const auto send = [&](Stream& from, ServiceLevel level) {
        const std::string sender = "#p#h" + std::to_string(from.self());
        const auto result = from.submit(make_message(level, sender, 10));
        checker.submitted(result.id, sender, level);
        return ring.pull(from).front();
    };
    const auto give = [&](std::vector<ring::Seq> seqs, Stream& to) {
        for (const auto seq : seqs) {
            checker.holds(to.self(), seq);
            ring.give(seq, to);
        }
    };
    const auto feed = [&](Stream& at, const std::vector<Delivery>& deliveries) {
        for (const auto& d : deliveries) checker.delivered(at.self(), d);
    };
    const auto s1 = send(one, ServiceLevel::safe);
    const auto s2 = send(two, ServiceLevel::fifo);
    const auto s3 = send(three, ServiceLevel::agreed);
    const auto s4 = send(one, ServiceLevel::agreed);
    const auto s5 = send(two, ServiceLevel::safe);
    give({s1, s2, s3}, three);
    give({s2, s1, s4}, one);
    give({s1, s2, s5}, two);
    for (Stream* s : {&one, &two}) {
        s->on_ordered(2);
        s->on_safe(2);
        feed(*s, s->take_deliveries());
    }
    // Recovery: the survivors exchange what the other misses; 3 is a hole.
    give({s5}, one);
    give({s4}, two);
    for (Stream* s : {&one, &two}) {
        feed(*s, s->take_deliveries());
        const Closure closure = s->close();
        feed(*s, closure.regular);
        checker.transitional(s->self());
        feed(*s, closure.transitional);
        EXPECT_EQ(closure.transitional.size(), 2u);
    }
    EXPECT_FALSE(checker.violation()) << *checker.violation();
}

}  // namespace
}  // namespace braid::delivery
