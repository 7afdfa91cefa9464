// Per-direction link health state machines on their own.
#include "multipath/link_health.hpp"

#include <gtest/gtest.h>

namespace braid::multipath {
namespace {

Settings settings() {
    Settings s;
    s.fault_threshold = 3;
    s.probe_interval = 100'000;
    s.silence_timeout = 400'000;
    s.restore_after = 1'000'000;
    return s;
}

TEST(ReceiveLink, FaultyAfterThresholdConsecutiveMisses) {
    ReceiveLink l;
    EXPECT_FALSE(l.miss(1, 3));
    EXPECT_FALSE(l.miss(2, 3));
    l.hit(3, 200'000);  // a copy in time breaks the run
    EXPECT_FALSE(l.miss(4, 3));
    EXPECT_FALSE(l.miss(5, 3));
    auto t = l.miss(6, 3);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state, PathState::faulty);
    EXPECT_EQ(t->reason, "missed 3 consecutive copies that other paths delivered");
    EXPECT_EQ(l.misses, 5u);
    EXPECT_EQ(l.faults, 1u);
}

TEST(ReceiveLink, SilenceIsAFaultOnlyWhileThePeerIsHeardElsewhere) {
    const Settings s = settings();
    ReceiveLink l;
    l.hit(0, 2 * s.probe_interval);
    // The peer is heard nowhere: a peer failure, not a path fault.
    EXPECT_FALSE(l.check(1'000'000, 0, 0, s));
    // The peer is heard on another path just now.
    auto t = l.check(1'000'000, 0, 990'000, s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->reason, "nothing heard for 1000 ms while other paths work");
}

TEST(ReceiveLink, RestoredOnlyAfterACleanStretch) {
    const Settings s = settings();
    ReceiveLink l;
    for (int i = 1; i <= 3; ++i) l.miss(i, 3);
    ASSERT_EQ(l.state, PathState::faulty);
    Time now = 100'000;
    for (; now < 1'050'000; now += 100'000) {
        l.hit(now, 2 * s.probe_interval);
        EXPECT_FALSE(l.check(now, 0, now, s)) << now;
    }
    // A gap longer than two probe intervals starts the clean stretch again.
    now += 300'000;
    l.hit(now, 2 * s.probe_interval);
    const Time restart = now;
    for (now += 100'000; now < restart + s.restore_after; now += 100'000) {
        l.hit(now, 2 * s.probe_interval);
        EXPECT_FALSE(l.check(now, 0, now, s)) << now;
    }
    l.hit(now, 2 * s.probe_interval);
    auto t = l.check(now, 0, now, s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state, PathState::up);
}

TEST(SendLink, FollowsThePeersVerdictAndSendErrors) {
    const Settings s = settings();
    SendLink l;
    EXPECT_FALSE(l.report(PathState::up, 5, 0, s));
    auto t = l.report(PathState::faulty, 5, 10, s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->reason, "the peer reports it does not hear this host");
    t = l.report(PathState::up, 9, 20, s);  // the peer's verdict has its own hysteresis
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state, PathState::up);

    EXPECT_FALSE(l.send_error("Network is down (errno 100)", 30, s));
    EXPECT_FALSE(l.send_error("Network is down (errno 100)", 31, s));
    t = l.send_error("Network is down (errno 100)", 32, s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->reason, "3 send errors in a row, last: Network is down (errno 100)");
    EXPECT_FALSE(l.check(32 + s.restore_after - 1, s));
    EXPECT_TRUE(l.check(32 + s.restore_after, s));
}

TEST(SendLink, NewCopiesHeardByThePeerResetTheErrorRun) {
    const Settings s = settings();
    SendLink l;
    EXPECT_FALSE(l.send_error("e", 1, s));
    EXPECT_FALSE(l.send_error("e", 2, s));
    EXPECT_FALSE(l.report(PathState::up, 1, 3, s));
    EXPECT_FALSE(l.send_error("e", 4, s));
    EXPECT_FALSE(l.send_error("e", 5, s));
    EXPECT_FALSE(l.report(PathState::up, 1, 6, s));  // nothing new heard: the run goes on
    EXPECT_TRUE(l.send_error("e", 7, s));
}

}  // namespace
}  // namespace braid::multipath
