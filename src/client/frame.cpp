// Header encoding and decoding; see frame.hpp.
#include "client/frame.hpp"

#include <bit>
#include <cstring>

namespace braid::client {
namespace {

// The marker is set by little-endian writers and clear for big-endian ones.
constexpr std::uint32_t native_marker =
    std::endian::native == std::endian::little ? endian_marker : 0u;

std::uint32_t load(const std::uint8_t* p) {
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

void store(std::uint8_t* p, std::uint32_t v) { std::memcpy(p, &v, sizeof v); }

// True when a word written by someone carries our marker convention.
bool same_order(std::uint32_t word) { return (word & endian_marker) == native_marker; }

}  // namespace

std::uint32_t swap32(std::uint32_t v) {
    return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

void encode_header(const Header& h, std::span<std::uint8_t, header_size> out) {
    std::uint8_t* p = out.data();
    store(p, (h.type & ~endian_marker) | native_marker);
    std::memcpy(p + 4, h.sender, group_name_size);
    store(p + 36, static_cast<std::uint32_t>(h.num_groups));
    const auto mt = static_cast<std::uint16_t>(h.mess_type);
    store(p + 40, (static_cast<std::uint32_t>(mt) << 8) | native_marker);
    store(p + 44, static_cast<std::uint32_t>(h.data_len));
}

Header decode_header(std::span<const std::uint8_t, header_size> in) {
    const std::uint8_t* p = in.data();
    Header h;
    std::uint32_t type = load(p);
    std::uint32_t num_groups = load(p + 36);
    std::uint32_t hint = load(p + 40);
    std::uint32_t data_len = load(p + 44);
    h.type_foreign = !same_order(type);
    if (h.type_foreign) {
        type = swap32(type);
        num_groups = swap32(num_groups);
        data_len = swap32(data_len);
    }
    h.hint_foreign = !same_order(hint);
    if (h.hint_foreign) hint = swap32(hint);
    h.type = type & ~endian_marker;
    std::memcpy(h.sender, p + 4, group_name_size);
    h.sender[group_name_size - 1] = '\0';
    h.num_groups = static_cast<std::int32_t>(num_groups);
    h.mess_type = static_cast<std::int16_t>(static_cast<std::uint16_t>((hint >> 8) & 0xffffu));
    h.data_len = static_cast<std::int32_t>(data_len);
    return h;
}

void put_name(std::string_view name, std::span<std::uint8_t, group_name_size> out) {
    std::memset(out.data(), 0, group_name_size);
    const std::size_t n = name.size() < group_name_size - 1 ? name.size() : group_name_size - 1;
    std::memcpy(out.data(), name.data(), n);
}

}  // namespace braid::client
