// Simulated benchmark of the ring and delivery cores (bench/README.md).
//
// 1. Throughput: 1 KB AGREED messages through the real Ring and delivery
//    Stream of 3 and 8 daemons on the simulator's lossless network,
//    reported per second of CPU time of this process (every daemon's work
//    is done on this one CPU, so this is the cost of the whole cluster,
//    plus the simulator's invariant checks, which stay on).
// 2. Idle: token rotations per virtual second with nothing to send, with
//    the default idle hold of the simulator's tuning.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "delivery_workload.hpp"
#include "simulation.hpp"

namespace {

using braid::sim::Outcome;
using braid::sim::Scenario;

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Outcome run_agreed(std::size_t daemons, std::size_t messages_per_daemon, std::uint64_t seed) {
    Scenario s;
    s.tuning = braid::sim::sim_tuning();
    s.daemons = daemons;
    s.messages_per_daemon = messages_per_daemon;
    s.min_size = s.max_size = 1024;
    s.load_us = 1'000'000;
    s.max_steps = 500'000'000;
    braid::sim::DeliveryLoad load{{braid::delivery::ServiceLevel::agreed}, false};
    return braid::sim::run_simulation(s, seed, false, [load](const std::vector<braid::ring::DaemonId>& ids, std::size_t) {
        return std::make_unique<braid::sim::DeliveryWorkload>(ids, load);
    });
}

int throughput(std::size_t daemons, std::size_t total_messages) {
    const std::size_t per_daemon = total_messages / daemons;
    const double start = cpu_seconds();
    Outcome o = run_agreed(daemons, per_daemon, 1);
    const double cpu = cpu_seconds() - start;
    if (!o.ok) {
        std::printf("throughput run failed: %s\n", o.failure.c_str());
        return 1;
    }
    const double messages = static_cast<double>(o.delivered);
    std::printf("%2zu daemons: %8.0f messages/s of CPU (%.0f deliveries/s over all daemons); "
                "%.0f messages in %.2f s CPU, %.3f s virtual, %llu packets\n",
                daemons, messages / cpu, messages * static_cast<double>(daemons) / cpu, messages, cpu,
                static_cast<double>(o.end_us) / 1e6, static_cast<unsigned long long>(o.sequences));
    return 0;
}

int idle(std::size_t daemons) {
    Scenario s;
    s.tuning = braid::sim::sim_tuning();
    s.daemons = daemons;
    s.messages_per_daemon = 0;
    s.load_us = 10'000'000;
    const double start = cpu_seconds();
    Outcome o = braid::sim::run_ring_simulation(s, 1, false);
    const double cpu = cpu_seconds() - start;
    if (!o.ok) {
        std::printf("idle run failed: %s\n", o.failure.c_str());
        return 1;
    }
    const double virtual_s = static_cast<double>(o.end_us) / 1e6;
    std::printf("%2zu daemons idle: %6.0f token rotations per virtual second (hold %lld us, link delay 50-150 us); "
                "%.3f s CPU for %.0f virtual s\n",
                daemons, static_cast<double>(o.totals.token_rotations) / virtual_s,
                static_cast<long long>(s.tuning.idle_hold_us), cpu, virtual_s);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t messages = 20000;
    if (argc > 1) messages = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
    std::printf("simulated 1 KB AGREED messages, lossless network, %zu messages per run\n", messages);
    int failures = throughput(3, messages) + throughput(8, messages);
    std::printf("idle ring\n");
    failures += idle(3) + idle(8);
    return failures == 0 ? 0 : 1;
}
