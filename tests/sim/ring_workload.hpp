// The ring-level workload: plain test payloads, one per unit of load.
//
// A test payload is: origin daemon index u32, per-origin counter u64, then
// filler bytes derived from both, so corruption or a mix-up is visible. The
// checks: every payload well formed and sent by its origin, each ordered at
// one sequence only, and (liveness) every submitted payload ordered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workload.hpp"

namespace braid::sim {

namespace test_payload {
// A payload of `size` bytes (at least 12) for message `counter` of daemon `node`.
std::vector<std::uint8_t> make(std::size_t node, std::uint64_t counter, std::size_t size);
// The message id (node << 40 | counter) of a well-formed test payload.
std::optional<std::uint64_t> id_of(std::span<const std::uint8_t> payload);
}  // namespace test_payload

class RingWorkload final : public Workload {
public:
    // ids[i] is the ring id of daemon i; payloads are at most max_payload bytes.
    RingWorkload(std::vector<ring::DaemonId> ids, std::size_t max_payload);
    ~RingWorkload() override;

    ring::PayloadPort& port(std::size_t node) override;
    void submit(std::size_t node, std::size_t size, Prng& prng, ring::Time now) override;
    void after_input(std::size_t, ring::Time) override {}
    std::optional<std::string> failure() const override { return failure_; }
    bool complete() const override { return ordered_.size() == submitted_; }
    std::string progress() const override;
    std::uint64_t submitted() const override { return submitted_; }

private:
    class Port;
    void saw(std::size_t node, ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload);
    void fail(std::string why) {
        if (!failure_) failure_ = std::move(why);
    }

    std::vector<ring::DaemonId> ids_;             // daemon index -> ring id
    std::size_t max_payload_;                     // ring's payload limit
    std::vector<std::unique_ptr<Port>> ports_;    // one per daemon
    std::vector<std::uint64_t> counters_;         // next payload counter per daemon
    std::map<std::uint64_t, ring::Seq> ordered_;  // payload id -> the sequence it got
    std::uint64_t submitted_ = 0;                 // payloads queued
    std::optional<std::string> failure_;          // first violation
};

}  // namespace braid::sim
