#include "simulation.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <variant>

#include "ring/ring.hpp"
#include "ring_checker.hpp"
#include "ring_workload.hpp"
#include "wire/packet.hpp"

namespace braid::sim {

namespace {

constexpr std::size_t kTimers = 3;

// Passes everything between a ring and the workload's port, showing the
// ring's reports to the ring checker first.
class ObservingPort final : public ring::PayloadPort {
public:
    using Tracer = std::function<void(std::size_t node, const std::string& what)>;

    ObservingPort(ring::PayloadPort& inner, RingChecker& checker, std::size_t node, Tracer tracer)
        : inner_(inner), checker_(checker), node_(node), tracer_(std::move(tracer)) {}

    std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) override {
        auto p = inner_.next_payload(max_bytes);
        if (p && p->size() > max_bytes) checker_.fail("port returned a payload above max_bytes");
        return p;
    }
    void on_packet(ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload) override {
        checker_.on_packet(node_, seq, sender, payload);
        inner_.on_packet(seq, sender, payload);
    }
    void on_ordered(ring::Seq up_to) override {
        if (tracer_) tracer_(node_, "ordered up to " + std::to_string(up_to));
        checker_.on_ordered(node_, up_to);
        inner_.on_ordered(up_to);
    }
    void on_safe(ring::Seq up_to) override {
        if (tracer_) tracer_(node_, "safe up to " + std::to_string(up_to));
        checker_.on_safe(node_, up_to);
        inner_.on_safe(up_to);
    }

private:
    ring::PayloadPort& inner_;  // the workload's port
    RingChecker& checker_;      // ring invariants
    std::size_t node_;          // daemon index
    Tracer tracer_;             // set when tracing
};

struct Node {
    std::unique_ptr<ObservingPort> port;              // between the ring and the workload
    std::unique_ptr<ring::Ring> ring;                 // the core under test
    std::array<std::optional<ring::Time>, kTimers> timers{};  // armed deadlines by TimerId
};

struct Submission {
    ring::Time at = 0;       // when the payload is queued
    std::size_t node = 0;    // at which daemon
    std::size_t size = 0;    // payload size
};

ring::DaemonId daemon_id(std::size_t index) { return static_cast<ring::DaemonId>(100 + 7 * index); }

std::vector<Submission> plan_load(const Scenario& sc, Prng& prng) {
    std::vector<Submission> plan;
    for (std::size_t n = 0; n < sc.daemons; ++n) {
        std::vector<ring::Time> instants;
        for (std::size_t b = 0; b < sc.bursts; ++b)
            instants.push_back(static_cast<ring::Time>(prng.range(0, static_cast<std::uint64_t>(sc.load_us - 1))));
        for (std::size_t m = 0; m < sc.messages_per_daemon; ++m) {
            const ring::Time at = instants.empty()
                                      ? static_cast<ring::Time>(prng.range(0, static_cast<std::uint64_t>(sc.load_us - 1)))
                                      : instants[prng.range(0, instants.size() - 1)];
            plan.push_back({at, n, static_cast<std::size_t>(prng.range(sc.min_size, sc.max_size))});
        }
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Submission& a, const Submission& b) {
        return a.at != b.at ? a.at < b.at : a.node < b.node;
    });
    return plan;
}

void add_stats(ring::RingStats& t, const ring::RingStats& s) {
    t.packets_sent += s.packets_sent;
    t.packets_received += s.packets_received;
    t.duplicate_packets += s.duplicate_packets;
    t.out_of_window += s.out_of_window;
    t.unknown_sender += s.unknown_sender;
    t.stable_discarded += s.stable_discarded;
    t.retransmissions_sent += s.retransmissions_sent;
    t.retransmissions_requested += s.retransmissions_requested;
    t.obsolete_requests += s.obsolete_requests;
    t.tokens_received += s.tokens_received;
    t.tokens_sent += s.tokens_sent;
    t.duplicate_tokens += s.duplicate_tokens;
    t.misdirected_tokens += s.misdirected_tokens;
    t.inconsistent_tokens += s.inconsistent_tokens;
    t.token_retransmits += s.token_retransmits;
    t.token_rotations += s.token_rotations;
    t.idle_holds += s.idle_holds;
    t.token_losses += s.token_losses;
    t.malformed += s.malformed;
    t.foreign_cluster += s.foreign_cluster;
    t.foreign_ring += s.foreign_ring;
}

