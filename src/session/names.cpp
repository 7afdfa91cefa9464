#include "session/names.hpp"

#include <algorithm>

#include "session/constants.hpp"

namespace braid::session {

namespace {

bool all_name_chars(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return is_name_char(static_cast<std::uint8_t>(c)); });
}

}  // namespace

SessionError check_private_name(std::string_view name) {
    if (name.empty() || name.size() > kMaxPrivateName) return SessionError::illegal_name_length;
    if (!all_name_chars(name)) return SessionError::illegal_name_char;
    return SessionError::none;
}

bool is_valid_group_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxGroupChars && all_name_chars(name);
}

bool is_valid_daemon_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxProcName && all_name_chars(name);
}

std::string make_private_group(std::string_view private_name, std::string_view daemon_name) {
    std::string group;
    group.reserve(2 + private_name.size() + daemon_name.size());
    group += '#';
    group += private_name;
    group += '#';
    group += daemon_name;
    if (group.size() > kMaxGroupChars) group.resize(kMaxGroupChars);
    return group;
}

std::optional<PrivateGroupParts> parse_private_group(std::string_view name) {
    if (name.empty() || name.front() != '#') return std::nullopt;
    const auto second = name.find('#', 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto priv = name.substr(1, second - 1);
    const auto proc = name.substr(second + 1);
    if (priv.empty() || priv.size() > kMaxPrivateName) return std::nullopt;
    if (proc.empty() || proc.size() > kMaxProcName) return std::nullopt;
    if (!all_name_chars(priv) || !all_name_chars(proc)) return std::nullopt;
    return PrivateGroupParts{std::string(priv), std::string(proc)};
}

std::string name_from_field(std::span<const std::uint8_t> field) {
    const auto end = std::find(field.begin(), field.end(), std::uint8_t{0});
    return std::string(field.begin(), end);
}

void put_name_field(std::vector<std::uint8_t>& out, std::string_view name) {
    const std::size_t n = std::min(name.size(), kMaxGroupChars);
    out.insert(out.end(), name.begin(), name.begin() + static_cast<std::ptrdiff_t>(n));
    out.insert(out.end(), kGroupField - n, std::uint8_t{0});
}

}  // namespace braid::session
