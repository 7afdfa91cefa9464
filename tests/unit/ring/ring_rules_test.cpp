// The ring's rules, one token visit at a time: a daemon in the middle of a
// three-member ring (1 -> 2 -> 3 -> 1) fed hand-made packets.
#include <gtest/gtest.h>

#include <deque>
#include <random>

#include "ring/ring.hpp"
#include "wire/packet.hpp"

namespace braid::ring {
namespace {

constexpr std::uint32_t kCluster = 77;
constexpr RingId kRing{1, 4};

class RecordingPort final : public PayloadPort {
public:
    std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) override {
        if (queue.empty() || queue.front().size() > max_bytes) return std::nullopt;
        auto p = queue.front();
        queue.pop_front();
        return p;
    }
    void on_packet(Seq seq, DaemonId, std::span<const std::uint8_t>) override { packets.push_back(seq); }
    void on_ordered(Seq up_to) override { ordered = up_to; }
    void on_safe(Seq up_to) override { safe = up_to; }

    std::deque<std::vector<std::uint8_t>> queue;  // payloads to send
    std::vector<Seq> packets;                     // on_packet calls in order
    Seq ordered = 0;                              // last on_ordered
    Seq safe = 0;                                 // last on_safe
};

RingConfig config(DaemonId self, std::vector<DaemonId> members = {1, 2, 3}) {
    RingConfig c;
    c.self = self;
    c.members = std::move(members);
    c.ring = kRing;
    c.cluster = kCluster;
    return c;
}

wire::Token token(std::uint64_t tseq, Seq highest, Seq aru, std::vector<Seq> rtr = {}) {
    wire::Token t;
    t.cluster = kCluster;
    t.ring = kRing;
    t.destination = 2;
    t.sender = 1;
    t.token_seq = tseq;
    t.highest_seq = highest;
    t.aru = aru;
    if (aru < highest) t.aru_lowered_by = 1;
    t.retransmit_requests = std::move(rtr);
    return t;
}

std::vector<std::uint8_t> data(Seq seq, DaemonId sender = 1, std::vector<std::uint8_t> payload = {1, 2, 3}) {
    wire::DataPacket p;
    p.cluster = kCluster;
    p.ring = kRing;
    p.sender = sender;
    p.seq = seq;
    p.payload = std::move(payload);
    return wire::encode(p);
}

struct Harness {
    explicit Harness(RingConfig c = config(2)) : ring(std::move(c), port) {}

    std::vector<SendOutput> sends() {
        std::vector<SendOutput> s;
        for (auto& o : ring.drain_outputs()) {
            if (auto* x = std::get_if<SendOutput>(&o)) s.push_back(*x);
        }
        return s;
    }
    std::vector<Output> outputs() { return ring.drain_outputs(); }
    void give(const wire::Token& t, Time now = 0) { ring.on_datagram(wire::encode(t), now); }
    // The token this daemon forwarded among the sends, decoded.
    static std::optional<wire::Token> forwarded(const std::vector<SendOutput>& s) {
        for (const auto& x : s) {
            auto t = wire::decode_token(x.bytes);
            if (t.ok()) return t.value();
        }
        return std::nullopt;
    }
    static std::size_t data_count(const std::vector<SendOutput>& s) {
        std::size_t n = 0;
        for (const auto& x : s) n += wire::decode_data_packet(x.bytes).ok() ? 1 : 0;
        return n;
    }

    RecordingPort port;
    Ring ring;
};

TEST(RingRules, TokenIsForwardedToTheNextMemberWithNextTokenSequence) {
    Harness h;
    h.give(token(5, 0, 0));
    auto s = h.sends();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].to, Destination::to(3));
    auto t = Harness::forwarded(s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->token_seq, 6u);
    EXPECT_EQ(t->sender, 2u);
    EXPECT_EQ(t->destination, 3u);
    EXPECT_EQ(h.ring.phase(), TokenPhase::forwarded);
}

