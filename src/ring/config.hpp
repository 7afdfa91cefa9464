// The parameters of one ring: who is on it, what it is called, its windows
// and timeouts.
//
// A Ring object lives exactly as long as one ring configuration. When the
// membership changes, the membership protocol builds a new RingConfig (new
// ring id, new member list) and a new Ring; nothing here changes in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ring/types.hpp"

namespace braid::ring {

struct RingConfig {
    DaemonId self = 0;                    // this daemon
    std::vector<DaemonId> members;        // ring order; members.front() is the representative
    RingId ring;                          // the ring's identity, stamped on every packet
    std::uint32_t cluster = 0;            // cluster tag (wire::cluster_tag of the cluster name)
    std::uint32_t ring_window = 160;      // packets (new + retransmitted) the ring may send per rotation
    std::uint32_t personal_window = 20;   // packets this daemon may send per token visit
    Time token_retransmit_us = 250'000;   // resend a forwarded token after this without evidence
    Time token_loss_us = 1'000'000;       // no token for this long: report token loss
    Time idle_hold_us = 1'000;            // representative holds an idle token this long (0: never)
    std::size_t max_payload = 1'400;      // largest payload asked of the delivery layer
    std::uint32_t max_retransmit_requests = 256;  // cap on the token's request list (<= wire limit)
};

// Why a configuration cannot run, or nothing when it can. Ring's constructor
// requires a configuration that passes this check.
std::optional<std::string> validate(const RingConfig& c);

}  // namespace braid::ring
