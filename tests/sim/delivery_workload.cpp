#include "delivery_workload.hpp"

#include <algorithm>
#include <cmath>

namespace braid::sim {

using delivery::ServiceLevel;

// The daemon's Stream, with every packet it is given also reported to the
// delivery checker (SAFE is judged on which daemons hold which packets).
class DeliveryWorkload::Port final : public ring::PayloadPort {
public:
    Port(ring::DaemonId self, delivery::DeliveryChecker& checker) : stream(self), checker_(checker), self_(self) {}

    std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) override {
        return stream.next_payload(max_bytes);
    }
    void on_packet(ring::Seq seq, ring::DaemonId sender, std::span<const std::uint8_t> payload) override {
        checker_.holds(self_, seq);
        stream.on_packet(seq, sender, payload);
    }
    void on_ordered(ring::Seq up_to) override { stream.on_ordered(up_to); }
    void on_safe(ring::Seq up_to) override { stream.on_safe(up_to); }

    delivery::Stream stream;  // the code under test

private:
    delivery::DeliveryChecker& checker_;  // told which packets this daemon holds
    ring::DaemonId self_;                 // this daemon
};

DeliveryWorkload::DeliveryWorkload(std::vector<ring::DaemonId> ids, DeliveryLoad load)
    : ids_(std::move(ids)), load_(std::move(load)), checker_(ids_), delivered_(ids_.size(), 0) {
    if (load_.levels.empty()) {
        load_.levels = {ServiceLevel::unreliable, ServiceLevel::reliable, ServiceLevel::fifo,
                        ServiceLevel::causal,     ServiceLevel::agreed,   ServiceLevel::safe};
    }
    for (auto id : ids_) ports_.push_back(std::make_unique<Port>(id, checker_));
}

DeliveryWorkload::~DeliveryWorkload() = default;

ring::PayloadPort& DeliveryWorkload::port(std::size_t node) { return *ports_[node]; }

const delivery::Stream& DeliveryWorkload::stream(std::size_t node) const { return ports_[node]->stream; }

void DeliveryWorkload::submit(std::size_t node, std::size_t size, Prng& prng, ring::Time now) {
    after_input(node, now);  // the checker needs this daemon's deliveries before the submission
    delivery::Message m;
    m.level = load_.levels[prng.range(0, load_.levels.size() - 1)];
    m.self_discard = prng.chance(0.2);
    m.sender = "#c" + std::to_string(prng.range(0, 2)) + "#d" + std::to_string(node);
    const std::size_t groups = prng.range(1, 3);
    for (std::size_t g = 0; g < groups; ++g) m.groups.push_back("g" + std::to_string(prng.range(0, 4)));
    m.mess_type = static_cast<std::int16_t>(prng.range(0, 200));
    const std::size_t max_body = delivery::kMaxMessageBytes - delivery::kGroupFieldBytes * groups;
    if (load_.any_size) {
        // log-uniform from 1 byte to the maximum, with both ends drawn now and then
        const std::uint64_t pick = prng.range(0, 9);
        if (pick == 0) {
            size = 1;
        } else if (pick == 1) {
            size = max_body;
        } else {
            const double x = static_cast<double>(prng.range(0, 1'000'000)) / 1e6;
            size = static_cast<std::size_t>(std::exp(x * std::log(static_cast<double>(max_body))));
        }
    }
    size = std::clamp<std::size_t>(size, 1, max_body);
    m.body.resize(size);
    const std::uint64_t salt = prng.next();
    for (std::size_t i = 0; i < size; ++i) m.body[i] = static_cast<std::uint8_t>((salt >> (i % 8 * 8)) + i);
    auto result = ports_[node]->stream.submit(m);
    if (!result.ok()) {
        return fail("daemon " + std::to_string(node) + " refused a valid message: " +
                    std::string(delivery::describe(result.error)));
    }
    checker_.submitted(result.id, m.sender, m.level);
    ++submitted_;
    if (m.level != ServiceLevel::unreliable) ++must_deliver_;
    expected_.emplace(result.id, std::move(m));
}

void DeliveryWorkload::after_input(std::size_t node, ring::Time) {
    for (auto& d : ports_[node]->stream.take_deliveries()) {
        checker_.delivered(ids_[node], d);
        auto it = expected_.find(d.id);
        if (it == expected_.end()) {
            fail("daemon " + std::to_string(node) + " delivered " + delivery::to_string(d.id) + ", never submitted");
        } else if (!(it->second == d.message)) {
            fail("daemon " + std::to_string(node) + " delivered " + delivery::to_string(d.id) +
                 " with content different from what was submitted");
        }
        if (d.message.level != ServiceLevel::unreliable) ++delivered_[node];
    }
}

std::optional<std::string> DeliveryWorkload::failure() const {
    if (failure_) return failure_;
    return checker_.violation();
}

bool DeliveryWorkload::complete() const {
    return std::all_of(delivered_.begin(), delivered_.end(), [&](std::uint64_t n) { return n >= must_deliver_; }) &&
           !checker_.missing_delivery();
}

std::string DeliveryWorkload::progress() const {
    std::string s = "messages submitted " + std::to_string(submitted_) + " (" + std::to_string(must_deliver_) +
                    " reliable or stronger), delivered per daemon:";
    for (auto n : delivered_) s += " " + std::to_string(n);
    if (auto m = checker_.missing_delivery()) s += "; e.g. " + *m;
    return s;
}

}  // namespace braid::sim
