// Membership scenarios (issue 4): ring formation at start-up. Each test runs
// many seeds; a failure prints the seed and the command that replays it.
#include <gtest/gtest.h>

#include "membership_sim.hpp"
#include "seeds.hpp"

namespace braid::sim {
namespace {

int run(std::uint64_t seeds, const MembershipScenario& s) {
    return run_seeds(seeds, [&](std::uint64_t seed, bool trace) { return run_membership_simulation(s, seed, trace); });
}

TEST(SimMembership, LoneDaemonFormsRingOfOne) {
    MembershipScenario s;
    s.daemons = 1;
    EXPECT_EQ(0, run(60, s));
}

TEST(SimMembership, StartTogetherTwoToSixteen) {
    for (std::size_t n : {2u, 3u, 5u, 8u, 16u}) {
        MembershipScenario s;
        s.daemons = n;
        s.link.duplicate = 0.05;
        EXPECT_EQ(0, run(n >= 8 ? 40 : 100, s)) << n << " daemons";
    }
}

TEST(SimMembership, StartTogetherUnderLoss) {
    MembershipScenario s;
    s.daemons = 5;
    s.link.loss = 0.05;
    s.link.unicast_loss = 0.05;
    s.link.duplicate = 0.1;
    s.link.delay_max_us = 2'000;
    EXPECT_EQ(0, run(600, s));
}

TEST(SimMembership, DaemonsDownAtStartUpEndInFailedSet) {
    MembershipScenario s;
    s.daemons = 6;
    s.never_started = 2;
    s.link.loss = 0.02;
    EXPECT_EQ(0, run(400, s));
}

TEST(SimMembership, HeavyLossKeepsConfigurationsConsistent) {
    // Liveness of one ring is not required here (joins may be lost for a
    // whole gather), only agreement on every ring installed.
    MembershipScenario s;
    s.daemons = 4;
    s.link.loss = 0.3;
    s.link.unicast_loss = 0.2;
    s.expect_one_ring = false;
    EXPECT_EQ(0, run(600, s));
}

}  // namespace
}  // namespace braid::sim