class Run {
public:
    Run(const Scenario& sc, std::uint64_t seed, bool trace, const WorkloadFactory& factory)
        : sc_(sc), trace_(trace), prng_(seed), net_(sc.daemons, sc.paths, sc.link, prng_.fork()),
          checker_(sc.daemons) {
        Prng load = prng_.fork();
        plan_ = plan_load(sc, load);
        load_prng_ = load.fork();
        ring::RingConfig cfg = sc.tuning;
        cfg.members = ids(sc.daemons);
        cfg.ring = ring::RingId{cfg.members.front(), 1};
        cfg.cluster = 0x5eed;
        workload_ = factory(cfg.members, cfg.max_payload);
        for (std::size_t i = 0; i < sc.daemons; ++i) {
            Node n;
            ObservingPort::Tracer tracer;
            if (trace_) tracer = [this](std::size_t node, const std::string& what) { this->trace(node, what); };
            n.port = std::make_unique<ObservingPort>(workload_->port(i), checker_, i, std::move(tracer));
            cfg.self = daemon_id(i);
            if (auto bad = ring::validate(cfg)) {
                checker_.fail("invalid ring configuration: " + *bad);
                return;
            }
            n.ring = std::make_unique<ring::Ring>(cfg, *n.port);
            nodes_.push_back(std::move(n));
        }
    }

    Outcome go();

private:
    static std::vector<ring::DaemonId> ids(std::size_t n) {
        std::vector<ring::DaemonId> v;
        for (std::size_t i = 0; i < n; ++i) v.push_back(daemon_id(i));
        return v;
    }

    void drain(std::size_t node);
    void trace(std::size_t node, const std::string& what) const {
        if (trace_) std::printf("%10.3f ms  d%zu  %s\n", static_cast<double>(now_) / 1000.0, node, what.c_str());
    }
    std::string progress() const { return workload_->progress() + "; " + checker_.progress(); }
    void quiet_network() {
        for (std::size_t p = 0; p < sc_.paths; ++p) {
            for (std::size_t h = 0; h < sc_.daemons; ++h) {
                net_.link(p, h).loss = 0;
                net_.link(p, h).duplicate = 0;
                net_.link(p, h).unicast_loss = 0;
            }
        }
    }

    const Scenario& sc_;                  // what to simulate
    bool trace_;                          // print every event
    Prng prng_;                           // root of every random choice
    Network net_;                         // the virtual network
    RingChecker checker_;                 // ring invariants
    std::unique_ptr<Workload> workload_;  // the layer above the rings and its checks
    Prng load_prng_{0};                   // draws made by the workload
    std::vector<Node> nodes_;             // the daemons
    std::vector<Submission> plan_;        // the load, by time
    std::size_t next_submission_ = 0;     // next entry of plan_
    ring::Time now_ = 0;                  // the virtual clock
    std::uint64_t token_losses_ = 0;      // token-lost reports seen
};

void Run::drain(std::size_t node) {
    for (auto& out : nodes_[node].ring->drain_outputs()) {
        if (auto* send = std::get_if<ring::SendOutput>(&out)) {
            std::optional<HostIndex> to;
            if (!send->to.broadcast) to = (send->to.daemon - 100) / 7;
            if (trace_) trace(node, (to ? "send to d" + std::to_string(*to) : std::string("broadcast")) + ": " +
                                         describe_packet(send->bytes));
            net_.send(now_, node, to, 0, send->bytes);
        } else if (auto* arm = std::get_if<ring::ArmOutput>(&out)) {
            nodes_[node].timers[static_cast<std::size_t>(arm->timer)] = arm->at;
        } else if (auto* cancel = std::get_if<ring::CancelOutput>(&out)) {
            nodes_[node].timers[static_cast<std::size_t>(cancel->timer)].reset();
        } else if (auto* log = std::get_if<ring::LogOutput>(&out)) {
            trace(node, "log: " + log->text);
        } else if (std::holds_alternative<ring::TokenLostOutput>(out)) {
            ++token_losses_;
            trace(node, "TOKEN LOST");
            if (!sc_.allow_token_loss)
                checker_.fail("daemon " + std::to_string(node) + " reported token loss at " + std::to_string(now_) + " us");
        }
    }
}

