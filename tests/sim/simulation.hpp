// One simulated run: N ring cores on a virtual clock over a virtual network,
// a load of test payloads, and the ring invariants checked throughout.
//
// The run is a pure function of (scenario, seed). The cores are the
// daemon's own code, driven only through their sans-I/O inputs; the
// simulation plays event loop: it delivers datagrams, fires timers at their
// deadlines and feeds the load. After the load phase the network stops
// losing and duplicating (the quiet tail); then everything submitted must
// reach every daemon and every sequence must become safe everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "network.hpp"
#include "ring/config.hpp"
#include "ring/stats.hpp"
#include "workload.hpp"

namespace braid::sim {

struct Scenario {
    std::size_t daemons = 3;                // ring members
    std::size_t paths = 1;                  // networks per host (the ring uses path 0)
    LinkParams link;                        // every link during the load phase
    std::size_t messages_per_daemon = 40;   // payloads each daemon submits
    std::size_t min_size = 12;              // smallest payload (test payloads need 12 bytes)
    std::size_t max_size = 1400;            // largest payload (= ring max_payload)
    std::size_t bursts = 0;                 // 0: submissions spread out; k: k instants per daemon
    ring::Time load_us = 200'000;           // submissions happen in [0, load_us)
    ring::Time tail_limit_us = 20'000'000;  // the quiet tail must finish within this
    std::uint64_t max_steps = 5'000'000;    // guard against a run that never ends
    bool allow_token_loss = false;          // heavy loss may report token loss (counted only)
    ring::RingConfig tuning;                // windows and timeouts (ids and members are set per run)
};

struct Outcome {
    bool ok = true;                   // every invariant held and the run completed
    std::string failure;              // first violation, when not ok
    std::uint64_t steps = 0;          // events processed
    ring::Time end_us = 0;            // virtual time at the end
    std::uint64_t token_losses = 0;   // token-lost reports (all daemons)
    std::uint64_t delivered = 0;      // units of load submitted (all reached every daemon when ok)
    std::uint64_t sequences = 0;      // ring sequences used
    ring::RingStats totals;           // ring counters summed over daemons
    NetworkCounters network;          // network counters
};

// Ring timings for simulation: the defaults' proportions, shortened.
ring::RingConfig sim_tuning();

// Builds the layer above the rings for daemons with these ids.
using WorkloadFactory =
    std::function<std::unique_ptr<Workload>(const std::vector<ring::DaemonId>& ids, std::size_t max_payload)>;

// Runs a scenario; with trace, prints every event to standard output.
Outcome run_simulation(const Scenario& scenario, std::uint64_t seed, bool trace, const WorkloadFactory& workload);

// run_simulation with plain test payloads (ring_workload.hpp).
Outcome run_ring_simulation(const Scenario& scenario, std::uint64_t seed, bool trace);

// A readable one-line description of a daemon packet, for traces.
std::string describe_packet(const std::vector<std::uint8_t>& bytes);

}  // namespace braid::sim
