// The effective configuration as braid.toml text.
//
// `braidd --check-config` prints this so the operator sees every option with
// the value the daemon will use, derived timeouts included. The output is in
// the schema the loader reads, and loading it back yields the same Config.
#pragma once

#include <string>

#include "config/config.hpp"

namespace braid::config {

std::string to_toml(const Config& config);

}  // namespace braid::config
