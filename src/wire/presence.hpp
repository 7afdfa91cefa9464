// Merge detection's presence message (DESIGN.md section 11).
//
// In operational state a ring's representative broadcasts this every merge
// timeout, so that rings separated by a healed partition hear each other:
// a daemon that receives a presence (or any packet) of another ring of its
// cluster starts gathering. It also carries a lone gathering daemon's
// existence. Layout after the header (the sender's ring): sender u32; nothing
// may follow.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "ring/types.hpp"
#include "wire/decode_error.hpp"
#include "wire/packet_header.hpp"

namespace braid::wire {

struct Presence {
    std::uint32_t cluster = 0;   // cluster tag (packet_header.hpp)
    ring::RingId ring;           // the sender's ring
    ring::DaemonId sender = 0;   // the announcing daemon

    bool operator==(const Presence&) const = default;
};

std::vector<std::uint8_t> encode(const Presence& p);

// Rejects truncation and trailing bytes.
Decoded<Presence> decode_presence(std::span<const std::uint8_t> packet);

}  // namespace braid::wire
