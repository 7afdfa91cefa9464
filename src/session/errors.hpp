// Why a client session was refused, closed, or had a request ignored.
//
// One code per rule of the client protocol (handshake rules of section 2,
// request validation of section 4.3, name rules of sections 7 and 8), so the
// daemon can count them and log a sentence that tells the operator what the
// client did wrong.
#pragma once

#include <cstdint>
#include <string_view>

namespace braid::session {

enum class SessionError : std::uint8_t {
    none = 0,               // no error
    // Handshake (answered with a one-byte REJECT_* then close).
    version_too_old,        // client library older than 3.1.0 (REJECT_VERSION)
    illegal_name_length,    // private name length byte above 10 or negative (REJECT_ILLEGAL_NAME)
    illegal_name_char,      // private name byte outside '$'..'~' (REJECT_ILLEGAL_NAME)
    name_not_unique,        // private name already used on this daemon (REJECT_NOT_UNIQUE)
    auth_refused,           // auth choice empty or names a method not offered (REJECT_AUTH)
    too_many_sessions,      // daemon at its session limit (REJECT_QUOTA)
    // Framed requests (the session is closed, nothing is sent).
    bad_endian_marker,      // `type` marker bits neither all set nor all clear
    bad_service_type,       // not exactly one of the nine request kinds
    forbidden_type_bits,    // membership, GROUPS_MESS, REJECT or other daemon-only bits
    bad_sender_name,        // sender field is not this session's "#name#daemon"
    bad_group_count,        // num_groups negative or above 100
    bad_hint,               // hint has bits outside the marker and mess_type
    bad_data_length,        // data_len negative or above 144000
    message_too_long,       // data_len + 32 * num_groups above 143952
    // Requests ignored without closing (section 8 recommends ignoring).
    illegal_group_name,     // join/leave group not 1..31 bytes of '$'..'~'
    missing_group,          // join/leave with no group field
    // Output side.
    slow_client,            // output queue reached max_session_messages
    // Transport.
    peer_closed,            // the client closed the connection or a read failed
};

// A sentence for the log, naming the rule that was broken.
std::string_view describe(SessionError error);

}  // namespace braid::session
