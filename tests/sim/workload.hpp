// What runs above the ring in a simulation: the payload ports of every
// daemon, the load they are given, and the checks of that layer.
//
// The simulation drives the rings and checks ring-level invariants itself
// (ring_checker.hpp); a workload adds the layer above: plain test payloads
// (ring_workload.hpp) or the real delivery streams (delivery_workload.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "prng.hpp"
#include "ring/payload_port.hpp"
#include "ring/types.hpp"

namespace braid::sim {

class Workload {
public:
    virtual ~Workload() = default;

    // The port of daemon `node` (valid for the workload's lifetime).
    virtual ring::PayloadPort& port(std::size_t node) = 0;

    // One unit of load at daemon `node`: a payload or message of about `size` bytes.
    virtual void submit(std::size_t node, std::size_t size, Prng& prng, ring::Time now) = 0;

    // Called after every input to daemon `node`: take what it hands up and check it.
    virtual void after_input(std::size_t node, ring::Time now) = 0;

    virtual std::optional<std::string> failure() const = 0;  // first violation, if any
    virtual bool complete() const = 0;        // everything submitted reached everyone
    virtual std::string progress() const = 0;  // one line for liveness failures
    virtual std::uint64_t submitted() const = 0;  // units of load accepted so far
};

}  // namespace braid::sim
