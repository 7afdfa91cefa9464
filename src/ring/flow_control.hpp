// Totem flow control: how many new packets a token holder may broadcast.
//
// Three limits apply at each visit: the personal window (per visit), the ring
// window (per rotation, counted by the token's flow-control field, which
// includes retransmissions), and the distance between the highest sequence
// and the token's aru (so a member that misses packets slows the ring down
// instead of letting every store grow without bound).
#pragma once

#include <cstdint>

#include "ring/types.hpp"

namespace braid::ring {

struct FlowControlInput {
    std::uint32_t ring_window = 0;      // packets per rotation for the whole ring
    std::uint32_t personal_window = 0;  // packets per visit for this daemon
    std::uint32_t rotation_count = 0;   // token's count minus this daemon's share of the last rotation
    std::uint32_t retransmitted = 0;    // packets already rebroadcast during this visit
    Seq highest_seq = 0;                // token's highest sequence
    Seq token_aru = 0;                  // token's aru as received
};

// New packets allowed now (zero when any window is full).
std::uint32_t new_packet_allowance(const FlowControlInput& in);

// The token's flow-control count after this visit: the previous rotation's
// count with this daemon's last share replaced by its share now.
std::uint32_t updated_rotation_count(std::uint32_t token_count, std::uint32_t my_last_share,
                                     std::uint32_t my_share_now);

}  // namespace braid::ring