Outcome Run::go() {
    Outcome o;
    if (trace_) {
        std::printf("scenario: %zu daemons (d0 = ring id 100, then +7), loss %.2f, unicast loss %.2f, duplicate %.2f, "
                    "delay %lld-%lld us, %zu submissions until %lld us\n",
                    sc_.daemons, sc_.link.loss, sc_.link.unicast_loss, sc_.link.duplicate,
                    static_cast<long long>(sc_.link.delay_min_us), static_cast<long long>(sc_.link.delay_max_us),
                    plan_.size(), static_cast<long long>(sc_.load_us));
    }
    if (!checker_.failed()) {
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            nodes_[i].ring->start(0);
            drain(i);
        }
    }
    bool quiet = false;
    while (!checker_.failed() && !workload_->failure()) {
        if (!quiet && next_submission_ == plan_.size() && now_ >= sc_.load_us) {
            quiet = true;
            quiet_network();
            trace(0, "--- quiet tail: the network stops losing and duplicating ---");
        }
        if (quiet && checker_.settled() && workload_->complete()) break;
        if (++o.steps > sc_.max_steps) {
            checker_.fail("step limit reached; " + progress());
            break;
        }
        // The next event: a submission, a timer or a datagram, earliest first.
        ring::Time best = INT64_MAX;
        int kind = -1;
        std::size_t who = 0, which = 0;
        if (next_submission_ < plan_.size()) {
            best = plan_[next_submission_].at;
            kind = 0;
        }
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            for (std::size_t t = 0; t < kTimers; ++t) {
                if (nodes_[i].timers[t] && *nodes_[i].timers[t] < best) {
                    best = *nodes_[i].timers[t];
                    kind = 1;
                    who = i;
                    which = t;
                }
            }
        }
        if (auto t = net_.next_time(); t && *t < best) {
            best = *t;
            kind = 2;
        }
        if (kind < 0) {
            checker_.fail("nothing left to happen; " + progress());
            break;
        }
        now_ = std::max(now_, best);
        if (quiet && now_ > sc_.load_us + sc_.tail_limit_us) {
            checker_.fail("liveness: the quiet tail did not complete; " + progress());
            break;
        }
        if (kind == 0) {
            const Submission& s = plan_[next_submission_++];
            if (trace_) trace(s.node, "submit about " + std::to_string(s.size) + " bytes");
            workload_->submit(s.node, s.size, load_prng_, now_);
            workload_->after_input(s.node, now_);
        } else if (kind == 1) {
            nodes_[who].timers[which].reset();
            const auto id = static_cast<ring::TimerId>(which);
            if (trace_) trace(who, std::string("timer ") + ring::timer_name(id));
            nodes_[who].ring->on_timer(id, now_);
            drain(who);
            workload_->after_input(who, now_);
        } else {
            InFlight f = net_.pop();
            if (trace_) trace(f.to, "recv from d" + std::to_string(f.from) + ": " + describe_packet(f.bytes));
            nodes_[f.to].ring->on_datagram(f.bytes, now_);
            drain(f.to);
            workload_->after_input(f.to, now_);
        }
    }
    if (auto f = workload_->failure()) checker_.fail(*f);
    o.ok = !checker_.failed();
    if (!o.ok) o.failure = checker_.failure();
    o.sequences = checker_.sequences();
    o.end_us = now_;
    o.token_losses = token_losses_;
    o.delivered = workload_->submitted();
    for (const auto& n : nodes_) add_stats(o.totals, n.ring->stats());
    o.network = net_.counters();
    return o;
}

}  // namespace

ring::RingConfig sim_tuning() {
    ring::RingConfig c;
    c.token_retransmit_us = 20'000;
    c.token_loss_us = 1'000'000;
    c.idle_hold_us = 1'000;
    return c;
}

Outcome run_simulation(const Scenario& scenario, std::uint64_t seed, bool trace, const WorkloadFactory& workload) {
    Run run(scenario, seed, trace, workload);
    return run.go();
}

Outcome run_ring_simulation(const Scenario& scenario, std::uint64_t seed, bool trace) {
    return run_simulation(scenario, seed, trace, [](const std::vector<ring::DaemonId>& ids, std::size_t max_payload) {
        return std::make_unique<RingWorkload>(ids, max_payload);
    });
}

std::string describe_packet(const std::vector<std::uint8_t>& bytes) {
    auto p = wire::decode_packet(bytes);
    if (!p.ok()) return "malformed (" + wire::to_string(p.error()) + ")";
    if (auto* d = std::get_if<wire::DataPacket>(&p.value())) {
        return "data seq " + std::to_string(d->seq) + " from " + std::to_string(d->sender) + ", " +
               std::to_string(d->payload.size()) + " bytes";
    }
    if (auto* j = std::get_if<wire::Join>(&p.value())) {
        std::string s = "join #" + std::to_string(j->join_seq) + " from " + std::to_string(j->sender) + " members";
        for (auto m : j->members) s += " " + std::to_string(m);
        s += " failed";
        for (auto f : j->failed) s += " " + std::to_string(f);
        return s;
    }
    if (auto* c = std::get_if<wire::CommitToken>(&p.value())) {
        return "commit token #" + std::to_string(c->token_seq) + " ring " + std::to_string(c->ring.sequence) +
               " rotation " + std::to_string(c->rotation) + " " + std::to_string(c->sender) + "->" +
               std::to_string(c->destination);
    }
    if (auto* pr = std::get_if<wire::Presence>(&p.value())) {
        return "presence from " + std::to_string(pr->sender) + " ring " + std::to_string(pr->ring.sequence);
    }
    const auto& t = std::get<wire::Token>(p.value());
    std::string s = "token #" + std::to_string(t.token_seq) + " " + std::to_string(t.sender) + "->" +
                    std::to_string(t.destination) + " high " + std::to_string(t.highest_seq) + " aru " +
                    std::to_string(t.aru);
    if (t.aru_lowered_by) s += " (held by " + std::to_string(*t.aru_lowered_by) + ")";
    s += " fcc " + std::to_string(t.flow_control);
    if (!t.retransmit_requests.empty()) {
        s += " rtr";
        for (std::size_t i = 0; i < t.retransmit_requests.size() && i < 8; ++i)
            s += " " + std::to_string(t.retransmit_requests[i]);
        if (t.retransmit_requests.size() > 8) s += " ...";
    }
    return s;
}

}  // namespace braid::sim
