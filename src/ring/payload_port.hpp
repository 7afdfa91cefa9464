// The boundary between the ring and the delivery layer above it.
//
// The ring moves opaque payloads reliably and in one total order; the
// delivery layer packs and fragments client messages into payloads and
// decides, per service level, when a message may be handed to clients. The
// ring pulls payloads to send while it holds the token (so flow control stays
// in the ring) and pushes what it learns: a payload arrived, every payload up
// to some sequence is present here, every daemon has every payload up to some
// sequence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ring/types.hpp"

namespace braid::ring {

class PayloadPort {
public:
    virtual ~PayloadPort() = default;

    // Next payload of this daemon, at most max_bytes long, or nothing when
    // nothing is queued. Called only while the ring may send.
    virtual std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) = 0;

    // A data packet arrived for the first time (in any order, never twice).
    virtual void on_packet(Seq seq, DaemonId sender, std::span<const std::uint8_t> payload) = 0;

    // Every packet with sequence <= up_to is present locally (the local aru).
    // Called with non-decreasing values.
    virtual void on_ordered(Seq up_to) = 0;

    // Every member of the ring has every packet with sequence <= up_to.
    // Called with non-decreasing values, never above the last on_ordered.
    virtual void on_safe(Seq up_to) = 0;
};

}  // namespace braid::ring
