// The simulator's only source of randomness: SplitMix64 seeded from the run's
// seed. Every choice the simulation makes (loss, delay, load) is drawn from
// one of these, so a seed reproduces a run exactly on every machine.
#pragma once

#include <cstdint>

namespace braid::sim {

class Prng {
public:
    explicit Prng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

    // Uniform in [lo, hi] (inclusive); lo when hi < lo.
    std::uint64_t range(std::uint64_t lo, std::uint64_t hi) {
        if (hi <= lo) return lo;
        return lo + next() % (hi - lo + 1);
    }

    // True with probability p (0..1).
    bool chance(double p) {
        if (p <= 0) return false;
        return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0) < p;
    }

    // An independent generator derived from this one (one per purpose, so
    // adding draws in one place does not shift every other choice).
    Prng fork() { return Prng(next()); }

private:
    std::uint64_t state_;  // SplitMix64 state
};

}  // namespace braid::sim
