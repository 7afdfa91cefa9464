// The result of converting a spread.conf: Braid's configuration in the terms
// of braid.toml (DESIGN.md section 10), before it is written out as TOML.
//
// Only what the classic file said is set; everything else stays unset so the
// TOML output leaves it to Braid's defaults. Notes explain, as comments in
// the output, what was dropped or needs the operator's attention.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/ipv4_address.hpp"

namespace braid::config::legacy {

enum class CarrierKind {
    broadcast,  // the segment's address was a subnet broadcast address
    multicast,  // the segment's address was a multicast group
    unicast,    // nested form: no broadcast address recorded, send to each peer
};

// One [[network]].
struct ConvertedNetwork {
    std::string name;                    // "a", "b", ... in file order
    CarrierKind kind = CarrierKind::broadcast;
    std::optional<Ipv4Address> address;  // broadcast / multicast address; empty for unicast
    std::string origin;                  // where it came from, for a comment ("line 1: Spread_Segment ...")
};

// One [[host]].
struct ConvertedHost {
    std::string name;                                          // as written in spread.conf
    std::vector<std::pair<std::string, Ipv4Address>> addresses;  // network name -> address, network order
    std::optional<std::string> segment;  // set only when the cluster has several segments
};

struct ConvertedConfig {
    std::string source;           // the classic file's name, for the header comment
    std::uint16_t port = 4803;    // [cluster] port: the segments' common port
    std::vector<ConvertedNetwork> networks;
    std::vector<ConvertedHost> hosts;
    std::vector<std::string> notes;  // one comment paragraph each, in file order

    // [logging]
    std::optional<std::vector<std::string>> debug;  // DebugFlags entries, "!NAME" kept
    std::optional<std::string> log_file;            // EventLogFile
    std::optional<std::string> timestamp;           // EventTimeStamp (bare: Spread's format)
    // [security]
    std::optional<bool> dangerous_monitor;         // DangerousMonitor
    std::optional<std::string> socket_port_reuse;  // SocketPortReuse: "auto", "on" or "off"
    // [daemon]
    std::optional<std::string> runtime_dir;  // RuntimeDir
    std::optional<std::string> user;         // DaemonUser
    std::optional<std::string> group;        // DaemonGroup
    // [limits]
    std::optional<std::uint32_t> max_session_messages;  // MaxSessionMessages
};

}  // namespace braid::config::legacy
