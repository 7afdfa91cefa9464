// The delivery stream: Spread's six service levels on top of the ring.
//
// One Stream exists per daemon and ring configuration. It is the ring's
// PayloadPort: the ring pulls payloads from it while holding the token and
// pushes what arrives and how far the ring order and stability reach. The
// stream packs client messages into payloads (packer.hpp), puts each sending
// daemon's payloads back in order and reassembles messages
// (sender_stream.hpp), and hands messages up by these rules:
//
// * UNRELIABLE and RELIABLE: as soon as the message is complete, which needs
//   only its sender's payloads up to it (never other senders' gaps).
// * FIFO: as soon as it is complete and every earlier message of the same
//   sender connection has been handed up.
// * CAUSAL, AGREED, SAFE: one total order, the ring order of each message's
//   last piece (messages packed into one payload in their order there). It
//   is consistent with causality because a daemon only sends after it has
//   received what it has seen. A message is handed up once the ring order is
//   complete up to it here; a SAFE one also waits until every daemon has it
//   (on_safe), and holds back every later ordered message meanwhile.
//
// Mixed levels from one connection: each message gets its own level's
// guarantee and is handed up exactly once. A FIFO message therefore waits for
// an earlier AGREED (or SAFE) message of its connection, and an ordered
// message comes after every earlier message of its connection; a RELIABLE
// message may overtake anything.
//
// The stream assumes what the ring guarantees: sequence numbers of a
// configuration start at 1; the ring numbers one daemon's payloads in the
// order it pulled them; and it passes the daemon's own payloads to
// on_packet too (self delivery goes the same way as everyone else's).
//
// End of a configuration (membership, DESIGN.md section 11): once recovery
// has fed every old-ring packet the surviving members have, close() says
// which messages the old regular configuration still allows and which come
// after the transitional configuration; take_unsent() returns own messages
// that never fully left, for the next ring's stream. Until close() the
// stream stays open, so a membership attempt that fails during recovery
// simply keeps feeding it the old ring's packets (with old sequences).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "delivery/counters.hpp"
#include "delivery/message.hpp"
#include "delivery/packer.hpp"
#include "delivery/sender_stream.hpp"
#include "ring/payload_port.hpp"

namespace braid::delivery {

// What close() hands up, in delivery order within each part.
struct Closure {
    // Allowed by the old regular configuration: ordered messages up to the
    // first hole in the ring order, SAFE ones only if known stable.
    std::vector<Delivery> regular;
    // To deliver after the transitional configuration: the rest, holes skipped.
    std::vector<Delivery> transitional;
};

class Stream final : public ring::PayloadPort {
public:
    // Steps of a stream's life.
    enum class State : std::uint8_t {
        operational,  // the ring runs: inputs accepted
        closed,       // close() ran: inputs are ignored and counted
    };

    explicit Stream(ring::DaemonId self);

    // Queues a client message. Refused (nothing queued) when it breaks a
    // limit of message.hpp or the stream is closed.
    SubmitResult submit(Message message);

    // PayloadPort (see ring/payload_port.hpp).
    std::optional<std::vector<std::uint8_t>> next_payload(std::size_t max_bytes) override;
    void on_packet(ring::Seq seq, ring::DaemonId sender,
                   std::span<const std::uint8_t> payload) override;
    void on_ordered(ring::Seq up_to) override;
    void on_safe(ring::Seq up_to) override;

    // Messages ready to hand up, in delivery order; each is returned once.
    std::vector<Delivery> take_deliveries();

    // Ends the configuration (see the file comment). Deliveries not yet
    // taken are part of Closure::regular. Call once; later calls return
    // nothing.
    Closure close();

    // Own messages not completely pulled by next_payload, in submission order.
    std::vector<Message> take_unsent();

    bool has_unsent() const { return !packer_.empty(); }
    State state() const { return state_; }
    ring::DaemonId self() const { return self_; }
    ring::Seq ordered_up_to() const { return ordered_up_to_; }
    ring::Seq safe_up_to() const { return safe_up_to_; }
    const Counters& counters() const { return counters_; }

private:
    // A sender connection: the daemon and the private group name.
    using ConnectionKey = std::pair<ring::DaemonId, std::string>;
    // Total-order key: ring sequence of the last piece, place in that payload.
    using OrderKey = std::pair<ring::Seq, std::uint32_t>;

    // An undelivered message at least FIFO, in its connection's queue.
    struct Waiting {
        MessageId id;                     // the message
        std::optional<Delivery> fifo;     // a FIFO message waiting for its turn; empty for ordered
    };

    void complete(ring::DaemonId sender, std::vector<Assembled>& done);
    void emit(Delivery delivery);
    void deliver_ordered(std::map<OrderKey, Delivery>::iterator it);
    void release_fifo(const ConnectionKey& key);
    void advance();
    void skip_every_gap();

    ring::DaemonId self_;                          // this daemon
    State state_ = State::operational;             // life step
    std::uint64_t next_number_ = 1;                // number of the next submitted message
    Packer packer_;                                // own messages to send
    std::map<ring::DaemonId, SenderStream> senders_;  // per sending daemon
    std::map<OrderKey, Delivery> ordered_;            // complete ordered messages not yet handed up
    std::map<ConnectionKey, std::deque<Waiting>> connections_;  // per connection: undelivered FIFO+ messages
    std::vector<Delivery> ready_;                  // handed up, not yet taken
    std::set<ring::Seq> received_above_;           // sequences received above ordered_up_to_
    ring::Seq ordered_up_to_ = 0;                  // every packet up to here is present
    ring::Seq safe_up_to_ = 0;                     // every daemon has every packet up to here
    bool transitional_ = false;                    // after the transitional configuration: SAFE needs no stability
    Counters counters_;                            // see counters.hpp
};

}  // namespace braid::delivery
