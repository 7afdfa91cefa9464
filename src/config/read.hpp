// The section readers and checks of the loader (internal).
//
// Reading turns each table into its part of the Config and reports what is
// wrong inside that table; checking then looks across sections (a host
// address on a network that does not exist, the daemon host, the timeouts as
// a set) using the positions the readers left in the SourceMap. Both append
// to the same Diagnostics, so that one pass reports every mistake.
#pragma once

#include "config/config.hpp"
#include "config/environment.hpp"
#include "config/toml_reader.hpp"

namespace braid::config::detail {

// Topology: [cluster], [[network]], [[host]] (read_topology.cpp).
void read_cluster(TableReader& document, Config& config);
void read_networks(TableReader& document, Config& config);
void read_hosts(TableReader& document, Config& config);

// [daemon], [multipath], [timeouts] (read_daemon.cpp).
void read_daemon(TableReader& document, Config& config);
void read_multipath(TableReader& document, Config& config);
void read_timeouts(TableReader& document, Config& config);

// [logging], [security], [limits] (read_options.cpp).
void read_logging(TableReader& document, Config& config);
void read_security(TableReader& document, Config& config);
void read_limits(TableReader& document, Config& config);

// Cross-section checks and resolution of defaults that depend on other
// sections (check_topology.cpp, check_daemon_host.cpp, check_settings.cpp).
void check_topology(const Config& config, ReadContext& context);
void resolve_daemon_host(Config& config, const Environment& environment, ReadContext& context);
void resolve_timings(Config& config, ReadContext& context);
void resolve_multipath(Config& config, ReadContext& context);
void resolve_security(Config& config, ReadContext& context);
void check_limits(const Config& config, ReadContext& context);

// Name rules shared by readers and the embedded default.
// A Spread daemon name: 1..19 printable ASCII characters, no '#', no space.
bool valid_host_name(std::string_view name);
// A network name: 1..32 letters, digits, '-' or '_' (a TOML bare key).
bool valid_network_name(std::string_view name);

}  // namespace braid::config::detail
