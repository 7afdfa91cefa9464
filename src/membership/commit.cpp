// Commit: the commit token's two rotations, then installation of the ring.
#include <algorithm>
#include <string>

#include "membership/engine.hpp"

namespace braid::membership {

namespace {

// The member after `self` in ring order (ascending ids, wrapping).
ring::DaemonId next_member(const wire::CommitToken& t, ring::DaemonId self) {
    for (std::size_t i = 0; i < t.entries.size(); ++i)
        if (t.entries[i].id == self) return t.entries[(i + 1) % t.entries.size()].id;
    return t.entries.front().id;
}

wire::CommitEntry* entry_of(wire::CommitToken& t, ring::DaemonId self) {
    for (auto& e : t.entries)
        if (e.id == self) return &e;
    return nullptr;
}

}  // namespace

void Engine::begin_commit(ring::Time now) {
    wire::CommitToken t;
    t.cluster = cfg_.cluster;
    t.ring = ring::RingId{cfg_.self, max_ring_seq_ + 1};
    t.destination = cfg_.self;
    t.sender = cfg_.self;
    t.token_seq = 0;
    t.rotation = 1;
    for (ring::DaemonId d : candidates()) t.entries.push_back(wire::CommitEntry{d, false, {}, 0, 0});
    state_ = State::commit;
    emit(CancelOutput{TimerId::join});
    emit(CancelOutput{TimerId::consensus});
    log(log::Category::membership, "commit: forming ring " + std::to_string(t.ring.sequence) + " of " +
                                       std::to_string(t.entries.size()) + " daemons");
    ++t.token_seq;
    on_commit_token(std::move(t), now);
}

void Engine::on_commit_token(wire::CommitToken t, ring::Time now) {
    wire::CommitEntry* mine = entry_of(t, cfg_.self);
    const bool ours = t.destination == cfg_.self && mine != nullptr;
    const bool newer_ring = !forming_ || forming_->ring < t.ring;
    const bool same_ring = forming_ && forming_->ring == t.ring;
    if (!ours || (state_ != State::gather && state_ != State::commit && !(state_ == State::operational && same_ring)) ||
        (!newer_ring && !same_ring) || t.ring.sequence <= installed_ring_seq_) {
        ++stats_.rejected_commit_tokens;
        return;
    }
    if (same_ring && t.token_seq <= last_commit_seq_) {
        ++stats_.duplicate_commit_tokens;
        return;
    }
    if (state_ == State::operational) {
        // A copy of the rotation we installed from, with a newer hop count,
        // can only be the predecessor's retransmission: we already passed it on.
        ++stats_.duplicate_commit_tokens;
        return;
    }
    // Rotation 2 reaches only members that filled their entry on rotation 1.
    if (t.rotation == 2 && !mine->filled) {
        ++stats_.rejected_commit_tokens;
        return;
    }
    ++stats_.commit_tokens_received;
    last_commit_seq_ = t.token_seq;
    max_ring_seq_ = std::max(max_ring_seq_, t.ring.sequence);
    emit(CancelOutput{TimerId::commit_retransmit});
    emit(CancelOutput{TimerId::join});
    emit(CancelOutput{TimerId::consensus});
    emit(ArmOutput{TimerId::commit_loss, now + 2 * cfg_.timeouts.token_us});
    state_ = State::commit;
    const bool representative = t.entries.front().id == cfg_.self;
    if (t.rotation == 1 && !mine->filled) {
        // First visit: write our state. This version forms first rings only:
        // there is no old ring whose messages would need recovery.
        mine->filled = true;
        forming_ = t;
        if (representative && t.entries.size() == 1) {
            t.rotation = 2;
            forming_ = t;
            install(t, now);
            return;
        }
        forward_commit(std::move(t), now);
        return;
    }
    if (t.rotation == 1) {
        // Back at the representative, every entry filled: second rotation.
        if (!representative || !std::all_of(t.entries.begin(), t.entries.end(), [](const auto& e) { return e.filled; })) {
            ++stats_.rejected_commit_tokens;
            return;
        }
        t.rotation = 2;
        forming_ = t;
        forward_commit(std::move(t), now);
        return;
    }
    // Rotation 2: everyone knows everyone's state.
    // The representative installs last, then starts the ring's token.
    forming_ = t;
    install(t, now);
    if (!representative) forward_commit(std::move(t), now);
}

void Engine::forward_commit(wire::CommitToken t, ring::Time now) {
    t.sender = cfg_.self;
    t.destination = next_member(t, cfg_.self);
    ++t.token_seq;
    last_commit_seq_ = std::max(last_commit_seq_, t.token_seq);
    forwarded_to_ = t.destination;
    forwarded_commit_ = wire::encode(t);
    commit_retransmit_until_ = now + 2 * cfg_.timeouts.token_us;
    emit(SendOutput{ring::Destination::to(forwarded_to_), forwarded_commit_});
    emit(ArmOutput{TimerId::commit_retransmit, now + cfg_.timeouts.token_retransmit_us});
}

void Engine::install(const wire::CommitToken& t, ring::Time now) {
    emit(CancelOutput{TimerId::commit_loss});
    ring::RingConfig rc = cfg_.tuning;
    rc.self = cfg_.self;
    rc.cluster = cfg_.cluster;
    rc.ring = t.ring;
    rc.members.clear();
    for (const auto& e : t.entries) rc.members.push_back(e.id);
    rc.token_loss_us = cfg_.timeouts.token_us;
    rc.token_retransmit_us = cfg_.timeouts.token_retransmit_us;
    installed_ring_seq_ = t.ring.sequence;
    stream_ = std::make_unique<delivery::Stream>(cfg_.self);
    ring_ = std::make_unique<ring::Ring>(rc, *stream_);
    state_ = State::operational;
    ++stats_.rings_formed;
    members_ = std::set<ring::DaemonId>(rc.members.begin(), rc.members.end());
    emit(ConfigurationOutput{ConfigurationKind::regular, t.ring, rc.members});
    log(log::Category::membership, "operational: ring " + std::to_string(t.ring.sequence) + " of " +
                                       std::to_string(rc.members.size()) + " daemons");
    for (auto& m : queued_) {
        if (!stream_->submit(std::move(m)).ok()) ++stats_.refused_submissions;
    }
    queued_.clear();
    ring_->start(now);
    run_ring(now);
}

}  // namespace braid::membership
