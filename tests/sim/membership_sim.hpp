// Membership scenarios in the simulator: N membership engines (each owning
// its ring and delivery stream) on the virtual network, started at random
// moments, some of them never (daemons that are down at start-up), with
// loss, duplication and reordering from one seed.
//
// Checked: the configuration invariants (configuration_checker.hpp) after
// every configuration event and at the end; within every installed ring,
// every member delivers the same messages in the same order, and (after a
// quiet tail without loss) every message submitted by a member reaches every
// member; with expect_one_ring, every started daemon ends in one ring of all
// started daemons.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "network.hpp"
#include "simulation.hpp"
#include "ring/types.hpp"

namespace braid::sim {

struct MembershipScenario {
    std::size_t daemons = 3;              // daemons in the cluster
    std::size_t never_started = 0;        // the highest ids stay down throughout
    LinkParams link;                      // every link until the quiet tail
    ring::Time start_spread_us = 20'000;  // daemons start within [0, spread)
    std::size_t messages_per_daemon = 5;  // agreed messages each started daemon submits
    ring::Time load_from_us = 0;          // submissions within [load_from, load_from + 400 ms)
    ring::Time tail_at_us = 2'000'000;    // the network stops losing here
    ring::Time end_us = 4'000'000;        // checks happen here
    bool expect_one_ring = true;          // liveness: all started daemons in one ring
};

// Outcome::end_us is when the last started daemon installed its first ring.
Outcome run_membership_simulation(const MembershipScenario& s, std::uint64_t seed, bool trace);

}  // namespace braid::sim
