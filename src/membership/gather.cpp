// Gather: join messages until the daemons agree on members and failed set.
#include <algorithm>
#include <string>

#include "membership/engine.hpp"

namespace braid::membership {

namespace {

std::vector<ring::DaemonId> as_vector(const std::set<ring::DaemonId>& s) { return {s.begin(), s.end()}; }

std::string list(const std::set<ring::DaemonId>& s) {
    std::string out;
    for (ring::DaemonId d : s) out += (out.empty() ? "" : ",") + std::to_string(d);
    return "{" + out + "}";
}

}  // namespace

void Engine::enter_gather(ring::Time now) {
    state_ = State::gather;
    consensus_ = false;
    gather_started_ = now;
    last_join_.clear();  // agreement counts only if given in this gather
    forming_.reset();
    emit(CancelOutput{TimerId::commit_retransmit});
    emit(CancelOutput{TimerId::commit_loss});
    emit(ArmOutput{TimerId::consensus, now + cfg_.timeouts.consensus_us});
    send_join(now);
    log(log::Category::membership, "gather: members " + list(members_) + " failed " + list(failed_));
}

void Engine::send_join(ring::Time now) {
    wire::Join j;
    j.cluster = cfg_.cluster;
    j.ring = ring::RingId{cfg_.self, 0};
    j.sender = cfg_.self;
    j.join_seq = ++join_seq_;
    j.max_ring_seq = max_ring_seq_;
    j.members = as_vector(members_);
    j.failed = as_vector(failed_);
    emit(SendOutput{ring::Destination::all(), wire::encode(j)});
    ++stats_.joins_sent;
    emit(ArmOutput{TimerId::join, now + cfg_.timeouts.join_us});
}

std::vector<ring::DaemonId> Engine::candidates() const {
    std::vector<ring::DaemonId> out;
    for (ring::DaemonId d : members_)
        if (failed_.count(d) == 0) out.push_back(d);
    return out;
}

bool Engine::agrees(const wire::Join& join) const {
    return join.members == as_vector(members_) && join.failed == as_vector(failed_);
}

void Engine::on_join(const wire::Join& join, ring::Time now) {
    if (join.sender == cfg_.self) return;  // our own broadcast, looped back
    auto last = last_join_seq_.find(join.sender);
    if (last != last_join_seq_.end() && join.join_seq <= last->second) {
        ++stats_.duplicate_joins;
        return;
    }
    last_join_seq_[join.sender] = join.join_seq;
    if (state_ != State::gather || failed_.count(join.sender) != 0) {
        ++stats_.stale_joins;
        return;
    }
    ++stats_.joins_received;
    last_join_[join.sender] = join;
    max_ring_seq_ = std::max(max_ring_seq_, join.max_ring_seq);
    bool changed = false;
    if (std::binary_search(join.failed.begin(), join.failed.end(), cfg_.self)) {
        // It believes we failed: we cannot form a ring with it this time.
        changed = failed_.insert(join.sender).second;
        changed = members_.insert(join.sender).second || changed;
    } else {
        for (ring::DaemonId d : join.members) changed = members_.insert(d).second || changed;
        for (ring::DaemonId d : join.failed)
            if (d != cfg_.self) changed = failed_.insert(d).second || changed;
    }
    if (changed) {
        consensus_ = false;
        send_join(now);
        emit(ArmOutput{TimerId::consensus, now + cfg_.timeouts.consensus_us});
    }
    check_consensus(now);
}

void Engine::on_consensus_timeout(ring::Time now) {
    if (state_ != State::gather) return;
    // Judged against our sets as they were when the timer ran out.
    std::vector<ring::DaemonId> silent;
    for (ring::DaemonId d : candidates()) {
        if (d == cfg_.self) continue;
        auto j = last_join_.find(d);
        if (j == last_join_.end() || !agrees(j->second)) silent.push_back(d);
    }
    for (ring::DaemonId d : silent) failed_.insert(d);
    stats_.consensus_timeouts += silent.size();
    if (!silent.empty()) {
        consensus_ = false;
        log(log::Category::membership, "consensus timeout: failed now " + list(failed_));
        send_join(now);
    }
    emit(ArmOutput{TimerId::consensus, now + cfg_.timeouts.consensus_us});
    check_consensus(now);
}

void Engine::check_consensus(ring::Time now) {
    if (state_ != State::gather) return;
    for (ring::DaemonId d : candidates()) {
        if (d == cfg_.self) continue;
        auto j = last_join_.find(d);
        if (j == last_join_.end() || !agrees(j->second)) {
            consensus_ = false;
            return;
        }
    }
    if (!consensus_) {
        // Agreed: the representative's commit token must follow; if it does
        // not (the representative went silent), gather again.
        // The wait covers the representative's own commit deadline.
        emit(ArmOutput{TimerId::commit_loss, now + cfg_.timeouts.consensus_us + 2 * cfg_.timeouts.token_us});
    }
    consensus_ = true;
    // Daemons starting together need a moment to hear each other: nobody
    // commits before one consensus period of gathering has passed.
    if (now < gather_started_ + cfg_.timeouts.consensus_us) return;
    if (candidates().front() == cfg_.self) begin_commit(now);
}

}  // namespace braid::membership
