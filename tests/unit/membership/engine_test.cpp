// The membership engine driven by a tiny lossless in-test network: every
// output is applied at once (sends delivered after 100 us, timers at their
// deadlines), so the tests read as the protocol's steps.
#include <gtest/gtest.h>

#include <map>
#include <queue>
#include <random>
#include <tuple>

#include "config/config.hpp"
#include "membership/engine.hpp"
#include "wire/packet.hpp"

namespace braid::membership {
namespace {

constexpr std::uint32_t kCluster = 77;

EngineConfig config_for(ring::DaemonId id) {
    EngineConfig c;
    c.self = id;
    c.cluster = kCluster;
    return c;
}

struct Cluster {
    struct Event {
        ring::Time at;
        std::uint64_t order;
        ring::DaemonId to;
        bool timer;
        TimerId timer_id;
        std::uint64_t generation;
        std::vector<std::uint8_t> bytes;
        bool operator>(const Event& o) const { return std::tie(at, order) > std::tie(o.at, o.order); }
    };

    explicit Cluster(std::vector<ring::DaemonId> ids) {
        for (auto id : ids) engines.emplace(id, Engine(config_for(id)));
    }

    void start(ring::DaemonId id) {
        engines.at(id).start(now);
        drain(id);
    }

    void drain(ring::DaemonId id) {
        for (auto& o : engines.at(id).drain_outputs()) {
            if (auto* s = std::get_if<SendOutput>(&o)) {
                for (auto& [other, e] : engines) {
                    (void)e;
                    if (other == id || silent.count(other)) continue;
                    if (!s->to.broadcast && s->to.daemon != other) continue;
                    queue.push({now + 100, order++, other, false, TimerId::join, 0, s->bytes});
                }
            } else if (auto* a = std::get_if<ArmOutput>(&o)) {
                auto g = ++generation[{id, a->timer}];
                queue.push({a->at, order++, id, true, a->timer, g, {}});
            } else if (auto* c = std::get_if<CancelOutput>(&o)) {
                ++generation[{id, c->timer}];
            } else if (auto* d = std::get_if<DeliverOutput>(&o)) {
                delivered[id].push_back(d->delivery.message.body);
            } else if (auto* cfg = std::get_if<ConfigurationOutput>(&o)) {
                configurations[id].push_back(*cfg);
            }
        }
    }

    void run_until(ring::Time end) {
        while (!queue.empty() && queue.top().at <= end) {
            Event ev = queue.top();
            queue.pop();
            now = ev.at;
            if (silent.count(ev.to)) continue;
            Engine& e = engines.at(ev.to);
            if (ev.timer) {
                if (generation[{ev.to, ev.timer_id}] != ev.generation) continue;
                e.on_timer(ev.timer_id, now);
            } else {
                e.on_datagram(ev.bytes, now);
            }
            drain(ev.to);
        }
        now = end;
    }

