// The header every daemon-to-daemon packet starts with.
//
// It says that this is a Braid packet (magic, version), what kind of packet
// follows, which cluster sent it and on which ring. The ring uses the cluster
// tag and ring id to reject foreign packets before looking further; the
// membership protocol will use a foreign ring id to detect other rings.
//
// Layout (big-endian): magic u16, version u8, kind u8, cluster tag u32,
// ring representative u32, ring sequence u64: 20 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "ring/types.hpp"
#include "wire/codec_primitives.hpp"
#include "wire/decode_error.hpp"

namespace braid::wire {

inline constexpr std::uint16_t kMagic = 0xB7A1;      // "Braid"; rejects stray datagrams
inline constexpr std::uint8_t kProtocolVersion = 1;  // bumped on any incompatible change
inline constexpr std::size_t kHeaderSize = 20;

// Packet kinds; the numbers never change meaning.
enum class PacketKind : std::uint8_t {
    data = 1,          // a broadcast data packet carrying one payload
    token = 2,         // the ring's token, unicast to the next member
    join = 3,          // membership: gather's join message, broadcast
    commit_token = 4,  // membership: the commit token, unicast around the new ring
    presence = 5,      // membership: merge detection, broadcast by a representative
};

bool is_known_kind(std::uint8_t kind);

struct PacketHeader {
    PacketKind kind = PacketKind::data;  // what follows the header
    std::uint32_t cluster = 0;           // tag of the sender's cluster (see cluster_tag)
    ring::RingId ring;                   // ring the packet belongs to

    bool operator==(const PacketHeader&) const = default;
};

// A 32-bit tag of a cluster name (FNV-1a); packets of another cluster are
// dropped. Authentication, not this tag, is what keeps out forged packets.
std::uint32_t cluster_tag(std::string_view cluster_name);

void encode_header(Writer& w, const PacketHeader& h);

// Reads and checks the header; on success the reader is positioned on the body.
Decoded<PacketHeader> decode_header(Reader& r);

// Only the header of a whole packet (used to dispatch on kind).
Decoded<PacketHeader> peek_header(std::span<const std::uint8_t> packet);

}  // namespace braid::wire
