// Byte-order fix of membership bodies; see membership_body.hpp.
#include "client/membership_body.hpp"

#include <cstdint>

#include "client/frame.hpp"

namespace braid::client {
namespace {

// Swaps the word at `offset` in place; returns the swapped value.
std::optional<std::uint32_t> swap_at(ByteView& body, std::size_t offset, std::size_t len) {
    if (offset + 4 > len) return std::nullopt;
    auto w = body.word(offset);
    if (!w) return std::nullopt;
    const std::uint32_t v = swap32(*w);
    body.write(offset, &v, sizeof v);
    return v;
}

}  // namespace

void swap_membership_body(ByteView& body, std::size_t len) {
    for (std::size_t off = body_gid; off < body_num_vs_sets; off += 4) swap_at(body, off, len);
    const auto sets = swap_at(body, body_num_vs_sets, len);
    swap_at(body, body_local_offset, len);
    if (!sets) return;
    std::uint64_t off = body_vs_sets;
    for (std::uint32_t i = 0; i < *sets && off + 4 <= len; ++i) {
        const auto count = swap_at(body, static_cast<std::size_t>(off), len);
        if (!count) return;
        off += 4 + static_cast<std::uint64_t>(*count) * group_name_size;
    }
}

}  // namespace braid::client
