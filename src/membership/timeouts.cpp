#include "config/config.hpp"
#include "membership/config.hpp"

namespace braid::membership {

Timeouts from_config(const config::Timeouts& t) {
    constexpr ring::Time kMicrosPerMilli = 1000;
    Timeouts out;
    out.token_us = ring::Time{t.token} * kMicrosPerMilli;
    out.token_retransmit_us = ring::Time{t.token_retransmit} * kMicrosPerMilli;
    out.join_us = ring::Time{t.join} * kMicrosPerMilli;
    out.consensus_us = ring::Time{t.consensus} * kMicrosPerMilli;
    out.merge_us = ring::Time{t.merge} * kMicrosPerMilli;
    return out;
}

}  // namespace braid::membership
