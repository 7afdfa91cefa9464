// Counters of one delivery stream, for status output and tests.
//
// Everything the network can do wrong to the delivery layer (malformed
// payloads, lost fragments) ends up here instead of in a crash or a log
// flood; the status page shows them next to the ring's own counters.
#pragma once

#include <array>
#include <cstdint>

#include "delivery/message.hpp"

namespace braid::delivery {

struct Counters {
    // Messages accepted by submit(), per service level (index: level_index()).
    std::array<std::uint64_t, kServiceLevels> submitted{};
    // Messages handed up (returned by take_deliveries or close), per level.
    std::array<std::uint64_t, kServiceLevels> delivered{};
    std::uint64_t rejected = 0;             // submit() calls refused (too large, closed, ...)
    std::uint64_t payloads_built = 0;       // payloads returned by next_payload
    std::uint64_t payload_bytes_built = 0;  // their total size in bytes
    std::uint64_t fragments_built = 0;      // records carrying only part of a message
    std::uint64_t payloads_received = 0;    // payloads passed to on_packet (malformed included)
    std::uint64_t payloads_malformed = 0;   // payloads dropped because their framing was invalid
    std::uint64_t payloads_duplicate = 0;   // payloads whose sender counter was already seen
    std::uint64_t messages_malformed = 0;   // reassembled messages whose encoding was invalid
    std::uint64_t messages_lost = 0;        // messages dropped because a piece never came
    std::uint64_t sender_gaps_skipped = 0;  // sender counters given up as never coming
    std::uint64_t late_inputs = 0;          // ring inputs that arrived after close()
};

}  // namespace braid::delivery
