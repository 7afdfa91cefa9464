#include "ring/config.hpp"

#include <algorithm>
#include <set>

#include "wire/data_packet.hpp"
#include "wire/token.hpp"

namespace braid::ring {

std::optional<std::string> validate(const RingConfig& c) {
    if (c.members.empty()) return "the ring has no members";
    if (std::set<DaemonId>(c.members.begin(), c.members.end()).size() != c.members.size())
        return "a daemon appears twice in the ring's member list";
    if (std::find(c.members.begin(), c.members.end(), c.self) == c.members.end())
        return "this daemon is not a member of the ring";
    if (c.ring_window == 0 || c.personal_window == 0) return "ring and personal windows must be at least 1";
    if (c.personal_window > c.ring_window) return "the personal window exceeds the ring window";
    if (c.token_retransmit_us <= 0 || c.token_loss_us <= 0) return "token timeouts must be positive";
    if (c.token_retransmit_us >= c.token_loss_us)
        return "the token retransmit timeout must be shorter than the token loss timeout";
    if (c.idle_hold_us < 0 || c.idle_hold_us >= c.token_retransmit_us)
        return "the idle hold must be shorter than the token retransmit timeout";
    if (c.max_payload == 0 || c.max_payload > wire::kMaxPayload) return "the maximum payload size is out of range";
    if (c.max_retransmit_requests == 0 || c.max_retransmit_requests > wire::kMaxRetransmitRequests)
        return "the retransmission request cap is out of range";
    return std::nullopt;
}

}  // namespace braid::ring
