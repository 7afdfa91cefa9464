// The delivery-level workload: every daemon runs the real delivery Stream
// above its ring, and client messages of the six service levels are
// submitted to it.
//
// Checked after every input: the delivery layer's invariants
// (support/delivery/delivery_checker.hpp: no duplicate, FIFO per
// connection, one agreed order, causal order, SAFE only when every daemon
// holds the message) and that every delivered message is exactly what was
// submitted. Liveness: once the network is quiet, every message of level
// RELIABLE or stronger is delivered at every daemon.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delivery/message.hpp"
#include "delivery/stream.hpp"
#include "support/delivery/delivery_checker.hpp"
#include "workload.hpp"

namespace braid::sim {

struct DeliveryLoad {
    std::vector<delivery::ServiceLevel> levels;  // levels to draw from; empty: all six
    bool any_size = false;  // sizes from 1 byte to the maximum (log-uniform) instead of the plan's
};

class DeliveryWorkload final : public Workload {
public:
    DeliveryWorkload(std::vector<ring::DaemonId> ids, DeliveryLoad load);
    ~DeliveryWorkload() override;

    ring::PayloadPort& port(std::size_t node) override;
    void submit(std::size_t node, std::size_t size, Prng& prng, ring::Time now) override;
    void after_input(std::size_t node, ring::Time now) override;
    std::optional<std::string> failure() const override;
    bool complete() const override;
    std::string progress() const override;
    std::uint64_t submitted() const override { return submitted_; }

    const delivery::Stream& stream(std::size_t node) const;

private:
    class Port;
    void fail(std::string why) {
        if (!failure_) failure_ = std::move(why);
    }

    std::vector<ring::DaemonId> ids_;                       // daemon index -> ring id
    DeliveryLoad load_;                                     // what to submit
    std::vector<std::unique_ptr<Port>> ports_;              // stream + checker feed per daemon
    delivery::DeliveryChecker checker_;                     // the delivery layer's invariants
    std::map<delivery::MessageId, delivery::Message> expected_;  // every submitted message
    std::vector<std::uint64_t> delivered_;                  // deliveries per daemon (reliable or stronger)
    std::uint64_t submitted_ = 0;                           // messages accepted
    std::uint64_t must_deliver_ = 0;                        // of which reliable or stronger
    std::optional<std::string> failure_;                    // first violation of our own checks
};

}  // namespace braid::sim
