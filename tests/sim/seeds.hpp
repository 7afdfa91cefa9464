// Seed selection and failure reporting shared by the simulation tests.
//
// BRAID_SIM_SEED=N runs only seed N (a replay); BRAID_SIM_SEEDS=K runs K
// seeds per test instead of the test's default; BRAID_SIM_TRACE=1 prints
// every event of the run. A failing seed prints the command that replays it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "simulation.hpp"

namespace braid::sim {

struct SeedPlan {
    std::uint64_t first = 1;  // first seed
    std::uint64_t count = 0;  // how many consecutive seeds
    bool trace = false;       // print event traces
};

SeedPlan seed_plan(std::uint64_t default_count);

// Runs `one(seed, trace)` over the plan; stops at the first failure, which
// it reports with the replay command. Prints "N seeds". Returns the number
// of failures (0 or 1).
int run_seeds(std::uint64_t default_count, const std::function<Outcome(std::uint64_t, bool)>& one);

}  // namespace braid::sim
