#include "seeds.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace braid::sim {

namespace {

std::optional<std::uint64_t> env_number(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (*end != '\0') return std::nullopt;
    return n;
}

std::string replay_command(std::uint64_t seed) {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string filter = info ? std::string(info->test_suite_name()) + "." + info->name() : "*";
    return "BRAID_SIM_SEED=" + std::to_string(seed) + " BRAID_SIM_TRACE=1 " + (ec ? "sim_ring_test" : exe.string()) +
           " --gtest_filter=" + filter;
}

}  // namespace

SeedPlan seed_plan(std::uint64_t default_count) {
    SeedPlan p;
    p.count = default_count;
    if (auto n = env_number("BRAID_SIM_SEEDS")) p.count = *n;
    if (auto s = env_number("BRAID_SIM_SEED")) {
        p.first = *s;
        p.count = 1;
    }
    if (auto t = env_number("BRAID_SIM_TRACE")) p.trace = *t != 0;
    return p;
}

int run_seeds(std::uint64_t default_count, const std::function<Outcome(std::uint64_t, bool)>& one) {
    const SeedPlan plan = seed_plan(default_count);
    std::uint64_t ran = 0;
    Outcome sum;
    for (std::uint64_t seed = plan.first; seed < plan.first + plan.count; ++seed) {
        Outcome o = one(seed, plan.trace);
        ++ran;
        sum.steps += o.steps;
        sum.end_us += o.end_us;
        sum.delivered += o.delivered;
        sum.token_losses += o.token_losses;
        sum.totals.retransmissions_sent += o.totals.retransmissions_sent;
        sum.totals.token_retransmits += o.totals.token_retransmits;
        sum.totals.duplicate_packets += o.totals.duplicate_packets;
        sum.totals.duplicate_tokens += o.totals.duplicate_tokens;
        sum.network.dropped += o.network.dropped;
        if (!o.ok) {
            std::printf("seed %llu FAILED: %s\nreplay: %s\n", static_cast<unsigned long long>(seed), o.failure.c_str(),
                        replay_command(seed).c_str());
            ADD_FAILURE() << "seed " << seed << ": " << o.failure << "\nreplay: " << replay_command(seed);
            std::printf("%llu seeds (stopped at the first failure)\n", static_cast<unsigned long long>(ran));
            return 1;
        }
    }
    std::printf("%llu seeds\n", static_cast<unsigned long long>(ran));
    auto u = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
    std::printf("  totals: %llu steps, %.1f s virtual, %llu submitted, %llu copies dropped, %llu retransmissions, "
                "%llu token retransmits, %llu duplicates dropped, %llu token-loss reports\n",
                u(sum.steps), static_cast<double>(sum.end_us) / 1e6, u(sum.delivered), u(sum.network.dropped),
                u(sum.totals.retransmissions_sent), u(sum.totals.token_retransmits),
                u(sum.totals.duplicate_packets + sum.totals.duplicate_tokens), u(sum.token_losses));
    return 0;
}

}  // namespace braid::sim
