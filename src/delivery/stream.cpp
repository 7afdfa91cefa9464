#include "delivery/stream.hpp"

#include <algorithm>
#include <limits>

namespace braid::delivery {

Stream::Stream(ring::DaemonId self) : self_(self) {}

SubmitResult Stream::submit(Message message) {
    if (state_ != State::operational) {
        ++counters_.rejected;
        return {SubmitError::closed, {}};
    }
    if (const auto error = validate(message); error != SubmitError::none) {
        ++counters_.rejected;
        return {error, {}};
    }
    const MessageId id{self_, next_number_++};
    packer_.push(id.number, message);
    ++counters_.submitted[level_index(message.level)];
    return {SubmitError::none, id};
}

std::optional<std::vector<std::uint8_t>> Stream::next_payload(std::size_t max_bytes) {
    if (state_ != State::operational) return std::nullopt;
    return packer_.next(max_bytes, counters_);
}

void Stream::on_packet(ring::Seq seq, ring::DaemonId sender,
                       std::span<const std::uint8_t> payload) {
    if (state_ != State::operational) {
        ++counters_.late_inputs;
        return;
    }
    ++counters_.payloads_received;
    if (seq > ordered_up_to_) received_above_.insert(seq);
    SenderStream& stream = senders_[sender];
    std::vector<Assembled> done;
    CodecError error;
    if (const auto decoded = decode_payload(payload, error)) {
        stream.add(seq, payload, *decoded, done, counters_);
    } else {
        ++counters_.payloads_malformed;
        // With a readable counter the payload still takes its place in the
        // sender's order; without one its gap is skipped once the ring order
        // shows it can never fill (see advance()).
        if (const auto counter = decode_payload_counter(payload))
            stream.add_malformed(seq, *counter, done, counters_);
    }
    complete(sender, done);
    advance();
}

void Stream::on_ordered(ring::Seq up_to) {
    if (state_ != State::operational) {
        ++counters_.late_inputs;
        return;
    }
    if (up_to <= ordered_up_to_) return;
    ordered_up_to_ = up_to;
    received_above_.erase(received_above_.begin(), received_above_.upper_bound(up_to));
    advance();
}

void Stream::on_safe(ring::Seq up_to) {
    if (state_ != State::operational) {
        ++counters_.late_inputs;
        return;
    }
    if (up_to <= safe_up_to_) return;
    safe_up_to_ = up_to;
    advance();
}

std::vector<Delivery> Stream::take_deliveries() {
    std::vector<Delivery> out;
    out.swap(ready_);
    return out;
}

std::vector<Message> Stream::take_unsent() { return packer_.take_unsent(); }

Closure Stream::close() {
    Closure closure;
    if (state_ != State::operational) return closure;
    // 1. Recovery is over, so the ring order here is complete up to the
    //    first hole: deliver what the regular configuration allows there.
    auto next = received_above_.begin();
    while (next != received_above_.end() && *next == ordered_up_to_ + 1) {
        ++ordered_up_to_;
        next = received_above_.erase(next);
    }
    advance();
    closure.regular = take_deliveries();
    // 3. After the transitional configuration: skip every hole, SAFE no
    //    longer waits for stability, and unfinished messages are lost.
    transitional_ = true;
    skip_every_gap();
    advance();
    for (auto& [sender, stream] : senders_) stream.drop_unfinished(counters_);
    closure.transitional = take_deliveries();
    state_ = State::closed;
    return closure;
}

void Stream::complete(ring::DaemonId sender, std::vector<Assembled>& done) {
    for (Assembled& assembled : done) {
        Delivery delivery{MessageId{sender, assembled.message.number},
                          std::move(assembled.message.message), std::nullopt,
                          std::move(assembled.packets)};
        const ServiceLevel level = delivery.message.level;
        if (level <= ServiceLevel::reliable) {
            emit(std::move(delivery));
            continue;
        }
        const ConnectionKey key{sender, delivery.message.sender};
        if (level == ServiceLevel::fifo) {
            const auto it = connections_.find(key);
            if (it == connections_.end()) {
                emit(std::move(delivery));
            } else {
                it->second.push_back({delivery.id, std::move(delivery)});
            }
            continue;
        }
        // Ordered: placed by the ring sequence of its last piece.
        const OrderKey order{delivery.packets.back(), assembled.index_in_last};
        delivery.position = order.first;
        connections_[key].push_back({delivery.id, std::nullopt});
        ordered_.emplace(order, std::move(delivery));
    }
    done.clear();
}

void Stream::emit(Delivery delivery) {
    ++counters_.delivered[level_index(delivery.message.level)];
    ready_.push_back(std::move(delivery));
}

void Stream::deliver_ordered(std::map<OrderKey, Delivery>::iterator it) {
    const ConnectionKey key{it->second.id.daemon, it->second.message.sender};
    const MessageId id = it->second.id;
    emit(std::move(it->second));
    ordered_.erase(it);
    const auto connection = connections_.find(key);
    if (connection == connections_.end()) return;
    auto& queue = connection->second;
    // Normally at the front: earlier messages of the connection come first in
    // the ring order, and FIFO ones are released as soon as they may go.
    const auto entry = std::find_if(queue.begin(), queue.end(),
                                    [&](const Waiting& waiting) { return waiting.id == id; });
    if (entry != queue.end()) queue.erase(entry);
    release_fifo(key);
}

void Stream::release_fifo(const ConnectionKey& key) {
    const auto connection = connections_.find(key);
    if (connection == connections_.end()) return;
    auto& queue = connection->second;
    while (!queue.empty() && queue.front().fifo) {
        emit(std::move(*queue.front().fifo));
        queue.pop_front();
    }
    if (queue.empty()) connections_.erase(connection);
}

void Stream::advance() {
    // A payload at or below ordered_up_to_ still waiting for its sender's
    // predecessor waits in vain: the ring numbers a daemon's payloads in
    // counter order, so the predecessor was below it, hence present, hence
    // malformed beyond reading its counter. Give up on that gap.
    for (;;) {
        SenderStream* stuck = nullptr;
        ring::DaemonId stuck_sender = 0;
        for (auto& [sender, stream] : senders_) {
            const auto waiting = stream.oldest_waiting();
            if (waiting && *waiting <= ordered_up_to_) {
                stuck = &stream;
                stuck_sender = sender;
                break;
            }
        }
        if (!stuck) break;
        std::vector<Assembled> done;
        stuck->skip_gap(done, counters_);
        complete(stuck_sender, done);
    }
    // Now every payload up to ordered_up_to_ has been through its sender's
    // stream, so every ordered message ending there is known: the order up
    // to there is final.
    const ring::Seq bound =
        transitional_ ? std::numeric_limits<ring::Seq>::max() : ordered_up_to_;
    while (!ordered_.empty()) {
        const auto it = ordered_.begin();
        const ring::Seq position = it->first.first;
        if (position > bound) break;
        if (it->second.message.level == ServiceLevel::safe && position > safe_up_to_ &&
            !transitional_)
            break;
        deliver_ordered(it);
    }
}

void Stream::skip_every_gap() {
    for (auto& [sender, stream] : senders_) {
        std::vector<Assembled> done;
        while (stream.skip_gap(done, counters_)) complete(sender, done);
    }
}

}  // namespace braid::delivery
