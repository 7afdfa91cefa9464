// The multipath layer: configuration, fan-out, exactly-once delivery,
// duplicate accounting, reordering between paths, restarts and hostile input.
#include "multipath/layer.hpp"

#include <algorithm>
#include <cerrno>
#include <random>

#include <gtest/gtest.h>

#include "net.hpp"

namespace braid::multipath {
namespace {

using test::addr;
using test::group;
using test::Net;
using namespace test::helpers;

TEST(MultipathLayer, ConfigurationIsValidated) {
    Net net;
    net.add(A, "a", {0, 1});
    net.add(B, "b", {0});
    LayerConfig c = net.config_for(net.hosts[0], test::test_settings());
    c.incarnation = 0;
    EXPECT_EQ(Layer::create(c).error, "the incarnation must not be zero");
    c = net.config_for(net.hosts[0], test::test_settings());
    c.peers[0].addresses.push_back(PeerAddress{5, addr(5, B)});
    EXPECT_EQ(Layer::create(c).error, "peer b: path 5 is not a path of this host");
    c = net.config_for(net.hosts[0], test::test_settings());
    c.paths[1].kind = PathKind::multicast;
    EXPECT_EQ(Layer::create(c).error, "path b: 10.2.0.255 is not a multicast group");
    c = net.config_for(net.hosts[0], test::test_settings());
    c.peers[0].id = A;
    EXPECT_EQ(Layer::create(c).error, "peer b has this daemon's own id");
    c = net.config_for(net.hosts[0], test::test_settings());
    c.settings.fault_threshold = 0;
    EXPECT_EQ(Layer::create(c).error, "the fault threshold must be at least 1");
}

TEST(MultipathLayer, ActiveFanOutReachesEveryPathAndTheRightAddresses) {
    Net net;
    net.kinds[1] = PathKind::unicast;  // path b has no broadcast: one copy per peer
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.add(C, "hc", {1});  // only on path b
    net.build(test::test_settings());
    Layer& a = *net.host(A).layer;

    ASSERT_EQ(a.send_broadcast(kPayload, 0), SendResult::sent);
    auto t = transmits(a.take_outputs());
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].path, 0);
    EXPECT_EQ(t[0].destination, group(0));
    EXPECT_EQ(t[1].path, 1);
    EXPECT_EQ(t[1].destination, addr(1, B));
    EXPECT_EQ(t[2].path, 1);
    EXPECT_EQ(t[2].destination, addr(1, C));
    EXPECT_EQ(header_of(t[0]).paths_sent, 0b11u);
    EXPECT_EQ(header_of(t[0]).sequence, header_of(t[1]).sequence);  // one logical send
    EXPECT_EQ(header_of(t[1]).path, 1);
    EXPECT_EQ(t[1].bytes, t[2].bytes);

    ASSERT_EQ(a.send_to(C, kPayload, 0), SendResult::sent);
    t = transmits(a.take_outputs());
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].path, 1);
    EXPECT_EQ(t[0].destination, addr(1, C));
    EXPECT_EQ(header_of(t[0]).paths_sent, 0b10u);

    ASSERT_EQ(a.send_to(B, kPayload, 0), SendResult::sent);
    t = transmits(a.take_outputs());
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].destination, addr(0, B));  // to one peer: its own address, even on a broadcast network
    EXPECT_EQ(t[1].destination, addr(1, B));

    EXPECT_EQ(a.send_to(42, kPayload, 0), SendResult::unknown_peer);
    std::vector<std::uint8_t> huge(kMaxPayload + 1);
    EXPECT_EQ(a.send_broadcast(huge, 0), SendResult::too_large);
    EXPECT_EQ(a.status().counters.send_rejected, 2u);
}

