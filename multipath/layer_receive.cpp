// Multipath layer: receiving copies, duplicate and miss accounting, probe
// reports and the periodic judgement of every link.
#include "multipath/layer.hpp"

#include <algorithm>

namespace braid::multipath {
namespace {

std::uint32_t bit(PathIndex index) { return std::uint32_t{1} << index; }

// Previous incarnations remembered per peer, to drop their late copies.
constexpr std::size_t kRetiredIncarnations = 4;

// Copies awaiting judgement at once; beyond this, new ones are not judged
// (counted as untracked) so a flood cannot grow memory without bound.
constexpr std::size_t kMaxPending = 1 << 16;

}  // namespace

void Layer::on_datagram(PathIndex index, Ipv4Address from, std::span<const std::uint8_t> bytes, Time now) {
    judge_expired(now);
    accept_datagram(index, from, bytes, now);
    update_judge_timer();
}

void Layer::accept_datagram(PathIndex index, Ipv4Address from, std::span<const std::uint8_t> bytes, Time now) {
    auto slot = slot_of(index);
    if (!slot) {
        drop(nullptr, counters_.unknown_path, "arrived on path " + std::to_string(index) + ", which this host is not on");
        return;
    }
    Path& path = paths_[*slot];
    DatagramResult decoded = decode_datagram(bytes);
    if (!decoded.datagram) {
        drop(&path, path.counters.malformed,
             "malformed multipath header from " + from.to_string() + ": " + describe(decoded.failure));
        return;
    }
    const DecodedDatagram& d = *decoded.datagram;
    if (d.header.sender == self_) {
        ++path.counters.own;  // our own broadcast, looped back by the network
        return;
    }
    if (d.header.path != index) {
        drop(&path, path.counters.wrong_path,
             "from " + from.to_string() + " sent on path " + std::to_string(d.header.path) +
                 ": are two networks connected to each other?");
        return;
    }
    auto peer_index = peer_of(d.header.sender);
    if (!peer_index) {
        drop(&path, path.counters.unknown_sender,
             "from " + from.to_string() + ": daemon " + std::to_string(d.header.sender) + " is not configured");
        return;
    }
    Peer& peer = peers_[*peer_index];
    const Link& link = peer.links[*slot];
    if (!link.shared || link.address != from) {
        drop(&path, path.counters.wrong_address,
             "claims to be " + peer.config.name + " but comes from " + from.to_string() +
                 (link.shared ? ", not " + link.address.to_string() : ", and it has no address on this path"));
        return;
    }
    if (!accept_incarnation(peer, path, d.header.incarnation)) return;
    ++path.counters.packets_received;
    path.counters.bytes_received += bytes.size();
    path.counters.last_heard = now;
    take_copy(*peer_index, *slot, d, now);
}

bool Layer::accept_incarnation(Peer& peer, Path& path, std::uint64_t incarnation) {
    if (incarnation == peer.incarnation) return true;
    if (std::find(peer.retired.begin(), peer.retired.end(), incarnation) != peer.retired.end()) {
        drop(&path, path.counters.stale_incarnation,
             "late copy from a previous run of " + peer.config.name);
        return false;
    }
    if (peer.incarnation != 0) {
        ++counters_.peer_restarts;
        log(peer.config.name + " restarted (new incarnation): its duplicate window starts afresh");
        peer.retired.push_back(peer.incarnation);
        if (peer.retired.size() > kRetiredIncarnations) peer.retired.erase(peer.retired.begin());
    }
    peer.incarnation = incarnation;
    peer.window.reset();
    peer.pending.clear();  // their expiries find nothing and are skipped
    peer.last_report_sequence = 0;
    for (Link& l : peer.links) l.receive.miss_run = 0;
    return true;
}

void Layer::take_copy(std::size_t peer_index, std::size_t slot, const DecodedDatagram& d, Time now) {
    Peer& peer = peers_[peer_index];
    Path& path = paths_[slot];
    Link& link = peer.links[slot];
    const Time restore_gap = 2 * settings_.probe_interval;
    const std::uint32_t mine = bit(path.config.index);
    if (peer.first_heard == kNever) peer.first_heard = now;
    peer.last_heard = now;
    const bool probe = d.header.kind == Kind::probe;
    if (probe) ++path.counters.probes_received;

    if (peer.window.accept(d.header.sequence) == DuplicateWindow::Verdict::fresh) {
        link.receive.hit(now, restore_gap);
        const std::uint32_t others = d.header.paths_sent & peer.shared_mask & ~mine;
        if (others != 0) {
            if (expiries_.size() < kMaxPending) {
                peer.pending[d.header.sequence] = Pending{others, 0};
                expiries_.push_back(
                    Expiry{now + settings_.miss_grace, peer_index, peer.incarnation, d.header.sequence});
            } else {
                ++counters_.untracked;
            }
        }
        if (probe) {
            apply_reports(peer, d.payload, path, d.header.sequence, now);
        } else {
            ++path.counters.delivered;
            outputs_.emplace_back(std::in_place_type<Deliver>, peer.config.id, std::vector<std::uint8_t>(d.payload.begin(), d.payload.end()));
        }
        return;
    }

    ++path.counters.duplicates;
    auto it = peer.pending.find(d.header.sequence);
    if (it != peer.pending.end() && (it->second.expected & mine) && !(it->second.arrived & mine)) {
        link.receive.hit(now, restore_gap);  // in time: this path is in step
        it->second.arrived |= mine;
        if (it->second.arrived == it->second.expected) peer.pending.erase(it);
    } else {
        ++path.counters.late;  // after its grace lag (or a second copy on the same path)
        link.receive.late(now, restore_gap);
    }
    // Every probe copy may carry newer reports than the ones applied (the
    // sequence decides), so duplicates are read too.
    if (probe) apply_reports(peer, d.payload, path, d.header.sequence, now);
}

void Layer::apply_reports(Peer& peer, std::span<const std::uint8_t> body, Path& path,
                          std::uint64_t sequence, Time now) {
    if (sequence <= peer.last_report_sequence) return;
    ProbeResult decoded = decode_probe(body);
    if (!decoded.body) {
        drop(&path, path.counters.malformed,
             "malformed probe from " + peer.config.name + ": " + describe(decoded.failure));
        return;
    }
    peer.last_report_sequence = sequence;
    const std::size_t peer_index = static_cast<std::size_t>(&peer - peers_.data());
    for (const PeerReport& r : decoded.body->peers) {
        // Only the report about us, and only about this run of ours.
        if (r.peer != self_ || r.incarnation != incarnation_) continue;
        for (const LinkReport& l : r.links) {
            auto slot = slot_of(l.path);
            if (!slot || !peer.links[*slot].shared) continue;
            change(peer_index, *slot, Direction::send,
                   peer.links[*slot].send.report(l.state, l.heard, now, settings_));
        }
    }
}

void Layer::judge_expired(Time now) {
    while (!expiries_.empty() && expiries_.front().deadline <= now) {
        const Expiry e = expiries_.front();
        expiries_.pop_front();
        Peer& peer = peers_[e.peer];
        if (peer.incarnation != e.incarnation) continue;
        auto it = peer.pending.find(e.sequence);
        if (it == peer.pending.end()) continue;
        const std::uint32_t missing = it->second.expected & ~it->second.arrived;
        peer.pending.erase(it);
        for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
            if (!(missing & bit(paths_[slot].config.index))) continue;
            ++paths_[slot].counters.misses;
            change(e.peer, slot, Direction::receive,
                   peer.links[slot].receive.miss(now, settings_.fault_threshold));
        }
    }
}

void Layer::check_links(Time now) {
    for (std::size_t p = 0; p < peers_.size(); ++p) {
        Peer& peer = peers_[p];
        for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
            Link& link = peer.links[slot];
            if (!link.shared) continue;
            change(p, slot, Direction::receive,
                   link.receive.check(now, peer.first_heard, peer.last_heard, settings_));
            change(p, slot, Direction::send, link.send.check(now, settings_));
        }
    }
}

}  // namespace braid::multipath
