// Path health through the multipath layer: out-of-step paths, faults after
// K misses, per-direction faults through probe reports, hysteresis and
// flapping, send errors, the last-path rule and passive-mode failover.
#include <cerrno>

#include <gtest/gtest.h>

#include "multipath/layer.hpp"
#include "net.hpp"

namespace braid::multipath {
namespace {

using test::addr;
using test::group;
using test::Net;
using namespace test::helpers;

TEST(MultipathPathHealth, PathOutOfStepBy100msIsLateNotFaulty) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    net.extra_delay[{A, B, 1}] = 100'000;
    net.extra_delay[{B, A, 1}] = 100'000;
    net.start();
    int sent_a = 0, sent_b = 0;
    for (Time t = 0; t < 10'000'000; t += 10'000) {
        sent_a += net.traffic(A, 5000, t + 5000);
        sent_b += net.traffic(B, 5000, t + 10'000);
    }
    net.run_until(11'000'000);
    EXPECT_EQ(net.host(B).delivered.size(), static_cast<std::size_t>(sent_a));
    EXPECT_EQ(net.host(A).delivered.size(), static_cast<std::size_t>(sent_b));
    for (DaemonId id : {A, B}) {
        EXPECT_TRUE(net.host(id).changes.empty()) << id;
        const Status s = net.host(id).layer->status();
        EXPECT_EQ(counters(s, 1).misses, 0u);
        EXPECT_EQ(counters(s, 1).late, 0u);
        EXPECT_GT(counters(s, 1).duplicates, 1000u);
    }
}

TEST(MultipathPathHealth, FaultyAfterKConsecutiveMisses) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());  // not started: no probes, only ring traffic counts
    net.cut.insert({A, B, 1});
    net.traffic(A, 1000, 3000);  // K - 1 = 3 copies lost on path b
    net.run_until(1'000'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::up);
    EXPECT_EQ(counters(net.host(B).layer->status(), 1).misses, 3u);
    net.traffic(A, 1000, net.now + 1000);
    net.run_until(2'000'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty);
    ASSERT_EQ(net.host(B).changes.size(), 1u);
    const PathStateChanged& c = net.host(B).changes[0];
    EXPECT_EQ(c.path, 1);
    EXPECT_EQ(c.peer, A);
    EXPECT_EQ(c.direction, Direction::receive);
    EXPECT_EQ(c.state, PathState::faulty);
    EXPECT_TRUE(logged(net.host(B).logs, "path faulty: from ha on path b (receive direction): missed 4 "
                                         "consecutive copies that other paths delivered"));
    EXPECT_EQ(net.host(B).delivered.size(), 4u);
    EXPECT_EQ(counters(net.host(B).layer->status(), 1).faults, 1u);
    EXPECT_EQ(net.host(B).layer->link_state(A, 0, Direction::receive), PathState::up);
}

TEST(MultipathPathHealth, FaultyPathIsRestoredOnlyAfterHysteresis) {
    const Settings s = test::test_settings();
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(s);
    net.start();
    net.cut.insert({A, B, 1});
    net.run_until(1'000'000);
    ASSERT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty);
    net.cut.clear();
    const Time healed = net.now;
    net.run_until(healed + s.restore_after - 200'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty);
    net.run_until(healed + s.restore_after + 500'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::up);
    EXPECT_EQ(net.changes(B, 1, A, Direction::receive), 2u);
    EXPECT_EQ(net.host(B).changes.back().state, PathState::up);
    EXPECT_EQ(net.host(A).layer->link_state(B, 1, Direction::send), PathState::up);
}

TEST(MultipathPathHealth, FlappingPathStaysFaultyWhileItFlaps) {
    const Settings s = test::test_settings();
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(s);
    net.start();
    net.cut.insert({A, B, 1});
    net.run_until(1'000'000);
    ASSERT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty);
    for (int i = 0; i < 50; ++i) {  // 10 s of 200 ms up, 200 ms down
        if (i % 2 == 0) net.cut.clear();
        else net.cut.insert({A, B, 1});
        net.run_until(net.now + 200'000);
        ASSERT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty) << i;
        ASSERT_EQ(net.host(A).layer->link_state(B, 1, Direction::send), PathState::faulty) << i;
    }
    EXPECT_EQ(net.changes(B, 1, A, Direction::receive), 1u);
    net.cut.clear();
    net.run_until(net.now + s.restore_after + 1'000'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::up);
    EXPECT_EQ(net.host(A).layer->link_state(B, 1, Direction::send), PathState::up);
}

