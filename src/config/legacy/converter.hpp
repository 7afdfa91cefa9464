// Conversion of a classic Spread configuration file into braid.toml
// (`braidctl convert-config spread.conf`).
//
// Segments and hosts (segments.cpp):
//  * Each classic Spread_Segment becomes one [[network]], named "a", "b", ...
//    in file order ("aa", "ab", ... after "z"); a multicast segment address
//    becomes `multicast`, any other address `broadcast`. Each host line
//    "NAME ADDRESS" is that host's address on the network. A name found in
//    several segments is one [[host]] with an address on each: this is how
//    a multipath cluster is written in the classic syntax.
//  * Nested form (Multipath Spread patch): each inner { } block of a segment
//    is one [[network]] with `unicast = true`, because that form records no
//    broadcast address. Names are resolved with the injected Resolver; the
//    k-th block that lists a name takes the k-th address the resolver
//    returned for it (a "NAME ADDRESS" line in a block needs no resolver).
//    The segment header ("mp:4803") only contributes its port.
//  * Interface letters after a name (D daemon, C client, M monitor) are
//    dropped with a note: Braid sends daemon traffic and answers the monitor
//    on every network of a host, and the converted [daemon] clients listen
//    on every interface as Spread did.
//  * Braid segments: networks that share a host (or come from one nested
//    segment) form one broadcast domain. When that gives a single domain no
//    host gets a `segment` (the default segment). When it gives several
//    (the wide-area figures 2.5 and 2.6 of the guide), every host gets
//    segment = "seg1", "seg2", ... numbered in file order.
//  * Every segment's port (default 4803) must be the same: it is the
//    cluster's port (at most 65534: the daemon also uses port+1).
//  * What Braid's loader would refuse is refused here, at its line in
//    spread.conf: host names over 19 characters or with '#', addresses
//    0.0.0.0, 255.255.255.255 or multicast for a host, two hosts on one
//    address, one host twice on one network.
//
// Options (options.cpp):
//   Keyword              Braid                            Notes
//   DebugFlags = { }     [logging] debug                  SKIPLIST dropped (no such structure)
//   EventLogFile         [logging] file                   %h keeps its meaning
//   EventTimeStamp [=F]  [logging] timestamp              bare: Spread's default format
//   EventPriority        dropped, noted                   Braid filters by category only
//   DangerousMonitor     [security] dangerous_monitor     true | false
//   SocketPortReuse      [security] socket_port_reuse     AUTO | ON | OFF
//   MaxSessionMessages   [limits] max_session_messages
//   RuntimeDir           [daemon] runtime_dir
//   DaemonUser           [daemon] user
//   DaemonGroup          [daemon] group
//   RequiredAuthMethods  dropped if only NULL, else error  Braid has no client authentication modules
//   AllowedAuthMethods   dropped if only NULL, else error  (same)
//   AccessControlPolicy  dropped if PERMIT, else error     Braid has no access control modules
//   anything else        error: unknown keyword
#pragma once

#include <string>
#include <string_view>

#include "config/legacy/converted.hpp"
#include "config/legacy/error.hpp"
#include "config/legacy/resolver.hpp"
#include "config/legacy/spread_conf.hpp"

namespace braid::config::legacy {

struct ConversionResult {
    std::string toml;     // the braid.toml text; empty when there are errors
    ConvertErrors errors;  // every error, ordered by position
    bool ok() const { return errors.empty(); }
};

// Parses and converts the text of a spread.conf. `source` names the file in
// the output's header comment.
ConversionResult convert_spread_conf(std::string_view text, const std::string& source,
                                     const Resolver& resolver);

// The steps of convert_spread_conf, each appending to `errors`.
void convert_segments(const SpreadConf& conf, const Resolver& resolver, ConvertedConfig& out,
                      ConvertErrors& errors);
void convert_options(const SpreadConf& conf, ConvertedConfig& out, ConvertErrors& errors);
std::string write_toml(const ConvertedConfig& config);

}  // namespace braid::config::legacy
