#include "ring/ring.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "wire/packet.hpp"

namespace braid::ring {

const char* timer_name(TimerId t) {
    switch (t) {
        case TimerId::token_retransmit: return "token-retransmit";
        case TimerId::token_loss: return "token-loss";
        case TimerId::token_hold: return "token-hold";
    }
    return "unknown";
}

Ring::Ring(RingConfig config, PayloadPort& port) : cfg_(std::move(config)), port_(port) {
    assert(!validate(cfg_));
    auto me = std::find(cfg_.members.begin(), cfg_.members.end(), cfg_.self);
    auto next = me + 1 == cfg_.members.end() ? cfg_.members.begin() : me + 1;
    next_ = *next;
}

void Ring::start(Time now) {
    if (phase_ == TokenPhase::stopped) return;
    emit(ArmOutput{TimerId::token_loss, now + cfg_.token_loss_us});
    if (!is_representative()) return;
    wire::Token first;
    first.cluster = cfg_.cluster;
    first.ring = cfg_.ring;
    first.destination = cfg_.self;
    first.sender = cfg_.self;
    process_token(std::move(first), now);
}

void Ring::stop() {
    phase_ = TokenPhase::stopped;
    held_.reset();
    forwarded_bytes_.clear();
    emit(CancelOutput{TimerId::token_retransmit});
    emit(CancelOutput{TimerId::token_loss});
    emit(CancelOutput{TimerId::token_hold});
}

void Ring::on_datagram(std::span<const std::uint8_t> bytes, Time now) {
    if (phase_ == TokenPhase::stopped) {
        ++stats_.after_stop;
        return;
    }
    auto decoded = wire::decode_packet(bytes);
    if (!decoded.ok()) {
        ++stats_.malformed;
        log(log::Category::protocol, "dropped a malformed packet: " + wire::to_string(decoded.error()));
        return;
    }
    if (auto* data = std::get_if<wire::DataPacket>(&decoded.value())) {
        on_data(*data, bytes, now);
    } else if (auto* token = std::get_if<wire::Token>(&decoded.value())) {
        on_token(std::move(*token), now);
    } else {
        ++stats_.membership_packets;
    }
}

void Ring::on_data(const wire::DataPacket& p, std::span<const std::uint8_t> bytes, Time now) {
    (void)now;
    if (phase_ == TokenPhase::stopped) {
        ++stats_.after_stop;
        return;
    }
    if (p.cluster != cfg_.cluster) {
        ++stats_.foreign_cluster;
        return;
    }
    if (p.ring != cfg_.ring) {
        ++stats_.foreign_ring;
        return;
    }
    if (std::find(cfg_.members.begin(), cfg_.members.end(), p.sender) == cfg_.members.end()) {
        ++stats_.unknown_sender;
        return;
    }
    if (p.seq <= store_.stable() || store_.contains(p.seq)) {
        ++stats_.duplicate_packets;
        return;
    }
    // Flow control keeps honest senders within ring_window of the aru; far
    // beyond it is a corrupt or hostile packet, and storing it would let the
    // network grow our memory. A genuine one is requested again later.
    const Seq window = std::max<Seq>(Seq{4} * cfg_.ring_window, wire::kMaxRetransmitRequests);
    if (p.seq > store_.aru() + window) {
        ++stats_.out_of_window;
        return;
    }
    store_.insert(p.seq, p.sender, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    ++stats_.packets_received;
    highest_seen_ = std::max(highest_seen_, p.seq);
    port_.on_packet(p.seq, p.sender, p.payload);
    note_aru_progress();
    // A packet newer than the token we forwarded was sent by a later holder:
    // the next member has the token, stop resending it.
    if (phase_ == TokenPhase::forwarded && p.seq > forwarded_highest_) {
        phase_ = TokenPhase::waiting;
        forwarded_bytes_.clear();
        emit(CancelOutput{TimerId::token_retransmit});
    }
}

void Ring::on_token(wire::Token token, Time now) {
    if (phase_ == TokenPhase::stopped) {
        ++stats_.after_stop;
        return;
    }
    if (token.cluster != cfg_.cluster) {
        ++stats_.foreign_cluster;
        return;
    }
    if (token.ring != cfg_.ring) {
        ++stats_.foreign_ring;
        return;
    }
    if (token.destination != cfg_.self) {
        ++stats_.misdirected_tokens;
        return;
    }
    if (token.token_seq <= last_token_seq_) {
        ++stats_.duplicate_tokens;
        return;
    }
    // The current token's highest sequence covers every packet ever sent on
    // the ring; one below a packet we hold cannot be genuine.
    if (token.highest_seq < highest_seen_) {
        ++stats_.inconsistent_tokens;
        return;
    }
    accept_token(std::move(token), now);
}

void Ring::on_timer(TimerId timer, Time now) {
    if (phase_ == TokenPhase::stopped) return;
    switch (timer) {
        case TimerId::token_hold:
            if (phase_ == TokenPhase::held && held_) {
                wire::Token t = std::move(*held_);
                held_.reset();
                process_token(std::move(t), now);
            }
            return;
        case TimerId::token_retransmit:
            if (phase_ == TokenPhase::forwarded && !forwarded_bytes_.empty()) {
                ++stats_.token_retransmits;
                emit(SendOutput{Destination::to(next_), forwarded_bytes_});
                emit(ArmOutput{TimerId::token_retransmit, now + cfg_.token_retransmit_us});
            }
            return;
        case TimerId::token_loss:
            // Holding the token ourselves is not a loss.
            if (phase_ == TokenPhase::held) {
                emit(ArmOutput{TimerId::token_loss, now + cfg_.token_loss_us});
                return;
            }
            ++stats_.token_losses;
            if (!loss_reported_) {
                log(log::Category::protocol,
                    "token lost: no token for " + std::to_string(cfg_.token_loss_us / 1000) +
                        " ms after token sequence " + std::to_string(last_token_seq_));
            }
            loss_reported_ = true;
            emit(TokenLostOutput{cfg_.ring, last_token_seq_});
            emit(ArmOutput{TimerId::token_loss, now + cfg_.token_loss_us});
            return;
    }
}

std::vector<Output> Ring::drain_outputs() {
    std::vector<Output> out;
    out.swap(out_);
    return out;
}

void Ring::note_aru_progress() {
    if (store_.aru() > reported_aru_) {
        reported_aru_ = store_.aru();
        port_.on_ordered(reported_aru_);
    }
}

void Ring::log(log::Category c, std::string text) { emit(LogOutput{c, std::move(text)}); }

}  // namespace braid::ring
