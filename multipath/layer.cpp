// Multipath layer: construction, sending, probes, timers and status.
// Receiving and path judgement are in layer_receive.cpp.
#include "multipath/layer.hpp"

#include <algorithm>
#include <bit>
#include <system_error>

namespace braid::multipath {
namespace {

std::uint32_t bit(PathIndex index) { return std::uint32_t{1} << index; }

// Log at the 1st, 2nd, 4th, 8th... occurrence of a counted event.
bool worth_logging(std::uint64_t count) { return count != 0 && (count & (count - 1)) == 0; }

std::optional<std::string> validate(const LayerConfig& c) {
    if (c.incarnation == 0) return "the incarnation must not be zero";
    if (c.paths.empty()) return "no path: the host must be on at least one network";
    if (c.paths.size() > kMaxPaths) return "more than 32 paths";
    std::uint32_t seen = 0;
    for (const PathConfig& p : c.paths) {
        if (p.index >= kMaxPaths) return "path " + p.name + ": index " + std::to_string(p.index) + " is not below 32";
        if (seen & bit(p.index)) return "path index " + std::to_string(p.index) + " appears twice";
        seen |= bit(p.index);
        if (p.kind == PathKind::multicast && !p.group.is_multicast())
            return "path " + p.name + ": " + p.group.to_string() + " is not a multicast group";
        if (p.kind == PathKind::broadcast && p.group.is_any())
            return "path " + p.name + ": no broadcast address";
    }
    std::vector<DaemonId> ids;
    for (const PeerConfig& peer : c.peers) {
        if (peer.id == c.self) return "peer " + peer.name + " has this daemon's own id";
        if (std::find(ids.begin(), ids.end(), peer.id) != ids.end())
            return "peer id " + std::to_string(peer.id) + " appears twice";
        ids.push_back(peer.id);
        std::uint32_t on = 0;
        for (const PeerAddress& a : peer.addresses) {
            if (a.path >= kMaxPaths || !(seen & bit(a.path)))
                return "peer " + peer.name + ": path " + std::to_string(a.path) + " is not a path of this host";
            if (on & bit(a.path))
                return "peer " + peer.name + ": two addresses on path " + std::to_string(a.path);
            on |= bit(a.path);
        }
    }
    const Settings& s = c.settings;
    if (s.fault_threshold == 0) return "the fault threshold must be at least 1";
    if (s.probe_interval <= 0) return "the probe interval must be positive";
    if (s.silence_timeout <= 0) return "the silence timeout must be positive";
    if (s.restore_after < 0) return "restore_after must not be negative";
    if (s.miss_grace < 0) return "the miss grace must not be negative";
    return std::nullopt;
}

}  // namespace

const char* to_string(Direction d) { return d == Direction::receive ? "receive" : "send"; }
const char* to_string(PathState s) { return s == PathState::up ? "up" : "faulty"; }
const char* to_string(Timer t) { return t == Timer::probe ? "probe" : "judge"; }

const char* to_string(SendResult r) {
    switch (r) {
        case SendResult::sent: return "sent";
        case SendResult::unknown_peer: return "unknown peer";
        case SendResult::no_path: return "no shared path";
        case SendResult::too_large: return "too large";
    }
    return "unknown result";
}

CreateResult Layer::create(LayerConfig config) {
    CreateResult r;
    if (auto error = validate(config)) {
        r.error = *error;
        return r;
    }
    r.layer.reset(new Layer(std::move(config)));
    return r;
}

Layer::Layer(LayerConfig config)
    : self_(config.self), incarnation_(config.incarnation), settings_(std::move(config.settings)) {
    if (settings_.miss_grace == 0) settings_.miss_grace = settings_.silence_timeout / 2;
    for (PathConfig& p : config.paths) paths_.push_back(Path{std::move(p), {}, {}});
    for (PathIndex index : settings_.priority) {
        auto slot = slot_of(index);
        if (slot && std::find(priority_.begin(), priority_.end(), *slot) == priority_.end())
            priority_.push_back(*slot);
    }
    std::vector<std::size_t> rest;
    for (std::size_t s = 0; s < paths_.size(); ++s)
        if (std::find(priority_.begin(), priority_.end(), s) == priority_.end()) rest.push_back(s);
    std::sort(rest.begin(), rest.end(),
              [this](std::size_t a, std::size_t b) { return paths_[a].config.index < paths_[b].config.index; });
    priority_.insert(priority_.end(), rest.begin(), rest.end());

    for (PeerConfig& pc : config.peers) {
        Peer peer;
        peer.links.resize(paths_.size());
        for (const PeerAddress& a : pc.addresses) {
            const std::size_t slot = *slot_of(a.path);
            peer.links[slot].shared = true;
            peer.links[slot].address = a.address;
            peer.shared_mask |= bit(a.path);
            paths_[slot].peers.push_back(peers_.size());
        }
        peer.config = std::move(pc);
        peer_index_[peer.config.id] = peers_.size();
        peers_.push_back(std::move(peer));
    }
}

std::optional<std::size_t> Layer::slot_of(PathIndex index) const {
    for (std::size_t s = 0; s < paths_.size(); ++s)
        if (paths_[s].config.index == index) return s;
    return std::nullopt;
}

std::optional<std::size_t> Layer::peer_of(DaemonId id) const {
    auto it = peer_index_.find(id);
    if (it == peer_index_.end()) return std::nullopt;
    return it->second;
}

void Layer::start(Time now) {
    send_probes();
    outputs_.emplace_back(std::in_place_type<ArmTimer>, Timer::probe, now + settings_.probe_interval);
}

SendResult Layer::send_broadcast(std::span<const std::uint8_t> payload, Time now) {
    std::vector<std::size_t> targets(peers_.size());
    for (std::size_t i = 0; i < peers_.size(); ++i) targets[i] = i;
    return send(Kind::ring, targets, true, payload, now);
}

SendResult Layer::send_to(DaemonId id, std::span<const std::uint8_t> payload, Time now) {
    auto peer = peer_of(id);
    if (!peer) {
        ++counters_.send_rejected;
        if (worth_logging(counters_.send_rejected))
            log("cannot send to daemon " + std::to_string(id) + ": not a configured peer");
        return SendResult::unknown_peer;
    }
    if (peers_[*peer].shared_mask == 0) {
        ++counters_.send_rejected;
        if (worth_logging(counters_.send_rejected))
            log("cannot send to " + peers_[*peer].config.name + ": it shares no network with this host");
        return SendResult::no_path;
    }
    const std::size_t target[1] = {*peer};
    return send(Kind::ring, target, false, payload, now);
}

std::uint32_t Layer::choose_paths(std::span<const std::size_t> targets) const {
    auto usable = [this](const Peer& p, std::size_t slot) {
        return p.links[slot].shared && p.links[slot].send.state == PathState::up;
    };
    std::uint32_t mask = 0;
    if (targets.empty()) {
        // Nobody to judge a path by: active uses every path, passive the first by priority.
        if (settings_.mode == Mode::passive) return bit(paths_[priority_.front()].config.index);
        for (const Path& p : paths_) mask |= bit(p.config.index);
        return mask;
    }
    for (std::size_t t : targets) {
        const Peer& peer = peers_[t];
        std::uint32_t chosen = 0;
        for (std::size_t slot : priority_) {
            if (!usable(peer, slot)) continue;
            chosen |= bit(paths_[slot].config.index);
            if (settings_.mode == Mode::passive) break;
        }
        // Every path towards this peer is faulty: keep sending on all of them.
        mask |= chosen != 0 ? chosen : peer.shared_mask;
    }
    return mask;
}

SendResult Layer::send(Kind kind, std::span<const std::size_t> targets, bool to_group,
                       std::span<const std::uint8_t> payload, Time now) {
    if (payload.size() > kMaxPayload) {
        ++counters_.send_rejected;
        if (worth_logging(counters_.send_rejected))
            log("ring packet of " + std::to_string(payload.size()) + " bytes refused: the limit is " +
                std::to_string(kMaxPayload));
        return SendResult::too_large;
    }
    judge_expired(now);
    Header h;
    h.kind = kind;
    h.paths_sent = choose_paths(targets);
    h.sender = self_;
    h.incarnation = incarnation_;
    h.sequence = next_sequence_++;
    for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
        const Path& path = paths_[slot];
        if (!(h.paths_sent & bit(path.config.index))) continue;
        h.path = path.config.index;
        std::vector<std::uint8_t> bytes;
        bytes.reserve(kHeaderSize + payload.size());
        encode_header(h, bytes);
        bytes.insert(bytes.end(), payload.begin(), payload.end());
        if (to_group && path.config.kind != PathKind::unicast) {
            transmit(slot, path.config.group, bytes, kind == Kind::probe);
            continue;
        }
        // A unicast network, or one peer: a copy to each target on this path.
        for (std::size_t t : targets) {
            const Link& link = peers_[t].links[slot];
            if (link.shared) transmit(slot, link.address, bytes, kind == Kind::probe);
        }
    }
    update_judge_timer();
    return SendResult::sent;
}

