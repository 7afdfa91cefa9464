#include "wire/token.hpp"

namespace braid::wire {

std::vector<std::uint8_t> encode(const Token& t) {
    std::vector<std::uint8_t> out;
    out.reserve(kTokenFixedSize + 8 * t.retransmit_requests.size());
    Writer w(out);
    encode_header(w, PacketHeader{PacketKind::token, t.cluster, t.ring});
    w.u32(t.destination);
    w.u32(t.sender);
    w.u64(t.token_seq);
    w.u64(t.highest_seq);
    w.u64(t.aru);
    w.u8(t.aru_lowered_by ? 1 : 0);
    w.u32(t.aru_lowered_by.value_or(0));
    w.u32(t.flow_control);
    w.u16(static_cast<std::uint16_t>(t.retransmit_requests.size()));
    for (ring::Seq s : t.retransmit_requests) w.u64(s);
    return out;
}

Decoded<Token> decode_token(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    auto header = decode_header(r);
    if (!header.ok()) return header.error();
    if (header.value().kind != PacketKind::token) return DecodeError{DecodeErrorKind::wrong_kind, 3};
    Token t;
    t.cluster = header.value().cluster;
    t.ring = header.value().ring;
    t.destination = r.u32();
    t.sender = r.u32();
    t.token_seq = r.u64();
    t.highest_seq = r.u64();
    const std::size_t aru_at = r.offset();
    t.aru = r.u64();
    const std::size_t flag_at = r.offset();
    const std::uint8_t has_lowerer = r.u8();
    const std::uint32_t lowerer = r.u32();
    t.flow_control = r.u32();
    const std::size_t count_at = r.offset();
    const std::uint16_t count = r.u16();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (has_lowerer > 1 || (has_lowerer == 0 && lowerer != 0)) return DecodeError{DecodeErrorKind::inconsistent, flag_at};
    if (has_lowerer == 1) t.aru_lowered_by = lowerer;
    if (t.aru > t.highest_seq) return DecodeError{DecodeErrorKind::inconsistent, aru_at};
    if (count > kMaxRetransmitRequests) return DecodeError{DecodeErrorKind::too_many_requests, count_at};
    if (r.remaining() != std::size_t{count} * 8) return DecodeError{DecodeErrorKind::bad_length, count_at};
    t.retransmit_requests.reserve(count);
    for (std::uint16_t i = 0; i < count; ++i) {
        const std::size_t at = r.offset();
        const ring::Seq s = r.u64();
        if (s == 0 || s > t.highest_seq) return DecodeError{DecodeErrorKind::inconsistent, at};
        t.retransmit_requests.push_back(s);
    }
    return t;
}

}  // namespace braid::wire
