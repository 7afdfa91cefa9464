// What the ring asks of the world: the only way out of the sans-I/O core.
//
// After every input the caller drains the ring's output list and acts on it
// in order: send datagrams, arm or cancel timers, write log lines, and hand
// token-loss reports to whoever decides about membership. A timer is a
// value (an id and a deadline), never a callback; arming an id that is
// already armed moves its deadline.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "log/category.hpp"
#include "ring/types.hpp"

namespace braid::ring {

// Where a datagram goes: the ring's broadcast, or one daemon.
struct Destination {
    bool broadcast = true;  // every other member of the ring
    DaemonId daemon = 0;    // the one daemon when not broadcast

    static Destination all() { return {true, 0}; }
    static Destination to(DaemonId d) { return {false, d}; }
    bool operator==(const Destination&) const = default;
};

enum class TimerId : std::uint8_t {
    token_retransmit,  // resend the token we forwarded
    token_loss,        // no token for the token loss timeout
    token_hold,        // release a token held at the representative (idle ring, or a ring of one)
};

const char* timer_name(TimerId t);

struct SendOutput {
    Destination to;                   // broadcast or one daemon
    std::vector<std::uint8_t> bytes;  // a complete encoded packet
};

struct ArmOutput {
    TimerId timer;  // which timer
    Time at;        // absolute deadline, same clock as the inputs' now
};

struct CancelOutput {
    TimerId timer;  // disarm it; harmless if not armed
};

struct LogOutput {
    log::Category category;  // Spread-style debug category
    std::string text;        // one line, no newline
};

// No token for the token loss timeout. The ring keeps its state (and keeps
// retransmitting what it forwarded); the membership layer decides what to do.
struct TokenLostOutput {
    RingId ring;             // the ring that lost its token
    std::uint64_t last_token_seq;  // the last token sequence this daemon handled
};

using Output = std::variant<SendOutput, ArmOutput, CancelOutput, LogOutput, TokenLostOutput>;

}  // namespace braid::ring
