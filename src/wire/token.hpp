// The ring's token: the right to send, and the ring's shared bookkeeping.
//
// It is unicast from each member to the next in ring order. Every hop
// increments the token sequence (64 bits, never wraps), so a duplicate or a
// late copy of an old token is recognised by it alone (DESIGN.md section 9).
//
// Layout after the header: destination u32, sender u32, token sequence u64,
// highest sequence u64, aru u64, aru-lowered-by flag u8 and id u32 (zero
// when the flag is clear, so every token has exactly one encoding),
// flow-control count u32, request count u16, then that many u64 sequence
// numbers; nothing may follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ring/types.hpp"
#include "wire/decode_error.hpp"
#include "wire/packet_header.hpp"

namespace braid::wire {

// Protocol limit on the retransmission request list, so a token always fits
// in one datagram (1024 * 8 bytes plus the fixed part).
inline constexpr std::size_t kMaxRetransmitRequests = 1024;

// Size of a token without retransmission requests.
inline constexpr std::size_t kTokenFixedSize = kHeaderSize + 4 + 4 + 8 + 8 + 8 + 1 + 4 + 4 + 2;

struct Token {
    std::uint32_t cluster = 0;                    // cluster tag (packet_header.hpp)
    ring::RingId ring;                            // ring the token circulates on
    ring::DaemonId destination = 0;               // the member it is addressed to
    ring::DaemonId sender = 0;                    // the member that forwarded it
    std::uint64_t token_seq = 0;                  // +1 at every hop; strictly increasing
    ring::Seq highest_seq = 0;                    // highest data sequence sent on the ring
    ring::Seq aru = 0;                            // all-received-up-to, lowered by members missing packets
    std::optional<ring::DaemonId> aru_lowered_by;  // who lowered aru; empty when nobody holds it down
    std::uint32_t flow_control = 0;               // packets broadcast during the last rotation
    std::vector<ring::Seq> retransmit_requests;   // sequences some member is missing

    bool operator==(const Token&) const = default;
};

std::vector<std::uint8_t> encode(const Token& t);

// Rejects truncation, trailing bytes, a request list longer than the limit
// or than the packet, aru above the highest sequence, and requests for
// sequence 0 or above the highest sequence.
Decoded<Token> decode_token(std::span<const std::uint8_t> packet);

}  // namespace braid::wire
