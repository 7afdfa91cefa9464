// What the multipath layer asks its caller to do.
//
// The layer performs no I/O: every input appends zero or more outputs to a
// list that the caller (the daemon's event loop, or the simulator) drains
// with Layer::take_outputs() and carries out in order.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "log/category.hpp"
#include "multipath/types.hpp"

namespace braid::multipath {

// Send these bytes (multipath header included) on a path.
struct Transmit {
    PathIndex path = 0;             // the network to send on (its local socket)
    Ipv4Address destination;        // broadcast address, multicast group or a peer's address
    std::vector<std::uint8_t> bytes;  // the whole datagram
};

// Hand a ring packet up, exactly once per logical send.
struct Deliver {
    DaemonId sender = 0;              // the daemon that sent it
    std::vector<std::uint8_t> bytes;  // the ring's bytes, header removed
};

// Call on_timer(timer, at) once the clock reaches `at`; replaces any earlier arming.
struct ArmTimer {
    Timer timer = Timer::probe;  // which timer
    Time at = 0;                 // absolute deadline
};

// The timer is no longer needed.
struct CancelTimer {
    Timer timer = Timer::probe;  // which timer
};

// A path towards one peer changed state in one direction (for status, the
// systemd STATUS line and the simulator's checks).
struct PathStateChanged {
    PathIndex path = 0;                // the network
    DaemonId peer = 0;                 // the other end
    Direction direction = Direction::receive;  // which way is judged
    PathState state = PathState::up;   // the new state
};

// One log line.
struct LogLine {
    log::Category category = log::Category::network;  // NETWORK for everything here
    std::string text;                                  // the message, without timestamp
};

using Output = std::variant<Transmit, Deliver, ArmTimer, CancelTimer, PathStateChanged, LogLine>;

}  // namespace braid::multipath
