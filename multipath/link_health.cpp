// Per-direction path health state machines (see link_health.hpp).
#include "multipath/link_health.hpp"

#include <algorithm>

namespace braid::multipath {
namespace {

std::string ms(Time us) { return std::to_string(us / 1000) + " ms"; }

Transition fault(PathState& state, Time& since, std::uint64_t& faults, Time now, std::string why) {
    state = PathState::faulty;
    since = now;
    ++faults;
    return Transition{PathState::faulty, std::move(why)};
}

}  // namespace

void ReceiveLink::heard_at(Time now, Time restore_gap) {
    // A faulty link that was silent for more than the gap was not clean.
    if (state == PathState::faulty && (last_heard == kNever || now - last_heard > restore_gap))
        clean_since = now;
    last_heard = now;
    ++heard;
}

void ReceiveLink::hit(Time now, Time restore_gap) {
    heard_at(now, restore_gap);
    miss_run = 0;
}

void ReceiveLink::late(Time now, Time restore_gap) { heard_at(now, restore_gap); }

std::optional<Transition> ReceiveLink::miss(Time now, std::uint32_t threshold) {
    ++misses;
    if (state == PathState::faulty) {
        clean_since = now;
        return std::nullopt;
    }
    if (++miss_run < threshold) return std::nullopt;
    miss_run = 0;
    clean_since = now;
    return fault(state, since, faults, now,
                 "missed " + std::to_string(threshold) + " consecutive copies that other paths delivered");
}

std::optional<Transition> ReceiveLink::check(Time now, Time peer_first_heard, Time peer_last_heard,
                                             const Settings& s) {
    const Time restore_gap = 2 * s.probe_interval;
    if (state == PathState::up) {
        if (peer_first_heard == kNever) return std::nullopt;
        const Time reference = std::max(last_heard, peer_first_heard);
        const bool peer_alive = peer_last_heard != kNever && now - peer_last_heard <= s.silence_timeout;
        if (peer_alive && now - reference > s.silence_timeout) {
            miss_run = 0;
            clean_since = now;
            return fault(state, since, faults, now,
                         "nothing heard for " + ms(now - reference) + " while other paths work");
        }
        return std::nullopt;
    }
    if (last_heard == kNever || now - last_heard > restore_gap) {
        clean_since = now;
        return std::nullopt;
    }
    if (now - clean_since < s.restore_after) return std::nullopt;
    state = PathState::up;
    since = now;
    miss_run = 0;
    return Transition{PathState::up, "copies arrive again, clean for " + ms(now - clean_since)};
}

std::optional<Transition> SendLink::report(const PathState verdict, std::uint32_t heard, Time now,
                                           const Settings& s) {
    // The peer heard something new from us on this path: the sends work.
    if (!have_report || heard != reported_heard) error_run = 0;
    have_report = true;
    reported_heard = heard;
    reported = verdict;
    if (verdict == PathState::faulty && state == PathState::up)
        return fault(state, since, faults, now, "the peer reports it does not hear this host");
    return check(now, s);
}

std::optional<Transition> SendLink::send_error(const std::string& what, Time now, const Settings& s) {
    last_error = now;
    if (state == PathState::faulty) return std::nullopt;
    if (++error_run < s.fault_threshold) return std::nullopt;
    error_run = 0;
    return fault(state, since, faults, now,
                 std::to_string(s.fault_threshold) + " send errors in a row, last: " + what);
}

std::optional<Transition> SendLink::check(Time now, const Settings& s) {
    if (state != PathState::faulty || reported != PathState::up) return std::nullopt;
    if (last_error != kNever && now - last_error < s.restore_after) return std::nullopt;
    state = PathState::up;
    since = now;
    return Transition{PathState::up, "the peer hears this host again and sends succeed"};
}

}  // namespace braid::multipath