void Layer::transmit(std::size_t slot, Ipv4Address to, const std::vector<std::uint8_t>& bytes, bool probe) {
    PathCounters& c = paths_[slot].counters;
    ++c.packets_sent;
    c.bytes_sent += bytes.size();
    if (probe) ++c.probes_sent;
    outputs_.emplace_back(std::in_place_type<Transmit>, paths_[slot].config.index, to, bytes);
}

std::vector<std::uint8_t> Layer::probe_body() const {
    ProbeBody body;
    for (const Peer& peer : peers_) {
        PeerReport r;
        r.peer = peer.config.id;
        r.incarnation = peer.incarnation;
        for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
            const Link& link = peer.links[slot];
            if (link.shared)
                r.links.push_back(LinkReport{paths_[slot].config.index, link.receive.state, link.receive.heard});
        }
        if (!r.links.empty()) body.peers.push_back(std::move(r));
    }
    std::vector<std::uint8_t> bytes;
    encode_probe(body, bytes);
    return bytes;
}

void Layer::send_probes() {
    // One logical send on every path that has peers, to all of them.
    std::vector<std::size_t> targets;
    for (std::size_t i = 0; i < peers_.size(); ++i)
        if (peers_[i].shared_mask != 0) targets.push_back(i);
    if (targets.empty()) return;
    Header h;
    h.kind = Kind::probe;
    h.sender = self_;
    h.incarnation = incarnation_;
    h.sequence = next_sequence_++;
    for (const Path& p : paths_)
        if (!p.peers.empty()) h.paths_sent |= bit(p.config.index);
    const std::vector<std::uint8_t> body = probe_body();
    for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
        const Path& path = paths_[slot];
        if (path.peers.empty()) continue;
        h.path = path.config.index;
        std::vector<std::uint8_t> bytes;
        encode_header(h, bytes);
        bytes.insert(bytes.end(), body.begin(), body.end());
        if (path.config.kind != PathKind::unicast) {
            transmit(slot, path.config.group, bytes, true);
        } else {
            for (std::size_t t : path.peers) transmit(slot, peers_[t].links[slot].address, bytes, true);
        }
    }
}

