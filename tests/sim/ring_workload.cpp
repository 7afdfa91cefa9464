#include "ring_workload.hpp"

#include <algorithm>

namespace braid::sim {

namespace test_payload {

std::vector<std::uint8_t> make(std::size_t node, std::uint64_t counter, std::size_t size) {
    std::vector<std::uint8_t> p;
    p.reserve(std::max<std::size_t>(size, 12));
    for (int s = 24; s >= 0; s -= 8) p.push_back(static_cast<std::uint8_t>(node >> s));
    for (int s = 56; s >= 0; s -= 8) p.push_back(static_cast<std::uint8_t>(counter >> s));
    for (std::size_t i = p.size(); i < size; ++i) p.push_back(static_cast<std::uint8_t>(node * 31 + counter * 7 + i));
    return p;
}

std::optional<std::uint64_t> id_of(std::span<const std::uint8_t> payload) {
    if (payload.size() < 12) return std::nullopt;
    std::uint64_t node = 0, counter = 0;
    for (std::size_t i = 0; i < 4; ++i) node = (node << 8) | payload[i];
    for (std::size_t i = 4; i < 12; ++i) counter = (counter << 8) | payload[i];
    for (std::size_t i = 12; i < payload.size(); ++i) {
        if (payload[i] != static_cast<std::uint8_t>(node * 31 + counter * 7 + i)) return std::nullopt;
    }
    return (node << 40) | counter;
}

}  // namespace test_payload

// Queues test payloads for the ring and reports what arrives.
class RingWorkload::Port final : public ring::PayloadPort {
public:
    Port(RingWorkload& owner, std::size_t node) : owner_(owner), node_(node) {}

    void queue(std::vector<std::uint8_t> p) { queue_.push_back(std::move(p)); }

    std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) override {
        if (queue_.empty()) return std::nullopt;
        if (queue_.front().size() > max_bytes) {
            owner_.fail("test payload larger than the ring asked for");
            return std::nullopt;
        }
        auto p = std::move(queue_.front());
        queue_.pop_front();
        return p;
    }
    void on_packet(ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload) override {
        owner_.saw(node_, seq, sender, payload);
    }
    void on_ordered(ring::Seq) override {}
    void on_safe(ring::Seq) override {}

private:
    RingWorkload& owner_;                            // checks and counts
    std::size_t node_;                               // daemon index
    std::deque<std::vector<std::uint8_t>> queue_;    // payloads waiting for the token
};

RingWorkload::RingWorkload(std::vector<ring::DaemonId> ids, std::size_t max_payload)
    : ids_(std::move(ids)), max_payload_(max_payload), counters_(ids_.size(), 0) {
    for (std::size_t i = 0; i < ids_.size(); ++i) ports_.push_back(std::make_unique<Port>(*this, i));
}

void RingWorkload::submit(std::size_t node, std::size_t size, Prng&, ring::Time) {
    size = std::clamp<std::size_t>(size, 12, max_payload_);
    ports_[node]->queue(test_payload::make(node, counters_[node]++, size));
    ++submitted_;
}

void RingWorkload::saw(std::size_t node, ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload) {
    const std::string who = "daemon " + std::to_string(node) + " seq " + std::to_string(seq);
    auto id = test_payload::id_of(payload);
    if (!id) return fail(who + ": payload is not a test payload");
    const std::uint64_t origin = *id >> 40;
    if (origin >= ids_.size() || ids_[origin] != sender) return fail(who + ": sender is not the payload's origin");
    auto [it, inserted] = ordered_.try_emplace(*id, seq);
    if (!inserted && it->second != seq)
        fail(who + ": payload ordered twice (also at seq " + std::to_string(it->second) + ")");
}

std::string RingWorkload::progress() const {
    return "payloads submitted " + std::to_string(submitted_) + ", ordered " + std::to_string(ordered_.size());
}

}  // namespace braid::sim

namespace braid::sim {

RingWorkload::~RingWorkload() = default;

ring::PayloadPort& RingWorkload::port(std::size_t node) { return *ports_[node]; }

}  // namespace braid::sim
