// Building and sending one client->daemon message (protocol description
// section 4): header, group names and data in a single locked send.
#pragma once

#include <cstdint>
#include <span>

#include "client/session.hpp"

namespace braid::client {

// A piece of outgoing data.
struct DataPiece {
    const void* data;  // bytes to send
    std::size_t len;   // their count
};

// Sends a message of `type` to `groups` (32-byte fields, sent verbatim) under
// the session's send lock. Returns 0 or CONNECTION_CLOSED / NET_ERROR_ON_SESSION.
int send_message(Session& s, std::uint32_t type, std::span<const std::uint8_t> groups,
                 std::int16_t mess_type, std::span<const DataPiece> data);

}  // namespace braid::client
