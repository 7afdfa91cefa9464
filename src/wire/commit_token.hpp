// The membership protocol's commit token (commit state, DESIGN.md section 11).
//
// Once gather reaches consensus, the representative (lowest id of the new
// member set) sends this token around the new ring twice. On the first
// rotation each member fills in its entry: the old ring it comes from and
// how far it had received there; on the second, every member knows every
// other's state and moves on. Each hop increments token_seq, so copies and
// late tokens are recognised like the ring's token.
//
// Layout after the header (whose ring id is the NEW ring): destination u32,
// sender u32, token_seq u64, rotation u8 (1 or 2), entry count u16, then per
// member in ring order: id u32, filled u8 (0/1), old ring representative
// u32, old ring sequence u64, old aru u64, old highest sequence u64 (all
// zero when not filled). Ids strictly ascending; nothing may follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ring/types.hpp"
#include "wire/decode_error.hpp"
#include "wire/packet_header.hpp"

namespace braid::wire {

// One member's line on the commit token.
struct CommitEntry {
    ring::DaemonId id = 0;        // the member
    bool filled = false;          // the member has written its state
    ring::RingId old_ring;        // the regular ring it comes from
    ring::Seq old_aru = 0;        // everything up to here received on the old ring
    ring::Seq old_highest = 0;    // highest sequence it knows of on the old ring

    bool operator==(const CommitEntry&) const = default;
};

struct CommitToken {
    std::uint32_t cluster = 0;          // cluster tag (packet_header.hpp)
    ring::RingId ring;                  // the ring being formed
    ring::DaemonId destination = 0;     // the member it is addressed to
    ring::DaemonId sender = 0;          // the member that forwarded it
    std::uint64_t token_seq = 0;        // +1 at every hop
    std::uint8_t rotation = 1;          // 1: members fill in; 2: members learn all
    std::vector<CommitEntry> entries;   // one per member, ascending id = ring order

    bool operator==(const CommitToken&) const = default;
};

std::vector<std::uint8_t> encode(const CommitToken& t);

// Rejects truncation, trailing bytes, a rotation other than 1 or 2, more
// than kMaxMembers entries or none, ids not strictly ascending, a filled
// flag above 1, and an unfilled entry with non-zero state.
Decoded<CommitToken> decode_commit_token(std::span<const std::uint8_t> packet);

}  // namespace braid::wire