TEST(MultipathPathHealth, OneWayFaultIsLearnedThroughProbeReports) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    net.start();
    net.cut.insert({A, B, 1});  // B does not hear A on path b; A still hears B there
    net.run_until(2'000'000);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::faulty);
    EXPECT_EQ(net.host(A).layer->link_state(B, 1, Direction::send), PathState::faulty);
    EXPECT_EQ(net.host(A).layer->link_state(B, 1, Direction::receive), PathState::up);
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::send), PathState::up);
    EXPECT_EQ(net.changes(A, 1, B, Direction::send), 1u);
    EXPECT_TRUE(logged(net.host(A).logs, "path faulty: to hb on path b (send direction): the peer reports it "
                                         "does not hear this host"));
}

TEST(MultipathPathHealth, SilentPathIsFaultyWhileThePeerIsHeardElsewhere) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    net.start();
    net.run_until(500'000);
    net.cut.insert({A, B, 1});
    net.cut.insert({A, B, 0});
    net.run_until(3'000'000);  // A silent on every path: a peer problem, not a path fault
    EXPECT_TRUE(net.host(B).changes.empty());
    EXPECT_EQ(net.host(B).layer->link_state(A, 1, Direction::receive), PathState::up);
}

TEST(MultipathPathHealth, SendErrorOnOnePathNeverStopsTheOtherCopies) {
    const Settings s = test::test_settings();
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.add(C, "hc", {1});
    net.build(s);
    Layer& a = *net.host(A).layer;
    for (std::uint32_t i = 1; i <= s.fault_threshold; ++i) {
        a.on_send_error(0, ENETDOWN, net.now);
        a.send_broadcast(kPayload, net.now);
        std::vector<Output> out = a.take_outputs();
        for (const Output& o : out)
            if (auto* l = std::get_if<LogLine>(&o)) net.host(A).logs.push_back(l->text);
        auto t = transmits(std::move(out));
        // Up to the K-th error both paths get their copy; after it path a is faulty towards hb.
        std::vector<PathIndex> paths;
        for (const Transmit& x : t) paths.push_back(x.path);
        const std::vector<PathIndex> expected =
            i < s.fault_threshold ? std::vector<PathIndex>{0, 1} : std::vector<PathIndex>{1};
        EXPECT_EQ(paths, expected) << i;
    }
    EXPECT_EQ(a.link_state(B, 0, Direction::send), PathState::faulty);
    EXPECT_EQ(a.link_state(B, 1, Direction::send), PathState::up);
    const Status st = a.status();
    EXPECT_EQ(counters(st, 0).send_errors, 4u);
    EXPECT_EQ(counters(st, 0).last_send_error, ENETDOWN);
    EXPECT_EQ(counters(st, 1).send_errors, 0u);
    const std::vector<std::string>& logs = net.host(A).logs;
    EXPECT_TRUE(logged(logs, "send error on path a: Network is down (errno 100), 1 so far; the other paths carry on"));
    EXPECT_TRUE(logged(logs, "path faulty: to hb on path a (send direction): 4 send errors in a row, last: "
                             "Network is down (errno 100)"));
    // The ring's next broadcast still reaches everyone, through path b.
    net.traffic(A, 1000, net.now + 1000);
    net.run_until(net.now + 1'000'000);
    EXPECT_EQ(net.host(B).delivered.size(), 1u);
    EXPECT_EQ(net.host(C).delivered.size(), 1u);
}

TEST(MultipathPathHealth, EveryPathFaultyStillSendsOnAll) {
    const Settings s = test::test_settings();
    for (Mode mode : {Mode::active, Mode::passive}) {
        Settings m = s;
        m.mode = mode;
        Net net;
        net.add(A, "ha", {0, 1});
        net.add(B, "hb", {0, 1});
        net.build(m);
        Layer& a = *net.host(A).layer;
        for (std::uint32_t i = 0; i < s.fault_threshold; ++i) {
            a.on_send_error(0, EPERM, 0);
            a.on_send_error(1, ENETUNREACH, 0);
        }
        ASSERT_EQ(a.link_state(B, 0, Direction::send), PathState::faulty);
        ASSERT_EQ(a.link_state(B, 1, Direction::send), PathState::faulty);
        a.take_outputs();
        a.send_broadcast(kPayload, 0);
        EXPECT_EQ(transmits(a.take_outputs()).size(), 2u);
        a.send_to(B, kPayload, 0);
        EXPECT_EQ(transmits(a.take_outputs()).size(), 2u);
    }
}

