// The receiving half for one sending daemon: its payloads put back in the
// order it built them, and its messages reassembled from their pieces.
//
// Payloads of one daemon carry its own counter (1, 2, ...), so this daemon's
// messages can be completed as soon as that daemon's payloads are
// contiguous, whatever gaps other daemons' packets leave in the ring order.
// A payload that arrives ahead of its predecessor waits here. A gap that is
// known never to fill (the missing payload was malformed, or no surviving
// member has it after a membership change) is skipped on request, and a
// message that lost a piece in it is dropped and counted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "delivery/counters.hpp"
#include "delivery/payload_codec.hpp"
#include "ring/types.hpp"

namespace braid::delivery {

// A message completed from one sender's payloads.
struct Assembled {
    NumberedMessage message;           // number and content
    std::vector<ring::Seq> packets;    // ring sequences of the payloads that carried it
    std::uint32_t index_in_last = 0;   // record index inside the last payload (orders packed messages)
};

class SenderStream {
public:
    // A validated payload. Completes messages (appended to `out`) when the
    // payload is the next one expected, and then any buffered successors.
    // Returns false (and counts) when the counter was already seen.
    bool add(ring::Seq seq, std::span<const std::uint8_t> bytes, const DecodedPayload& payload,
             std::vector<Assembled>& out, Counters& counters);

    // A payload whose header names `counter` but whose records are invalid:
    // it takes its place in the order, and whatever message it carried a
    // piece of is lost.
    bool add_malformed(ring::Seq seq, std::uint64_t counter, std::vector<Assembled>& out,
                       Counters& counters);

    // Gives up on the missing payloads before the oldest buffered one and
    // processes what becomes contiguous. False when nothing is buffered.
    bool skip_gap(std::vector<Assembled>& out, Counters& counters);

    // Drops a message whose last piece never came (end of the configuration).
    void drop_unfinished(Counters& counters);

    // Lowest ring sequence among payloads waiting for a predecessor.
    std::optional<ring::Seq> oldest_waiting() const;

private:
    struct Buffered {
        ring::Seq seq = 0;                 // ring sequence it arrived with
        std::vector<std::uint8_t> bytes;   // the payload (empty when malformed)
        bool malformed = false;            // its records were invalid
    };
    struct Partial {
        std::uint32_t total = 0;            // encoded length of the whole message
        std::vector<std::uint8_t> bytes;    // pieces received so far
        std::vector<ring::Seq> packets;     // their payloads
    };

    bool accept(std::uint64_t counter, Counters& counters) const;
    void drain(std::vector<Assembled>& out, Counters& counters);
    void process(ring::Seq seq, const DecodedPayload& payload, std::vector<Assembled>& out,
                 Counters& counters);
    void lose_partial(Counters& counters);
    void finish(std::span<const std::uint8_t> encoded, std::vector<ring::Seq> packets,
                std::uint32_t index, std::vector<Assembled>& out, Counters& counters);

    std::uint64_t next_counter_ = 1;              // counter of the next payload to process
    std::map<std::uint64_t, Buffered> buffered_;  // payloads ahead of a gap, by counter
    std::set<ring::Seq> waiting_seqs_;            // their ring sequences
    std::optional<Partial> partial_;              // message being reassembled
    bool discarding_ = false;  // pieces of an already-counted lost message are being dropped
};

}  // namespace braid::delivery
