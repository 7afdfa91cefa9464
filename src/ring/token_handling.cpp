// The token visit: what a daemon does between receiving the token and
// passing it on (Totem single-ring ordering).
#include <algorithm>
#include <cassert>
#include <set>

#include "ring/flow_control.hpp"
#include "ring/ring.hpp"

namespace braid::ring {

bool Ring::token_is_idle(const wire::Token& t) const {
    return t.flow_control == 0 && t.retransmit_requests.empty() && t.aru == t.highest_seq &&
           store_.aru() == t.highest_seq;
}

void Ring::accept_token(wire::Token token, Time now) {
    last_token_seq_ = token.token_seq;
    ++stats_.tokens_received;
    if (phase_ == TokenPhase::forwarded) {
        forwarded_bytes_.clear();
        emit(CancelOutput{TimerId::token_retransmit});
    }
    loss_reported_ = false;
    emit(ArmOutput{TimerId::token_loss, now + cfg_.token_loss_us});
    highest_seen_ = std::max(highest_seen_, token.highest_seq);
    if (is_representative()) {
        ++stats_.token_rotations;
        // Nothing happened during the last rotation: hold the token a little
        // so an idle ring does not spin; whatever is queued goes out after it.
        if (cfg_.idle_hold_us > 0 && token_is_idle(token)) {
            ++stats_.idle_holds;
            held_ = std::move(token);
            phase_ = TokenPhase::held;
            emit(ArmOutput{TimerId::token_hold, now + cfg_.idle_hold_us});
            return;
        }
    }
    process_token(std::move(token), now);
}

void Ring::process_token(wire::Token token, Time now) {
    phase_ = TokenPhase::waiting;
    // A request at or below the token's aru is already satisfied: the member
    // that lacked it would hold the aru below it until it has it.
    auto& requests = token.retransmit_requests;
    const auto before = requests.size();
    requests.erase(std::remove_if(requests.begin(), requests.end(), [&](Seq s) { return s <= token.aru; }),
                   requests.end());
    stats_.obsolete_requests += before - requests.size();

    const std::uint32_t retransmitted = answer_requests(token);
    const std::uint32_t others = token.flow_control > my_last_share_ ? token.flow_control - my_last_share_ : 0;
    const std::uint32_t allowance = new_packet_allowance({cfg_.ring_window, cfg_.personal_window, others,
                                                          retransmitted, token.highest_seq, token.aru});
    const std::uint32_t sent = send_new_packets(token, allowance);
    note_aru_progress();
    token.flow_control = updated_rotation_count(token.flow_control, my_last_share_, retransmitted + sent);
    my_last_share_ = retransmitted + sent;
    request_missing(token);
    update_aru(token);
    update_safe(token.aru);
    forward(std::move(token), retransmitted + sent == 0, now);
}

std::uint32_t Ring::answer_requests(wire::Token& token) {
    std::uint32_t answered = 0;
    std::vector<Seq> still_missing;
    for (Seq s : token.retransmit_requests) {
        if (const auto* entry = store_.find(s)) {
            emit(SendOutput{Destination::all(), entry->bytes});
            ++answered;
            ++stats_.retransmissions_sent;
        } else {
            still_missing.push_back(s);
        }
    }
    token.retransmit_requests = std::move(still_missing);
    return answered;
}

std::uint32_t Ring::send_new_packets(wire::Token& token, std::uint32_t allowance) {
    std::uint32_t sent = 0;
    while (sent < allowance) {
        auto payload = port_.next_payload(cfg_.max_payload);
        if (!payload) break;
        assert(payload->size() <= cfg_.max_payload);
        wire::DataPacket p;
        p.cluster = cfg_.cluster;
        p.ring = cfg_.ring;
        p.sender = cfg_.self;
        p.seq = token.highest_seq + 1;
        p.payload = std::move(*payload);
        auto bytes = wire::encode(p);
        token.highest_seq = p.seq;
        highest_seen_ = std::max(highest_seen_, p.seq);
        emit(SendOutput{Destination::all(), bytes});
        store_.insert(p.seq, cfg_.self, std::move(bytes));
        port_.on_packet(p.seq, cfg_.self, p.payload);
        ++stats_.packets_sent;
        ++sent;
    }
    return sent;
}

void Ring::request_missing(wire::Token& token) {
    // Only packets sent before our previous visit are requested: they had a
    // whole rotation to arrive. Newer ones may still be in flight behind the
    // token, and asking for them would only cause needless retransmissions.
    const Seq horizon = std::min(request_horizon_, token.highest_seq);
    request_horizon_ = token.highest_seq;
    auto& requests = token.retransmit_requests;
    if (requests.size() >= cfg_.max_retransmit_requests) return;
    const std::set<Seq> already(requests.begin(), requests.end());
    for (Seq s : store_.missing(horizon, cfg_.max_retransmit_requests)) {
        if (requests.size() >= cfg_.max_retransmit_requests) break;
        if (already.count(s) != 0) continue;
        requests.push_back(s);
        ++stats_.retransmissions_requested;
    }
}

void Ring::update_aru(wire::Token& token) {
    // Totem: lower the aru to ours when we miss something; only whoever
    // lowered it (or anyone, when nobody holds it down) may raise it again.
    const Seq mine = std::min(store_.aru(), token.highest_seq);
    if (mine < token.aru || token.aru_lowered_by == cfg_.self || !token.aru_lowered_by) {
        token.aru = mine;
        if (token.aru == token.highest_seq) {
            token.aru_lowered_by.reset();
        } else {
            token.aru_lowered_by = cfg_.self;
        }
    }
}

void Ring::update_safe(Seq forwarded_aru) {
    // If we forwarded an aru >= s on two consecutive visits, every other
    // member held the token in between with s present: one that lacked s
    // would have lowered the aru below s, and only it could raise it again.
    if (last_forwarded_aru_) {
        const Seq s = std::min({*last_forwarded_aru_, forwarded_aru, store_.aru()});
        if (s > safe_) {
            safe_ = s;
            port_.on_safe(safe_);
            stats_.stable_discarded += store_.discard_up_to(safe_);
        }
    }
    last_forwarded_aru_ = forwarded_aru;
}

void Ring::forward(wire::Token token, bool idle, Time now) {
    token.sender = cfg_.self;
    token.destination = next_;
    token.token_seq += 1;
    last_token_seq_ = token.token_seq;
    if (next_ == cfg_.self) {
        // A ring of one passes the token to itself through the hold timer.
        ++stats_.token_rotations;
        held_ = std::move(token);
        phase_ = TokenPhase::held;
        emit(ArmOutput{TimerId::token_hold, now + (idle ? std::max<Time>(cfg_.idle_hold_us, 1) : 1)});
        emit(ArmOutput{TimerId::token_loss, now + cfg_.token_loss_us});
        return;
    }
    auto bytes = wire::encode(token);
    emit(SendOutput{Destination::to(next_), bytes});
    ++stats_.tokens_sent;
    forwarded_bytes_ = std::move(bytes);
    forwarded_highest_ = token.highest_seq;
    phase_ = TokenPhase::forwarded;
    emit(ArmOutput{TimerId::token_retransmit, now + cfg_.token_retransmit_us});
}

}  // namespace braid::ring
