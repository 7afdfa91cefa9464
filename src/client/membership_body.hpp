// The Spread 4/5 regular-membership body (protocol description 5.3): group
// id, vs-set count, offset of the local vs set, then the vs sets. Offsets of
// the fields and the byte-order fix the library applies on receipt.
#pragma once

#include <cstddef>

#include "client/byte_view.hpp"

namespace braid::client {

inline constexpr std::size_t body_gid = 0;             // 3 x int32 group id
inline constexpr std::size_t body_num_vs_sets = 12;    // uint32
inline constexpr std::size_t body_local_offset = 16;   // uint32, relative to body_vs_sets
inline constexpr std::size_t body_vs_sets = 20;        // first vs set

// Byte-swaps every integer of a regular membership body written in the other
// byte order, as far as `len` bytes of it are present.
void swap_membership_body(ByteView& body, std::size_t len);

}  // namespace braid::client
