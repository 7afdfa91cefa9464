#include "membership_sim.hpp"

#include <cstdio>
#include <functional>
#include <map>
#include <queue>
#include <tuple>
#include <vector>

#include "configuration_checker.hpp"
#include "membership/engine.hpp"
#include "wire/packet_header.hpp"

namespace braid::sim {

namespace {

constexpr std::uint32_t kCluster = 0x51;

// Daemon ids are not indexes: host i is daemon 10 + 3 i.
ring::DaemonId id_of(std::size_t host) { return static_cast<ring::DaemonId>(10 + 3 * host); }

class MembershipRun {
public:
    MembershipRun(const MembershipScenario& s, std::uint64_t seed, bool trace)
        : s_(s), trace_(trace), prng_(seed), net_(s.daemons, 1, s.link, prng_.fork()), load_(prng_.fork()) {
        for (std::size_t h = 0; h < s.daemons; ++h) {
            membership::EngineConfig c;
            c.self = id_of(h);
            c.cluster = kCluster;
            engines_.emplace_back(c);
            delivered_.emplace_back();
        }
        started_count_ = s.daemons - s.never_started;
        for (std::size_t h = 0; h < started_count_; ++h) {
            push_call(static_cast<ring::Time>(load_.range(0, static_cast<std::uint64_t>(s.start_spread_us))),
                      [this, h] { engines_[h].start(now_); });
            for (std::size_t m = 0; m < s.messages_per_daemon; ++m) {
                const ring::Time at = s.load_from_us + static_cast<ring::Time>(load_.range(0, 400'000));
                push_call(at, [this, h, m] {
                    delivery::Message msg;
                    msg.level = delivery::ServiceLevel::agreed;
                    msg.sender = "#c" + std::to_string(h) + "#d";
                    msg.groups = {"g"};
                    msg.body = {static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(m)};
                    engines_[h].submit(msg, now_);
                    submitted_[h].push_back(msg.body);
                });
            }
        }
        push_call(s.tail_at_us, [this] {
            LinkParams quiet = s_.link;
            quiet.loss = quiet.unicast_loss = quiet.duplicate = 0;
            net_.set_path(0, quiet);
        });
    }

    Outcome go() {
        Outcome out;
        while (out.steps < 3'000'000) {
            const auto net_at = net_.next_time();
            const bool has_call = !calls_.empty();
            if (!net_at && !has_call) break;
            const ring::Time at = has_call && (!net_at || calls_.top().at <= *net_at) ? calls_.top().at : *net_at;
            if (at > s_.end_us) break;
            now_ = at;
            ++out.steps;
            std::size_t host = 0;
            if (has_call && calls_.top().at == at && (!net_at || calls_.top().at <= *net_at)) {
                Call c = calls_.top();
                calls_.pop();
                if (c.timer) {
                    if (generation_[{c.host, c.timer_id}] != c.generation) continue;
                    if (trace_) std::printf("%10.3f ms d%zu timer %s\n", now_ / 1000.0, c.host, membership::timer_name(c.timer_id));
                    engines_[c.host].on_timer(c.timer_id, now_);
                    host = c.host;
                } else {
                    c.action();
                    for (std::size_t h = 0; h < engines_.size(); ++h) drain(h);
                    continue;
                }
            } else {
                InFlight f = net_.pop();
                if (f.to >= started_count_) continue;
                if (trace_) std::printf("%10.3f ms d%zu <- d%zu %s\n", now_ / 1000.0, f.to, f.from, describe_packet(f.bytes).c_str());
                engines_[f.to].on_datagram(f.bytes, now_);
                host = f.to;
            }
            drain(host);
            if (checker_.failure()) break;
        }
        checker_.finish();
        out.end_us = formed_at_;
        out.network = net_.counters();
        for (const auto& [h, list] : submitted_) out.delivered += list.size();
        for (const auto& e : engines_) out.totals.token_losses += e.stats().token_losses;
        if (auto f = checker_.failure()) return failed(out, *f);
        if (auto f = check_deliveries()) return failed(out, *f);
        return out;
    }

private:
    struct Call {
        ring::Time at;
        std::uint64_t order;
        bool timer;
        std::size_t host;
        membership::TimerId timer_id;
        std::uint64_t generation;
        std::function<void()> action;
        bool operator>(const Call& o) const { return std::tie(at, order) > std::tie(o.at, o.order); }
    };

    static Outcome failed(Outcome o, std::string why) {
        o.ok = false;
        o.failure = std::move(why);
        return o;
    }

    void push_call(ring::Time at, std::function<void()> f) {
        calls_.push(Call{at, order_++, false, 0, membership::TimerId::join, 0, std::move(f)});
    }

    void drain(std::size_t h) {
        for (auto& o : engines_[h].drain_outputs()) {
            if (auto* snd = std::get_if<membership::SendOutput>(&o)) {
                std::optional<HostIndex> to;
                if (!snd->to.broadcast) to = static_cast<HostIndex>((snd->to.daemon - 10) / 3);
                net_.send(now_, h, to, 0, snd->bytes);
            } else if (auto* a = std::get_if<membership::ArmOutput>(&o)) {
                const auto g = ++generation_[{h, a->timer}];
                calls_.push(Call{a->at, order_++, true, h, a->timer, g, {}});
            } else if (auto* c = std::get_if<membership::CancelOutput>(&o)) {
                ++generation_[{h, c->timer}];
            } else if (auto* d = std::get_if<membership::DeliverOutput>(&o)) {
                delivered_[h].push_back(d->delivery.message.body);
            } else if (auto* cfg = std::get_if<membership::ConfigurationOutput>(&o)) {
                if (trace_) std::printf("%10.3f ms d%zu configuration ring %u.%llu, %zu members\n", now_ / 1000.0, h,
                                        cfg->ring.representative, static_cast<unsigned long long>(cfg->ring.sequence),
                                        cfg->members.size());
                checker_.on_configuration(id_of(h), *cfg);
                formed_at_ = now_;
            } else if (auto* l = std::get_if<membership::LogOutput>(&o)) {
                if (trace_) std::printf("%10.3f ms d%zu log %s\n", now_ / 1000.0, h, l->text.c_str());
            }
        }
    }

    // Same messages in the same order within every ring; every member's
    // submissions delivered there; with expect_one_ring, one ring of all.
    std::optional<std::string> check_deliveries() const {
        std::optional<ring::RingId> only;
        for (std::size_t h = 0; h < started_count_; ++h) {
            const auto& cfgs = checker_.installed(id_of(h));
            if (cfgs.empty()) return "daemon " + std::to_string(id_of(h)) + " installed no ring";
            if (cfgs.size() != 1) return "daemon " + std::to_string(id_of(h)) + " installed more than one ring";
            if (s_.expect_one_ring) {
                if (cfgs[0].members.size() != started_count_)
                    return "daemon " + std::to_string(id_of(h)) + " is in a ring of " +
                           std::to_string(cfgs[0].members.size()) + " daemons, not of every started daemon";
                if (only && *only != cfgs[0].ring) return std::string("started daemons installed different rings");
                only = cfgs[0].ring;
            }
            std::multiset<std::vector<std::uint8_t>> expected;
            for (ring::DaemonId m : cfgs[0].members) {
                const std::size_t mh = (m - 10) / 3;
                auto it = submitted_.find(mh);
                if (it != submitted_.end()) expected.insert(it->second.begin(), it->second.end());
            }
            std::multiset<std::vector<std::uint8_t>> got(delivered_[h].begin(), delivered_[h].end());
            if (got != expected)
                return "daemon " + std::to_string(id_of(h)) + " delivered " + std::to_string(got.size()) +
                       " messages, its ring's members submitted " + std::to_string(expected.size());
            const std::size_t rep = (cfgs[0].members.front() - 10) / 3;
            if (delivered_[h] != delivered_[rep])
                return "daemons " + std::to_string(id_of(h)) + " and " + std::to_string(id_of(rep)) +
                       " delivered their ring's messages in different orders";
        }
        return std::nullopt;
    }

    const MembershipScenario& s_;
    bool trace_;
    Prng prng_;
    Network net_;
    Prng load_;
    std::vector<membership::Engine> engines_;
    std::size_t started_count_ = 0;
    std::vector<std::vector<std::vector<std::uint8_t>>> delivered_;
    std::map<std::size_t, std::vector<std::vector<std::uint8_t>>> submitted_;
    std::priority_queue<Call, std::vector<Call>, std::greater<>> calls_;
    std::map<std::pair<std::size_t, membership::TimerId>, std::uint64_t> generation_;
    ConfigurationChecker checker_;
    std::uint64_t order_ = 0;
    ring::Time now_ = 0;
    ring::Time formed_at_ = 0;
};

}  // namespace

Outcome run_membership_simulation(const MembershipScenario& s, std::uint64_t seed, bool trace) {
    MembershipRun run(s, seed, trace);
    return run.go();
}

}  // namespace braid::sim
