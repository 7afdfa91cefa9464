// Counters of one ring, for status output and for tests.
//
// Everything the network can do to the ring (loss, duplicates, garbage,
// foreign traffic) shows up here as a count, never as a crash.
#pragma once

#include <cstdint>

namespace braid::ring {

struct RingStats {
    // Data packets
    std::uint64_t packets_sent = 0;         // new data packets this daemon broadcast
    std::uint64_t packets_received = 0;     // data packets accepted the first time (own ones excluded)
    std::uint64_t duplicate_packets = 0;    // data packets already held or already stable
    std::uint64_t out_of_window = 0;        // data packets too far ahead of our aru to store
    std::uint64_t unknown_sender = 0;       // data packets naming a sender not on the ring
    std::uint64_t stable_discarded = 0;     // packets dropped from the store once safe

    // Retransmission
    std::uint64_t retransmissions_sent = 0;       // packets rebroadcast on another member's request
    std::uint64_t retransmissions_requested = 0;  // sequence numbers this daemon put on the token
    std::uint64_t obsolete_requests = 0;          // requests removed because the aru passed them

    // Token
    std::uint64_t tokens_received = 0;   // tokens accepted (token sequence above the last)
    std::uint64_t tokens_sent = 0;       // tokens forwarded (first copies)
    std::uint64_t duplicate_tokens = 0;  // tokens whose token sequence was not above the last
    std::uint64_t misdirected_tokens = 0;  // tokens addressed to another daemon
    std::uint64_t inconsistent_tokens = 0;  // tokens whose highest sequence is below a packet we hold
    std::uint64_t token_retransmits = 0;   // forwarded tokens resent after the retransmit timeout
    std::uint64_t token_rotations = 0;     // tokens handled by the representative: one per rotation
    std::uint64_t idle_holds = 0;          // times the representative held an idle token
    std::uint64_t token_losses = 0;        // token loss reports

    // Rejected input
    std::uint64_t malformed = 0;        // datagrams that failed to decode
    std::uint64_t foreign_cluster = 0;  // packets of another cluster
    std::uint64_t foreign_ring = 0;     // packets of another ring of this cluster
    std::uint64_t after_stop = 0;       // datagrams that arrived after stop()
    std::uint64_t membership_packets = 0;  // join / commit / presence packets: not the ring's to handle
};

}  // namespace braid::ring
