// Counters of the membership engine, for status output and tests.
#pragma once

#include <cstdint>

namespace braid::membership {

struct MembershipStats {
    std::uint64_t joins_sent = 0;            // join messages broadcast (first sends and resends)
    std::uint64_t joins_received = 0;        // joins accepted (newer than the sender's last)
    std::uint64_t duplicate_joins = 0;       // joins whose sequence was not above the sender's last
    std::uint64_t stale_joins = 0;           // joins that arrived outside gather and were ignored
    std::uint64_t commit_tokens_received = 0;  // commit tokens accepted
    std::uint64_t duplicate_commit_tokens = 0;  // commit token copies (sequence not above the last)
    std::uint64_t rejected_commit_tokens = 0;  // commit tokens for a ring we are not forming
    std::uint64_t commit_retransmits = 0;    // commit tokens resent after the retransmit timeout
    std::uint64_t gather_restarts = 0;       // returns to gather (lost commit token, new daemon)
    std::uint64_t rings_formed = 0;          // regular configurations installed
    std::uint64_t consensus_timeouts = 0;    // daemons moved to the failed set by the consensus timeout
    std::uint64_t malformed = 0;             // datagrams that failed to decode
    std::uint64_t foreign_cluster = 0;       // packets of another cluster
    std::uint64_t foreign_ring = 0;          // ring packets of a ring we are not on
    std::uint64_t token_losses = 0;          // token losses reported by the ring once operational
    std::uint64_t refused_submissions = 0;   // queued messages the stream refused at installation
};

}  // namespace braid::membership
