#include "membership/engine.hpp"

#include <string>

#include "wire/packet.hpp"

namespace braid::membership {

const char* timer_name(TimerId t) {
    switch (t) {
        case TimerId::ring_token_retransmit: return "ring_token_retransmit";
        case TimerId::ring_token_loss: return "ring_token_loss";
        case TimerId::ring_token_hold: return "ring_token_hold";
        case TimerId::join: return "join";
        case TimerId::consensus: return "consensus";
        case TimerId::commit_retransmit: return "commit_retransmit";
        case TimerId::commit_loss: return "commit_loss";
    }
    return "unknown";
}

const char* state_name(State s) {
    switch (s) {
        case State::idle: return "idle";
        case State::gather: return "gather";
        case State::commit: return "commit";
        case State::operational: return "operational";
    }
    return "unknown";
}

std::optional<std::string> validate(const EngineConfig& c) {
    const Timeouts& t = c.timeouts;
    if (t.token_us <= 0 || t.token_retransmit_us <= 0 || t.join_us <= 0 || t.consensus_us <= 0 || t.merge_us <= 0)
        return "every membership timeout must be positive";
    if (t.token_retransmit_us >= t.token_us) return "token_retransmit must be below the token timeout";
    if (t.join_us >= t.consensus_us) return "join must be below the consensus timeout";
    return std::nullopt;
}

namespace {

TimerId from_ring(ring::TimerId t) {
    switch (t) {
        case ring::TimerId::token_retransmit: return TimerId::ring_token_retransmit;
        case ring::TimerId::token_loss: return TimerId::ring_token_loss;
        case ring::TimerId::token_hold: return TimerId::ring_token_hold;
    }
    return TimerId::ring_token_loss;
}

}  // namespace

Engine::Engine(EngineConfig config) : cfg_(std::move(config)) {}

void Engine::start(ring::Time now) {
    if (state_ != State::idle) return;
    members_ = {cfg_.self};
    enter_gather(now);
}

void Engine::on_datagram(std::span<const std::uint8_t> bytes, ring::Time now) {
    if (state_ == State::idle) return;
    auto decoded = wire::decode_packet(bytes);
    if (!decoded.ok()) {
        ++stats_.malformed;
        log(log::Category::protocol, "dropped a malformed packet: " + wire::to_string(decoded.error()));
        return;
    }
    wire::Packet& p = decoded.value();
    const std::uint32_t cluster = std::visit([](const auto& x) { return x.cluster; }, p);
    if (cluster != cfg_.cluster) {
        ++stats_.foreign_cluster;
        return;
    }
    if (auto* join = std::get_if<wire::Join>(&p)) {
        on_join(*join, now);
    } else if (auto* commit = std::get_if<wire::CommitToken>(&p)) {
        on_commit_token(std::move(*commit), now);
    } else if (std::holds_alternative<wire::Presence>(p)) {
        ++stats_.foreign_ring;  // merge detection needs membership changes (see engine.hpp)
    } else {
        const ring::RingId rid = std::holds_alternative<wire::DataPacket>(p) ? std::get<wire::DataPacket>(p).ring
                                                                            : std::get<wire::Token>(p).ring;
        if (state_ != State::operational || !ring_ || rid != ring_->config().ring) {
            ++stats_.foreign_ring;
            return;
        }
        if (!forwarded_commit_.empty()) {
            // The ring runs: the commit token we passed on arrived.
            forwarded_commit_.clear();
            emit(CancelOutput{TimerId::commit_retransmit});
        }
        if (auto* data = std::get_if<wire::DataPacket>(&p)) {
            ring_->on_data(*data, bytes, now);
        } else {
            ring_->on_token(std::move(std::get<wire::Token>(p)), now);
        }
        run_ring(now);
    }
}

void Engine::on_timer(TimerId timer, ring::Time now) {
    switch (timer) {
        case TimerId::ring_token_retransmit:
        case TimerId::ring_token_loss:
        case TimerId::ring_token_hold:
            if (!ring_) return;
            ring_->on_timer(timer == TimerId::ring_token_retransmit ? ring::TimerId::token_retransmit
                            : timer == TimerId::ring_token_loss     ? ring::TimerId::token_loss
                                                                    : ring::TimerId::token_hold,
                            now);
            run_ring(now);
            return;
        case TimerId::join:
            if (state_ != State::gather) return;
            send_join(now);
            check_consensus(now);
            return;
        case TimerId::consensus:
            on_consensus_timeout(now);
            return;
        case TimerId::commit_retransmit:
            if (forwarded_commit_.empty() || now > commit_retransmit_until_) return;
            ++stats_.commit_retransmits;
            emit(SendOutput{ring::Destination::to(forwarded_to_), forwarded_commit_});
            emit(ArmOutput{TimerId::commit_retransmit, now + cfg_.timeouts.token_retransmit_us});
            return;
        case TimerId::commit_loss:
            if (state_ != State::commit && !(state_ == State::gather && consensus_)) return;
            ++stats_.gather_restarts;
            log(log::Category::membership, "commit token lost: gathering again");
            forwarded_commit_.clear();
            enter_gather(now);
            return;
    }
}

void Engine::submit(delivery::Message message, ring::Time now) {
    if (!stream_) {
        queued_.push_back(std::move(message));
        return;
    }
    if (!stream_->submit(std::move(message)).ok()) ++stats_.refused_submissions;
    run_ring(now);
}

std::vector<Output> Engine::drain_outputs() { return std::exchange(out_, {}); }

void Engine::run_ring(ring::Time now) {
    (void)now;
    if (!ring_) return;
    for (auto& o : ring_->drain_outputs()) {
        if (auto* s = std::get_if<ring::SendOutput>(&o)) {
            emit(SendOutput{s->to, std::move(s->bytes)});
        } else if (auto* a = std::get_if<ring::ArmOutput>(&o)) {
            emit(ArmOutput{from_ring(a->timer), a->at});
        } else if (auto* c = std::get_if<ring::CancelOutput>(&o)) {
            emit(CancelOutput{from_ring(c->timer)});
        } else if (auto* l = std::get_if<ring::LogOutput>(&o)) {
            emit(LogOutput{l->category, std::move(l->text)});
        } else {
            ++stats_.token_losses;
            log(log::Category::membership,
                "token lost on ring " + std::to_string(ring_->config().ring.sequence) +
                    "; membership changes are not implemented in this version");
        }
    }
    for (auto& d : stream_->take_deliveries()) emit(DeliverOutput{std::move(d)});
}

void Engine::log(log::Category c, std::string text) { emit(LogOutput{c, std::move(text)}); }

}  // namespace braid::membership
