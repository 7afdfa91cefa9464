// The validated configuration of a Braid cluster (DESIGN.md section 10).
//
// braid.toml is the operator's contract: this is its in-memory form after
// parsing and validation, with every default filled in and every derived
// timeout computed. Everything above the configuration layer reads this
// struct and nothing else; nothing here refers to TOML. The loader
// (config/loader.hpp) builds it and reports every mistake with its position.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "log/category.hpp"
#include "util/ipv4_address.hpp"

namespace braid::config {

// [cluster]
struct Cluster {
    std::string name = "braid";  // packets that carry another cluster's name are dropped
    std::uint16_t port = 4803;   // daemon UDP port (port+1 may be used too) and client TCP port

    bool operator==(const Cluster&) const = default;
};

// How a network carries the ring's broadcasts.
enum class NetworkKind {
    broadcast,  // an IPv4 subnet broadcast address
    multicast,  // an IPv4 multicast group, joined on the host's interface on this network
    unicast,    // no broadcast medium: every broadcast is sent to each peer in turn
};

// [[network]]: one redundant network, a "path" of the multipath layer.
struct Network {
    std::string name;                    // unique, referenced by host addresses and priority
    NetworkKind kind = NetworkKind::broadcast;
    std::optional<Ipv4Address> address;  // broadcast or multicast address; empty for unicast

    bool operator==(const Network&) const = default;
};

// [[host]]: one daemon of the cluster.
struct Host {
    std::string name;                               // daemon name, also used in private groups
    std::map<std::string, Ipv4Address> addresses;  // network name -> this host's address on it
    std::string segment = "default";                // hosts of a segment share a broadcast domain

    bool operator==(const Host&) const = default;
};

// One client listener from [daemon] clients.
struct ClientListener {
    enum class Kind { unix_socket, tcp };
    Kind kind = Kind::unix_socket;
    std::string path;         // unix: socket path
    Ipv4Address address;      // tcp: address to bind (0.0.0.0 = every interface)
    std::uint16_t port = 0;   // tcp: port

    bool operator==(const ClientListener&) const = default;
};

// [daemon]
struct Daemon {
    std::string host;  // resolved name of the [[host]] this daemon runs as (never empty after load)
    std::vector<ClientListener> clients;             // where clients connect
    std::string runtime_dir = "/var/lib/braid/root";  // chroot target when started as root
    std::string user = "braid";                       // privileges dropped to this user as root
    std::string group = "braid";                      // ... and this group
    // True when the file sets user, group or runtime_dir: started as root,
    // braidd must then drop to them or refuse to start. With none of them
    // set, the defaults are used only where they exist on the machine (the
    // packages create them), so the embedded default also runs on a bare
    // machine, as root, with a warning.
    bool identity_configured = false;

    bool operator==(const Daemon&) const = default;
};

enum class MultipathMode {
    active,   // every packet on every path that is up
    passive,  // one path at a time, by priority
};

// [multipath]
struct Multipath {
    MultipathMode mode = MultipathMode::active;
    std::vector<std::string> priority;    // passive-mode order of every network; unlisted ones follow in file order
    std::uint32_t fault_threshold = 8;    // consecutive copies missed (seen on other paths) before faulty
    // The three periods below derive from timeouts.token unless set (token / 10,
    // token * 2 / 5, token * 2) so that a path fault is found well before token loss.
    std::uint32_t probe_interval_ms = 100;   // probes on every path, also keeps silent paths judged
    std::uint32_t silence_timeout_ms = 400;  // nothing heard on a path for this long: faulty
    std::uint32_t restore_after_ms = 2000;   // healthy this long before a faulty path is trusted again

    bool operator==(const Multipath&) const = default;
};

// [timeouts], in milliseconds. Only `token` need be set; the others derive
// from it unless given explicitly, and the set is checked for consistency.
struct Timeouts {
    std::uint32_t token = 1000;            // token loss declared after this silence
    std::uint32_t token_retransmit = 250;  // token resent by its sender after this (token / 4)
    std::uint32_t join = 50;               // join message resend interval in gather (min(50, consensus / 4))
    std::uint32_t consensus = 200;         // gather gives up on silent members after this (token / 5)
    std::uint32_t merge = 1000;            // presence broadcast period for merge detection (= token)

    bool operator==(const Timeouts&) const = default;
};

// [logging]
struct Logging {
    log::CategoryMask debug = log::kDefaultCategories;  // enabled categories
    std::optional<std::string> file;  // log file, "%h" replaced by the host name; empty: stderr
    std::string timestamp = "[%a %d %b %Y %H:%M:%S]";  // strftime format of each line's time

    bool operator==(const Logging&) const = default;
};

enum class PortReuse {
    automatic,  // SO_REUSEADDR only on TCP listeners bound to a specific address
    on,         // always
    off,        // never
};

// [security]
struct Security {
    std::optional<std::string> key_file;  // cluster key; required by default with more than one host
    std::optional<std::string> next_key_file;  // key accepted but not yet used to send (rotation)
    // Both resolve to false without key_file (single host): there is nothing to sign with.
    bool authenticate = true;             // false only by explicit choice, warned at every start
    bool encrypt = true;                  // encrypt bodies when a key is set
    bool dangerous_monitor = false;       // allow partition / flow control / kill from the monitor
    PortReuse socket_port_reuse = PortReuse::automatic;
    std::vector<std::string> monitor_hosts;  // hosts whose monitor requests are accepted (default: every host)

    bool operator==(const Security&) const = default;
};

// [limits]
struct Limits {
    std::uint32_t max_session_messages = 1000;  // per-session output queue before disconnecting it
    std::uint32_t ring_window = 160;            // packets the whole ring may send per token rotation
    std::uint32_t personal_window = 20;         // packets one daemon may send per token visit

    bool operator==(const Limits&) const = default;
};

struct Config {
    std::string source;  // file the configuration came from, or "<embedded default>"
    Cluster cluster;
    std::vector<Network> networks;  // in file order; at least one
    std::vector<Host> hosts;        // in file order; at least one
    Daemon daemon;
    Multipath multipath;
    Timeouts timeouts;
    Logging logging;
    Security security;
    Limits limits;

    const Host* find_host(const std::string& name) const;
    const Network* find_network(const std::string& name) const;
    const Host& self() const;  // the host named by daemon.host (load guarantees it exists)

    bool operator==(const Config&) const = default;
};

}  // namespace braid::config
