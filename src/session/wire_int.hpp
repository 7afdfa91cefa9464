// 32-bit integers in either byte order, read and written byte by byte.
//
// Spread clients write header integers in their own native order and say
// which with the endian marker; the daemon writes in its configured order.
// These helpers never cast structs or rely on the host's order, so the codec
// behaves the same on every machine.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "session/constants.hpp"

namespace braid::session {

// This host's order: the daemon's default for what it writes (section 5.1).
constexpr ByteOrder native_order() {
    return std::endian::native == std::endian::big ? ByteOrder::big : ByteOrder::little;
}

// Appends v in the given order.
inline void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v, ByteOrder order) {
    for (int i = 0; i < 4; ++i) {
        const int shift = order == ByteOrder::little ? 8 * i : 8 * (3 - i);
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

// Overwrites 4 bytes at `at` (which the caller has already reserved).
inline void patch_u32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t v,
                      ByteOrder order) {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t shift = order == ByteOrder::little ? 8 * i : 8 * (3 - i);
        out[at + i] = static_cast<std::uint8_t>(v >> shift);
    }
}

// Reads 4 bytes at `at`; the caller guarantees at + 4 <= in.size().
inline std::uint32_t get_u32(std::span<const std::uint8_t> in, std::size_t at, ByteOrder order) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t shift = order == ByteOrder::little ? 8 * i : 8 * (3 - i);
        v |= static_cast<std::uint32_t>(in[at + i]) << shift;
    }
    return v;
}

}  // namespace braid::session
