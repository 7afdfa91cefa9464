// Health of one path towards one peer, in one direction.
//
// The receive direction is judged here from evidence: copies that arrive
// in time are hits; copies that another path delivered and that did not
// arrive on this one within the grace lag are misses; K misses in a row, or
// silence on this path while the peer is heard on another one, make the link
// faulty. Silence alone (the peer heard nowhere) is a peer failure, which is
// the ring's business, not a path fault.
//
// The send direction cannot be observed locally: the peer's probe reports
// carry its receive verdict about us, and local send errors count against
// it as well.
//
// Both restore with hysteresis: a faulty receive link must show neither a
// miss nor a gap longer than two probe intervals for restore_after; a
// faulty send link needs an "up" report from the peer (whose own verdict
// already has hysteresis) and no send error for restore_after. So a path
// that flaps stays faulty while it flaps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "multipath/types.hpp"

namespace braid::multipath {

// A change of state, with the reason for the log.
struct Transition {
    PathState state = PathState::up;  // the new state
    std::string reason;               // why, in words an operator can act on
};

struct ReceiveLink {
    PathState state = PathState::up;  // current verdict
    Time since = kNever;              // when it last changed
    Time last_heard = kNever;         // last copy (any kind, even late) from the peer on this path
    Time clean_since = kNever;        // faulty: start of the current clean stretch
    std::uint32_t miss_run = 0;       // consecutive misses
    std::uint32_t heard = 0;          // copies heard, wrapping; reported back to the peer
    std::uint64_t misses = 0;         // misses ever
    std::uint64_t faults = 0;         // transitions to faulty

    // A copy arrived in time (first copy, or within the grace lag).
    void hit(Time now, Time restore_gap);
    // A copy arrived after its grace lag: the path is alive but not in step.
    void late(Time now, Time restore_gap);
    // Another path delivered a copy this one did not bring in time.
    std::optional<Transition> miss(Time now, std::uint32_t threshold);
    // Periodic check. peer_first_heard: when the peer was first heard on any
    // path; peer_last_heard: last time on any path.
    std::optional<Transition> check(Time now, Time peer_first_heard, Time peer_last_heard,
                                    const Settings& s);

private:
    void heard_at(Time now, Time restore_gap);
};

struct SendLink {
    PathState state = PathState::up;      // current verdict
    Time since = kNever;                  // when it last changed
    PathState reported = PathState::up;   // the peer's latest receive verdict about us
    bool have_report = false;             // a report from the peer has arrived
    std::uint32_t reported_heard = 0;     // copies the peer said it heard, at the last report
    std::uint32_t error_run = 0;          // send errors since the peer last heard something new
    Time last_error = kNever;             // last send error on the path
    std::uint64_t faults = 0;             // transitions to faulty

    std::optional<Transition> report(const PathState verdict, std::uint32_t heard, Time now,
                                     const Settings& s);
    std::optional<Transition> send_error(const std::string& what, Time now, const Settings& s);
    std::optional<Transition> check(Time now, const Settings& s);
};

}  // namespace braid::multipath
