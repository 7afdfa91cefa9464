// Counters and status of the multipath layer, for braidctl and the logs.
//
// Everything here is a snapshot: Layer::status() copies it out, so the
// caller may keep it as long as it likes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "multipath/link_health.hpp"
#include "multipath/types.hpp"

namespace braid::multipath {

// Per local path; packet counts are datagrams, byte counts include the header.
struct PathCounters {
    std::uint64_t packets_sent = 0;       // datagrams handed to the data link on this path
    std::uint64_t bytes_sent = 0;         // their bytes
    std::uint64_t packets_received = 0;   // well-formed datagrams from known peers
    std::uint64_t bytes_received = 0;     // their bytes
    std::uint64_t delivered = 0;          // first copies (ring traffic) passed up from this path
    std::uint64_t duplicates = 0;         // copies dropped because an earlier copy was used
    std::uint64_t late = 0;               // of those, copies that came after their grace lag
    std::uint64_t misses = 0;             // copies other paths delivered that this one did not
    std::uint64_t faults = 0;             // link transitions to faulty (any peer, either direction)
    std::uint64_t send_errors = 0;        // failed sends reported by the data link
    int last_send_error = 0;              // errno of the last one
    std::uint64_t probes_sent = 0;        // probe datagrams sent
    std::uint64_t probes_received = 0;    // probe datagrams received (every copy)
    std::uint64_t malformed = 0;          // dropped: header or probe body did not decode
    std::uint64_t unknown_sender = 0;     // dropped: sender is not a configured peer
    std::uint64_t wrong_address = 0;      // dropped: source is not the sender's address on this path
    std::uint64_t wrong_path = 0;         // dropped: header names another path (crossed cabling)
    std::uint64_t stale_incarnation = 0;  // dropped: from a previous life of a restarted peer
    std::uint64_t own = 0;                // dropped: this daemon's own broadcast looped back
    Time last_heard = kNever;             // last well-formed datagram from a peer
};

// Counters that belong to no configured path.
struct LayerCounters {
    std::uint64_t unknown_path = 0;    // input for a path index this host is not on
    std::uint64_t untracked = 0;       // copies not judged for misses: too many pending at once
    std::uint64_t send_rejected = 0;   // ring sends refused (unknown peer, no path, too large)
    std::uint64_t peer_restarts = 0;   // peers seen with a new incarnation
};

struct PathStatus {
    PathConfig config;       // what the path is
    PathCounters counters;   // what happened on it
};

// One path towards one peer, both directions.
struct LinkStatus {
    DaemonId peer = 0;           // the other end
    std::string peer_name;       // its host name
    PathIndex path = 0;          // the network
    Ipv4Address address;         // the peer's address on it
    ReceiveLink receive;         // how this host hears the peer
    SendLink send;               // how the peer hears this host
};

struct Status {
    std::vector<PathStatus> paths;  // every local path, in configuration order
    std::vector<LinkStatus> links;  // every (peer, shared path), by peer then path
    LayerCounters counters;         // the rest
};

}  // namespace braid::multipath
