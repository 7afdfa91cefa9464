#include "delivery/message.hpp"

namespace braid::delivery {

std::string_view level_name(ServiceLevel level) {
    switch (level) {
    case ServiceLevel::unreliable: return "UNRELIABLE";
    case ServiceLevel::reliable: return "RELIABLE";
    case ServiceLevel::fifo: return "FIFO";
    case ServiceLevel::causal: return "CAUSAL";
    case ServiceLevel::agreed: return "AGREED";
    case ServiceLevel::safe: return "SAFE";
    }
    return "INVALID";
}

std::string_view describe(SubmitError error) {
    switch (error) {
    case SubmitError::none: return "accepted";
    case SubmitError::too_large:
        return "message too large: data + 32 bytes per group exceeds 143952 bytes";
    case SubmitError::too_many_groups: return "too many destination groups (at most 100)";
    case SubmitError::group_name_too_long:
        return "destination group name longer than 31 bytes";
    case SubmitError::bad_sender: return "sender name empty or longer than 31 bytes";
    case SubmitError::bad_level: return "unknown service level";
    case SubmitError::closed: return "the ring configuration of this stream has ended";
    }
    return "unknown error";
}

SubmitError validate(const Message& message) {
    const auto level = static_cast<unsigned>(message.level);
    if (level < 1 || level > kServiceLevels) return SubmitError::bad_level;
    if (message.sender.empty() || message.sender.size() > kMaxGroupNameLength)
        return SubmitError::bad_sender;
    if (message.groups.size() > kMaxGroups) return SubmitError::too_many_groups;
    for (const auto& group : message.groups)
        if (group.size() > kMaxGroupNameLength) return SubmitError::group_name_too_long;
    // Compared this way round so that a huge body cannot overflow the sum.
    const std::size_t group_bytes = kGroupFieldBytes * message.groups.size();
    if (message.body.size() > kMaxMessageBytes - group_bytes) return SubmitError::too_large;
    return SubmitError::none;
}

std::string to_string(const MessageId& id) {
    return std::to_string(id.daemon) + ":" + std::to_string(id.number);
}

}  // namespace braid::delivery
