// Values the groups engine takes in and hands out.
//
// The groups engine keeps Spread's process groups on top of the daemons' EVS
// configurations. Its inputs are configuration events and ordered ring
// deliveries (the same at every daemon of a configuration) plus local
// session requests; its outputs are control messages to submit to the ring
// and notices for local sessions. The notices carry exactly the fields the
// session layer's encoders need (shared/spread-client-protocol.md sections
// 5.2-5.5); the integrator copies them field by field, so that this layer
// does not depend on the session layer above it.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "delivery/message.hpp"
#include "ring/types.hpp"

namespace braid::groups {

// A group view's identity (section 5.3 layout): the ring id of the
// configuration in which the view was made, and a counter of views made in
// that configuration.
struct GroupId {
    std::int32_t proc_id = 0;  // word 0: the ring's representative
    std::int32_t time = 0;     // word 1: the ring's sequence (low 32 bits)
    std::int32_t index = 0;    // word 2: view counter within that ring, from 1

    auto operator<=>(const GroupId&) const = default;
};

// Why a regular membership was made (one CAUSED_BY_* bit on the wire).
enum class Cause : std::uint8_t {
    join,        // CAUSED_BY_JOIN
    leave,       // CAUSED_BY_LEAVE
    disconnect,  // CAUSED_BY_DISCONNECT
    network,     // CAUSED_BY_NETWORK
};

std::string_view cause_name(Cause cause);

// A configuration event from the membership protocol.
struct Configuration {
    ring::RingId ring;                     // the ring this configuration belongs to
    std::vector<ring::DaemonId> members;   // daemons of the configuration
};

// A regular membership for one receiving session (REG_MEMB_MESS).
struct RegularView {
    std::string group;                              // the group whose view changed
    Cause cause = Cause::join;                      // why
    GroupId id;                                     // the new view's id
    std::vector<std::string> members;               // private groups of the new view, in view order
    std::vector<std::vector<std::string>> vs_sets;  // light form: the changed member; network: by previous view
    std::size_t local_vs_set = 0;                   // index in vs_sets of the set holding the receiver

    bool operator==(const RegularView&) const = default;
};

// Outputs, in the order they must be acted on.

// A control message for the ring (AGREED, kind group_control).
struct Submit {
    delivery::Message message;  // ready for the delivery stream's submit()
};

// A client message for one local session.
struct DeliverData {
    std::string session;                               // receiver's private group
    std::shared_ptr<const delivery::Message> message;  // shared by all local receivers
};

// A regular membership for one local session.
struct DeliverMembership {
    std::string session;  // receiver's private group
    RegularView view;     // every field of the REG_MEMB_MESS
};

// A transitional membership (TRANSITION_MESS) for one local session.
struct DeliverTransitional {
    std::string session;  // receiver's private group
    std::string group;    // the affected group
    GroupId previous;     // the group's view id before the network change
};

// The self-leave notice for the session that left.
struct DeliverSelfLeave {
    std::string session;  // the leaver's private group
    std::string group;    // the group it left
};

// A line for the daemon's log (category "groups").
struct LogLine {
    bool warning = false;  // true for dropped input, false for information
    std::string text;      // the line
};

using Output = std::variant<Submit, DeliverData, DeliverMembership, DeliverTransitional,
                            DeliverSelfLeave, LogLine>;

}  // namespace braid::groups
