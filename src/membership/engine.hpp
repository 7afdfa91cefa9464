// One daemon's membership engine: forms the Totem ring and owns it.
//
// The engine is sans-I/O like the ring: inputs are datagrams, timer expiries
// and client submissions, each with the caller's time; outputs (outputs.hpp)
// are appended to a list the caller drains. It starts alone in gather,
// exchanges join messages (join.hpp) until the daemons it hears agree on a
// member set and a failed set, and the representative (lowest id) sends the
// commit token (commit_token.hpp) around twice. On the second rotation every
// member installs the new ring: a ring::Ring and a delivery::Stream, and a
// regular configuration event. A daemon nobody answers forms a ring of one
// when the consensus timeout expires.
//
// Scope of this version: the engine forms the FIRST ring of a daemon
// (start-up, alone or with the daemons starting at about the same time).
// Membership changes of an operational ring (token loss, a foreign ring's
// packets, late joins) are counted in stats() and logged, but do not yet
// start a new gather: recovery of the old ring's messages (DESIGN.md
// section 11) is not implemented, and changing the membership without it
// would break virtual synchrony.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "delivery/stream.hpp"
#include "membership/config.hpp"
#include "membership/outputs.hpp"
#include "membership/stats.hpp"
#include "ring/ring.hpp"
#include "wire/commit_token.hpp"
#include "wire/join.hpp"

namespace braid::membership {

// The protocol step (Totem's states; recovery belongs to membership changes,
// which this version does not perform).
enum class State : std::uint8_t {
    idle,         // start() not called yet
    gather,       // exchanging joins
    commit,       // the commit token is going round
    operational,  // the ring runs
};

const char* state_name(State s);

class Engine {
public:
    // The configuration must pass validate().
    explicit Engine(EngineConfig config);

    // Enters gather alone and announces itself.
    void start(ring::Time now);

    // Any datagram for this daemon. Malformed, foreign, duplicate and stale
    // packets are counted and change nothing else.
    void on_datagram(std::span<const std::uint8_t> bytes, ring::Time now);

    // A timer armed through an ArmOutput expired.
    void on_timer(TimerId timer, ring::Time now);

    // A client message. Queued until a ring is installed; then handed to
    // that ring's stream (whose refusals are counted).
    void submit(delivery::Message message, ring::Time now);

    std::vector<Output> drain_outputs();

    State state() const { return state_; }
    const MembershipStats& stats() const { return stats_; }
    ring::DaemonId self() const { return cfg_.self; }
    // The installed ring, once operational.
    const ring::Ring* current_ring() const { return ring_.get(); }
    const delivery::Stream* current_stream() const { return stream_.get(); }
    const std::set<ring::DaemonId>& members() const { return members_; }
    const std::set<ring::DaemonId>& failed() const { return failed_; }

private:
    // gather.cpp
    void enter_gather(ring::Time now);
    void send_join(ring::Time now);
    void on_join(const wire::Join& join, ring::Time now);
    void on_consensus_timeout(ring::Time now);
    bool agrees(const wire::Join& join) const;
    void check_consensus(ring::Time now);
    std::vector<ring::DaemonId> candidates() const;  // members - failed, ascending

    // commit.cpp
    void begin_commit(ring::Time now);
    void on_commit_token(wire::CommitToken token, ring::Time now);
    void forward_commit(wire::CommitToken token, ring::Time now);
    void install(const wire::CommitToken& token, ring::Time now);

    // engine.cpp
    void run_ring(ring::Time now);  // drains the ring and the stream into our outputs
    template <class T>
    void emit(T&& o) {
        out_.emplace_back(std::in_place_type<std::decay_t<T>>, std::forward<T>(o));
    }
    void log(log::Category c, std::string text);

    EngineConfig cfg_;              // this daemon's parameters
    State state_ = State::idle;     // protocol step

    // Gather
    std::set<ring::DaemonId> members_;   // daemons we try to form a ring with (self included)
    std::set<ring::DaemonId> failed_;    // daemons we believe failed
    std::map<ring::DaemonId, wire::Join> last_join_;  // newest join of each daemon in this gather
    std::map<ring::DaemonId, std::uint64_t> last_join_seq_;  // newest join sequence of each daemon, ever
    std::uint64_t join_seq_ = 0;         // our join counter
    std::uint64_t max_ring_seq_ = 0;     // highest ring sequence seen anywhere
    bool consensus_ = false;             // our sets are agreed by every candidate
    ring::Time gather_started_ = 0;      // when the current gather began

    // Commit
    std::optional<wire::CommitToken> forming_;   // the commit token of the ring being formed (last seen)
    std::uint64_t last_commit_seq_ = 0;          // highest commit token sequence handled for forming_'s ring
    std::vector<std::uint8_t> forwarded_commit_;  // last commit token we forwarded, for retransmission
    ring::DaemonId forwarded_to_ = 0;            // its destination
    ring::Time commit_retransmit_until_ = 0;     // stop resending it after this
    std::uint64_t installed_ring_seq_ = 0;       // sequence of the ring we installed (0: none)

    // Operational
    std::unique_ptr<delivery::Stream> stream_;   // the installed ring's delivery stream
    std::unique_ptr<ring::Ring> ring_;           // the installed ring
    std::vector<delivery::Message> queued_;      // submissions before a ring exists

    MembershipStats stats_;     // counters
    std::vector<Output> out_;   // pending outputs
};

}  // namespace braid::membership
