#include "session/deliveries.hpp"

#include <algorithm>

#include "session/names.hpp"
#include "session/requests.hpp"
#include "session/wire_int.hpp"

namespace braid::session {

std::vector<std::uint8_t> encode_data_message(const delivery::Message& message,
                                              ByteOrder hint_order, ByteOrder daemon_order) {
    std::vector<std::uint8_t> out;
    out.reserve(kHeaderBytes + kGroupField * message.groups.size() + message.body.size());
    std::uint32_t type = service_bit(message.level);
    if (message.self_discard) type |= kSelfDiscard;
    encode_header(out, type, message.sender, static_cast<std::int32_t>(message.groups.size()),
                  encode_hint(message.mess_type, hint_order),
                  static_cast<std::int32_t>(message.body.size()), daemon_order);
    for (const auto& group : message.groups) put_name_field(out, group);
    out.insert(out.end(), message.body.begin(), message.body.end());
    return out;
}

std::vector<std::uint8_t> encode_self_leave(std::string_view group, ByteOrder daemon_order) {
    std::vector<std::uint8_t> out;
    encode_header(out, kCausedByLeave, group, 0, encode_hint(0, daemon_order), 0, daemon_order);
    return out;
}

std::optional<std::vector<std::uint8_t>> encode_reject(const RejectedRequest& request,
                                                       ByteOrder daemon_order) {
    if (request.type & kSelfDiscard) return std::nullopt;
    std::uint32_t old_type = request.type & ~kEndianMarker;
    if (old_type & kJoin) old_type = (old_type & ~kJoin) | kCausedByJoin;
    if (old_type & kLeave) old_type = (old_type & ~kLeave) | kCausedByLeave;
    if (daemon_order == ByteOrder::little) old_type |= kEndianMarker;

    std::vector<std::string> groups = request.groups;
    if (groups.size() >= kMaxGroupsPerMessage) groups.resize(kMaxGroupsPerMessage - 1);
    groups.push_back(request.sender);

    std::vector<std::uint8_t> out;
    encode_header(out, kReject, request.sender, static_cast<std::int32_t>(groups.size()),
                  request.hint, static_cast<std::int32_t>(request.body.size()), daemon_order);
    put_u32(out, old_type, daemon_order);
    for (const auto& group : groups) put_name_field(out, group);
    out.insert(out.end(), request.body.begin(), request.body.end());
    return out;
}

RejectedRequest rejected_multicast(const delivery::Message& message, ByteOrder hint_order) {
    RejectedRequest r;
    r.type = service_bit(message.level) | (message.self_discard ? kSelfDiscard : 0);
    r.sender = message.sender;
    r.groups = message.groups;
    r.hint = encode_hint(message.mess_type, hint_order);
    r.body = message.body;
    return r;
}

}  // namespace braid::session