TEST(MultipathLayer, EveryPeerGetsEachBroadcastExactlyOnce) {
    Net net;
    net.kinds[1] = PathKind::unicast;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.add(C, "hc", {1});
    net.build(test::test_settings());
    const int n = net.traffic(A, 1000, 10'000);
    net.run_until(1'000'000);
    for (DaemonId id : {B, C}) {
        const auto& d = net.host(id).delivered;
        ASSERT_EQ(d.size(), static_cast<std::size_t>(n)) << id;
        for (int i = 0; i < n; ++i) {
            EXPECT_EQ(d[i].sender, A);
            EXPECT_EQ(d[i].bytes, (std::vector<std::uint8_t>{A, static_cast<std::uint8_t>(i), 0}));
        }
    }
}

TEST(MultipathLayer, DuplicatesAreCountedOnThePathThatLost) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    net.extra_delay[{A, B, 1}] = 1000;  // path b's copies come second
    const int n = net.traffic(A, 1000, 10'000);
    net.run_until(1'000'000);
    ASSERT_EQ(net.host(B).delivered.size(), static_cast<std::size_t>(n));
    const Status s = net.host(B).layer->status();
    EXPECT_EQ(counters(s, 0).delivered, 10u);
    EXPECT_EQ(counters(s, 0).duplicates, 0u);
    EXPECT_EQ(counters(s, 1).delivered, 0u);
    EXPECT_EQ(counters(s, 1).duplicates, 10u);
    EXPECT_EQ(counters(s, 1).late, 0u);
    EXPECT_EQ(counters(s, 0).packets_received, 10u);
    EXPECT_EQ(counters(s, 1).bytes_received, 10u * (kHeaderSize + 3));
    const Status sa = net.host(A).layer->status();
    EXPECT_EQ(counters(sa, 0).packets_sent, 10u);
    EXPECT_EQ(counters(sa, 1).packets_sent, 10u);
}

TEST(MultipathLayer, ReorderingBetweenPathsDeliversEachOnce) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    Layer& a = *net.host(A).layer;
    Layer& b = *net.host(B).layer;
    for (std::uint8_t i = 1; i <= 3; ++i) {
        const std::uint8_t p[] = {i};
        a.send_broadcast(p, 0);
    }
    auto t = transmits(a.take_outputs());
    ASSERT_EQ(t.size(), 6u);  // seq 1 on a, b; seq 2 on a, b; seq 3 on a, b
    // Path b brings 3, 2, 1; then path a brings 1, 2, 3.
    for (int i : {5, 3, 1, 0, 2, 4}) b.on_datagram(t[i].path, addr(t[i].path, A), t[i].bytes, 1000 + i);
    std::vector<std::uint8_t> order;
    for (Output& o : b.take_outputs())
        if (auto* d = std::get_if<Deliver>(&o)) order.push_back(d->bytes.at(0));
    EXPECT_EQ(order, (std::vector<std::uint8_t>{3, 2, 1}));
    b.on_timer(Timer::judge, 1'000'000);
    const Status s = b.status();
    EXPECT_EQ(counters(s, 0).duplicates, 3u);
    EXPECT_EQ(counters(s, 0).misses + counters(s, 1).misses, 0u);
}

