// Ring-level invariants, checked at the moment each daemon's ring reports
// something to its payload port.
//
// One truth per sequence number: the first daemon to see sequence s fixes
// its sender and payload, and every other daemon must see exactly that.
// Hence one identical order everywhere. Also checked: no sequence reported
// twice to a daemon; on_ordered only over sequences the daemon has, never
// decreasing; on_safe never above on_ordered and only once every daemon has
// every packet up to it. What the payloads mean is the workload's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ring/types.hpp"

namespace braid::sim {

class RingChecker {
public:
    explicit RingChecker(std::size_t daemons);

    void on_packet(std::size_t node, ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload);
    void on_ordered(std::size_t node, ring::Seq up_to);
    void on_safe(std::size_t node, ring::Seq up_to);

    bool failed() const { return failure_.has_value(); }
    const std::string& failure() const { return *failure_; }
    void fail(std::string why);

    // Every sequence seen anywhere is ordered and safe at every daemon.
    bool settled() const;
    std::string progress() const;  // one line for liveness failures
    ring::Seq ordered(std::size_t node) const { return nodes_[node].ordered; }
    std::uint64_t sequences() const { return recorded_; }  // distinct sequences seen

private:
    struct Record {
        ring::DaemonId sender = 0;           // sender seen first
        std::vector<std::uint8_t> payload;   // payload seen first
    };
    struct Node {
        std::vector<bool> have;   // have[seq] once on_packet reported it
        ring::Seq ordered = 0;    // last on_ordered
        ring::Seq safe = 0;       // last on_safe
    };

    std::vector<Node> nodes_;
    std::vector<std::optional<Record>> truth_;   // truth_[seq]
    std::uint64_t recorded_ = 0;                  // distinct sequences seen
    std::optional<std::string> failure_;          // first violation
};

}  // namespace braid::sim
