// Private names, private group names and group name fields.
//
// A session is known by its private name (1..10 bytes of '$'..'~', section
// 7) and reached through its private group "#name#daemon". Group names travel
// as 32-byte NUL-padded fields (section 8). These helpers apply those rules
// in one place so the handshake and the request decoder agree.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "session/errors.hpp"

namespace braid::session {

// True for the bytes allowed in private, daemon and group names ('$'..'~').
constexpr bool is_name_char(std::uint8_t c) { return c >= 0x24 && c <= 0x7E; }

// none, illegal_name_length (empty or longer than 10) or illegal_name_char.
SessionError check_private_name(std::string_view name);

// A join/leave group name: 1..31 bytes, each in '$'..'~'.
bool is_valid_group_name(std::string_view name);

// A daemon name usable in private groups: 1..19 bytes in '$'..'~'. The
// daemon should check its configured name with this before opening sessions.
bool is_valid_daemon_name(std::string_view name);

// "#<private>#<daemon>", cut to 31 characters as the stock daemon does.
std::string make_private_group(std::string_view private_name, std::string_view daemon_name);

// The two parts of a private group name.
struct PrivateGroupParts {
    std::string private_name;  // between the two '#'
    std::string daemon_name;   // after the second '#'
};

// Parses "#priv#proc" (priv 1..10, proc 1..19 name characters); nullopt if
// the name has another shape.
std::optional<PrivateGroupParts> parse_private_group(std::string_view name);

// The name held in a 32-byte field: the bytes before the first NUL (all 32
// when there is none).
std::string name_from_field(std::span<const std::uint8_t> field);

// Appends a 32-byte field holding `name` cut to 31 bytes, NUL-padded.
void put_name_field(std::vector<std::uint8_t>& out, std::string_view name);

}  // namespace braid::session
