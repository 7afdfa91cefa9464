#include "wire/join.hpp"

namespace braid::wire {

void encode_id_list(Writer& w, const std::vector<ring::DaemonId>& ids) {
    w.u16(static_cast<std::uint16_t>(ids.size()));
    for (ring::DaemonId id : ids) w.u32(id);
}

bool decode_id_list(Reader& r, std::vector<ring::DaemonId>& ids, DecodeError& error) {
    const std::size_t count_at = r.offset();
    const std::uint16_t count = r.u16();
    if (r.failed()) {
        error = DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
        return false;
    }
    if (count > kMaxMembers) {
        error = DecodeError{DecodeErrorKind::bad_length, count_at};
        return false;
    }
    ids.clear();
    ids.reserve(count);
    for (std::uint16_t i = 0; i < count; ++i) {
        const std::size_t at = r.offset();
        const ring::DaemonId id = r.u32();
        if (r.failed()) {
            error = DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
            return false;
        }
        if (!ids.empty() && id <= ids.back()) {
            error = DecodeError{DecodeErrorKind::inconsistent, at};
            return false;
        }
        ids.push_back(id);
    }
    return true;
}

std::vector<std::uint8_t> encode(const Join& j) {
    std::vector<std::uint8_t> out;
    Writer w(out);
    encode_header(w, PacketHeader{PacketKind::join, j.cluster, j.ring});
    w.u32(j.sender);
    w.u64(j.join_seq);
    w.u64(j.max_ring_seq);
    encode_id_list(w, j.members);
    encode_id_list(w, j.failed);
    return out;
}

Decoded<Join> decode_join(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    auto header = decode_header(r);
    if (!header.ok()) return header.error();
    if (header.value().kind != PacketKind::join) return DecodeError{DecodeErrorKind::wrong_kind, 3};
    Join j;
    j.cluster = header.value().cluster;
    j.ring = header.value().ring;
    j.sender = r.u32();
    j.join_seq = r.u64();
    j.max_ring_seq = r.u64();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    DecodeError error;
    if (!decode_id_list(r, j.members, error)) return error;
    if (!decode_id_list(r, j.failed, error)) return error;
    if (r.remaining() != 0) return DecodeError{DecodeErrorKind::bad_length, r.offset()};
    return j;
}

}  // namespace braid::wire
