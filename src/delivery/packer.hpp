// The sending half of a delivery stream: queued client messages packed into
// ring payloads.
//
// Messages leave in submission order. Several small messages share one
// payload; a message larger than what is left of a payload is started in a
// fresh one if it fits there whole, and cut into pieces only when it is
// larger than a payload can ever hold. Every payload gets the next value of
// this daemon's payload counter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "delivery/counters.hpp"
#include "delivery/message.hpp"

namespace braid::delivery {

// Below this, next() produces nothing: room for the header, one record
// header and a useful piece.
inline constexpr std::size_t kMinPayloadBytes = 32;

class Packer {
public:
    // Queues a message already checked by validate().
    void push(std::uint64_t number, const Message& message);

    // The next payload of at most max_bytes, or nothing when the queue is
    // empty or max_bytes is below kMinPayloadBytes.
    std::optional<std::vector<std::uint8_t>> next(std::size_t max_bytes, Counters& counters);

    bool empty() const { return queue_.empty(); }

    // Removes and returns every message not yet completely handed out, in
    // submission order (a message cut after some pieces is returned whole).
    std::vector<Message> take_unsent();

private:
    struct Outgoing {
        std::vector<std::uint8_t> encoded;  // the message's byte string
        std::size_t sent = 0;               // bytes of it already in payloads
    };

    std::deque<Outgoing> queue_;       // messages not yet completely sent, oldest first
    std::uint64_t next_counter_ = 1;   // counter of the next payload
};

}  // namespace braid::delivery
