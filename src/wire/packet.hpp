// Decoding any daemon packet: one entry point that dispatches on the kind.
//
// The receive path calls decode_packet() on every datagram and gets either a
// typed packet or a DecodeError; it never has to look at bytes itself.
#pragma once

#include <cstdint>
#include <span>
#include <variant>

#include "wire/commit_token.hpp"
#include "wire/data_packet.hpp"
#include "wire/decode_error.hpp"
#include "wire/join.hpp"
#include "wire/presence.hpp"
#include "wire/token.hpp"

namespace braid::wire {

using Packet = std::variant<DataPacket, Token, Join, CommitToken, Presence>;

Decoded<Packet> decode_packet(std::span<const std::uint8_t> bytes);

}  // namespace braid::wire
