// The groups engine: Spread's process groups over EVS configurations
// (sans-I/O, one per daemon).
//
// Local session requests (join, leave, disconnect) become control messages
// for the ring and take effect only when the ring delivers them back, so
// every daemon applies them in the same total order and keeps the same
// group table. Delivered client data is routed to the local sessions that
// are members of a destination group or whose private group is addressed.
//
// Network changes: a transitional configuration removes the members of
// departed daemons and sends TRANSITION_MESS to the local members of every
// group that lost someone. A regular configuration starts a state exchange:
// each daemon submits its own members per group (a StateReport); when every
// daemon's report has been delivered, all daemons compute the same merged
// table and every local member of a changed group gets a CAUSED_BY_NETWORK
// view with vs sets (members grouped by the view they came from; one that
// joined during a transitional period gets a set of its own at the end,
// section 5.3). Ordered
// deliveries that arrive during the exchange are held and applied after it.
//
// Group ids: the ring id of the regular configuration the view was made in,
// plus a counter of views made in that configuration (1, 2, ... for all
// groups together, reset when an exchange completes). Member order: by the
// position of the member's daemon in the configured daemon list, then by
// name, as Spread orders them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "delivery/message.hpp"
#include "groups/control.hpp"
#include "groups/types.hpp"
#include "ring/types.hpp"

namespace braid::groups {

struct EngineSettings {
    ring::DaemonId self = 0;                // this daemon's id on the ring
    std::string daemon_name;                // this daemon's name (the part after the second '#')
    std::vector<std::string> daemon_order;  // configured daemon names, in configuration order
    std::size_t max_report_bytes = 100000;  // largest state report body before it is cut into parts
};

// One member of a group: a session somewhere in the configuration.
struct Member {
    std::string name;          // its private group "#name#daemon"
    ring::DaemonId daemon = 0; // the daemon the session is connected to
    bool late = false;         // joined in a transitional period: a vs set of its own at the next exchange

    bool operator==(const Member&) const = default;
};

// A group as every daemon of the configuration knows it.
struct Group {
    GroupId id;                   // current view's id
    std::vector<Member> members;  // in view order
    bool changed = false;         // lost members or changed in a transitional period: needs a network view
};

class Engine {
public:
    // Protocol steps.
    enum class State : std::uint8_t {
        no_configuration,  // before the first regular configuration: requests wait
        exchanging,        // regular configuration installed, state reports being collected
        operational,       // group table agreed: requests and data applied as delivered
    };

    explicit Engine(EngineSettings settings);

    // Local sessions. A session must be opened before its requests count;
    // disconnect() ends it (no more deliveries) and removes it from its
    // groups once the ring delivers the request.
    std::vector<Output> open_session(const std::string& session);
    std::vector<Output> join(const std::string& session, const std::string& group);
    std::vector<Output> leave(const std::string& session, const std::string& group);
    std::vector<Output> disconnect(const std::string& session);

    // Ordered inputs, in the configuration's total order.
    std::vector<Output> on_delivery(ring::DaemonId from, const delivery::Message& message);
    std::vector<Output> on_transitional(const Configuration& configuration);
    std::vector<Output> on_regular(const Configuration& configuration);

    State state() const { return state_; }
    const std::map<std::string, Group>& groups() const { return groups_; }
    bool in_transitional() const { return in_transitional_; }
    std::size_t held() const { return held_.size(); }
    const ring::RingId& current_ring() const { return current_ring_; }

    // Orders members as Spread does: daemon position, then name bytes.
    bool member_before(const std::string& a, const std::string& b) const;

private:
    // A delivery kept until the exchange completes.
    struct Held {
        ring::DaemonId from = 0;    // sending daemon
        delivery::Message message;  // as delivered
    };
    // One reporter's contribution to a group during the exchange.
    struct Contribution {
        ring::DaemonId daemon = 0;  // reporting daemon
        ring::RingId previous;      // its previous regular configuration
        ReportedGroup group;        // what it reported
    };

    std::vector<Output> local_request(const std::string& session, RequestKind kind,
                                      const std::string& group);
    void submit(const std::string& sender, const Control& control, std::vector<Output>& out);
    void dispatch(ring::DaemonId from, const delivery::Message& message, std::vector<Output>& out);
    void apply(ring::DaemonId from, const MemberRequest& request, std::vector<Output>& out);
    void apply_join(ring::DaemonId from, const MemberRequest& request, std::vector<Output>& out);
    void apply_leave(const MemberRequest& request, std::vector<Output>& out);
    void apply_disconnect(const MemberRequest& request, std::vector<Output>& out);
    // Removes `member` from `name`'s group, telling local members; erases an emptied group.
    void remove_member(const std::string& name, const std::string& member, Cause cause,
                       std::vector<Output>& out);
    void route(const delivery::Message& message, std::vector<Output>& out);
    void on_report(ring::DaemonId from, const StateReport& report, std::vector<Output>& out);
    void complete_exchange(std::vector<Output>& out);
    void abandon_exchange(std::vector<Output>& out);
    void drop_departed(const std::set<ring::DaemonId>& members, bool notify,
                       std::vector<Output>& out);
    void replay_held(std::vector<Output>& out);
    GroupId next_id();
    void sort_members(std::vector<Member>& members) const;
    std::vector<std::string> names(const std::vector<Member>& members) const;
    bool is_local_live(const Member& member) const;
    void log(bool warning, std::string text, std::vector<Output>& out) const;

    EngineSettings settings_;                    // identity and ordering
    State state_ = State::no_configuration;      // current step
    bool in_transitional_ = false;               // between a transitional and the next regular configuration
    std::set<ring::DaemonId> members_;           // daemons of the current (transitional or regular) configuration
    ring::RingId current_ring_;                  // last regular configuration
    ring::RingId previous_ring_;                 // the regular configuration before it
    ring::RingId view_ring_;                     // ring id written into new group ids
    std::int32_t counter_ = 0;                   // views made since view_ring_'s exchange
    std::map<std::string, Group> groups_;        // the group table
    std::set<std::string> live_;                 // local sessions still connected
    std::vector<MemberRequest> waiting_;         // local requests made before any configuration
    std::deque<Held> held_;                      // deliveries during the exchange
    std::map<std::string, std::vector<Contribution>> contributions_;  // exchange: per group
    std::set<ring::DaemonId> reported_;          // exchange: daemons whose last part arrived
};

}  // namespace braid::groups
