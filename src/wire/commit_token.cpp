#include "wire/commit_token.hpp"

#include "wire/join.hpp"

namespace braid::wire {

std::vector<std::uint8_t> encode(const CommitToken& t) {
    std::vector<std::uint8_t> out;
    Writer w(out);
    encode_header(w, PacketHeader{PacketKind::commit_token, t.cluster, t.ring});
    w.u32(t.destination);
    w.u32(t.sender);
    w.u64(t.token_seq);
    w.u8(t.rotation);
    w.u16(static_cast<std::uint16_t>(t.entries.size()));
    for (const CommitEntry& e : t.entries) {
        w.u32(e.id);
        w.u8(e.filled ? 1 : 0);
        w.u32(e.old_ring.representative);
        w.u64(e.old_ring.sequence);
        w.u64(e.old_aru);
        w.u64(e.old_highest);
    }
    return out;
}

Decoded<CommitToken> decode_commit_token(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    auto header = decode_header(r);
    if (!header.ok()) return header.error();
    if (header.value().kind != PacketKind::commit_token) return DecodeError{DecodeErrorKind::wrong_kind, 3};
    CommitToken t;
    t.cluster = header.value().cluster;
    t.ring = header.value().ring;
    t.destination = r.u32();
    t.sender = r.u32();
    t.token_seq = r.u64();
    const std::size_t rotation_at = r.offset();
    t.rotation = r.u8();
    const std::size_t count_at = r.offset();
    const std::uint16_t count = r.u16();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (t.rotation != 1 && t.rotation != 2) return DecodeError{DecodeErrorKind::inconsistent, rotation_at};
    if (count == 0 || count > kMaxMembers) return DecodeError{DecodeErrorKind::bad_length, count_at};
    t.entries.reserve(count);
    for (std::uint16_t i = 0; i < count; ++i) {
        const std::size_t at = r.offset();
        CommitEntry e;
        e.id = r.u32();
        const std::size_t flag_at = r.offset();
        const std::uint8_t filled = r.u8();
        e.old_ring.representative = r.u32();
        e.old_ring.sequence = r.u64();
        e.old_aru = r.u64();
        e.old_highest = r.u64();
        if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
        if (!t.entries.empty() && e.id <= t.entries.back().id) return DecodeError{DecodeErrorKind::inconsistent, at};
        if (filled > 1) return DecodeError{DecodeErrorKind::inconsistent, flag_at};
        e.filled = filled == 1;
        if (!e.filled && (e.old_ring != ring::RingId{} || e.old_aru != 0 || e.old_highest != 0))
            return DecodeError{DecodeErrorKind::inconsistent, flag_at};
        if (e.old_aru > e.old_highest) return DecodeError{DecodeErrorKind::inconsistent, flag_at};
        t.entries.push_back(e);
    }
    if (r.remaining() != 0) return DecodeError{DecodeErrorKind::bad_length, r.offset()};
    return t;
}

}  // namespace braid::wire