TEST(MultipathLayer, RestartedPeerIsAcceptedAndItsOldCopiesDropped) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.host(A).incarnation = 100;
    net.build(test::test_settings());
    net.traffic(A, 1000, 3000);
    net.run_until(100'000);
    ASSERT_EQ(net.host(B).delivered.size(), 3u);
    const Transmit old = net.host(A).sent.back();

    net.host(A).incarnation = 200;
    net.rebuild(net.host(A), test::test_settings());
    net.traffic(A, 1000, net.now + 2000);  // sequences 1 and 2 again
    net.run_until(net.now + 100'000);
    EXPECT_EQ(net.host(B).delivered.size(), 5u);
    EXPECT_TRUE(logged(net.host(B).logs, "ha restarted (new incarnation): its duplicate window starts afresh"));

    Layer& b = *net.host(B).layer;
    b.on_datagram(old.path, addr(old.path, A), old.bytes, net.now);
    net.drain(net.host(B));
    EXPECT_EQ(net.host(B).delivered.size(), 5u);
    EXPECT_EQ(counters(b.status(), old.path).stale_incarnation, 1u);
    EXPECT_EQ(b.status().counters.peer_restarts, 1u);
}

TEST(MultipathLayer, HostileInputIsDroppedAndCounted) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    Layer& a = *net.host(A).layer;
    Layer& b = *net.host(B).layer;
    a.send_broadcast(kPayload, 0);
    auto t = transmits(a.take_outputs());
    ASSERT_EQ(t.size(), 2u);

    b.on_datagram(0, addr(0, A), std::vector<std::uint8_t>{}, 1);
    Header h = header_of(t[0]);
    h.kind = Kind::probe;
    h.sequence = 9;
    std::vector<std::uint8_t> bad_probe;
    encode_header(h, bad_probe);
    bad_probe.push_back(0);  // a one-byte body
    b.on_datagram(0, addr(0, A), bad_probe, 1);
    b.on_datagram(0, addr(0, A), std::vector<std::uint8_t>{1, 1}, 1);
    b.on_datagram(0, addr(0, C), t[0].bytes, 1);  // right header, wrong source
    b.on_datagram(1, addr(1, A), t[0].bytes, 1);  // path a's copy arriving on path b
    b.on_datagram(7, addr(0, A), t[0].bytes, 1);  // a path this host is not on
    h = header_of(t[0]);
    h.sender = 77;
    std::vector<std::uint8_t> stranger;
    encode_header(h, stranger);
    b.on_datagram(0, addr(0, A), stranger, 1);
    h.sender = B;
    std::vector<std::uint8_t> own;
    encode_header(h, own);
    b.on_datagram(0, addr(0, B), own, 1);

    net.drain(net.host(B));
    EXPECT_TRUE(net.host(B).delivered.empty());
    const Status s = b.status();
    EXPECT_EQ(counters(s, 0).malformed, 3u);
    EXPECT_EQ(counters(s, 0).wrong_address, 1u);
    EXPECT_EQ(counters(s, 1).wrong_path, 1u);
    EXPECT_EQ(s.counters.unknown_path, 1u);
    EXPECT_EQ(counters(s, 0).unknown_sender, 1u);
    EXPECT_EQ(counters(s, 0).own, 1u);
    const auto& logs = net.host(B).logs;
    EXPECT_TRUE(logged(logs, "dropped datagram on path a: malformed multipath header from 10.1.0.1: "
                             "truncated at byte 0 (1 so far)"));
    EXPECT_TRUE(logged(logs, "dropped datagram on path a: claims to be ha but comes from 10.1.0.3, not "
                             "10.1.0.1 (1 so far)"));
    EXPECT_TRUE(logged(logs, "dropped datagram on path b: from 10.2.0.1 sent on path 0: are two networks "
                             "connected to each other? (1 so far)"));
    EXPECT_TRUE(logged(logs, "dropped datagram on path a: malformed probe from ha: truncated at byte 0 (2 so far)"));

    // The genuine copies still work afterwards.
    b.on_datagram(0, addr(0, A), t[0].bytes, 2);
    b.on_datagram(1, addr(1, A), t[1].bytes, 2);
    net.drain(net.host(B));
    EXPECT_EQ(net.host(B).delivered.size(), 1u);
}

TEST(MultipathLayer, RandomAndMutatedDatagramsNeverCrash) {
    Net net;
    net.add(A, "ha", {0, 1});
    net.add(B, "hb", {0, 1});
    net.build(test::test_settings());
    Layer& a = *net.host(A).layer;
    Layer& b = *net.host(B).layer;
    a.start(0);
    a.send_broadcast(kPayload, 0);
    auto valid = transmits(a.take_outputs());
    std::mt19937 rng(12345);
    Time now = 0;
    for (int i = 0; i < 20'000; ++i) {
        std::vector<std::uint8_t> bytes = valid[rng() % valid.size()].bytes;
        if (rng() % 4 == 0) bytes.resize(rng() % 64);
        for (int flips = 1 + rng() % 4; flips > 0 && !bytes.empty(); --flips)
            bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
        const PathIndex path = static_cast<PathIndex>(rng() % 3);
        now += rng() % 50'000;
        b.on_datagram(path, addr(path, A), bytes, now);
        if (i % 100 == 0) b.on_timer(i % 200 == 0 ? Timer::probe : Timer::judge, now);
        for (Output& o : b.take_outputs()) {
            if (auto* d = std::get_if<Deliver>(&o)) {
                EXPECT_EQ(d->sender, A);
            }
        }
    }
    const Status s = b.status();
    EXPECT_GT(counters(s, 0).malformed + counters(s, 1).malformed, 0u);
}

}  // namespace
}  // namespace braid::multipath
