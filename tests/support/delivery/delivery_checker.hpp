// Invariant checker for the delivery layer, for tests and the simulator.
//
// Feed it what happens at every daemon of one ring configuration, in the
// order it happens: each submission (with the id submit() returned), each
// packet a daemon now holds, each delivery. It checks, at every delivery:
//  * no message is delivered twice at a daemon, nor one never submitted;
//  * per sender connection: a FIFO, CAUSAL, AGREED or SAFE message comes
//    after every earlier RELIABLE-or-stronger message of its connection
//    (FIFO order, no gap);
//  * CAUSAL, AGREED and SAFE messages come in one identical order, with the
//    same positions, at every daemon;
//  * causal order: an ordered message comes after every message its sending
//    daemon had delivered before it was submitted (unreliable ones excepted);
//  * a SAFE message is delivered only when every daemon holds every packet
//    that carried it.
// After a daemon's transitional configuration (membership: transitional()),
// its deliveries may skip messages lost with failed daemons, so the no-gap,
// causal and SAFE-stability rules stop applying there; no duplicate, FIFO
// order among what it delivers, and consistency with the agreed order (same
// positions, increasing) still hold.
// The first violation is kept as a readable sentence; later input is still
// accepted but cannot replace it. One checker covers one ring configuration.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "delivery/message.hpp"
#include "ring/types.hpp"

namespace braid::delivery {

class DeliveryChecker {
public:
    // The daemons of the configuration (SAFE means: all of these hold it).
    explicit DeliveryChecker(const std::vector<ring::DaemonId>& daemons);

    // id.daemon's stream accepted a message. Feed that daemon's earlier
    // deliveries first: they are what this message causally follows.
    void submitted(const MessageId& id, const std::string& sender, ServiceLevel level);

    // Daemon `at` now holds the ring packet `seq` (its on_packet was called).
    void holds(ring::DaemonId at, ring::Seq seq);

    // Daemon `at` handed up `delivery` (deliveries of one daemon in order).
    void delivered(ring::DaemonId at, const Delivery& delivery);

    // Daemon `at` delivered the transitional configuration of this ring.
    void transitional(ring::DaemonId at);

    // The first violation found so far, or nothing.
    const std::optional<std::string>& violation() const { return violation_; }

    // For the end of a run where the network eventually delivered: names a
    // RELIABLE-or-stronger message some daemon never delivered, or nothing.
    std::optional<std::string> missing_delivery() const;

    // Number of ordered messages in the agreed order so far.
    std::size_t ordered_count() const { return order_.size(); }

private:
    using ConnectionKey = std::pair<ring::DaemonId, std::string>;

    struct Submission {
        std::string sender;             // sending connection
        ServiceLevel level{};           // service level
        std::size_t in_connection = 0;  // index in its connection's submissions
        std::size_t causes = 0;         // deliveries at its daemon before submission
    };
    struct View {
        std::set<MessageId> delivered;                // everything handed up here
        std::vector<MessageId> log;                   // the same, in order
        std::size_t ordered = 0;                      // ordered messages handed up here
        std::optional<std::pair<ring::Seq, std::uint64_t>> last_key;  // (position, number) of the last one
        bool transitional = false;                    // its transitional configuration was delivered
        std::map<ConnectionKey, MessageId> fifo_last;  // latest-submitted FIFO+ message delivered, per connection
        std::set<ring::Seq> held;                     // packets this daemon holds
        std::map<ConnectionKey, std::size_t> fifo_covered;   // prefix of a connection delivered here
        std::map<ring::DaemonId, std::size_t> causes_covered;  // prefix of a daemon's log delivered here
    };

    void fail(std::string text);
    bool check_fifo(ring::DaemonId at, View& view, const MessageId& id, const Submission& s);
    bool check_not_overtaken(ring::DaemonId at, View& view, const MessageId& id, const Submission& s);
    bool check_order(ring::DaemonId at, View& view, const Delivery& delivery);
    bool check_causal(ring::DaemonId at, View& view, const MessageId& id, const Submission& s);
    bool check_safe(ring::DaemonId at, const Delivery& delivery);
    std::string describe(const MessageId& id) const;

    std::map<ring::DaemonId, View> views_;                            // per daemon
    std::map<MessageId, Submission> submissions_;                     // every submitted message
    std::map<ConnectionKey, std::vector<MessageId>> connections_;     // submissions per connection
    std::vector<std::pair<MessageId, ring::Seq>> order_;              // the agreed order
    std::map<MessageId, ring::Seq> positions_;                        // position of every ordered message seen
    std::optional<std::string> violation_;                            // first violation
};

}  // namespace braid::delivery
