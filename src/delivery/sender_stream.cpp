#include "delivery/sender_stream.hpp"

namespace braid::delivery {

bool SenderStream::accept(std::uint64_t counter, Counters& counters) const {
    if (counter < next_counter_ || buffered_.contains(counter)) {
        ++counters.payloads_duplicate;
        return false;
    }
    return true;
}

bool SenderStream::add(ring::Seq seq, std::span<const std::uint8_t> bytes,
                       const DecodedPayload& payload, std::vector<Assembled>& out,
                       Counters& counters) {
    if (!accept(payload.counter, counters)) return false;
    if (payload.counter != next_counter_) {
        buffered_[payload.counter] = {seq, {bytes.begin(), bytes.end()}, false};
        waiting_seqs_.insert(seq);
        return true;
    }
    process(seq, payload, out, counters);
    ++next_counter_;
    drain(out, counters);
    return true;
}

bool SenderStream::add_malformed(ring::Seq seq, std::uint64_t counter,
                                 std::vector<Assembled>& out, Counters& counters) {
    if (!accept(counter, counters)) return false;
    if (counter != next_counter_) {
        buffered_[counter] = {seq, {}, true};
        waiting_seqs_.insert(seq);
        return true;
    }
    lose_partial(counters);
    ++next_counter_;
    drain(out, counters);
    return true;
}

bool SenderStream::skip_gap(std::vector<Assembled>& out, Counters& counters) {
    if (buffered_.empty()) return false;
    counters.sender_gaps_skipped += buffered_.begin()->first - next_counter_;
    next_counter_ = buffered_.begin()->first;
    lose_partial(counters);
    drain(out, counters);
    return true;
}

void SenderStream::drop_unfinished(Counters& counters) {
    lose_partial(counters);
    discarding_ = false;
}

std::optional<ring::Seq> SenderStream::oldest_waiting() const {
    if (waiting_seqs_.empty()) return std::nullopt;
    return *waiting_seqs_.begin();
}

void SenderStream::drain(std::vector<Assembled>& out, Counters& counters) {
    for (auto it = buffered_.begin(); it != buffered_.end() && it->first == next_counter_;
         it = buffered_.begin()) {
        Buffered entry = std::move(it->second);
        buffered_.erase(it);
        waiting_seqs_.erase(entry.seq);
        ++next_counter_;
        if (entry.malformed) {
            lose_partial(counters);
            continue;
        }
        CodecError error;
        // Validated when it arrived; decoding the same bytes again succeeds.
        const auto payload = decode_payload(entry.bytes, error);
        if (payload) process(entry.seq, *payload, out, counters);
    }
}

void SenderStream::lose_partial(Counters& counters) {
    if (!partial_) return;
    // Pieces that follow belong to the message lost here: drop them uncounted.
    ++counters.messages_lost;
    partial_.reset();
    discarding_ = true;
}

void SenderStream::process(ring::Seq seq, const DecodedPayload& payload,
                           std::vector<Assembled>& out, Counters& counters) {
    for (std::uint32_t index = 0; index < payload.records.size(); ++index) {
        const PayloadRecord& record = payload.records[index];
        if (record.first) {
            discarding_ = false;
            if (partial_) {  // the previous message never finished
                ++counters.messages_lost;
                partial_.reset();
            }
            if (record.last) {
                finish(record.piece, {seq}, index, out, counters);
            } else {
                partial_ = Partial{record.total, {record.piece.begin(), record.piece.end()}, {seq}};
            }
            continue;
        }
        if (!partial_) {
            // The message's beginning was lost: count it once, drop its pieces.
            if (!discarding_) ++counters.messages_lost;
            discarding_ = !record.last;
            continue;
        }
        Partial& partial = *partial_;
        if (partial.bytes.size() + record.piece.size() > partial.total ||
            (record.last && partial.bytes.size() + record.piece.size() != partial.total)) {
            ++counters.messages_malformed;
            partial_.reset();
            discarding_ = !record.last;
            continue;
        }
        partial.bytes.insert(partial.bytes.end(), record.piece.begin(), record.piece.end());
        partial.packets.push_back(seq);
        if (record.last) {
            Partial done = std::move(partial);
            partial_.reset();
            finish(done.bytes, std::move(done.packets), index, out, counters);
        }
    }
}

void SenderStream::finish(std::span<const std::uint8_t> encoded, std::vector<ring::Seq> packets,
                          std::uint32_t index, std::vector<Assembled>& out, Counters& counters) {
    CodecError error;
    auto message = decode_message(encoded, error);
    if (!message) {
        ++counters.messages_malformed;
        return;
    }
    out.push_back({std::move(*message), std::move(packets), index});
}

}  // namespace braid::delivery