TEST(RingRules, DuplicateAndLateTokensAreDroppedAndCounted) {
    Harness h;
    h.give(token(5, 0, 0));
    h.sends();
    h.give(token(5, 0, 0));
    h.give(token(3, 0, 0));
    h.give(token(6, 0, 0));  // our own forwarded sequence: not above the last handled
    EXPECT_TRUE(h.sends().empty());
    EXPECT_EQ(h.ring.stats().duplicate_tokens, 3u);
    EXPECT_EQ(h.ring.stats().tokens_received, 1u);
}

TEST(RingRules, RetransmissionRequestsAreAnsweredWithTheStoredPacket) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(2), 0);
    EXPECT_EQ(h.port.ordered, 2u);
    h.give(token(5, 2, 0, {1}));
    auto s = h.sends();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].to, Destination::all());
    EXPECT_EQ(s[0].bytes, data(1));
    auto t = Harness::forwarded(s);
    ASSERT_TRUE(t);
    EXPECT_TRUE(t->retransmit_requests.empty());
    EXPECT_EQ(t->flow_control, 1u);  // retransmissions count against the window
    EXPECT_EQ(h.ring.stats().retransmissions_sent, 1u);
}

TEST(RingRules, MissingPacketsAreRequestedAfterAFullRotation) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(3), 0);
    h.give(token(5, 3, 1));
    auto first = Harness::forwarded(h.sends());
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->retransmit_requests.empty());  // seq 2 may still be in flight
    EXPECT_EQ(first->aru, 1u);
    EXPECT_EQ(first->aru_lowered_by, std::optional<DaemonId>(1));  // equal aru: whoever lowered it keeps it
    h.give(token(8, 3, 1));
    auto second = Harness::forwarded(h.sends());
    ASSERT_TRUE(second);
    EXPECT_EQ(second->retransmit_requests, std::vector<Seq>{2});
    EXPECT_EQ(h.ring.stats().retransmissions_requested, 1u);
}

TEST(RingRules, PersonalWindowIsRespected) {
    Harness h;
    for (int i = 0; i < 50; ++i) h.port.queue.push_back({static_cast<std::uint8_t>(i)});
    h.give(token(5, 0, 0));
    auto s = h.sends();
    EXPECT_EQ(Harness::data_count(s), 20u);
    auto t = Harness::forwarded(s);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->highest_seq, 20u);
    EXPECT_EQ(t->flow_control, 20u);
    EXPECT_EQ(t->aru, 20u);  // we have all we sent; nobody held the aru down
    EXPECT_FALSE(t->aru_lowered_by);
    EXPECT_EQ(h.port.packets.size(), 20u);
    EXPECT_EQ(h.port.queue.size(), 30u);
}

TEST(RingRules, RingWindowIsRespected) {
    Harness h;
    for (int i = 0; i < 50; ++i) h.port.queue.push_back({1});
    auto t = token(5, 0, 0);
    t.flow_control = 150;  // others used most of the rotation's window
    h.give(t);
    EXPECT_EQ(Harness::data_count(h.sends()), 10u);
}

TEST(RingRules, AruGapLimitsNewPackets) {
    Harness h;
    for (int i = 0; i < 50; ++i) h.port.queue.push_back({1});
    for (Seq q = 1; q <= 155; ++q) h.ring.on_datagram(data(q), 0);
    h.give(token(5, 155, 0));  // someone still lacks everything
    EXPECT_EQ(Harness::data_count(h.sends()), 5u);
}

TEST(RingRules, OversizedPayloadWaits) {
    RingConfig c = config(2);
    c.max_payload = 4;
    Harness h(c);
    h.port.queue.push_back({1, 2, 3, 4, 5});
    h.give(token(5, 0, 0));
    EXPECT_EQ(Harness::data_count(h.sends()), 0u);
}

