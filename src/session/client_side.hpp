// The client's end of the protocol: what libspread and Java write, and
// readers for what the daemon sends back.
//
// The daemon does not need these; they exist so the client library, the
// byte-level compatibility tests and fuzzers use the same field layouts as
// the daemon's codecs, and so every frame can be checked in both directions
// (encode then decode gives back the same values).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "session/handshake.hpp"
#include "session/header_codec.hpp"
#include "session/membership.hpp"

namespace braid::session {

// A connect request as a >= 3.15 library writes it: three version bytes,
// flags (bit 0 membership, priority in the high nibble), length, name.
std::vector<std::uint8_t> encode_connect_request(const DaemonVersion& library_version,
                                                 bool membership, int priority,
                                                 std::string_view private_name);

// A 90-byte auth choice naming one method in slot 0.
std::vector<std::uint8_t> encode_auth_choice(std::string_view method);

// The accept block as a client reads it.
struct AcceptBlock {
    std::uint8_t major = 0;     // daemon major version
    std::uint8_t minor = 0;     // daemon minor version
    std::uint8_t patch = 0;     // daemon patch version (0 when not sent)
    std::string private_group;  // "#name#daemon"
};

struct AcceptParse {
    ParseStatus status = ParseStatus::need_more;  // how far parsing got
    std::size_t consumed = 0;                     // bytes of the block when done
    std::uint8_t reject = 0;                      // the status byte when rejected
    AcceptBlock block;                            // the block when done
};

// Reads an accept block (with the patch byte when with_patch); a first byte
// other than ACCEPT_SESSION is a refusal, and a name length above 31 too.
AcceptParse parse_accept(std::span<const std::uint8_t> in, bool with_patch);

// A framed client request in `order`: data (a service bit, maybe with
// SELF_DISCARD), JOIN, LEAVE or KILL.
std::vector<std::uint8_t> encode_client_request(std::uint32_t type, std::string_view private_group,
                                                const std::vector<std::string>& groups,
                                                std::int16_t mess_type,
                                                std::span<const std::uint8_t> data,
                                                ByteOrder order);

// One daemon -> client frame.
struct DaemonFrame {
    MessageHeader header;               // type without marker, sender = name or group
    std::uint32_t old_type = 0;         // REJECT only: the refused request's type, marker cleared
    std::vector<std::string> groups;    // group names (members, for memberships)
    std::vector<std::uint8_t> data;     // data or membership body
};

struct DaemonFrameParse {
    ParseStatus status = ParseStatus::need_more;  // how far parsing got
    std::size_t consumed = 0;                     // bytes of the frame when done
    SessionError error = SessionError::none;      // why it was rejected
    DaemonFrame frame;                            // the frame when done
};

// Reads one frame from the start of `in` (header, REJECT's old type, groups, data).
DaemonFrameParse parse_daemon_frame(std::span<const std::uint8_t> in);

// A regular membership body (section 5.3) read in `order`.
struct MembershipBody {
    GroupId id;                                     // the view's group id
    std::uint32_t local_vs_set_offset = 0;          // byte offset of the receiver's set
    std::vector<std::vector<std::string>> vs_sets;  // members by previous view
};

// nullopt when the body is shorter than its counts say or has bytes left over.
std::optional<MembershipBody> decode_membership_body(std::span<const std::uint8_t> body,
                                                     ByteOrder order);

}  // namespace braid::session
