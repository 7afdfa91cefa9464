#include "ring/flow_control.hpp"

#include <algorithm>

namespace braid::ring {

std::uint32_t new_packet_allowance(const FlowControlInput& in) {
    const std::uint64_t used_ring = std::uint64_t{in.rotation_count} + in.retransmitted;
    const std::uint64_t ring_room = used_ring >= in.ring_window ? 0 : in.ring_window - used_ring;
    const std::uint64_t personal_room =
        in.retransmitted >= in.personal_window ? 0 : in.personal_window - in.retransmitted;
    const Seq limit = in.token_aru + in.ring_window;  // highest sequence we may reach
    const std::uint64_t outstanding_room = in.highest_seq >= limit ? 0 : limit - in.highest_seq;
    return static_cast<std::uint32_t>(std::min({ring_room, personal_room, outstanding_room}));
}

std::uint32_t updated_rotation_count(std::uint32_t token_count, std::uint32_t my_last_share,
                                     std::uint32_t my_share_now) {
    const std::uint32_t others = token_count > my_last_share ? token_count - my_last_share : 0;
    const std::uint64_t total = std::uint64_t{others} + my_share_now;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(total, UINT32_MAX));
}

}  // namespace braid::ring
