#include "wire/presence.hpp"

namespace braid::wire {

std::vector<std::uint8_t> encode(const Presence& p) {
    std::vector<std::uint8_t> out;
    Writer w(out);
    encode_header(w, PacketHeader{PacketKind::presence, p.cluster, p.ring});
    w.u32(p.sender);
    return out;
}

Decoded<Presence> decode_presence(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    auto header = decode_header(r);
    if (!header.ok()) return header.error();
    if (header.value().kind != PacketKind::presence) return DecodeError{DecodeErrorKind::wrong_kind, 3};
    Presence p;
    p.cluster = header.value().cluster;
    p.ring = header.value().ring;
    p.sender = r.u32();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (r.remaining() != 0) return DecodeError{DecodeErrorKind::bad_length, r.offset()};
    return p;
}

}  // namespace braid::wire
