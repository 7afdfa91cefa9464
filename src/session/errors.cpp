#include "session/errors.hpp"

namespace braid::session {

std::string_view describe(SessionError error) {
    switch (error) {
    case SessionError::none: return "no error";
    case SessionError::version_too_old: return "client library older than 3.1.0";
    case SessionError::illegal_name_length:
        return "private name length outside 0..10";
    case SessionError::illegal_name_char:
        return "private name has a byte outside '$'..'~'";
    case SessionError::name_not_unique: return "private name already in use on this daemon";
    case SessionError::auth_refused:
        return "authentication refused: only the NULL method is offered";
    case SessionError::too_many_sessions: return "daemon has reached its session limit";
    case SessionError::bad_endian_marker:
        return "endian marker in the message type is damaged";
    case SessionError::bad_service_type:
        return "message type must carry exactly one service or request kind";
    case SessionError::forbidden_type_bits:
        return "message type carries daemon-only bits (membership, groups, reject)";
    case SessionError::bad_sender_name:
        return "sender field is not this session's private group name";
    case SessionError::bad_group_count: return "number of groups outside 0..100";
    case SessionError::bad_hint: return "hint has bits outside the marker and mess_type";
    case SessionError::bad_data_length: return "data length outside 0..144000";
    case SessionError::message_too_long:
        return "message too long: data + 32 bytes per group exceeds 143952";
    case SessionError::illegal_group_name:
        return "group name must be 1..31 bytes in '$'..'~'";
    case SessionError::missing_group: return "join or leave names no group";
    case SessionError::slow_client: return "client is not reading: output queue full";
    case SessionError::peer_closed: return "connection closed by the client";
    }
    return "unknown session error";
}

}  // namespace braid::session
