#include "wire/packet.hpp"

namespace braid::wire {

Decoded<Packet> decode_packet(std::span<const std::uint8_t> bytes) {
    auto header = peek_header(bytes);
    if (!header.ok()) return header.error();
    switch (header.value().kind) {
        case PacketKind::data: {
            auto d = decode_data_packet(bytes);
            if (!d.ok()) return d.error();
            return Packet{std::move(d.value())};
        }
        case PacketKind::token: {
            auto t = decode_token(bytes);
            if (!t.ok()) return t.error();
            return Packet{std::move(t.value())};
        }
        case PacketKind::join: {
            auto j = decode_join(bytes);
            if (!j.ok()) return j.error();
            return Packet{std::move(j.value())};
        }
        case PacketKind::commit_token: {
            auto c = decode_commit_token(bytes);
            if (!c.ok()) return c.error();
            return Packet{std::move(c.value())};
        }
        case PacketKind::presence: {
            auto p = decode_presence(bytes);
            if (!p.ok()) return p.error();
            return Packet{std::move(p.value())};
        }
    }
    return DecodeError{DecodeErrorKind::unknown_kind, 3};
}

}  // namespace braid::wire
