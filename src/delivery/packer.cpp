#include "delivery/packer.hpp"

#include <algorithm>

#include "delivery/payload_codec.hpp"

namespace braid::delivery {

void Packer::push(std::uint64_t number, const Message& message) {
    queue_.push_back({encode_message(number, message), 0});
}

std::optional<std::vector<std::uint8_t>> Packer::next(std::size_t max_bytes,
                                                      Counters& counters) {
    if (queue_.empty() || max_bytes < kMinPayloadBytes) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(max_bytes);
    write_payload_header(out, next_counter_++);
    std::uint16_t records = 0;
    // The record count is 16 bits: a huge max_bytes cannot overflow it.
    while (!queue_.empty() && records < 0xFFFF) {
        Outgoing& front = queue_.front();
        const std::size_t remaining = front.encoded.size() - front.sent;
        const std::size_t space = max_bytes - out.size();
        const auto rest = std::span<const std::uint8_t>(front.encoded).subspan(front.sent);
        const bool first = front.sent == 0;
        if (kRecordHeaderBytes + remaining <= space) {
            // The (rest of the) message fits: finish it here and go on packing.
            write_record(out, first, true, front.encoded.size(), rest);
            if (!first) ++counters.fragments_built;
            queue_.pop_front();
            ++records;
            continue;
        }
        if (first) {
            const bool packed_already = out.size() > kPayloadHeaderBytes;
            const bool fits_fresh =
                kRecordHeaderBytes + remaining <= max_bytes - kPayloadHeaderBytes;
            // Do not cut a message that a fresh payload could carry whole, and
            // do not open a message with a sliver of a piece.
            if (packed_already && (fits_fresh || space < kOpeningRecordHeaderBytes + 64)) break;
            const std::size_t piece = space - kOpeningRecordHeaderBytes;
            write_record(out, true, false, front.encoded.size(), rest.first(piece));
            front.sent += piece;
        } else {
            const std::size_t piece = space - kRecordHeaderBytes;
            write_record(out, false, false, 0, rest.first(piece));
            front.sent += piece;
        }
        ++counters.fragments_built;
        ++records;
        break;  // the payload is full
    }
    set_record_count(out, records);
    ++counters.payloads_built;
    counters.payload_bytes_built += out.size();
    return out;
}

std::vector<Message> Packer::take_unsent() {
    std::vector<Message> unsent;
    for (const auto& outgoing : queue_) {
        CodecError error;
        // Our own encoding of a validated message: decoding cannot fail.
        auto decoded = decode_message(outgoing.encoded, error);
        if (decoded) unsent.push_back(std::move(decoded->message));
    }
    queue_.clear();
    return unsent;
}

}  // namespace braid::delivery
