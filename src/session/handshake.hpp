// Codecs of the session handshake (section 2), before any framed message.
//
// The client sends a connect request (version, flags, private name), the
// daemon answers with its authentication method list, the client picks
// methods in a 90-byte choice, and the daemon sends the accept block with the
// session's private group name. Any refusal is one REJECT_* status byte and a
// close. All fields are single bytes or raw strings, so byte order plays no
// part here. Parsers look at everything received so far and say whether
// more bytes are needed, so input may arrive in pieces of any size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "session/constants.hpp"
#include "session/errors.hpp"

namespace braid::session {

// What the connect request said (section 2.2).
struct ConnectRequest {
    std::int8_t major = 0;        // client library major version (signed, as Spread reads it)
    std::int8_t minor = 0;        // client library minor version
    std::int8_t patch = 0;        // patch version; 0 when the library did not send one
    bool patch_sent = false;      // libraries from 3.15 send the patch byte
    bool membership = false;      // flags bit 0: the client wants membership messages
    int priority = 0;             // flags / 16; stored, has no effect (as in Spread)
    std::string private_name;     // 0..10 name bytes; empty asks the daemon to make one up

    // major*10000 + minor*100 + patch: what the version thresholds compare.
    int version() const { return major * 10000 + minor * 100 + patch; }
};

// Progress of an incremental parse.
enum class ParseStatus : std::uint8_t {
    need_more,  // the input so far is a valid prefix; wait for more bytes
    done,       // complete; `consumed` bytes belong to it
    rejected,   // invalid; `error` says why
};

struct ConnectParse {
    ParseStatus status = ParseStatus::need_more;  // how far parsing got
    std::size_t consumed = 0;                     // bytes of the request when done
    SessionError error = SessionError::none;      // reason when rejected
    ConnectRequest request;                       // the request when done
};

// Parses a connect request from the start of `in`: version check after the
// first two bytes, then length and name characters. Uniqueness is the
// caller's business.
ConnectParse parse_connect_request(std::span<const std::uint8_t> in);

// The one-byte status that refuses a session for `error` (REJECT_VERSION,
// REJECT_ILLEGAL_NAME, REJECT_NOT_UNIQUE, REJECT_AUTH or REJECT_QUOTA).
std::uint8_t reject_byte(SessionError error);

// The authentication method list: only NULL is offered: 05 "NULL ".
std::vector<std::uint8_t> encode_auth_list();

// Checks a 90-byte auth choice: slots are scanned from slot 0 up to the first
// empty one (at most all three); every name must be "NULL" and at least one
// must be present. Returns none or auth_refused.
SessionError check_auth_choice(std::span<const std::uint8_t, kAuthChoiceBytes> choice);

// Version the daemon announces in its accept block.
struct DaemonVersion {
    std::uint8_t major = 5;  // announced as Spread 5.0.1: libraries accept major >= 3
    std::uint8_t minor = 0;  // minor version
    std::uint8_t patch = 1;  // patch version, sent only to libraries from 3.15
};

// The accept block: 01, major, minor, [patch when with_patch], length, name.
std::vector<std::uint8_t> encode_accept(const DaemonVersion& version, bool with_patch,
                                        std::string_view private_group);

// A made-up private name "r<R>-<connection>" (R = random mod 9999), cut to
// 9 characters, for clients that sent an empty name.
std::string make_generated_name(std::uint32_t random, std::uint32_t connection);

}  // namespace braid::session