TEST(RingRules, ForwardedTokenIsRetransmittedUntilEvidence) {
    Harness h;
    h.give(token(5, 0, 0), 1000);
    auto out = h.outputs();
    bool armed = false;
    for (auto& o : out) {
        if (auto* a = std::get_if<ArmOutput>(&o); a && a->timer == TimerId::token_retransmit) {
            armed = true;
            EXPECT_EQ(a->at, 1000 + h.ring.config().token_retransmit_us);
        }
    }
    EXPECT_TRUE(armed);
    h.ring.on_timer(TimerId::token_retransmit, 300000);
    auto again = h.sends();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(Harness::forwarded(again)->token_seq, 6u);
    EXPECT_EQ(h.ring.stats().token_retransmits, 1u);
    // Member 3 sent a new packet: it has the token.
    h.ring.on_datagram(data(1, 3), 300100);
    EXPECT_EQ(h.ring.phase(), TokenPhase::waiting);
    h.ring.on_timer(TimerId::token_retransmit, 600000);
    EXPECT_TRUE(h.sends().empty());
}

TEST(RingRules, TokenLossIsReportedAndStateKept) {
    Harness h;
    h.ring.start(0);
    h.outputs();
    h.ring.on_timer(TimerId::token_loss, 1'000'000);
    auto out = h.outputs();
    bool lost = false;
    for (auto& o : out) lost = lost || std::holds_alternative<TokenLostOutput>(o);
    EXPECT_TRUE(lost);
    EXPECT_EQ(h.ring.stats().token_losses, 1u);
    h.give(token(5, 0, 0));  // a late token is still accepted
    EXPECT_EQ(h.ring.stats().tokens_received, 1u);
}

TEST(RingRules, ForeignAndMalformedPacketsChangeNothing) {
    Harness h;
    auto t = token(5, 0, 0);
    t.ring = RingId{1, 3};
    h.give(t);
    t = token(5, 0, 0);
    t.cluster = 78;
    h.give(t);
    t = token(5, 0, 0);
    t.destination = 3;
    h.give(t);
    std::vector<std::uint8_t> garbage{0xb7, 0xa1, 1, 1, 0};
    h.ring.on_datagram(garbage, 0);
    auto foreign = data(1);
    foreign[9] ^= 1;  // ring representative
    h.ring.on_datagram(foreign, 0);
    h.ring.on_datagram(data(1, 99), 0);  // sender not on the ring
    EXPECT_TRUE(h.sends().empty());
    EXPECT_EQ(h.ring.stats().foreign_ring, 2u);
    EXPECT_EQ(h.ring.stats().foreign_cluster, 1u);
    EXPECT_EQ(h.ring.stats().misdirected_tokens, 1u);
    EXPECT_EQ(h.ring.stats().malformed, 1u);
    EXPECT_EQ(h.ring.stats().unknown_sender, 1u);
    EXPECT_EQ(h.ring.aru(), 0u);
    EXPECT_TRUE(h.port.packets.empty());
    EXPECT_EQ(h.ring.stats().tokens_received, 0u);
}

TEST(RingRules, TokenBehindOurPacketsIsDropped) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(2), 0);
    h.give(token(5, 1, 1));
    EXPECT_TRUE(h.sends().empty());
    EXPECT_EQ(h.ring.stats().inconsistent_tokens, 1u);
    EXPECT_EQ(h.ring.stats().tokens_received, 0u);
}

TEST(RingRules, DuplicateAndFarAheadPacketsAreCounted) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(1'000'000), 0);
    EXPECT_EQ(h.ring.stats().duplicate_packets, 1u);
    EXPECT_EQ(h.ring.stats().out_of_window, 1u);
    EXPECT_EQ(h.port.packets, std::vector<Seq>{1});
}

TEST(RingRules, SafeAfterTheAruPassesTwiceThenDiscarded) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.ring.on_datagram(data(2), 0);
    h.give(token(5, 2, 2));
    h.sends();
    EXPECT_EQ(h.port.safe, 0u);  // one visit is not enough
    h.give(token(8, 2, 1));      // someone lowered it to 1 meanwhile
    h.sends();
    EXPECT_EQ(h.port.safe, 1u);
    EXPECT_EQ(h.ring.store().size(), 1u);
    EXPECT_EQ(h.ring.stats().stable_discarded, 1u);
    auto t = token(11, 2, 2);
    t.aru_lowered_by.reset();
    h.give(t);
    h.sends();
    EXPECT_EQ(h.port.safe, 1u);  // min of the last two visits
}

