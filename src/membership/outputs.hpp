// What the membership engine asks of the world: the only way out of it.
//
// The daemon's event loop (or the simulator) drains this list after every
// input and acts on it in order. The ring's own outputs are translated into
// these: its timers get membership timer ids, its token-loss reports are
// handled inside the engine.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "delivery/message.hpp"
#include "log/category.hpp"
#include "ring/outputs.hpp"
#include "ring/types.hpp"

namespace braid::membership {

enum class TimerId : std::uint8_t {
    ring_token_retransmit,  // the ring's token_retransmit timer
    ring_token_loss,        // the ring's token_loss timer
    ring_token_hold,        // the ring's token_hold timer
    join,                   // gather: resend our join
    consensus,              // gather: give up on daemons that have not agreed
    commit_retransmit,      // commit: resend the commit token we forwarded
    commit_loss,            // no (progress of the) commit token after consensus; back to gather
};

const char* timer_name(TimerId t);

struct SendOutput {
    ring::Destination to;             // broadcast or one daemon
    std::vector<std::uint8_t> bytes;  // a complete encoded packet
};

struct ArmOutput {
    TimerId timer;   // which timer
    ring::Time at;   // absolute deadline
};

struct CancelOutput {
    TimerId timer;  // disarm it; harmless if not armed
};

struct DeliverOutput {
    delivery::Delivery delivery;  // a message for the layer above
};

enum class ConfigurationKind : std::uint8_t {
    transitional,  // old members that move on together
    regular,       // the new ring's members
};

struct ConfigurationOutput {
    ConfigurationKind kind = ConfigurationKind::regular;  // which configuration
    ring::RingId ring;                   // the ring it belongs to
    std::vector<ring::DaemonId> members;  // ascending
};

struct LogOutput {
    log::Category category;  // Spread-style debug category
    std::string text;        // one line
};

using Output = std::variant<SendOutput, ArmOutput, CancelOutput, DeliverOutput, ConfigurationOutput, LogOutput>;

}  // namespace braid::membership
