// The ring's data packet: one payload broadcast with a ring sequence number.
//
// The payload is opaque to the ring (the delivery layer packs client
// messages into it). Layout after the header: sender u32, seq u64,
// payload length u32, payload bytes; nothing may follow the payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ring/types.hpp"
#include "wire/decode_error.hpp"
#include "wire/packet_header.hpp"

namespace braid::wire {

// Largest payload the codec accepts: well above any datagram, so it only
// rejects absurd length fields; the ring's own limit is configuration.
inline constexpr std::size_t kMaxPayload = 65000;

// Bytes a data packet adds around its payload.
inline constexpr std::size_t kDataOverhead = kHeaderSize + 16;

struct DataPacket {
    std::uint32_t cluster = 0;          // cluster tag (packet_header.hpp)
    ring::RingId ring;                  // ring the packet was sent on
    ring::DaemonId sender = 0;          // daemon that first broadcast it
    ring::Seq seq = 0;                  // ring sequence number, from 1
    std::vector<std::uint8_t> payload;  // opaque to the ring

    bool operator==(const DataPacket&) const = default;
};

std::vector<std::uint8_t> encode(const DataPacket& p);

// Rejects truncation, a length field that disagrees with the packet size,
// trailing bytes, sequence 0 and payloads above kMaxPayload.
Decoded<DataPacket> decode_data_packet(std::span<const std::uint8_t> packet);

}  // namespace braid::wire
