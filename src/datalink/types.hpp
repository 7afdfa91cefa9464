// Vocabulary of the data link: the networks (paths) it has sockets on, what
// the layer above asks it to send, and what it reports back.
//
// The data link is the only part of Braid that touches daemon-to-daemon
// sockets. It knows nothing of rings or multipath headers: it moves opaque
// payloads, each wrapped in a frame (frame.hpp) that names the protocol
// version and the cluster, between this host's addresses and its peers'.
// Its types mirror the multipath layer's (same path indices, same kinds) but
// do not depend on it, so the layer below stays below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "util/ipv4_address.hpp"

namespace braid::datalink {

// Index of a network in the configuration's [[network]] list; the same on
// every host of the cluster.
using PathIndex = std::uint8_t;

// How a network carries a broadcast (mirrors config::NetworkKind).
enum class PathKind {
    broadcast,  // subnet broadcast address: a second socket bound to it receives
    multicast,  // multicast group: a second socket joined on this interface only
    unicast,    // no broadcast medium: the unicast socket only
};
const char* to_string(PathKind kind);

// One network this host is attached to.
struct PathConfig {
    PathIndex index = 0;              // position in the configuration's network list
    std::string name;                 // the network's name, for errors and status
    PathKind kind = PathKind::broadcast;
    Ipv4Address local;                // this host's address on the network
    Ipv4Address group;                // broadcast address or multicast group; unused for unicast
};

// Everything a data link is built from.
struct LinkConfig {
    std::uint64_t cluster_id = 0;     // carried in every frame (frame.hpp: cluster_id())
    std::uint16_t port = 0;           // the cluster's daemon UDP port, on every socket
    std::vector<PathConfig> paths;    // at least one, distinct indices
    int multicast_ttl = 1;            // hops a multicast may take (1: the local network only)
    bool multicast_loop = true;       // deliver our own multicasts to local sockets, as
                                      // broadcasts are; several daemons on one host need it
    std::size_t receive_batch = 32;   // datagrams read per recvmmsg call (1..64)
};

// One datagram to send: the caller's payload, framed by the data link.
struct Transmit {
    PathIndex path = 0;                       // the network (its unicast socket) to send on
    Ipv4Address destination;                  // broadcast address, multicast group or a peer
    std::span<const std::uint8_t> payload;    // borrowed for the duration of send()
};

// A send the kernel refused (EAGAIN is not one: it is counted as a drop).
struct SendError {
    PathIndex path = 0;            // the network it was for
    Ipv4Address destination;       // where it was going
    int error = 0;                 // errno value (ENETDOWN, ENETUNREACH, EPERM, ...)
};

}  // namespace braid::datalink
