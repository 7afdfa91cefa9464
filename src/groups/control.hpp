// The groups layer's control messages and their byte format.
//
// Joins, leaves and disconnects travel through the ring's total order so
// that every daemon applies them at the same point; after a regular
// configuration each daemon sends its local memberships (a state report) so
// that all members of the new configuration can compute the same merged
// views. They ride in delivery::Message bodies (kind group_control, AGREED).
//
// Body (integers big-endian; names are u8 length + bytes, at most 31):
//   u8 version (1), u8 kind (1 join, 2 leave, 3 disconnect, 4 state)
//   join, leave:  member name, group name
//   disconnect:   member name
//   state:        ring id (u32 representative, u64 sequence) the report is for,
//                 previous ring id (same layout), u8 last part (0 or 1),
//                 u16 group count, then per group: name, group id (3 x i32),
//                 u8 changed by the network (0 or 1), u16 member count, names,
//                 u16 count of members that joined in a transitional period, names.
// A report too large for one message is cut into parts; only the last part
// has the last flag. The decoder checks every length and value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "groups/types.hpp"
#include "ring/types.hpp"

namespace braid::groups {

inline constexpr std::uint8_t kControlVersion = 1;

// What a member request asks for.
enum class RequestKind : std::uint8_t {
    join = 1,        // add member to group
    leave = 2,       // remove member from group
    disconnect = 3,  // remove member from every group
};

// A session's join, leave or disconnect.
struct MemberRequest {
    RequestKind kind = RequestKind::join;  // what to do
    std::string member;                    // the session's private group
    std::string group;                     // the group (empty for disconnect)

    bool operator==(const MemberRequest&) const = default;
};

// One group as a daemon reports it in the state exchange.
struct ReportedGroup {
    std::string group;                 // group name
    GroupId id;                        // the view this daemon has of the group
    bool changed = false;              // the view lost members or was made in a transitional period
    std::vector<std::string> members;  // this daemon's own members of the group
    std::vector<std::string> late;     // of those, the ones that joined in a transitional period

    bool operator==(const ReportedGroup&) const = default;
};

// A daemon's local memberships, sent once per regular configuration.
struct StateReport {
    ring::RingId ring;                  // the regular configuration this report is for
    ring::RingId previous;              // the reporter's regular configuration before it
    bool last = true;                   // the final part of this daemon's report
    std::vector<ReportedGroup> groups;  // groups with members at the reporter

    bool operator==(const StateReport&) const = default;
};

using Control = std::variant<MemberRequest, StateReport>;

std::vector<std::uint8_t> encode_control(const Control& control);

// Where and why decode_control refused a body.
struct ControlError {
    std::size_t offset = 0;  // byte offset of the first problem
    std::string_view what;   // short description (static text)
};

std::optional<Control> decode_control(std::span<const std::uint8_t> bytes, ControlError& error);

// Cuts a report into parts whose encoded bodies stay under max_body bytes
// (a group's record is never split; one larger than max_body gets a part
// of its own). Every part but the last has last = false.
std::vector<StateReport> split_report(const StateReport& report, std::size_t max_body);

}  // namespace braid::groups
