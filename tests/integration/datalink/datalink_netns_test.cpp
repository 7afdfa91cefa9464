// The data link on real networks: two hosts in network namespaces, two
// bridged networks. Checks that broadcasts and multicasts arrive only on
// the path of their network, that unicast works on each path, and that with
// one host's NIC down the sends on the other network still go through while
// the failure is reported for the dead one.
//
// The test thread enters each host's namespace only to create that host's
// data link: a socket belongs to the namespace it was created in for its
// whole life, so both hosts then run in one event loop, in one process,
// with nothing shared between them but the bridges.
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "datalink/datalink.hpp"
#include "netns_topology.hpp"

namespace braid::datalink {
namespace {

using namespace std::chrono_literals;
using test::InNamespace;
using test::Topology;

constexpr std::uint16_t kPort = 4803;  // the namespaces are ours: any port is free
constexpr std::uint64_t kCluster = 0xb4a1dULL;
constexpr int kTimeLimitSeconds = 90;

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

struct Received {
    PathIndex path = 0;
    Ipv4Address from;
    std::string text;
};

struct Host {
    std::unique_ptr<DataLink> link;
    std::vector<Received> got;

    // Every copy received that carries `text`.
    std::vector<Received> matching(const std::string& text) const {
        std::vector<Received> out;
        for (const Received& r : got) {
            if (r.text == text) out.push_back(r);
        }
        return out;
    }
};

std::span<const std::uint8_t> bytes(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

class NetnsDataLink : public ::testing::Test {
protected:
    void SetUp() override {
        if (auto why = test::netns_unavailable(); !why.empty()) GTEST_SKIP() << why;
        topology_ = std::make_unique<Topology>(kTimeLimitSeconds);
        ASSERT_EQ(topology_->error(), "");
        std::error_code error;
        loop_ = event::Loop::create(error);
        ASSERT_TRUE(loop_) << error.message();
    }

    void TearDown() override {
        // Sockets and watches first, then the namespaces (Topology).
        h1_.link.reset();
        h2_.link.reset();
        loop_.reset();
        topology_.reset();
    }

    // The data link of host `n` (1 or 2); network b is multicast if asked.
    void create(Host& host, int n, bool b_multicast) {
        const std::string self = std::to_string(n);
        LinkConfig c;
        c.cluster_id = kCluster;
        c.port = kPort;
        c.paths.push_back({0, "a", PathKind::broadcast, ip(("10.1.0." + self).c_str()), ip("10.1.0.255")});
        if (b_multicast) {
            c.paths.push_back({1, "b", PathKind::multicast, ip(("10.2.0." + self).c_str()), ip("239.192.0.1")});
        } else {
            c.paths.push_back({1, "b", PathKind::broadcast, ip(("10.2.0." + self).c_str()), ip("10.2.0.255")});
        }
        InNamespace in(n == 1 ? topology_->host1() : topology_->host2());
        ASSERT_EQ(in.error(), "");
        auto r = DataLink::create(std::move(c), *loop_,
                                  [&host](PathIndex path, Ipv4Address from, std::span<const std::uint8_t> p) {
                                      host.got.push_back({path, from, std::string(p.begin(), p.end())});
                                  });
        ASSERT_EQ(r.error, "");
        host.link = std::move(r.link);
    }

    // Runs the loop until `done`, at most five seconds.
    bool run_until(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            if (loop_->run_once(10ms)) return false;
        }
        return true;
    }

    // Serves the loop a little longer, so that a copy that should not come
    // has had every chance to (a bound, not a timing assertion).
    void settle() {
        const auto until = std::chrono::steady_clock::now() + 300ms;
        while (std::chrono::steady_clock::now() < until) loop_->run_once(10ms);
    }

    std::unique_ptr<Topology> topology_;
    std::unique_ptr<event::Loop> loop_;
    Host h1_;
    Host h2_;
};

TEST_F(NetnsDataLink, BroadcastsArriveOnlyOnTheirNetworkAndUnicastWorks) {
    ASSERT_NO_FATAL_FAILURE(create(h1_, 1, false));
    ASSERT_NO_FATAL_FAILURE(create(h2_, 2, false));
    const std::string on_a = "broadcast on a";
    const std::string on_b = "broadcast on b";
    const Transmit burst[] = {{0, ip("10.1.0.255"), bytes(on_a)}, {1, ip("10.2.0.255"), bytes(on_b)}};
    EXPECT_TRUE(h1_.link->send(burst).empty());
    ASSERT_TRUE(run_until([&] { return h2_.got.size() >= 2; }));
    settle();
    ASSERT_EQ(h2_.matching(on_a).size(), 1u);
    EXPECT_EQ(h2_.matching(on_a)[0].path, 0);
    EXPECT_EQ(h2_.matching(on_a)[0].from, ip("10.1.0.1"));
    ASSERT_EQ(h2_.matching(on_b).size(), 1u);
    EXPECT_EQ(h2_.matching(on_b)[0].path, 1);
    EXPECT_EQ(h2_.matching(on_b)[0].from, ip("10.2.0.1"));
    EXPECT_EQ(h2_.got.size(), 2u);

    const std::string to_a = "unicast on a";
    const std::string to_b = "unicast on b";
    const Transmit unicast[] = {{0, ip("10.1.0.1"), bytes(to_a)}, {1, ip("10.2.0.1"), bytes(to_b)}};
    EXPECT_TRUE(h2_.link->send(unicast).empty());
    ASSERT_TRUE(run_until([&] { return !h1_.matching(to_a).empty() && !h1_.matching(to_b).empty(); }));
    settle();
    ASSERT_EQ(h1_.matching(to_a).size(), 1u);
    EXPECT_EQ(h1_.matching(to_a)[0].path, 0);
    EXPECT_EQ(h1_.matching(to_a)[0].from, ip("10.1.0.2"));
    ASSERT_EQ(h1_.matching(to_b).size(), 1u);
    EXPECT_EQ(h1_.matching(to_b)[0].path, 1);
    EXPECT_EQ(h1_.matching(to_b)[0].from, ip("10.2.0.2"));
}

TEST_F(NetnsDataLink, MulticastArrivesOnlyOnItsNetwork) {
    ASSERT_NO_FATAL_FAILURE(create(h1_, 1, true));
    ASSERT_NO_FATAL_FAILURE(create(h2_, 2, true));
    for (const auto& s : h2_.link->status()) {
        EXPECT_TRUE(s.group_receiving) << s.config.name;
    }
    const std::string group = "multicast on b";
    const std::string broadcast = "broadcast on a";
    const Transmit burst[] = {{1, ip("239.192.0.1"), bytes(group)}, {0, ip("10.1.0.255"), bytes(broadcast)}};
    EXPECT_TRUE(h1_.link->send(burst).empty());
    ASSERT_TRUE(run_until([&] { return h2_.got.size() >= 2; }));
    settle();
    ASSERT_EQ(h2_.matching(group).size(), 1u);
    EXPECT_EQ(h2_.matching(group)[0].path, 1);
    EXPECT_EQ(h2_.matching(group)[0].from, ip("10.2.0.1"));
    ASSERT_EQ(h2_.matching(broadcast).size(), 1u);
    EXPECT_EQ(h2_.matching(broadcast)[0].path, 0);
    EXPECT_EQ(h2_.got.size(), 2u);
    EXPECT_EQ(h2_.link->counters(1)->packets_received, 1u);
}

TEST_F(NetnsDataLink, NicDownOnOneNetworkIsReportedAndTheOtherStillSends) {
    ASSERT_NO_FATAL_FAILURE(create(h1_, 1, false));
    ASSERT_NO_FATAL_FAILURE(create(h2_, 2, false));
    ASSERT_EQ(topology_->ip(topology_->host1(), "link set eth-a down"), "");

    const std::string payload = "while a is down";
    // Network a first in the burst: its failures must not hold back b.
    const Transmit burst[] = {{0, ip("10.1.0.255"), bytes(payload)},
                              {0, ip("10.1.0.2"), bytes(payload)},
                              {1, ip("10.2.0.255"), bytes(payload)},
                              {1, ip("10.2.0.2"), bytes(payload)}};
    const auto errors = h1_.link->send(burst);
    ASSERT_EQ(errors.size(), 2u);
    for (const SendError& e : errors) {
        EXPECT_EQ(e.path, 0);
        EXPECT_TRUE(e.error == ENETUNREACH || e.error == ENETDOWN) << std::strerror(e.error);
    }
    EXPECT_EQ(errors[0].destination, ip("10.1.0.255"));
    EXPECT_EQ(errors[1].destination, ip("10.1.0.2"));
    EXPECT_EQ(h1_.link->counters(0)->send_errors, 2u);
    EXPECT_EQ(h1_.link->counters(1)->packets_sent, 2u);

    ASSERT_TRUE(run_until([&] { return h2_.matching(payload).size() >= 2; }));
    settle();
    ASSERT_EQ(h2_.matching(payload).size(), 2u);
    for (const Received& r : h2_.matching(payload)) {
        EXPECT_EQ(r.path, 1);
        EXPECT_EQ(r.from, ip("10.2.0.1"));
    }

    // The NIC comes back: the same sockets send on a again.
    ASSERT_EQ(topology_->ip(topology_->host1(), "link set eth-a up"), "");
    const std::string again = "a is back";
    const Transmit back[] = {{0, ip("10.1.0.2"), bytes(again)}};
    EXPECT_TRUE(h1_.link->send(back).empty());
    ASSERT_TRUE(run_until([&] { return !h2_.matching(again).empty(); }));
    EXPECT_EQ(h2_.matching(again)[0].path, 0);
}

TEST_F(NetnsDataLink, AddressThatAppearsLateComesUp) {
    // Host 2's address on b is not there when its data link starts (boot
    // order, NetworkManager): the sockets bind anyway, the multicast
    // membership waits, and both work once the address appears.
    ASSERT_EQ(topology_->ip(topology_->host2(), "addr del 10.2.0.2/24 dev eth-b"), "");
    ASSERT_NO_FATAL_FAILURE(create(h1_, 1, true));
    ASSERT_NO_FATAL_FAILURE(create(h2_, 2, true));
    EXPECT_FALSE(h2_.link->status()[1].group_receiving);
    EXPECT_FALSE(h2_.link->status()[1].multicast_ready);
    EXPECT_TRUE(h2_.link->status()[0].group_receiving);
    EXPECT_EQ(h2_.link->retry_multicast_setup(),
              std::vector<std::string>{"network b: IP_MULTICAST_IF 10.2.0.2: Cannot assign requested address"});

    ASSERT_EQ(topology_->ip(topology_->host2(), "addr add 10.2.0.2/24 broadcast 10.2.0.255 dev eth-b"), "");
    EXPECT_TRUE(h2_.link->retry_multicast_setup().empty());
    EXPECT_TRUE(h2_.link->status()[1].group_receiving);
    EXPECT_TRUE(h2_.link->status()[1].multicast_ready);

    const std::string group = "multicast after the address came";
    const std::string unicast = "unicast after the address came";
    const Transmit burst[] = {{1, ip("239.192.0.1"), bytes(group)}, {1, ip("10.2.0.2"), bytes(unicast)}};
    EXPECT_TRUE(h1_.link->send(burst).empty());
    ASSERT_TRUE(run_until([&] { return h2_.got.size() >= 2; }));
    // And host 2's own sends on b, which needed IP_MULTICAST_IF.
    const std::string back = "multicast from the late host";
    const Transmit reply[] = {{1, ip("239.192.0.1"), bytes(back)}};
    EXPECT_TRUE(h2_.link->send(reply).empty());
    ASSERT_TRUE(run_until([&] { return !h1_.matching(back).empty(); }));
    EXPECT_EQ(h1_.matching(back)[0].path, 1);
    EXPECT_EQ(h1_.matching(back)[0].from, ip("10.2.0.2"));
    ASSERT_EQ(h2_.matching(group).size(), 1u);
    EXPECT_EQ(h2_.matching(group)[0].path, 1);
    ASSERT_EQ(h2_.matching(unicast).size(), 1u);
    EXPECT_EQ(h2_.matching(unicast)[0].path, 1);
}

}  // namespace
}  // namespace braid::datalink
