// Delivery-level simulation scenarios: the real delivery Stream above every
// ring, client messages of every service level and size, the delivery
// invariants checked after every input and liveness after a quiet tail.
#include <gtest/gtest.h>

#include <memory>

#include "delivery_workload.hpp"
#include "seeds.hpp"
#include "simulation.hpp"

namespace braid::sim {
namespace {

using delivery::ServiceLevel;

Prng knobs(std::uint64_t seed) { return Prng(seed * 0x9e3779b97f4a7c15ull + 3); }

Outcome run(const Scenario& s, std::uint64_t seed, bool trace, DeliveryLoad load) {
    return run_simulation(s, seed, trace, [load](const std::vector<ring::DaemonId>& ids, std::size_t) {
        return std::make_unique<DeliveryWorkload>(ids, load);
    });
}

Scenario base(Prng& k) {
    Scenario s;
    s.tuning = sim_tuning();
    s.daemons = 2 + k.range(0, 4);
    s.messages_per_daemon = 40;
    s.min_size = 1;
    s.max_size = 3000;
    return s;
}

TEST(SimDelivery, EveryServiceLevelMixed) {
    EXPECT_EQ(0, run_seeds(200, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.link.loss = static_cast<double>(k.range(0, 10)) / 100.0;
        return run(s, seed, trace, {});
    }));
}

// One level at a time, so each level's rules are exercised without others
// in between (seed % 6 picks the level).
TEST(SimDelivery, EachServiceLevelAlone) {
    EXPECT_EQ(0, run_seeds(180, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.link.loss = static_cast<double>(k.range(0, 5)) / 100.0;
        const auto level = static_cast<ServiceLevel>(1 + seed % 6);
        return run(s, seed, trace, DeliveryLoad{{level}, false});
    }));
}

TEST(SimDelivery, SizesFromOneByteToTheMaximum) {
    EXPECT_EQ(0, run_seeds(60, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.daemons = 2 + k.range(0, 2);
        s.messages_per_daemon = 8;
        s.load_us = 400'000;
        s.link.loss = static_cast<double>(k.range(0, 5)) / 100.0;
        return run(s, seed, trace, DeliveryLoad{{}, true});
    }));
}

TEST(SimDelivery, LossDuplicationAndReordering) {
    EXPECT_EQ(0, run_seeds(150, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.link.loss = static_cast<double>(k.range(0, 20)) / 100.0;
        s.link.duplicate = static_cast<double>(k.range(0, 20)) / 100.0;
        s.link.delay_min_us = 10;
        s.link.delay_max_us = static_cast<ring::Time>(k.range(150, 2000));
        return run(s, seed, trace, {});
    }));
}

TEST(SimDelivery, From2To16Daemons) {
    EXPECT_EQ(0, run_seeds(75, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.daemons = 2 + seed % 15;
        s.messages_per_daemon = 12;
        s.link.loss = 0.03;
        return run(s, seed, trace, {});
    }));
}

TEST(SimDelivery, BurstsOfSafeAndAgreed) {
    EXPECT_EQ(0, run_seeds(75, [&](std::uint64_t seed, bool trace) {
        Prng k = knobs(seed);
        Scenario s = base(k);
        s.bursts = 1 + k.range(0, 2);
        s.messages_per_daemon = 120;
        s.max_size = 800;
        return run(s, seed, trace, DeliveryLoad{{ServiceLevel::agreed, ServiceLevel::safe, ServiceLevel::fifo}, false});
    }));
}

}  // namespace
}  // namespace braid::sim
