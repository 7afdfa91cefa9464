// The simulator's virtual network: hosts attached to one or more paths
// (redundant networks), each path with its own loss, duplication and delay.
//
// Sending on a path schedules one delivery per receiving host, each copy
// dropped, duplicated and delayed independently; random delays reorder
// packets. Paths are separate so the multipath layer can later be tested by
// cutting or slowing one of them. Ties are broken by send order, so a run is
// a pure function of its seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

#include "ring/types.hpp"
#include "prng.hpp"

namespace braid::sim {

using HostIndex = std::size_t;
using PathIndex = std::size_t;

// Behaviour of one path (or one direction of it, later).
struct LinkParams {
    double loss = 0.0;                 // probability a copy is dropped
    double unicast_loss = 0.0;         // extra drop probability for unicast copies (the token)
    double duplicate = 0.0;            // probability a copy is delivered twice
    ring::Time delay_min_us = 50;      // shortest one-way delay
    ring::Time delay_max_us = 150;     // longest one-way delay (spread causes reordering)
    bool up = true;                    // a cut path delivers nothing
};

struct InFlight {
    ring::Time at = 0;                 // delivery time
    std::uint64_t order = 0;           // send order, breaks ties deterministically
    HostIndex from = 0;                // sending host
    HostIndex to = 0;                  // receiving host
    PathIndex path = 0;                // path it travels on
    std::vector<std::uint8_t> bytes;   // the datagram
};

struct NetworkCounters {
    std::uint64_t sent = 0;        // copies handed to the network
    std::uint64_t dropped = 0;     // copies lost
    std::uint64_t duplicated = 0;  // extra copies created
    std::uint64_t delivered = 0;   // copies delivered
};

class Network {
public:
    Network(std::size_t hosts, std::size_t paths, LinkParams params, Prng prng);

    // Parameters of every link of a path, or of one host's receiving side on it.
    void set_path(PathIndex path, LinkParams params);
    LinkParams& link(PathIndex path, HostIndex to) { return links_[path * hosts_ + to]; }

    // Unicast to one host, or to every other host when `to` is empty.
    void send(ring::Time now, HostIndex from, std::optional<HostIndex> to, PathIndex path,
              const std::vector<std::uint8_t>& bytes);

    std::optional<ring::Time> next_time() const;
    InFlight pop();
    bool empty() const { return queue_.empty(); }
    const NetworkCounters& counters() const { return counters_; }

private:
    void schedule(ring::Time now, HostIndex from, HostIndex to, PathIndex path,
                  const std::vector<std::uint8_t>& bytes, bool unicast);

    struct Later {
        bool operator()(const InFlight& a, const InFlight& b) const {
            return a.at != b.at ? a.at > b.at : a.order > b.order;
        }
    };

    std::size_t hosts_;                 // host count
    std::size_t paths_;                 // path count
    std::vector<LinkParams> links_;     // [path * hosts + receiving host]
    Prng prng_;                         // loss, duplication and delay draws
    std::uint64_t order_ = 0;           // next send order number
    std::priority_queue<InFlight, std::vector<InFlight>, Later> queue_;  // copies in flight
    NetworkCounters counters_;
};

}  // namespace braid::sim
