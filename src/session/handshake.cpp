#include "session/handshake.hpp"

#include <algorithm>
#include <array>

#include "session/names.hpp"

namespace braid::session {

namespace {

constexpr std::string_view kNullMethod = "NULL";

std::int8_t as_signed(std::uint8_t b) { return static_cast<std::int8_t>(b); }

}  // namespace

ConnectParse parse_connect_request(std::span<const std::uint8_t> in) {
    ConnectParse p;
    if (in.size() < 2) return p;
    ConnectRequest& r = p.request;
    r.major = as_signed(in[0]);
    r.minor = as_signed(in[1]);
    const int base = r.major * 10000 + r.minor * 100;
    if (base < kMinClientVersion) {
        p.status = ParseStatus::rejected;
        p.error = SessionError::version_too_old;
        return p;
    }
    std::size_t at = 2;
    r.patch_sent = base > kPatchByteAfter;
    if (r.patch_sent) {
        if (in.size() <= at) return p;
        r.patch = as_signed(in[at++]);
    }
    if (in.size() < at + 2) return p;
    const auto flags = as_signed(in[at++]);
    r.membership = (flags & 1) != 0;
    r.priority = flags / 16;
    const int length = as_signed(in[at++]);
    if (length < 0 || length > static_cast<int>(kMaxPrivateName)) {
        p.status = ParseStatus::rejected;
        p.error = SessionError::illegal_name_length;
        return p;
    }
    const auto n = static_cast<std::size_t>(length);
    if (in.size() < at + n) return p;
    r.private_name.assign(in.begin() + static_cast<std::ptrdiff_t>(at),
                          in.begin() + static_cast<std::ptrdiff_t>(at + n));
    if (n > 0 && check_private_name(r.private_name) != SessionError::none) {
        p.status = ParseStatus::rejected;
        p.error = SessionError::illegal_name_char;
        return p;
    }
    p.status = ParseStatus::done;
    p.consumed = at + n;
    return p;
}

std::uint8_t reject_byte(SessionError error) {
    switch (error) {
    case SessionError::version_too_old: return kRejectVersion;
    case SessionError::illegal_name_length:
    case SessionError::illegal_name_char: return kRejectIllegalName;
    case SessionError::name_not_unique: return kRejectNotUnique;
    case SessionError::too_many_sessions: return kRejectQuota;
    default: return kRejectAuth;
    }
}

std::vector<std::uint8_t> encode_auth_list() {
    // Each offered method name is followed by one space; the length byte
    // counts the whole list.
    std::string list(kNullMethod);
    list += ' ';
    std::vector<std::uint8_t> out(1 + list.size());
    out[0] = static_cast<std::uint8_t>(list.size());
    std::copy(list.begin(), list.end(), out.begin() + 1);
    return out;
}

SessionError check_auth_choice(std::span<const std::uint8_t, kAuthChoiceBytes> choice) {
    std::size_t named = 0;
    for (std::size_t slot = 0; slot < kAuthSlots; ++slot) {
        const auto field = std::span<const std::uint8_t>(choice).subspan(slot * kAuthNameBytes,
                                                                        kAuthNameBytes);
        if (field[0] == 0) break;
        const auto end = std::find(field.begin(), field.end(), std::uint8_t{0});
        const std::string name(field.begin(), end);
        if (name != kNullMethod) return SessionError::auth_refused;
        ++named;
    }
    return named == 0 ? SessionError::auth_refused : SessionError::none;
}

std::vector<std::uint8_t> encode_accept(const DaemonVersion& version, bool with_patch,
                                        std::string_view private_group) {
    std::vector<std::uint8_t> out{kAcceptSession, version.major, version.minor};
    if (with_patch) out.push_back(version.patch);
    const std::size_t n = std::min(private_group.size(), kMaxGroupChars);
    out.push_back(static_cast<std::uint8_t>(n));
    out.insert(out.end(), private_group.begin(),
               private_group.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

std::string make_generated_name(std::uint32_t random, std::uint32_t connection) {
    std::string name = "r" + std::to_string(random % 9999) + "-" + std::to_string(connection);
    if (name.size() > 9) name.resize(9);
    return name;
}

}  // namespace braid::session
