// Membership notices to clients (sections 5.3 and 5.4).
//
// A regular membership names the group in the sender field, lists the new
// view's members as group names, and carries a body of the group id, the vs
// sets and the offset of the receiver's own vs set. A transitional notice
// carries only the previous group id. Body integers are in the daemon's order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "session/constants.hpp"

namespace braid::session {

// A group view's identity; opaque to clients, different for every view.
struct GroupId {
    std::int32_t proc_id = 0;  // word 0 (Spread: the daemon membership's id)
    std::int32_t time = 0;     // word 1 (Spread: the daemon membership's time)
    std::int32_t index = 0;    // word 2 (Spread: 1 for a new group, +1 per change)
    bool operator==(const GroupId&) const = default;
};

// What caused a regular membership (one CAUSED_BY_* bit).
enum class MembershipCause : std::uint8_t {
    join,        // CAUSED_BY_JOIN
    leave,       // CAUSED_BY_LEAVE
    disconnect,  // CAUSED_BY_DISCONNECT
    network,     // CAUSED_BY_NETWORK
};

struct RegularMembership {
    std::string group;                              // the group whose view changed
    MembershipCause cause = MembershipCause::join;  // why
    GroupId id;                                     // the new view's id
    std::vector<std::string> members;               // private groups of the new view, in view order
    std::vector<std::vector<std::string>> vs_sets;  // members grouped by previous view
    std::size_t local_vs_set = 0;                   // index in vs_sets of the receiver's daemon's set
};

// The light form used for join, leave and disconnect: one vs set holding the
// member that joined, left or was disconnected.
RegularMembership light_membership(std::string group, MembershipCause cause, GroupId id,
                                   std::vector<std::string> members, std::string changed_member);

// The REG_MEMB_MESS frame. local_vs_set_offset is the byte offset of
// vs_sets[local_vs_set] counted from the first set; when local_vs_set is not
// an index of vs_sets the offset is 0.
std::vector<std::uint8_t> encode_regular_membership(const RegularMembership& membership,
                                                    ByteOrder daemon_order);

// The TRANSITION_MESS frame: the group name and the previous group id (60 bytes).
std::vector<std::uint8_t> encode_transitional(std::string_view group, const GroupId& previous,
                                              ByteOrder daemon_order);

}  // namespace braid::session
