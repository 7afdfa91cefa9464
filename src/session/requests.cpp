#include "session/requests.hpp"

#include <bit>

#include "session/names.hpp"

namespace braid::session {

namespace {

delivery::ServiceLevel level_of(std::uint32_t type) {
    using L = delivery::ServiceLevel;
    if (type & kUnreliable) return L::unreliable;
    if (type & kReliable) return L::reliable;
    if (type & kFifo) return L::fifo;
    if (type & kCausal) return L::causal;
    if (type & kAgreed) return L::agreed;
    return L::safe;
}

// A join or leave of the first group field, or why it is ignored.
ClientRequest membership_request(std::uint32_t kind, const MessageHeader& header,
                                 std::span<const std::uint8_t> rest) {
    if (header.num_groups < 1) return IgnoredRequest{SessionError::missing_group, kind, {}, {}};
    std::string group = name_from_field(rest.first(kGroupField));
    if (!is_valid_group_name(group))
        return IgnoredRequest{SessionError::illegal_group_name, kind, std::move(group), {}};
    if (kind == kJoin) return JoinRequest{std::move(group)};
    return LeaveRequest{std::move(group)};
}

}  // namespace

SessionError validate_request_header(const MessageHeader& header, std::string_view private_name,
                                     std::string_view daemon_name) {
    if (std::popcount(header.type & kRequestKinds) != 1) return SessionError::bad_service_type;
    if ((header.type & kForbiddenRequestBits) != 0) return SessionError::forbidden_type_bits;
    // Byte 31 is forced to NUL, as the stock daemon does.
    const auto sender = name_from_field(std::span<const std::uint8_t>(header.sender).first(31));
    const auto parts = parse_private_group(sender);
    if (!parts || parts->private_name != private_name || parts->daemon_name != daemon_name)
        return SessionError::bad_sender_name;
    if (header.num_groups < 0 || header.num_groups > static_cast<int>(kMaxGroupsPerMessage))
        return SessionError::bad_group_count;
    if (!hint_is_clean(header.hint)) return SessionError::bad_hint;
    if (header.data_len < 0 || header.data_len > static_cast<int>(kMaxMessageBodyLen))
        return SessionError::bad_data_length;
    if (request_body_bytes(header) > kMaxGroupsAndData) return SessionError::message_too_long;
    return SessionError::none;
}

std::size_t request_body_bytes(const MessageHeader& header) {
    return kGroupField * static_cast<std::size_t>(header.num_groups) +
           static_cast<std::size_t>(header.data_len);
}

ClientRequest decode_request(const MessageHeader& header, std::span<const std::uint8_t> rest,
                             std::string_view private_group) {
    if (header.type & kKill) return DisconnectRequest{};
    if (header.type & kJoin) return membership_request(kJoin, header, rest);
    if (header.type & kLeave) return membership_request(kLeave, header, rest);

    MulticastRequest m;
    m.message.level = level_of(header.type);
    m.message.self_discard = (header.type & kSelfDiscard) != 0;
    m.message.sender = std::string(private_group);
    m.message.mess_type = hint_mess_type(header.hint);
    m.hint_order = hint_order(header.hint);
    const auto groups = static_cast<std::size_t>(header.num_groups);
    for (std::size_t i = 0; i < groups; ++i) {
        // A 32-byte name without NUL can name no group (names are at most 31
        // bytes), so it is dropped like any other destination that matches
        // nothing (section 8).
        std::string name = name_from_field(rest.subspan(i * kGroupField, kGroupField));
        if (name.size() <= kMaxGroupChars) m.message.groups.push_back(std::move(name));
    }
    const auto data = rest.subspan(groups * kGroupField);
    m.message.body.assign(data.begin(), data.end());
    return m;
}

std::uint32_t service_bit(delivery::ServiceLevel level) {
    return std::uint32_t{1} << delivery::level_index(level);
}

}  // namespace braid::session
