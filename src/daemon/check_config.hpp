// `braidd --check-config`: validate a configuration without running it.
//
// Operators run this before a restart or a reload, and scripts run it in
// CI, so it reports every mistake at once with its position and, when the
// file is good, prints the effective configuration (every default filled
// in, every derived timeout computed) so that nothing about what the daemon
// will do is left implicit.
#pragma once

#include <iosfwd>

#include "daemon/options.hpp"

namespace braid::daemon {

// Prints the result: "configuration OK: FILE, host NAME" and the effective
// configuration on `out` (returns 0), or every error on `err` (returns 1).
int check_config(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace braid::daemon
