// The configuration a daemon runs on when no braid.toml exists.
//
// A single daemon on the loopback network: enough for a first start, for
// local development and for the README demo, and no key needed since there
// is no peer to authenticate (DESIGN.md section 10).
#pragma once

#include "config/config.hpp"
#include "config/environment.hpp"

namespace braid::config {

// Source name recorded in Config::source for the embedded default.
inline constexpr const char* kEmbeddedDefaultSource = "<embedded default>";

// One host named after the machine (its short host name made into a valid
// daemon name, "localhost" if nothing is left; a valid -n NAME wins), one unicast network "lo"
// with the host at 127.0.0.1, clients on unix:/run/braid/4803 and
// tcp:127.0.0.1:4803, every other option at its default.
Config embedded_default(const Environment& environment);

}  // namespace braid::config
