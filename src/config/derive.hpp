// Defaults that depend on other options, and the rules that derive them.
//
// Operators tune timeouts badly one by one (DESIGN.md section 9), so the
// token timeout alone derives every other protocol period unless it is given
// explicitly. The loader and the embedded default both use these functions,
// and braid.toml(5) documents the same formulas.
#pragma once

#include <cstdint>
#include <vector>

#include "config/config.hpp"

namespace braid::config {

// Limits of the timeout values, in milliseconds.
inline constexpr std::uint32_t kMinTokenTimeout = 20;     // below this the derived periods reach 1 ms
inline constexpr std::uint32_t kMaxTimeout = 600'000;     // ten minutes: anything longer is a typo
inline constexpr std::uint32_t kMaxRestoreAfter = 2 * kMaxTimeout;  // restore_after derives as token * 2

// token_retransmit = token / 4, consensus = token / 5, merge = token,
// join = min(50, consensus / 4) (at least 1).
Timeouts derive_timeouts(std::uint32_t token);

// join derived from an explicit or derived consensus: min(50, consensus / 4), at least 1.
std::uint32_t derive_join(std::uint32_t consensus);

// Multipath periods: probe_interval = token / 10, silence_timeout = token * 2 / 5,
// restore_after = token * 2 (each at least 1).
std::uint32_t derive_probe_interval(std::uint32_t token);
std::uint32_t derive_silence_timeout(std::uint32_t token);
std::uint32_t derive_restore_after(std::uint32_t token);

// The default [daemon] clients: "unix:/run/braid/PORT" and "tcp:127.0.0.1:PORT".
std::vector<ClientListener> default_clients(std::uint16_t port);

}  // namespace braid::config
