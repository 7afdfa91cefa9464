#include "session/client_side.hpp"

#include <algorithm>

#include "session/names.hpp"
#include "session/wire_int.hpp"

namespace braid::session {

std::vector<std::uint8_t> encode_connect_request(const DaemonVersion& library_version,
                                                 bool membership, int priority,
                                                 std::string_view private_name) {
    const std::size_t n = std::min(private_name.size(), kMaxPrivateName);
    std::vector<std::uint8_t> out{library_version.major, library_version.minor,
                                  library_version.patch};
    out.push_back(static_cast<std::uint8_t>((membership ? 0x01 : 0x00) | (priority >= 1 ? 0x10 : 0)));
    out.push_back(static_cast<std::uint8_t>(n));
    out.insert(out.end(), private_name.begin(), private_name.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

std::vector<std::uint8_t> encode_auth_choice(std::string_view method) {
    std::vector<std::uint8_t> out(kAuthChoiceBytes, 0);
    const std::size_t n = std::min(method.size(), kAuthNameBytes - 1);
    std::copy_n(method.begin(), n, out.begin());
    return out;
}

AcceptParse parse_accept(std::span<const std::uint8_t> in, bool with_patch) {
    AcceptParse p;
    if (in.empty()) return p;
    if (in[0] != kAcceptSession) {
        p.status = ParseStatus::rejected;
        p.reject = in[0];
        return p;
    }
    const std::size_t fixed = with_patch ? 5 : 4;
    if (in.size() < fixed) return p;
    p.block.major = in[1];
    p.block.minor = in[2];
    if (with_patch) p.block.patch = in[3];
    const std::size_t n = in[fixed - 1];
    if (n > kMaxGroupChars) {
        p.status = ParseStatus::rejected;
        p.reject = in[0];
        return p;
    }
    if (in.size() < fixed + n) return p;
    p.block.private_group.assign(in.begin() + static_cast<std::ptrdiff_t>(fixed),
                                 in.begin() + static_cast<std::ptrdiff_t>(fixed + n));
    p.status = ParseStatus::done;
    p.consumed = fixed + n;
    return p;
}

std::vector<std::uint8_t> encode_client_request(std::uint32_t type, std::string_view private_group,
                                                const std::vector<std::string>& groups,
                                                std::int16_t mess_type,
                                                std::span<const std::uint8_t> data,
                                                ByteOrder order) {
    std::vector<std::uint8_t> out;
    encode_header(out, type, private_group, static_cast<std::int32_t>(groups.size()),
                  encode_hint(mess_type, order), static_cast<std::int32_t>(data.size()), order);
    for (const auto& group : groups) put_name_field(out, group);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

DaemonFrameParse parse_daemon_frame(std::span<const std::uint8_t> in) {
    DaemonFrameParse p;
    if (in.size() < kHeaderBytes) return p;
    auto decoded = decode_header(in.first<kHeaderBytes>());
    const MessageHeader& h = decoded.header;
    if (decoded.error == SessionError::none && h.num_groups < 0)
        decoded.error = SessionError::bad_group_count;
    if (decoded.error == SessionError::none && h.data_len < 0)
        decoded.error = SessionError::bad_data_length;
    if (decoded.error != SessionError::none) {
        p.status = ParseStatus::rejected;
        p.error = decoded.error;
        return p;
    }
    const std::size_t extra = (h.type & kReject) ? 4 : 0;
    const std::size_t groups = static_cast<std::size_t>(h.num_groups);
    const std::size_t total =
        kHeaderBytes + extra + kGroupField * groups + static_cast<std::size_t>(h.data_len);
    if (in.size() < total) return p;
    std::size_t at = kHeaderBytes;
    if (extra) {
        p.frame.old_type = get_u32(in, at, h.order) & ~kEndianMarker;
        at += extra;
    }
    for (std::size_t i = 0; i < groups; ++i, at += kGroupField)
        p.frame.groups.push_back(name_from_field(in.subspan(at, kGroupField)));
    p.frame.data.assign(in.begin() + static_cast<std::ptrdiff_t>(at),
                        in.begin() + static_cast<std::ptrdiff_t>(total));
    p.frame.header = h;
    p.status = ParseStatus::done;
    p.consumed = total;
    return p;
}

std::optional<MembershipBody> decode_membership_body(std::span<const std::uint8_t> body,
                                                     ByteOrder order) {
    if (body.size() < 20) return std::nullopt;
    MembershipBody m;
    m.id.proc_id = static_cast<std::int32_t>(get_u32(body, 0, order));
    m.id.time = static_cast<std::int32_t>(get_u32(body, 4, order));
    m.id.index = static_cast<std::int32_t>(get_u32(body, 8, order));
    const std::uint32_t sets = get_u32(body, 12, order);
    m.local_vs_set_offset = get_u32(body, 16, order);
    std::size_t at = 20;
    for (std::uint32_t s = 0; s < sets; ++s) {
        if (body.size() - at < 4) return std::nullopt;
        const std::uint32_t count = get_u32(body, at, order);
        at += 4;
        if ((body.size() - at) / kGroupField < count) return std::nullopt;
        std::vector<std::string> set;
        for (std::uint32_t i = 0; i < count; ++i, at += kGroupField)
            set.push_back(name_from_field(body.subspan(at, kGroupField)));
        m.vs_sets.push_back(std::move(set));
    }
    if (at != body.size()) return std::nullopt;
    return m;
}

}  // namespace braid::session
