// One client connection's protocol engine, without sockets (sans-I/O).
//
// The daemon feeds the bytes it reads from a client into feed() and gets
// typed events back (the session opened, join, leave, multicast, disconnect,
// closed with a reason and a log line); bytes for the client collect in a
// bounded output queue the daemon drains with pending_output()/written().
// Deliveries from the ring go in through the deliver_* calls, which apply
// the per-session rules (membership flag, SELF_DISCARD) and report a slow
// client when the queue limit is reached. Bytes may arrive in any split:
// one at a time or several messages at once give the same events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "delivery/message.hpp"
#include "session/deliveries.hpp"
#include "session/handshake.hpp"
#include "session/membership.hpp"
#include "session/output_queue.hpp"
#include "session/requests.hpp"
#include "session/wire_int.hpp"

namespace braid::session {

// Protocol steps of a session.
enum class SessionState : std::uint8_t {
    awaiting_connect,  // reading the connect request
    awaiting_auth,     // auth list sent, reading the 90-byte auth choice
    established,       // framed messages both ways
    closing,           // a REJECT byte waits to be written; close the socket after it
    closed,            // finished: close the socket now, discard any output
};

std::string_view state_name(SessionState state);

// What a session needs from the daemon's configuration.
struct SessionSettings {
    std::string daemon_name;                          // this daemon's name (1..19 name characters)
    std::size_t max_session_messages = kDefaultSessionMessages;  // output queue limit
    ByteOrder order = native_order();                 // byte order of what the daemon writes
    DaemonVersion version;                            // version announced in the accept block
    std::uint32_t connection = 0;                     // connection number, for made-up names and logs
    std::uint32_t name_seed = 0;                      // random number, for made-up names
};

// Claims a private name for this session: false when another session of
// this daemon already uses it (the session then answers REJECT_NOT_UNIQUE);
// true reserves it until the daemon sees this session end.
using NameClaim = std::function<bool(std::string_view private_name)>;

// The handshake finished: the session is open.
struct Established {
    std::string private_name;   // unique on this daemon
    std::string private_group;  // "#name#daemon"
    bool membership = false;    // the client wants membership messages
    int priority = 0;           // stored only (no effect, as in Spread)
    int client_version = 0;     // major*10000 + minor*100 + patch
    bool operator==(const Established&) const = default;
};

// The session ended for a reason other than the client's KILL.
struct Closed {
    SessionError reason = SessionError::none;  // the rule broken, or peer_closed / slow_client
    bool was_established = false;  // true when group members must see CAUSED_BY_DISCONNECT
    std::string log_line;          // who and why, for the daemon's log
    bool operator==(const Closed&) const = default;
};

using SessionEvent = std::variant<Established, JoinRequest, LeaveRequest, MulticastRequest,
                                  DisconnectRequest, IgnoredRequest, Closed>;

// What a deliver_* call did.
enum class DeliverOutcome : std::uint8_t {
    queued,       // the frame waits in the output queue
    skipped,      // not for this session (no membership flag, SELF_DISCARD, not open)
    slow_client,  // queue full: the session is now closed; `closed` says who and why
};

struct DeliverResult {
    DeliverOutcome outcome = DeliverOutcome::skipped;  // what happened
    Closed closed;                                     // filled when outcome is slow_client
};

class Session {
public:
    Session(SessionSettings settings, NameClaim claim_name);

    // Consumes bytes read from the client; returns the events they complete.
    std::vector<SessionEvent> feed(std::span<const std::uint8_t> bytes);

    // The client closed the connection or a read failed (same as KILL for
    // the groups). Returns the Closed event; nothing if already finished.
    std::vector<SessionEvent> peer_closed();

    // The daemon is at its session limit: answer REJECT_QUOTA and close.
    // Only meaningful before any byte was fed.
    Closed refuse_quota();

    // Daemon -> client frames, in the order of the calls.
    DeliverResult deliver_data(const delivery::Message& message, ByteOrder hint_order);
    DeliverResult deliver_membership(const RegularMembership& membership);
    DeliverResult deliver_transitional(std::string_view group, const GroupId& previous);
    DeliverResult deliver_self_leave(std::string_view group);
    DeliverResult deliver_reject(const RejectedRequest& request);

    // Bytes to write next, and how many of them the socket took.
    std::span<const std::uint8_t> pending_output() const { return output_.front(); }
    void written(std::size_t n) { output_.consume(n); }
    const OutputQueue& output() const { return output_; }

    // True when the daemon should close the socket now.
    bool should_close() const {
        return state_ == SessionState::closed ||
               (state_ == SessionState::closing && output_.empty());
    }

    SessionState state() const { return state_; }
    const std::string& private_name() const { return private_name_; }    // empty until claimed
    const std::string& private_group() const { return private_group_; }  // empty until claimed
    bool membership() const { return membership_; }

private:
    // Each step consumes what it can from in_ and appends events; false when
    // it needs more bytes or the session ended.
    bool step_connect(std::vector<SessionEvent>& events);
    bool step_auth(std::vector<SessionEvent>& events);
    bool step_message(std::vector<SessionEvent>& events);

    void accept(std::vector<SessionEvent>& events);
    void reject(SessionError error, std::string detail, std::vector<SessionEvent>& events);
    void close_established(SessionError error, std::string detail,
                           std::vector<SessionEvent>& events);
    bool claim(std::string_view requested);
    DeliverResult enqueue(std::vector<std::uint8_t> frame);
    std::string who() const;

    SessionSettings settings_;          // daemon-wide parameters
    NameClaim claim_name_;              // uniqueness check, owned by the daemon
    SessionState state_ = SessionState::awaiting_connect;  // current protocol step
    std::vector<std::uint8_t> in_;      // received bytes not yet consumed
    std::size_t in_at_ = 0;             // start of the unconsumed part of in_
    OutputQueue output_;                // bytes for the client
    ConnectRequest request_;            // the connect request, once read
    std::string private_name_;          // claimed private name
    std::string private_group_;         // "#name#daemon"
    bool membership_ = false;           // wants membership messages
    bool header_ready_ = false;         // header_ holds a validated header
    MessageHeader header_;              // header of the message being read
};

}  // namespace braid::session
