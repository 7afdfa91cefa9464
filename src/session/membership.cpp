#include "session/membership.hpp"

#include "session/header_codec.hpp"
#include "session/names.hpp"
#include "session/wire_int.hpp"

namespace braid::session {

namespace {

std::uint32_t cause_bit(MembershipCause cause) {
    switch (cause) {
    case MembershipCause::join: return kCausedByJoin;
    case MembershipCause::leave: return kCausedByLeave;
    case MembershipCause::disconnect: return kCausedByDisconnect;
    case MembershipCause::network: return kCausedByNetwork;
    }
    return kCausedByNetwork;
}

void put_group_id(std::vector<std::uint8_t>& out, const GroupId& id, ByteOrder order) {
    put_u32(out, static_cast<std::uint32_t>(id.proc_id), order);
    put_u32(out, static_cast<std::uint32_t>(id.time), order);
    put_u32(out, static_cast<std::uint32_t>(id.index), order);
}

}  // namespace

RegularMembership light_membership(std::string group, MembershipCause cause, GroupId id,
                                   std::vector<std::string> members, std::string changed_member) {
    RegularMembership m;
    m.group = std::move(group);
    m.cause = cause;
    m.id = id;
    m.members = std::move(members);
    m.vs_sets.push_back({std::move(changed_member)});
    m.local_vs_set = 0;
    return m;
}

std::vector<std::uint8_t> encode_regular_membership(const RegularMembership& membership,
                                                    ByteOrder daemon_order) {
    std::vector<std::uint8_t> body;
    put_group_id(body, membership.id, daemon_order);
    put_u32(body, static_cast<std::uint32_t>(membership.vs_sets.size()), daemon_order);
    std::uint32_t local_offset = 0;
    std::uint32_t offset = 0;
    for (std::size_t i = 0; i < membership.vs_sets.size(); ++i) {
        if (i == membership.local_vs_set) local_offset = offset;
        offset += static_cast<std::uint32_t>(4 + kGroupField * membership.vs_sets[i].size());
    }
    put_u32(body, local_offset, daemon_order);
    for (const auto& set : membership.vs_sets) {
        put_u32(body, static_cast<std::uint32_t>(set.size()), daemon_order);
        for (const auto& member : set) put_name_field(body, member);
    }

    std::vector<std::uint8_t> out;
    out.reserve(kHeaderBytes + kGroupField * membership.members.size() + body.size());
    encode_header(out, kRegMemb | cause_bit(membership.cause), membership.group,
                  static_cast<std::int32_t>(membership.members.size()),
                  encode_hint(0, daemon_order), static_cast<std::int32_t>(body.size()),
                  daemon_order);
    for (const auto& member : membership.members) put_name_field(out, member);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

std::vector<std::uint8_t> encode_transitional(std::string_view group, const GroupId& previous,
                                              ByteOrder daemon_order) {
    std::vector<std::uint8_t> out;
    encode_header(out, kTransition, group, 0, encode_hint(0, daemon_order), 12, daemon_order);
    put_group_id(out, previous, daemon_order);
    return out;
}

}  // namespace braid::session
