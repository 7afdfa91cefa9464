#include "ring_checker.hpp"

#include <algorithm>


namespace braid::sim {

RingChecker::RingChecker(std::size_t daemons) : nodes_(daemons), truth_(1) {}

void RingChecker::fail(std::string why) {
    if (!failure_) failure_ = std::move(why);
}

void RingChecker::on_packet(std::size_t node, ring::Seq seq, ring::DaemonId sender,
                            std::span<const std::uint8_t> payload) {
    const std::string who = "daemon " + std::to_string(node) + " seq " + std::to_string(seq);
    if (seq == 0 || seq > 100'000'000) return fail(who + ": impossible sequence");
    Node& n = nodes_[node];
    if (n.have.size() <= seq) n.have.resize(seq + 1, false);
    if (n.have[seq]) return fail(who + ": packet reported twice");
    n.have[seq] = true;
    if (truth_.size() <= seq) truth_.resize(seq + 1);
    auto& t = truth_[seq];
    if (!t) {
        t = Record{sender, std::vector<std::uint8_t>(payload.begin(), payload.end())};
        ++recorded_;
        return;
    }
    if (t->sender != sender) return fail(who + ": sender differs from another daemon's");
    if (!std::equal(t->payload.begin(), t->payload.end(), payload.begin(), payload.end()))
        return fail(who + ": payload differs from another daemon's");
}

void RingChecker::on_ordered(std::size_t node, ring::Seq up_to) {
    Node& n = nodes_[node];
    const std::string who = "daemon " + std::to_string(node) + " ordered " + std::to_string(up_to);
    if (up_to < n.ordered) return fail(who + ": went backwards from " + std::to_string(n.ordered));
    for (ring::Seq s = n.ordered + 1; s <= up_to; ++s) {
        if (s >= n.have.size() || !n.have[s]) return fail(who + ": seq " + std::to_string(s) + " missing");
    }
    n.ordered = up_to;
}

void RingChecker::on_safe(std::size_t node, ring::Seq up_to) {
    Node& n = nodes_[node];
    const std::string who = "daemon " + std::to_string(node) + " safe " + std::to_string(up_to);
    if (up_to < n.safe) return fail(who + ": went backwards from " + std::to_string(n.safe));
    if (up_to > n.ordered) return fail(who + ": above its ordered " + std::to_string(n.ordered));
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        if (nodes_[i].ordered < up_to)
            return fail(who + ": daemon " + std::to_string(i) + " has only up to " +
                        std::to_string(nodes_[i].ordered));
    }
    n.safe = up_to;
}

bool RingChecker::settled() const {
    const ring::Seq highest = truth_.size() - 1;
    if (recorded_ != highest) return false;
    return std::all_of(nodes_.begin(), nodes_.end(), [&](const Node& n) { return n.safe >= highest; });
}

std::string RingChecker::progress() const {
    std::string s = "ring: " + std::to_string(recorded_) + " sequences seen;";
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
        s += " d" + std::to_string(i) + " ordered/safe " + std::to_string(nodes_[i].ordered) + "/" +
             std::to_string(nodes_[i].safe);
    }
    return s;
}

}  // namespace braid::sim
