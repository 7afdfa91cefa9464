// Basic identities of the token ring, shared by the ring, the membership
// protocol, the delivery layer and the simulator.
#pragma once

#include <compare>
#include <cstdint>

namespace braid::ring {

// A daemon's identity on the wire: its index in the configuration's host list
// is not stable across configuration edits, so ids are assigned from the host
// name by the daemon (the ring treats them as opaque, ordered numbers).
using DaemonId = std::uint32_t;

// Ring sequence number of a data packet. 64 bits: never wraps in practice.
using Seq = std::uint64_t;

// Monotonic time in microseconds, always supplied by the caller (the event
// loop or the simulator's virtual clock); the core never reads a clock.
using Time = std::int64_t;

// A ring is named by its representative and a sequence number that is higher
// than that of every ring any of its members belonged to before.
struct RingId {
    DaemonId representative = 0;  // the daemon that formed the ring
    std::uint64_t sequence = 0;   // strictly increasing across successive rings

    auto operator<=>(const RingId&) const = default;
};

}  // namespace braid::ring
