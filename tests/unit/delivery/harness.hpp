// Helpers for the delivery unit tests: message builders and a hand-driven
// ring that numbers payloads and lets a test hand them to streams in any
// order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "delivery/stream.hpp"

namespace braid::delivery::test {

inline Message make_message(ServiceLevel level, std::string sender, std::size_t body_size,
                            std::uint8_t seed = 1, std::vector<std::string> groups = {"g"}) {
    Message message;
    message.level = level;
    message.sender = std::move(sender);
    message.groups = std::move(groups);
    message.mess_type = static_cast<std::int16_t>(-7 + seed);
    message.body.resize(body_size);
    for (std::size_t i = 0; i < body_size; ++i)
        message.body[i] = static_cast<std::uint8_t>(seed * 31 + i * 7 + i / 251);
    return message;
}

// A sent payload as the ring would number it.
struct Packet {
    ring::Seq seq = 0;                  // ring sequence
    ring::DaemonId sender = 0;          // sending daemon
    std::vector<std::uint8_t> bytes;    // payload
};

// Numbers payloads in the order the test pulls them, like the ring does.
class HandRing {
public:
    // Pulls every queued payload of `from`; returns their sequence numbers.
    std::vector<ring::Seq> pull(Stream& from, std::size_t max_bytes = 1400) {
        std::vector<ring::Seq> seqs;
        while (auto payload = from.next_payload(max_bytes)) {
            packets_[next_] = {next_, from.self(), std::move(*payload)};
            seqs.push_back(next_++);
        }
        return seqs;
    }
    // Pulls one payload of `from` (there must be one); returns its sequence.
    ring::Seq pull_one(Stream& from, std::size_t max_bytes = 1400) {
        auto payload = from.next_payload(max_bytes);
        if (!payload) return 0;
        packets_[next_] = {next_, from.self(), std::move(*payload)};
        return next_++;
    }
    // Hands packet `seq` to `to`.
    void give(ring::Seq seq, Stream& to) const {
        const Packet& packet = packets_.at(seq);
        to.on_packet(packet.seq, packet.sender, packet.bytes);
    }
    void give(const std::vector<ring::Seq>& seqs, Stream& to) const {
        for (const auto seq : seqs) give(seq, to);
    }
    const Packet& packet(ring::Seq seq) const { return packets_.at(seq); }
    ring::Seq last() const { return next_ - 1; }

private:
    std::map<ring::Seq, Packet> packets_;  // everything sent, by sequence
    ring::Seq next_ = 1;                   // next sequence number
};

// Names deliveries by sending daemon and number ("1:2") for readable
// expectations.
inline std::vector<std::string> names(const std::vector<Delivery>& deliveries) {
    std::vector<std::string> out;
    for (const auto& d : deliveries) out.push_back(to_string(d.id));
    return out;
}

}  // namespace braid::delivery::test
