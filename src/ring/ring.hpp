// One daemon's side of a Totem single ring whose membership does not change.
//
// The ring orders opaque payloads: it broadcasts them with ring sequence
// numbers while holding the token, retransmits what others miss, applies
// flow control, tracks the aru carried by the token to learn which packets
// every member has (safe, then discarded), and keeps the token alive by
// retransmitting it. It is sans-I/O: inputs are datagrams, timer expiries and
// start(), each with the caller's current time; outputs (outputs.hpp) are
// appended to a list the caller drains. Payloads come from and go to a
// PayloadPort (the delivery layer).
//
// One Ring object serves exactly one ring configuration. Membership (gather,
// commit, recovery) sits above it: it dispatches datagrams, reacts to
// TokenLostOutput, reads the packet store for recovery, then replaces the
// Ring with one for the new configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "ring/config.hpp"
#include "ring/outputs.hpp"
#include "ring/packet_store.hpp"
#include "ring/payload_port.hpp"
#include "ring/stats.hpp"
#include "ring/types.hpp"
#include "wire/data_packet.hpp"
#include "wire/token.hpp"

namespace braid::ring {

// Where this daemon stands with respect to the token.
enum class TokenPhase : std::uint8_t {
    waiting,    // not ours; waiting for it (token loss timer armed)
    held,       // ours, held back by the hold timer (idle ring, or a ring of one)
    forwarded,  // passed on; resending it until the next member shows it got it
    stopped,    // stop() was called: the ring is being torn down, inputs are ignored
};

class Ring {
public:
    // The configuration must pass validate(); the port must outlive the ring.
    Ring(RingConfig config, PayloadPort& port);

    // Begins operation: the representative creates the first token, the
    // others start waiting for it.
    void start(Time now);

    // Any daemon packet for this cluster. Malformed, foreign and stale
    // packets are counted and change nothing else.
    void on_datagram(std::span<const std::uint8_t> bytes, Time now);

    // Already decoded packets (for a membership layer that dispatches).
    void on_data(const wire::DataPacket& packet, std::span<const std::uint8_t> bytes, Time now);
    void on_token(wire::Token token, Time now);

    // A timer armed through an ArmOutput expired.
    void on_timer(TimerId timer, Time now);

    // Tears the ring down (membership is forming a new one): cancels every
    // timer and ignores every later input. The packet store stays readable
    // for recovery.
    void stop();

    // Moves the outputs produced so far to the caller.
    std::vector<Output> drain_outputs();

    const RingConfig& config() const { return cfg_; }
    const RingStats& stats() const { return stats_; }
    const PacketStore& store() const { return store_; }
    TokenPhase phase() const { return phase_; }
    Seq aru() const { return store_.aru(); }          // every packet up to here is here
    Seq safe() const { return safe_; }               // every member has every packet up to here
    Seq highest_seen() const { return highest_seen_; }  // highest sequence known to exist
    bool is_representative() const { return cfg_.members.front() == cfg_.self; }

private:
    // token_handling.cpp
    void accept_token(wire::Token token, Time now);
    void process_token(wire::Token token, Time now);
    std::uint32_t answer_requests(wire::Token& token);
    std::uint32_t send_new_packets(wire::Token& token, std::uint32_t allowance);
    void request_missing(wire::Token& token);
    void update_aru(wire::Token& token);
    void update_safe(Seq forwarded_aru);
    void forward(wire::Token token, bool idle, Time now);
    bool token_is_idle(const wire::Token& token) const;

    void note_aru_progress();
    template <class T>
    void emit(T&& o) {
        out_.emplace_back(std::in_place_type<std::decay_t<T>>, std::forward<T>(o));
    }
    void log(log::Category c, std::string text);

    RingConfig cfg_;       // this ring's configuration
    PayloadPort& port_;    // the delivery layer
    DaemonId next_ = 0;    // the member after us in ring order

    PacketStore store_;        // packets held until stable
    Seq highest_seen_ = 0;     // highest sequence seen in a packet or token
    Seq reported_aru_ = 0;     // last value given to on_ordered
    Seq safe_ = 0;             // last value given to on_safe
    std::optional<Seq> last_forwarded_aru_;  // token aru we forwarded at our previous visit

    TokenPhase phase_ = TokenPhase::waiting;  // where we stand with the token
    std::uint64_t last_token_seq_ = 0;   // highest token sequence handled
    std::uint32_t my_last_share_ = 0;    // packets we sent at our previous visit (flow control)
    Seq request_horizon_ = 0;            // token's highest sequence when we last forwarded it
    std::optional<wire::Token> held_;    // token held by the hold timer
    std::vector<std::uint8_t> forwarded_bytes_;  // token we forwarded, for retransmission
    Seq forwarded_highest_ = 0;          // highest sequence in the token we forwarded
    bool loss_reported_ = false;         // a token loss was reported for the current silence

    RingStats stats_;          // counters (stats.hpp)
    std::vector<Output> out_;  // pending outputs, drained by the caller
};

}  // namespace braid::ring
