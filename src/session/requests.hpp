// Client requests after the handshake: validation and decoding (section 4).
//
// Every framed client message is a header, 32-byte group names and data. The
// header is validated as soon as its 48 bytes are in (section 4.3: any
// violation closes the session, nothing is sent back); the whole message is
// then turned into one typed request: a data multicast as the delivery
// layer's Message, a join, a leave or a disconnect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "delivery/message.hpp"
#include "session/header_codec.hpp"

namespace braid::session {

// Join the named group (the first group field; any others are ignored).
struct JoinRequest {
    std::string group;  // 1..31 name characters
    bool operator==(const JoinRequest&) const = default;
};

// Leave the named group.
struct LeaveRequest {
    std::string group;  // 1..31 name characters
    bool operator==(const LeaveRequest&) const = default;
};

// A data message to submit to the ring.
struct MulticastRequest {
    delivery::Message message;  // level, SELF_DISCARD, sender, groups, mess_type, body
    // Byte order of the sender's hint. Receivers learn the original sender's
    // order from the hint, which the daemon forwards unchanged (section 3.3);
    // delivery::Message has no field for it, so it travels beside it.
    ByteOrder hint_order = ByteOrder::little;
    bool operator==(const MulticastRequest&) const = default;
};

// KILL_MESS: the client is going away; nothing is sent back.
struct DisconnectRequest {
    bool operator==(const DisconnectRequest&) const = default;
};

// A join or leave that breaks the group name rules (section 8): ignored,
// reported so the daemon can log it; the session stays open.
struct IgnoredRequest {
    SessionError reason = SessionError::none;  // illegal_group_name or missing_group
    std::uint32_t kind = 0;                    // kJoin or kLeave
    std::string group;                         // the offending name as received
    std::string log_line;                      // who and why (filled in by the Session)
    bool operator==(const IgnoredRequest&) const = default;
};

using ClientRequest =
    std::variant<JoinRequest, LeaveRequest, MulticastRequest, DisconnectRequest, IgnoredRequest>;

// Section 4.3 checks on a decoded header, in the stock daemon's order:
// exactly one request kind, no daemon-only bits, sender is this session's
// private group on this daemon, 0..100 groups, clean hint, 0..144000 data
// bytes, data + 32 * groups <= 143952.
SessionError validate_request_header(const MessageHeader& header, std::string_view private_name,
                                     std::string_view daemon_name);

// Bytes that follow a validated header: 32 * num_groups + data_len.
std::size_t request_body_bytes(const MessageHeader& header);

// Decodes a validated message; `rest` holds exactly request_body_bytes()
// bytes. `private_group` becomes the multicast's sender.
ClientRequest decode_request(const MessageHeader& header, std::span<const std::uint8_t> rest,
                             std::string_view private_group);

// The service bit of a level (AGREED_MESS for agreed, ...).
std::uint32_t service_bit(delivery::ServiceLevel level);

}  // namespace braid::session
