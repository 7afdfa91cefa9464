// The data link frame: what every daemon-to-daemon datagram starts with.
//
// Its job is to keep foreign traffic out before anything parses it: a frame
// of another protocol, another format version or another cluster sharing
// the network (or the port) is dropped and counted by reason, never passed
// up. Encoding is explicit big-endian, byte by byte; decoding checks every
// length before reading.
//
//   offset size field
//   0      4    magic "BRDL" (0x42 0x52 0x44 0x4C)
//   4      1    format version (kFrameVersion = 1)
//   5      1    tag length: bytes of authentication tag after the header.
//               Version 1 carries no tag (0); the field exists so that
//               authentication adds a tag without moving the payload's
//               framing. A non-zero length is refused until then.
//   6      2    reserved, zero (refused otherwise, so it can gain a meaning)
//   8      8    cluster identifier (cluster_id())
//   16     t    authentication tag (t = tag length, 0 in version 1)
//   16+t   ...  payload: the multipath layer's datagram, opaque here
//
// Cluster identifier: 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime
// 0x100000001b3) over the bytes of the cluster name followed by the port as
// two big-endian bytes. It tells clusters apart; it is not a secret and not
// authentication.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace braid::datalink {

inline constexpr std::array<std::uint8_t, 4> kFrameMagic = {0x42, 0x52, 0x44, 0x4C};
inline constexpr std::uint8_t kFrameVersion = 1;
inline constexpr std::size_t kFrameHeaderSize = 16;
// Largest IPv4 UDP payload, frame included.
inline constexpr std::size_t kMaxDatagram = 65507;
inline constexpr std::size_t kMaxPayload = kMaxDatagram - kFrameHeaderSize;

// The cluster identifier of a cluster name and daemon port (see above).
std::uint64_t cluster_id(std::string_view name, std::uint16_t port);

using FrameHeader = std::array<std::uint8_t, kFrameHeaderSize>;

// The header to put in front of every payload of a cluster.
FrameHeader encode_frame_header(std::uint64_t cluster);

// Why a received datagram was dropped. Also indexes the per-path drop counters.
enum class DropReason : std::uint8_t {
    truncated,        // shorter than the header (or than header + tag)
    bad_magic,        // not a Braid frame
    bad_version,      // a format version this daemon does not speak
    foreign_cluster,  // another cluster's identifier
    bad_reserved,     // reserved bytes not zero
    unexpected_tag,   // carries an authentication tag; version 1 has none
    oversize,         // larger than the receive buffer (cut by the kernel)
    count_            // number of reasons, not a reason
};
inline constexpr std::size_t kDropReasonCount = static_cast<std::size_t>(DropReason::count_);
const char* to_string(DropReason reason);

// A decoded frame: either the payload, or why it was refused.
struct DecodedFrame {
    bool ok = false;                         // payload is valid
    DropReason reason = DropReason::truncated;  // set when !ok
    std::span<const std::uint8_t> payload;   // points into the datagram when ok
};

// Checks a datagram against this cluster and returns its payload.
DecodedFrame decode_frame(std::span<const std::uint8_t> datagram, std::uint64_t cluster);

}  // namespace braid::datalink
