#include "wire/data_packet.hpp"

namespace braid::wire {

std::vector<std::uint8_t> encode(const DataPacket& p) {
    std::vector<std::uint8_t> out;
    out.reserve(kDataOverhead + p.payload.size());
    Writer w(out);
    encode_header(w, PacketHeader{PacketKind::data, p.cluster, p.ring});
    w.u32(p.sender);
    w.u64(p.seq);
    w.u32(static_cast<std::uint32_t>(p.payload.size()));
    w.bytes(p.payload);
    return out;
}

Decoded<DataPacket> decode_data_packet(std::span<const std::uint8_t> packet) {
    Reader r(packet);
    auto header = decode_header(r);
    if (!header.ok()) return header.error();
    if (header.value().kind != PacketKind::data) return DecodeError{DecodeErrorKind::wrong_kind, 3};
    DataPacket p;
    p.cluster = header.value().cluster;
    p.ring = header.value().ring;
    p.sender = r.u32();
    const std::size_t seq_at = r.offset();
    p.seq = r.u64();
    const std::size_t length_at = r.offset();
    const std::uint32_t length = r.u32();
    if (r.failed()) return DecodeError{DecodeErrorKind::truncated, r.fail_offset()};
    if (p.seq == 0) return DecodeError{DecodeErrorKind::inconsistent, seq_at};
    if (length > kMaxPayload || length != r.remaining()) return DecodeError{DecodeErrorKind::bad_length, length_at};
    auto body = r.bytes(length);
    p.payload.assign(body.begin(), body.end());
    return p;
}

}  // namespace braid::wire
