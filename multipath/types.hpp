// Vocabulary of the multipath layer: paths, peers, settings, timers and the
// states a path can be in.
//
// A path is one redundant network of the configuration, named by its index
// in the configuration's network list; every daemon of a cluster reads the
// same configuration, so a path index means the same network on every host
// and is carried on the wire. Settings mirror config::Multipath, in
// microseconds because the core counts time in ring::Time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ring/types.hpp"
#include "util/ipv4_address.hpp"

namespace braid::multipath {

using ring::DaemonId;
using ring::Time;

// Index of a network in the configuration's [[network]] list.
using PathIndex = std::uint8_t;

// Path masks on the wire are 32 bits wide, so a cluster has at most 32 networks.
inline constexpr std::size_t kMaxPaths = 32;

// A time that has not happened (never heard, never failed).
inline constexpr Time kNever = INT64_MIN;

// How a network carries a broadcast.
enum class PathKind {
    broadcast,  // one datagram to the subnet broadcast address
    multicast,  // one datagram to the multicast group
    unicast,    // no broadcast medium: one datagram to each peer on the path
};

// One network this host is attached to.
struct PathConfig {
    PathIndex index = 0;   // position in the configuration's network list
    std::string name;      // the network's name, for logs and status
    Ipv4Address local;     // this host's address on the network
    PathKind kind = PathKind::broadcast;
    Ipv4Address group;     // broadcast address or multicast group; unused for unicast
};

// One address of a peer, on a path both hosts are attached to.
struct PeerAddress {
    PathIndex path = 0;    // the shared path
    Ipv4Address address;   // the peer's address on it
};

// Another daemon of the cluster, with its addresses on the paths it shares
// with this host (a subset: hosts need not be on every network).
struct PeerConfig {
    DaemonId id = 0;                     // the peer's ring identity
    std::string name;                    // host name, for logs and status
    std::vector<PeerAddress> addresses;  // one per shared path
};

enum class Mode {
    active,   // every logical send on every usable path
    passive,  // one usable path per peer, by priority
};

// Timing and thresholds, mirroring config::Multipath (which is in ms).
struct Settings {
    Mode mode = Mode::active;
    std::vector<PathIndex> priority;   // passive order; paths not listed follow in index order
    std::uint32_t fault_threshold = 8;      // consecutive missed copies (or send errors) before faulty
    Time probe_interval = 100'000;          // probes on every path this often (us)
    Time silence_timeout = 400'000;         // nothing heard on a path this long, while the peer
                                            // is heard on another one: faulty (us)
    Time restore_after = 2'000'000;         // a faulty path must be clean this long to be trusted (us)
    // A copy is judged missing only this long after another path delivered it,
    // so an out-of-step network is late, not lossy. Zero: half the silence timeout.
    Time miss_grace = 0;
};

// Everything the layer is built from.
struct LayerConfig {
    DaemonId self = 0;                 // this daemon's ring identity
    std::uint64_t incarnation = 0;     // non-zero, different after every restart of this daemon
    std::vector<PathConfig> paths;     // the networks this host is on (at least one)
    std::vector<PeerConfig> peers;     // every other daemon of the cluster
    Settings settings;
};

// Which way a judgement is about, seen from this host.
enum class Direction {
    receive,  // the peer's copies reaching this host
    send,     // this host's copies reaching the peer (learned from its probe reports)
};

enum class PathState {
    up,      // used for traffic
    faulty,  // not used (unless every path is faulty), probed until restored
};

// The layer's two timers; arming a timer again replaces its earlier deadline.
enum class Timer {
    probe,  // periodic: send probes, check silence and restoration
    judge,  // the oldest copy's grace lag is over: judge which paths missed it
};

const char* to_string(Direction d);
const char* to_string(PathState s);
const char* to_string(Timer t);

}  // namespace braid::multipath
