// A tiny deterministic network for the multipath unit tests: hosts with
// layers, paths that can be cut or delayed per direction, a virtual clock.
// (The full simulator lives in tests/sim; this is only what these tests need.)
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "multipath/layer.hpp"

namespace braid::multipath::test {

inline Ipv4Address ip(unsigned a, unsigned b, unsigned c, unsigned d) {
    return Ipv4Address{(a << 24) | (b << 16) | (c << 8) | d};
}
// Host `id` has address 10.<path+1>.0.<id> on every path it is on.
inline Ipv4Address addr(PathIndex path, DaemonId id) { return ip(10, path + 1u, 0, id); }
inline Ipv4Address group(PathIndex path) { return ip(10, path + 1u, 0, 255); }

inline Settings test_settings() {
    Settings s;
    s.fault_threshold = 4;
    s.probe_interval = 100'000;
    s.silence_timeout = 400'000;
    s.restore_after = 2'000'000;
    s.miss_grace = 200'000;
    return s;
}

struct SimHost {
    DaemonId id = 0;                       // ring identity
    std::string name;                      // host name
    std::vector<PathIndex> paths;          // networks it is on
    std::uint64_t incarnation = 1;         // its current run
    std::unique_ptr<Layer> layer;          // the layer under test
    std::vector<Deliver> delivered;        // everything passed up
    std::vector<PathStateChanged> changes; // every state change
    std::vector<std::string> logs;         // every log line
    std::vector<Transmit> sent;            // every datagram handed to the "data link"
    std::map<Timer, Time> timers;          // armed timers
};

class Net {
public:
    using Key = std::tuple<DaemonId, DaemonId, PathIndex>;  // from, to, path

    Time now = 0;
    Time latency = 1000;                       // base one-way latency
    std::map<PathIndex, PathKind> kinds;       // per path; broadcast unless set
    std::vector<SimHost> hosts;
    std::set<Key> cut;                         // copies from -> to on path are lost
    std::map<Key, Time> extra_delay;           // copies from -> to on path come later

    void add(DaemonId id, std::string name, std::vector<PathIndex> paths) {
        SimHost h;
        h.id = id;
        h.name = std::move(name);
        h.paths = std::move(paths);
        hosts.push_back(std::move(h));
    }

    LayerConfig config_for(const SimHost& h, const Settings& s) const {
        LayerConfig c;
        c.self = h.id;
        c.incarnation = h.incarnation;
        c.settings = s;
        for (PathIndex p : h.paths) {
            const PathKind kind = kinds.count(p) ? kinds.at(p) : PathKind::broadcast;
            c.paths.push_back(PathConfig{p, std::string(1, static_cast<char>('a' + p)), addr(p, h.id), kind,
                                         kind == PathKind::unicast ? Ipv4Address{} : group(p)});
        }
        for (const SimHost& o : hosts) {
            if (o.id == h.id) continue;
            PeerConfig peer{o.id, o.name, {}};
            for (PathIndex p : o.paths)
                if (on(h, p)) peer.addresses.push_back(PeerAddress{p, addr(p, o.id)});
            c.peers.push_back(std::move(peer));
        }
        return c;
    }

    void build(const Settings& s) {
        for (SimHost& h : hosts) rebuild(h, s);
    }

    void rebuild(SimHost& h, const Settings& s) {
        auto r = Layer::create(config_for(h, s));
        ASSERT_TRUE(r.layer) << r.error;
        h.layer = std::move(r.layer);
        h.timers.clear();
    }

    void start() {
        for (SimHost& h : hosts) h.layer->start(now);
        drain_all();
    }

    SimHost& host(DaemonId id) {
        for (SimHost& h : hosts)
            if (h.id == id) return h;
        ADD_FAILURE() << "no host " << id;
        return hosts.front();
    }

    static bool on(const SimHost& h, PathIndex p) {
        for (PathIndex q : h.paths)
            if (q == p) return true;
        return false;
    }

    // Carries out every output of every host.
    void drain_all() {
        for (SimHost& h : hosts) drain(h);
    }