TEST(RingRules, RepresentativeHoldsAnIdleToken) {
    Harness h(config(1));
    h.ring.start(0);
    h.outputs();
    auto t = token(3, 0, 0);
    t.destination = 1;
    t.sender = 3;
    h.give(t, 500);
    auto out = h.outputs();
    bool held = false;
    for (auto& o : out) {
        if (auto* a = std::get_if<ArmOutput>(&o); a && a->timer == TimerId::token_hold) held = a->at == 1500;
        EXPECT_FALSE(std::holds_alternative<SendOutput>(o));
    }
    EXPECT_TRUE(held);
    EXPECT_EQ(h.ring.phase(), TokenPhase::held);
    h.ring.on_timer(TimerId::token_hold, 1500);
    EXPECT_EQ(Harness::forwarded(h.sends())->token_seq, 4u);
    EXPECT_EQ(h.ring.stats().token_rotations, 1u);
    EXPECT_EQ(h.ring.stats().idle_holds, 1u);
}

TEST(RingRules, RingOfOneOrdersAndStabilisesThroughTheHoldTimer) {
    Harness h(config(1, {1}));
    for (int i = 0; i < 30; ++i) h.port.queue.push_back({static_cast<std::uint8_t>(i)});
    h.ring.start(0);
    Time now = 0;
    for (int step = 0; step < 10; ++step) {
        for (auto& o : h.outputs()) {
            ASSERT_FALSE(std::holds_alternative<SendOutput>(o) && !std::get<SendOutput>(o).to.broadcast);
            if (auto* a = std::get_if<ArmOutput>(&o); a && a->timer == TimerId::token_hold) now = a->at;
        }
        h.ring.on_timer(TimerId::token_hold, now);
    }
    EXPECT_EQ(h.port.ordered, 30u);
    EXPECT_EQ(h.port.safe, 30u);
}

TEST(RingRules, StopCancelsTimersAndIgnoresInputs) {
    Harness h;
    h.ring.on_datagram(data(1), 0);
    h.give(token(5, 1, 1));
    h.outputs();
    h.ring.stop();
    std::size_t cancels = 0;
    for (auto& o : h.outputs()) cancels += std::holds_alternative<CancelOutput>(o) ? 1 : 0;
    EXPECT_EQ(cancels, 3u);
    EXPECT_EQ(h.ring.phase(), TokenPhase::stopped);
    h.give(token(9, 1, 1));
    h.ring.on_timer(TimerId::token_retransmit, 500000);
    h.ring.on_timer(TimerId::token_loss, 5000000);
    EXPECT_TRUE(h.outputs().empty());
    EXPECT_EQ(h.ring.stats().after_stop, 1u);
    EXPECT_EQ(h.ring.store().size(), 1u);  // still there for recovery
}

TEST(RingRules, RandomDatagramsNeverCrash) {
    Harness h;
    std::mt19937_64 rng(7);
    const std::vector<std::vector<std::uint8_t>> seeds{data(1), data(2), wire::encode(token(9, 2, 1, {2}))};
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::uint8_t> b;
        if (i % 2 == 0) {
            b = seeds[rng() % seeds.size()];
            for (int f = 0; f < 3; ++f) b[rng() % b.size()] ^= static_cast<std::uint8_t>(rng());
        } else {
            b.resize(rng() % 80);
            for (auto& x : b) x = static_cast<std::uint8_t>(rng());
        }
        h.ring.on_datagram(b, i);
        h.ring.drain_outputs();
    }
    const auto& st = h.ring.stats();
    EXPECT_GT(st.malformed, 10000u);
    EXPECT_LE(h.ring.safe(), h.ring.aru());
}

}  // namespace
}  // namespace braid::ring
