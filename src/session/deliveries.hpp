// Daemon-to-client frames that carry client messages (sections 5.1, 5.2,
// 5.5, 5.6): data deliveries, the self-leave notice and REJECT.
//
// `type`, `num_groups`, `data_len` and the integers of bodies are written
// in the daemon's byte order with the daemon's marker; `hint` is the
// original sender's, so a receiver learns the sender's byte order from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delivery/message.hpp"
#include "session/header_codec.hpp"

namespace braid::session {

// A delivered data message: the sender's full destination list, its hint
// written in `hint_order` (the original sender's), SELF_DISCARD kept.
std::vector<std::uint8_t> encode_data_message(const delivery::Message& message,
                                              ByteOrder hint_order, ByteOrder daemon_order);

// The notice a leaver gets for its own leave: CAUSED_BY_LEAVE alone, the
// group name as sender, no groups, no data (48 bytes).
std::vector<std::uint8_t> encode_self_leave(std::string_view group, ByteOrder daemon_order);

// A request the daemon refuses (access control or a full group).
struct RejectedRequest {
    std::uint32_t type = 0;            // original type bits (kJoin, kLeave or a service bit, flags)
    std::string sender;                // the requester's private group (also the receiver)
    std::vector<std::string> groups;   // original destination names
    HintBytes hint{};                  // original hint bytes
    std::vector<std::uint8_t> body;    // original data
};

// The REJECT message of section 5.6: REJECT_MESS, 4 bytes of old type, the
// original groups plus the sender's private group (the count stays at 100 and
// the last name is overwritten when already at 100), the original data.
// JOIN/LEAVE become CAUSED_BY_JOIN/LEAVE in the old type. nullopt when the
// original carried SELF_DISCARD: the sender is then skipped, nothing is sent.
std::optional<std::vector<std::uint8_t>> encode_reject(const RejectedRequest& request,
                                                       ByteOrder daemon_order);

// The RejectedRequest for a refused multicast.
RejectedRequest rejected_multicast(const delivery::Message& message, ByteOrder hint_order);

}  // namespace braid::session
