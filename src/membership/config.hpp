// Parameters of one daemon's membership engine.
//
// Timeouts come from the configuration file's [timeouts] section (config.hpp
// Timeouts, milliseconds); the core works in microseconds. The ring tuning
// (windows, payload size, hold time) is copied into every ring the engine
// forms; its ids, members and ring timeouts are filled in by the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ring/config.hpp"

namespace braid::config {
struct Timeouts;
}  // namespace braid::config
#include "ring/types.hpp"

namespace braid::membership {

struct Timeouts {
    ring::Time token_us = 1'000'000;            // token loss declared after this silence
    ring::Time token_retransmit_us = 250'000;   // token (and commit token) resent after this
    ring::Time join_us = 50'000;                // join resend interval in gather
    ring::Time consensus_us = 200'000;          // gather gives up on silent daemons after this
    ring::Time merge_us = 1'000'000;            // presence broadcast period
};

struct EngineConfig {
    ring::DaemonId self = 0;     // this daemon
    std::uint32_t cluster = 0;   // cluster tag (wire::cluster_tag)
    Timeouts timeouts;           // see above
    ring::RingConfig tuning;     // windows and sizes for every ring formed
};

// The configuration file's [timeouts] (milliseconds) in the core's microseconds.
Timeouts from_config(const config::Timeouts& t);

// Why the configuration cannot run, or nothing when it can.
std::optional<std::string> validate(const EngineConfig& c);

}  // namespace braid::membership