void Layer::on_send_error(PathIndex index, int error, Time now) {
    judge_expired(now);
    auto slot = slot_of(index);
    if (!slot) {
        ++counters_.unknown_path;
        if (worth_logging(counters_.unknown_path))
            log("send error reported for path " + std::to_string(index) + ", which this host is not on");
        return;
    }
    Path& path = paths_[*slot];
    ++path.counters.send_errors;
    path.counters.last_send_error = error;
    const std::string what = std::generic_category().message(error) + " (errno " + std::to_string(error) + ")";
    if (worth_logging(path.counters.send_errors))
        log("send error on path " + path.config.name + ": " + what + ", " +
            std::to_string(path.counters.send_errors) + " so far; the other paths carry on");
    for (std::size_t p : path.peers) change(p, *slot, Direction::send, peers_[p].links[*slot].send.send_error(what, now, settings_));
    update_judge_timer();
}

void Layer::on_timer(Timer timer, Time now) {
    if (timer == Timer::judge) {
        judge_armed_.reset();
        judge_expired(now);
        update_judge_timer();
        return;
    }
    judge_expired(now);
    check_links(now);
    send_probes();
    outputs_.emplace_back(std::in_place_type<ArmTimer>, Timer::probe, now + settings_.probe_interval);
    update_judge_timer();
}

void Layer::update_judge_timer() {
    if (expiries_.empty()) {
        if (judge_armed_) outputs_.emplace_back(std::in_place_type<CancelTimer>, Timer::judge);
        judge_armed_.reset();
        return;
    }
    const Time at = expiries_.front().deadline;
    if (judge_armed_ && *judge_armed_ == at) return;
    judge_armed_ = at;
    outputs_.emplace_back(std::in_place_type<ArmTimer>, Timer::judge, at);
}

void Layer::change(std::size_t peer_index, std::size_t slot, Direction direction,
                   const std::optional<Transition>& t) {
    if (!t) return;
    Path& path = paths_[slot];
    const Peer& peer = peers_[peer_index];
    if (t->state == PathState::faulty) ++path.counters.faults;
    outputs_.emplace_back(std::in_place_type<PathStateChanged>, path.config.index, peer.config.id, direction, t->state);
    const std::string way = direction == Direction::receive ? "from " + peer.config.name + " on path "
                                                            : "to " + peer.config.name + " on path ";
    log(std::string("path ") + to_string(t->state) + ": " + way + path.config.name + " (" +
        to_string(direction) + " direction): " + t->reason);
}

void Layer::drop(Path* path, std::uint64_t& counter, const std::string& what) {
    ++counter;
    if (worth_logging(counter))
        log("dropped datagram" + (path ? " on path " + path->config.name : std::string()) + ": " + what +
            " (" + std::to_string(counter) + " so far)");
}

void Layer::log(std::string text) { outputs_.emplace_back(std::in_place_type<LogLine>, log::Category::network, std::move(text)); }

std::vector<Output> Layer::take_outputs() {
    std::vector<Output> out;
    out.swap(outputs_);
    return out;
}

Status Layer::status() const {
    Status s;
    for (const Path& p : paths_) s.paths.push_back(PathStatus{p.config, p.counters});
    for (const Peer& peer : peers_) {
        for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
            const Link& l = peer.links[slot];
            if (!l.shared) continue;
            s.links.push_back(LinkStatus{peer.config.id, peer.config.name, paths_[slot].config.index, l.address,
                                         l.receive, l.send});
        }
    }
    s.counters = counters_;
    return s;
}

std::optional<PathState> Layer::link_state(DaemonId id, PathIndex index, Direction direction) const {
    auto peer = peer_of(id);
    auto slot = slot_of(index);
    if (!peer || !slot || !peers_[*peer].links[*slot].shared) return std::nullopt;
    const Link& l = peers_[*peer].links[*slot];
    return direction == Direction::receive ? l.receive.state : l.send.state;
}

}  // namespace braid::multipath
