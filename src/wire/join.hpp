// The membership protocol's join message (gather state, DESIGN.md section 11).
//
// A daemon in gather broadcasts the set of daemons it is trying to form a
// ring with and the set it believes failed, and resends it every join
// timeout. Receivers merge the sets and count a join equal to their own as
// agreement. Each sender numbers its joins (join_seq) so a copy arriving on a
// second path, or late, is recognised and changes nothing. The header's ring
// id is the sender's last regular ring; max_ring_seq lets the representative
// pick a new ring sequence above every ring any member has seen.
//
// Layout after the header: sender u32, join_seq u64, max_ring_seq u64,
// member count u16 then that many u32 ids, failed count u16 then that many
// u32 ids. Both lists are strictly ascending; nothing may follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ring/types.hpp"
#include "wire/decode_error.hpp"
#include "wire/packet_header.hpp"

namespace braid::wire {

// Largest member or failed list a membership packet may carry: far above any
// real cluster, low enough that every membership packet fits a datagram.
inline constexpr std::size_t kMaxMembers = 128;

struct Join {
    std::uint32_t cluster = 0;              // cluster tag (packet_header.hpp)
    ring::RingId ring;                      // sender's last regular ring
    ring::DaemonId sender = 0;              // who is gathering
    std::uint64_t join_seq = 0;             // per-sender counter; a copy repeats it
    std::uint64_t max_ring_seq = 0;         // highest ring sequence the sender has seen
    std::vector<ring::DaemonId> members;    // daemons the sender tries to form a ring with, ascending
    std::vector<ring::DaemonId> failed;     // daemons the sender believes failed, ascending

    bool operator==(const Join&) const = default;
};

std::vector<std::uint8_t> encode(const Join& j);

// Rejects truncation, trailing bytes, lists above kMaxMembers and lists
// that are not strictly ascending.
Decoded<Join> decode_join(std::span<const std::uint8_t> packet);

// Shared by the membership codecs: a u16 count and strictly ascending u32 ids.
void encode_id_list(Writer& w, const std::vector<ring::DaemonId>& ids);
bool decode_id_list(Reader& r, std::vector<ring::DaemonId>& ids, DecodeError& error);

}  // namespace braid::wire