    std::map<ring::DaemonId, Engine> engines;
    std::set<ring::DaemonId> silent;  // never started: hears and says nothing
    std::priority_queue<Event, std::vector<Event>, std::greater<>> queue;
    std::map<std::pair<ring::DaemonId, TimerId>, std::uint64_t> generation;
    std::map<ring::DaemonId, std::vector<ConfigurationOutput>> configurations;
    std::map<ring::DaemonId, std::vector<std::vector<std::uint8_t>>> delivered;
    std::uint64_t order = 0;
    ring::Time now = 0;
};

delivery::Message message(std::uint8_t tag) {
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.sender = "#app#h" + std::to_string(tag);
    m.groups = {"g"};
    m.body = {tag, tag};
    return m;
}

TEST(MembershipEngine, LoneDaemonFormsRingOfOne) {
    Cluster c({5});
    c.start(5);
    EXPECT_EQ(c.engines.at(5).state(), State::gather);
    c.run_until(1'000'000);
    const Engine& e = c.engines.at(5);
    EXPECT_EQ(e.state(), State::operational);
    ASSERT_EQ(c.configurations[5].size(), 1u);
    EXPECT_EQ(c.configurations[5][0].kind, ConfigurationKind::regular);
    EXPECT_EQ(c.configurations[5][0].members, std::vector<ring::DaemonId>{5});
    EXPECT_EQ(c.configurations[5][0].ring, (ring::RingId{5, 1}));
}

TEST(MembershipEngine, DaemonsStartingTogetherFormOneRing) {
    Cluster c({1, 2, 3, 4});
    for (auto id : {3u, 1u, 4u, 2u}) c.start(id);
    c.run_until(2'000'000);
    for (auto id : {1u, 2u, 3u, 4u}) {
        EXPECT_EQ(c.engines.at(id).state(), State::operational) << id;
        ASSERT_EQ(c.configurations[id].size(), 1u) << id;
        EXPECT_EQ(c.configurations[id][0].members, (std::vector<ring::DaemonId>{1, 2, 3, 4}));
        EXPECT_EQ(c.configurations[id][0].ring, (ring::RingId{1, 1}));
    }
}

TEST(MembershipEngine, SilentDaemonEndsInFailedSet) {
    Cluster c({1, 2, 3});
    c.silent.insert(1);
    c.start(2);
    c.start(3);
    // One join of 1 reaches 2, then 1 falls silent.
    wire::Join j;
    j.cluster = kCluster;
    j.sender = 1;
    j.join_seq = 1;
    j.members = {1};
    c.engines.at(2).on_datagram(wire::encode(j), 0);
    c.drain(2);
    c.run_until(3'000'000);
    for (auto id : {2u, 3u}) {
        EXPECT_EQ(c.engines.at(id).state(), State::operational) << id;
        ASSERT_EQ(c.configurations[id].size(), 1u);
        EXPECT_EQ(c.configurations[id][0].members, (std::vector<ring::DaemonId>{2, 3}));
        EXPECT_EQ(c.engines.at(id).failed(), (std::set<ring::DaemonId>{1}));
    }
    EXPECT_GT(c.engines.at(2).stats().consensus_timeouts + c.engines.at(3).stats().consensus_timeouts, 0u);
}

TEST(MembershipEngine, DuplicateJoinChangesNothing) {
    Engine e(config_for(2));
    e.start(0);
    e.drain_outputs();
    wire::Join j;
    j.cluster = kCluster;
    j.sender = 4;
    j.join_seq = 3;
    j.members = {4};
    e.on_datagram(wire::encode(j), 10);
    EXPECT_EQ(e.members(), (std::set<ring::DaemonId>{2, 4}));
    EXPECT_FALSE(e.drain_outputs().empty());  // answered with a new join
    e.on_datagram(wire::encode(j), 20);
    EXPECT_EQ(e.stats().duplicate_joins, 1u);
    EXPECT_EQ(e.stats().joins_received, 1u);
    EXPECT_TRUE(e.drain_outputs().empty());
}

TEST(MembershipEngine, JoinNamingUsFailedMarksItsSenderFailed) {
    Engine e(config_for(2));
    e.start(0);
    wire::Join j;
    j.cluster = kCluster;
    j.sender = 4;
    j.join_seq = 1;
    j.members = {2, 4};
    j.failed = {2};
    e.on_datagram(wire::encode(j), 10);
    EXPECT_EQ(e.failed(), (std::set<ring::DaemonId>{4}));
}

TEST(MembershipEngine, ForeignMalformedAndStrayPacketsAreCounted) {
    Engine e(config_for(2));
    e.start(0);
    wire::Join j;
    j.cluster = kCluster + 1;
    j.sender = 4;
    j.join_seq = 1;
    j.members = {4};
    e.on_datagram(wire::encode(j), 1);
    EXPECT_EQ(e.stats().foreign_cluster, 1u);
    std::vector<std::uint8_t> garbage{1, 2, 3};
    e.on_datagram(garbage, 2);
    EXPECT_EQ(e.stats().malformed, 1u);
    wire::Token t;
    t.cluster = kCluster;
    t.ring = {9, 9};
    t.destination = 2;
    e.on_datagram(wire::encode(t), 3);
    EXPECT_EQ(e.stats().foreign_ring, 1u);
    wire::CommitToken ct;
    ct.cluster = kCluster;
    ct.ring = {1, 4};
    ct.destination = 3;  // not us
    ct.token_seq = 1;
    ct.entries = {{1, false, {}, 0, 0}, {3, false, {}, 0, 0}};
    e.on_datagram(wire::encode(ct), 4);
    EXPECT_EQ(e.stats().rejected_commit_tokens, 1u);
    EXPECT_EQ(e.state(), State::gather);
}

TEST(MembershipEngine, DuplicateCommitTokenChangesNothing) {
    Engine e(config_for(2));
    e.start(0);
    e.drain_outputs();
    wire::CommitToken ct;
    ct.cluster = kCluster;
    ct.ring = {1, 1};
    ct.destination = 2;
    ct.sender = 1;
    ct.token_seq = 2;
    ct.entries = {{1, true, {}, 0, 0}, {2, false, {}, 0, 0}};
    e.on_datagram(wire::encode(ct), 10);
    EXPECT_EQ(e.state(), State::commit);
    auto first = e.drain_outputs();
    e.on_datagram(wire::encode(ct), 20);
    EXPECT_EQ(e.stats().duplicate_commit_tokens, 1u);
    EXPECT_TRUE(e.drain_outputs().empty());
    EXPECT_EQ(e.stats().commit_tokens_received, 1u);
}

TEST(MembershipEngine, MessagesQueuedBeforeTheRingAreDeliveredEverywhere) {
    Cluster c({1, 2, 3});
    for (auto id : {1u, 2u, 3u}) c.start(id);
    c.engines.at(2).submit(message(7), 0);
    c.run_until(1'000'000);
    c.engines.at(3).submit(message(8), c.now);
    c.drain(3);
    c.run_until(2'000'000);
    for (auto id : {1u, 2u, 3u}) {
        ASSERT_EQ(c.delivered[id].size(), 2u) << id;
        EXPECT_EQ(c.delivered[id][0], (std::vector<std::uint8_t>{7, 7}));
        EXPECT_EQ(c.delivered[id][1], (std::vector<std::uint8_t>{8, 8}));
    }
}

TEST(MembershipEngine, ValidateChecksTimeouts) {
    EngineConfig c = config_for(1);
    EXPECT_FALSE(validate(c).has_value());
    c.timeouts.join_us = c.timeouts.consensus_us;
    EXPECT_EQ(validate(c).value(), "join must be below the consensus timeout");
    c = config_for(1);
    c.timeouts.token_retransmit_us = c.timeouts.token_us;
    EXPECT_EQ(validate(c).value(), "token_retransmit must be below the token timeout");
    c.timeouts.merge_us = 0;
    EXPECT_EQ(validate(c).value(), "every membership timeout must be positive");
}

TEST(MembershipEngine, TimeoutsFromConfigurationAreMicroseconds) {
    config::Timeouts t;
    const Timeouts us = from_config(t);
    EXPECT_EQ(us.token_us, 1'000'000);
    EXPECT_EQ(us.token_retransmit_us, 250'000);
    EXPECT_EQ(us.join_us, 50'000);
    EXPECT_EQ(us.consensus_us, 200'000);
    EXPECT_EQ(us.merge_us, 1'000'000);
}

// A ring member falling silent is reported as token loss and counted; this
// version keeps the configuration (no membership change without recovery).
TEST(MembershipEngine, TokenLossOnceOperationalIsCountedOnly) {
    Cluster c({1, 2, 3});
    for (auto id : {1u, 2u, 3u}) c.start(id);
    c.run_until(1'000'000);
    ASSERT_EQ(c.engines.at(1).state(), State::operational);
    c.silent.insert(3);
    c.run_until(5'000'000);
    EXPECT_GT(c.engines.at(1).stats().token_losses + c.engines.at(2).stats().token_losses, 0u);
    EXPECT_EQ(c.configurations[1].size(), 1u);
    EXPECT_EQ(c.engines.at(1).state(), State::operational);
}

// Corrupted copies of every membership and ring packet, in every state,
// never crash the engine and never install a configuration by themselves.
TEST(MembershipEngine, CorruptedPacketsAreHarmless) {
    std::mt19937 rng(4242);
    wire::Join j;
    j.cluster = kCluster;
    j.sender = 3;
    j.join_seq = 1;
    j.members = {2, 3};
    wire::CommitToken ct;
    ct.cluster = kCluster;
    ct.ring = {1, 1};
    ct.destination = 2;
    ct.token_seq = 2;
    ct.entries = {{1, true, {}, 0, 0}, {2, false, {}, 0, 0}};
    wire::Token t;
    t.cluster = kCluster;
    t.ring = {1, 1};
    t.destination = 2;
    t.token_seq = 1;
    const std::vector<std::vector<std::uint8_t>> originals{wire::encode(j), wire::encode(ct), wire::encode(t),
                                                           wire::encode(wire::Presence{kCluster, {1, 1}, 1})};
    for (int round = 0; round < 3; ++round) {
        Engine e(config_for(2));
        e.start(0);
        for (int i = 0; i < 5000; ++i) {
            auto bytes = originals[rng() % originals.size()];
            bytes[rng() % bytes.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
            if (rng() % 4 == 0) bytes.resize(rng() % (bytes.size() + 1));
            e.on_datagram(bytes, i);
            if (i % 500 == 0) e.on_timer(static_cast<TimerId>(rng() % 7), i);
            for (const auto& o : e.drain_outputs()) EXPECT_FALSE(std::holds_alternative<ConfigurationOutput>(o));
        }
    }
}

// The representative agrees, then falls silent before sending the commit
// token: the others give up on it and form a ring without it.
TEST(MembershipEngine, SilentRepresentativeAfterConsensusIsReplaced) {
    Cluster c({1, 2, 3});
    for (auto id : {1u, 2u, 3u}) c.start(id);
    c.run_until(150'000);
    c.silent.insert(1);
    c.run_until(4'000'000);
    for (auto id : {2u, 3u}) {
        EXPECT_EQ(c.engines.at(id).state(), State::operational) << id;
        ASSERT_EQ(c.configurations[id].size(), 1u) << id;
        EXPECT_EQ(c.configurations[id][0].members, (std::vector<ring::DaemonId>{2, 3}));
        EXPECT_EQ(c.configurations[id][0].ring.representative, 2u);
        EXPECT_EQ(c.engines.at(id).stats().gather_restarts, 1u);
    }
}

}  // namespace
}  // namespace braid::membership
