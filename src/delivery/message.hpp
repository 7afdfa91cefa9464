// Client messages as the delivery layer sees them.
//
// A session hands the delivery stream a Message (service level, sender's
// private group, destination groups, body); the stream carries it around the
// ring and hands back Delivery records at every daemon. The limits below are
// the Spread daemon's (shared/spread-client-protocol.md sections 4.3 and
// 6.3), checked at submission so that an oversized message is refused with a
// result value instead of being cut or crashing a receiver.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ring/types.hpp"

namespace braid::delivery {

// Spread's six service levels, weakest first (the numeric order is used: a
// level "at least FIFO" is level >= fifo).
enum class ServiceLevel : std::uint8_t {
    unreliable = 1,  // no order; may be dropped (Braid still carries it reliably)
    reliable = 2,    // no order, delivered as soon as it is complete
    fifo = 3,        // in order per sender connection
    causal = 4,      // total order (Braid orders causal like agreed, as Spread does)
    agreed = 5,      // one total order, consistent with causality
    safe = 6,        // total order, delivered once every daemon has it
};

inline constexpr std::size_t kServiceLevels = 6;

// Index 0..5 of a level, for per-level counter arrays.
constexpr std::size_t level_index(ServiceLevel level) {
    return static_cast<std::size_t>(level) - 1;
}

// True for the levels that take part in the total order.
constexpr bool is_ordered(ServiceLevel level) {
    return level >= ServiceLevel::causal;
}

std::string_view level_name(ServiceLevel level);

// Limits of a client message (Spread's daemon validation rules).
inline constexpr std::size_t kMaxGroups = 100;            // MAX_GROUPS_PER_MESSAGE
inline constexpr std::size_t kMaxGroupNameLength = 31;    // 32-byte field with its NUL
inline constexpr std::size_t kGroupFieldBytes = 32;       // what each group costs on the client wire
inline constexpr std::size_t kMaxMessageBytes = 143952;   // body + 32 * groups

// What a ring message carries. Group control messages (joins, leaves,
// disconnects and the group-state exchange after a configuration change) go
// through the same total order as client data so that every daemon applies
// them at the same point, but they must never reach a client as data.
enum class MessageKind : std::uint8_t {
    data = 0,           // a client's multicast
    group_control = 1,  // the groups layer's own message (body in its format)
};

struct Message {
    ServiceLevel level = ServiceLevel::reliable;  // service requested by the sender
    MessageKind kind = MessageKind::data;         // client data or group control
    // The sending client's byte order (learned from its hint): receivers get
    // the hint in that order, so the session layer needs it at every daemon.
    bool sender_big_endian = false;
    bool self_discard = false;  // the sender's own session must not get a copy (the session layer drops it)
    std::string sender;         // sending connection's private group, e.g. "#alice#h1"
    std::vector<std::string> groups;  // destination group names, each at most 31 bytes
    std::int16_t mess_type = 0;       // application's message type, carried unchanged
    std::vector<std::uint8_t> body;   // application data

    bool operator==(const Message&) const = default;
};

// Why submit() refused a message.
enum class SubmitError : std::uint8_t {
    none = 0,             // accepted
    too_large,            // body + 32 * groups exceeds kMaxMessageBytes
    too_many_groups,      // more than kMaxGroups destinations
    group_name_too_long,  // a destination name longer than kMaxGroupNameLength
    bad_sender,           // sender name empty or longer than kMaxGroupNameLength
    bad_level,            // not one of the six service levels
    closed,               // the stream's configuration has ended (see Stream::close)
};

// A readable sentence for logs and the session layer.
std::string_view describe(SubmitError error);

// Checks the limits above; SubmitError::none when the message may be sent.
SubmitError validate(const Message& message);

// Identity of a message inside one ring configuration: the sending daemon and
// the number that daemon's stream gave it (1, 2, ... in submission order).
struct MessageId {
    ring::DaemonId daemon = 0;  // daemon whose stream accepted the message
    std::uint64_t number = 0;   // per-daemon submission number, from 1

    auto operator<=>(const MessageId&) const = default;
};

std::string to_string(const MessageId& id);

// What submit() returns: the message's id, or why it was refused.
struct SubmitResult {
    SubmitError error = SubmitError::none;  // none when accepted
    MessageId id{};                         // valid only when accepted

    bool ok() const { return error == SubmitError::none; }
};

// One message handed up at a daemon, in delivery order.
struct Delivery {
    MessageId id;      // sender daemon and its message number
    Message message;   // the message as submitted
    // Total-order position (ring sequence of the payload holding the message's
    // last fragment) for causal, agreed and safe messages; empty otherwise.
    std::optional<ring::Seq> position;
    // Ring sequences of every payload that carried part of the message, in
    // order (what "every daemon has the message" is about, for SAFE).
    std::vector<ring::Seq> packets;
};

}  // namespace braid::delivery
