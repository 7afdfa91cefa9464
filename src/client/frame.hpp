// Client-side framing of the Spread 4/5 client protocol (protocol description
// sections 3 and 4): the 48-byte message header with its endian marker and
// the hint word carrying mess_type. The library writes in its native order
// with its marker and decodes whatever order the daemon wrote. Sans-I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace braid::client {

inline constexpr std::size_t header_size = 48;       // bytes of every message header
inline constexpr std::size_t group_name_size = 32;   // bytes per group name on the wire
inline constexpr std::uint32_t endian_marker = 0x80000080u;
inline constexpr std::int32_t max_message_body = 144000;  // groups + data limit

// A header in host order, ready to be sent or just decoded.
struct Header {
    std::uint32_t type = 0;             // service bits, marker cleared
    char sender[group_name_size] = {};  // private group (data) or group name (membership)
    std::int32_t num_groups = 0;        // group names that follow
    std::int16_t mess_type = 0;         // application message type from the hint
    bool hint_foreign = false;          // the original sender's byte order differs
    bool type_foreign = false;          // the daemon's byte order differs (body swap)
    std::int32_t data_len = 0;          // data bytes after the group names
};

// Writes `h` into `out` in native order with the native marker.
void encode_header(const Header& h, std::span<std::uint8_t, header_size> out);

// Reads a header in either byte order; never fails (every bit pattern is a header).
Header decode_header(std::span<const std::uint8_t, header_size> in);

// Copies a C string into a zero-padded 32-byte name field (at most 31 bytes kept).
void put_name(std::string_view name, std::span<std::uint8_t, group_name_size> out);

// Swaps the bytes of a 32-bit word.
std::uint32_t swap32(std::uint32_t v);

}  // namespace braid::client