TEST(MultipathPathHealth, PassiveModeUsesPriorityFailsOverAndReturns) {
    Settings s = test::test_settings();
    s.mode = Mode::passive;
    s.priority = {1, 0};
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(s);
    net.start();
    auto paths_of_send_to_b = [&] {
        net.host(A).layer->send_to(B, kPayload, net.now);
        std::vector<PathIndex> paths;
        for (const Transmit& t : transmits(net.host(A).layer->take_outputs())) paths.push_back(t.path);
        return paths;
    };
    EXPECT_EQ(paths_of_send_to_b(), (std::vector<PathIndex>{1}));
    net.cut.insert({A, B, 1});
    // Fail over at the moment the fault is known, not later.
    while (net.host(A).layer->link_state(B, 1, Direction::send) == PathState::up && net.now < 3'000'000)
        net.run_until(net.now + 1000);
    ASSERT_EQ(net.host(A).layer->link_state(B, 1, Direction::send), PathState::faulty);
    EXPECT_EQ(paths_of_send_to_b(), (std::vector<PathIndex>{0}));
    net.cut.clear();
    net.run_until(net.now + s.restore_after - 500'000);
    EXPECT_EQ(paths_of_send_to_b(), (std::vector<PathIndex>{0}));
    net.run_until(net.now + 2'000'000);
    EXPECT_EQ(paths_of_send_to_b(), (std::vector<PathIndex>{1}));
    // Broadcasts in passive mode: one copy, on the chosen path.
    net.host(A).layer->send_broadcast(kPayload, net.now);
    auto t = transmits(net.host(A).layer->take_outputs());
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].path, 1);
    EXPECT_EQ(t[0].destination, group(1));
}

TEST(MultipathPathHealth, PassiveTrafficIsDeliveredAcrossAFailover) {
    Settings s = test::test_settings();
    s.mode = Mode::passive;
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(s);
    net.start();
    int n = net.traffic(A, 10'000, 500'000);
    net.cut.insert({A, B, 0});
    net.run_until(2'000'000);  // the copies sent while path a was cut are gone (the ring resends them)
    const std::size_t before = net.host(B).delivered.size();
    n = net.traffic(A, 10'000, 3'000'000);
    net.run_until(3'500'000);
    EXPECT_EQ(net.host(B).delivered.size(), before + static_cast<std::size_t>(n));
    EXPECT_EQ(counters(net.host(B).layer->status(), 1).delivered, static_cast<std::uint64_t>(n));
}

TEST(MultipathPathHealth, OnlyTheNewestProbeReportCounts) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    Layer& a = *net.host(A).layer;
    // Probes from B about A, built by hand: sequence decides, not arrival order.
    auto probe = [&](std::uint64_t seq, PathState path_b) {
        Header h;
        h.kind = Kind::probe;
        h.path = 0;
        h.paths_sent = 0b11;
        h.sender = B;
        h.incarnation = 5;
        h.sequence = seq;
        std::vector<std::uint8_t> bytes;
        encode_header(h, bytes);
        ProbeBody body;
        body.peers.push_back(PeerReport{A, net.host(A).incarnation,
                                        {LinkReport{0, PathState::up, 1}, LinkReport{1, path_b, 1}}});
        encode_probe(body, bytes);
        return bytes;
    };
    a.on_datagram(0, addr(0, B), probe(10, PathState::faulty), 1000);
    EXPECT_EQ(a.link_state(B, 1, Direction::send), PathState::faulty);
    a.on_datagram(0, addr(0, B), probe(9, PathState::up), 2000);  // a late copy of an older probe
    EXPECT_EQ(a.link_state(B, 1, Direction::send), PathState::faulty);
    a.on_datagram(0, addr(0, B), probe(11, PathState::up), 3000);
    EXPECT_EQ(a.link_state(B, 1, Direction::send), PathState::up);
    // A copy expected on path b arms the judge timer at the end of its grace lag.
    bool armed = false;
    for (const Output& o : a.take_outputs())
        if (auto* t = std::get_if<ArmTimer>(&o); t && t->timer == Timer::judge) armed = t->at == 1000 + 200'000;
    EXPECT_TRUE(armed);
}

}  // namespace
}  // namespace braid::multipath
