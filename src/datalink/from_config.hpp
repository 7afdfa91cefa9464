// Building the data link's configuration from the daemon's configuration:
// one path per network this host has an address on, the cluster identifier
// from the cluster's name and port (frame.hpp).
#pragma once

#include "config/config.hpp"
#include "datalink/types.hpp"

namespace braid::datalink {

// The data link of `host` in `config` (usually config.self()). Network
// indices are positions in config.networks, as multipath uses them.
LinkConfig link_config(const config::Config& config, const config::Host& host);

}  // namespace braid::datalink
