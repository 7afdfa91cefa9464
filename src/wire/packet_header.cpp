#include "wire/packet_header.hpp"

namespace braid::wire {

bool is_known_kind(std::uint8_t kind) {
    return kind >= static_cast<std::uint8_t>(PacketKind::data) &&
           kind <= static_cast<std::uint8_t>(PacketKind::presence);
}

std::uint32_t cluster_tag(std::string_view cluster_name) {
    std::uint32_t h = 2166136261u;
    for (char c : cluster_name) {
        h ^= static_cast<std::uint8_t>(c);
        h *= 16777619u;
    }
    return h;
}

void encode_header(Writer& w, const PacketHeader& h) {
    w.u16(kMagic);
    w.u8(kProtocolVersion);
    w.u8(static_cast<std::uint8_t>(h.kind));
    w.u32(h.cluster);
    w.u32(h.ring.representative);
    w.u64(h.ring.sequence);
}

Decoded<PacketHeader> decode_header(Reader& r) {
    const std::size_t start = r.offset();
    const std::uint16_t magic = r.u16();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (magic != kMagic) return DecodeError{DecodeErrorKind::bad_magic, start};
    const std::uint8_t version = r.u8();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (version != kProtocolVersion) return DecodeError{DecodeErrorKind::unsupported_version, start + 2};
    const std::uint8_t kind = r.u8();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (!is_known_kind(kind)) return DecodeError{DecodeErrorKind::unknown_kind, start + 3};
    PacketHeader h;
    h.kind = static_cast<PacketKind>(kind);
    h.cluster = r.u32();
    h.ring.representative = r.u32();
    h.ring.sequence = r.u64();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    return h;
}

Decoded<PacketHeader> peek_header(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    return decode_header(r);
}

}  // namespace braid::wire