    void drain(SimHost& h) {
        for (Output& o : h.layer->take_outputs()) {
            if (auto* t = std::get_if<Transmit>(&o)) {
                h.sent.push_back(*t);
                route(h, *t);
            } else if (auto* d = std::get_if<Deliver>(&o)) {
                h.delivered.push_back(std::move(*d));
            } else if (auto* c = std::get_if<PathStateChanged>(&o)) {
                h.changes.push_back(*c);
            } else if (auto* l = std::get_if<LogLine>(&o)) {
                h.logs.push_back(l->text);
            } else if (auto* a = std::get_if<ArmTimer>(&o)) {
                h.timers[a->timer] = a->at;
            } else if (auto* x = std::get_if<CancelTimer>(&o)) {
                h.timers.erase(x->timer);
            }
        }
    }

    // Advances the clock to `end`, delivering datagrams and firing timers on the way.
    void run_until(Time end) {
        for (;;) {
            Time next = end + 1;
            if (!flights_.empty()) next = flights_.begin()->first.first;
            for (SimHost& h : hosts)
                for (auto& [t, at] : h.timers) next = std::min(next, at);
            if (next > end) break;
            now = std::max(now, next);
            if (!flights_.empty() && flights_.begin()->first.first <= now) {
                Flight f = std::move(flights_.begin()->second);
                flights_.erase(flights_.begin());
                SimHost& to = hosts[f.to];
                to.layer->on_datagram(f.path, f.from, f.bytes, now);
                drain(to);
                continue;
            }
            for (SimHost& h : hosts) {
                for (auto it = h.timers.begin(); it != h.timers.end(); ++it) {
                    if (it->second > now) continue;
                    const Timer t = it->first;
                    h.timers.erase(it);
                    h.layer->on_timer(t, now);
                    drain(h);
                    break;
                }
            }
        }
        now = std::max(now, end);
    }

    // A broadcast from `from` every `period` until `until`; returns how many.
    int traffic(DaemonId from, Time period, Time until) {
        int n = 0;
        for (Time t = now; t < until; t += period) {
            run_until(t);
            const std::uint8_t b[] = {static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(n),
                                      static_cast<std::uint8_t>(n >> 8)};
            host(from).layer->send_broadcast(b, now);
            drain(host(from));
            ++n;
        }
        return n;
    }

    std::size_t changes(DaemonId at, PathIndex path, DaemonId peer, Direction d) {
        std::size_t n = 0;
        for (const PathStateChanged& c : host(at).changes)
            if (c.path == path && c.peer == peer && c.direction == d) ++n;
        return n;
    }

private:
    struct Flight {
        std::size_t to = 0;               // index into hosts
        PathIndex path = 0;               // the network it travels on
        Ipv4Address from;                 // source address
        std::vector<std::uint8_t> bytes;  // the datagram
    };

    void route(const SimHost& from, const Transmit& t) {
        for (std::size_t i = 0; i < hosts.size(); ++i) {
            const SimHost& to = hosts[i];
            if (to.id == from.id || !on(to, t.path)) continue;
            if (t.destination != group(t.path) && t.destination != addr(t.path, to.id)) continue;
            const Key k{from.id, to.id, t.path};
            if (cut.count(k)) continue;
            const Time delay = latency + (extra_delay.count(k) ? extra_delay.at(k) : 0);
            flights_.emplace(std::make_pair(now + delay, order_++), Flight{i, t.path, addr(t.path, from.id), t.bytes});
        }
    }

    std::map<std::pair<Time, std::uint64_t>, Flight> flights_;  // by arrival, then send order
    std::uint64_t order_ = 0;                                   // tie-break: first sent, first there
};

// Small helpers shared by the layer tests.
namespace helpers {

constexpr DaemonId A = 1, B = 2, C = 3;

inline std::vector<Transmit> transmits(std::vector<Output> outputs) {
    std::vector<Transmit> out;
    for (Output& o : outputs)
        if (auto* t = std::get_if<Transmit>(&o)) out.push_back(std::move(*t));
    return out;
}

inline Header header_of(const Transmit& t) {
    auto r = decode_datagram(t.bytes);
    EXPECT_TRUE(r.datagram.has_value());
    return r.datagram ? r.datagram->header : Header{};
}

inline bool logged(const std::vector<std::string>& logs, const std::string& text) {
    return std::find(logs.begin(), logs.end(), text) != logs.end();
}

inline const PathCounters& counters(const Status& s, PathIndex p) {
    for (const PathStatus& ps : s.paths)
        if (ps.config.index == p) return ps.counters;
    ADD_FAILURE() << "no path " << int(p);
    return s.paths.front().counters;
}

inline const std::uint8_t kPayload[] = {1, 2, 3};

}  // namespace helpers

}  // namespace braid::multipath::test
