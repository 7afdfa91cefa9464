#include "network.hpp"

namespace braid::sim {

Network::Network(std::size_t hosts, std::size_t paths, LinkParams params, Prng prng)
    : hosts_(hosts), paths_(paths), links_(hosts * paths, params), prng_(prng) {}

void Network::set_path(PathIndex path, LinkParams params) {
    for (HostIndex h = 0; h < hosts_; ++h) link(path, h) = params;
}

void Network::send(ring::Time now, HostIndex from, std::optional<HostIndex> to, PathIndex path,
                   const std::vector<std::uint8_t>& bytes) {
    if (path >= paths_) return;
    if (to) {
        if (*to < hosts_) schedule(now, from, *to, path, bytes, true);
        return;
    }
    for (HostIndex h = 0; h < hosts_; ++h) {
        if (h != from) schedule(now, from, h, path, bytes, false);
    }
}

void Network::schedule(ring::Time now, HostIndex from, HostIndex to, PathIndex path,
                       const std::vector<std::uint8_t>& bytes, bool unicast) {
    ++counters_.sent;
    const LinkParams& p = link(path, to);
    if (!p.up || prng_.chance(p.loss) || (unicast && prng_.chance(p.unicast_loss))) {
        ++counters_.dropped;
        return;
    }
    const int copies = prng_.chance(p.duplicate) ? 2 : 1;
    if (copies == 2) ++counters_.duplicated;
    for (int i = 0; i < copies; ++i) {
        const auto delay = static_cast<ring::Time>(
            prng_.range(static_cast<std::uint64_t>(p.delay_min_us), static_cast<std::uint64_t>(p.delay_max_us)));
        queue_.push(InFlight{now + delay, order_++, from, to, path, bytes});
    }
}

std::optional<ring::Time> Network::next_time() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.top().at;
}

InFlight Network::pop() {
    InFlight f = queue_.top();
    queue_.pop();
    ++counters_.delivered;
    return f;
}

}  // namespace braid::sim
