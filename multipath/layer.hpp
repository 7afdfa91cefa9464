// The multipath layer: every ring packet on every redundant network, each
// packet handed up once, and the health of every path judged per peer and
// per direction (DESIGN.md sections 4 and 9).
//
// It sits between the ring and the data link. The ring sends once
// (send_broadcast for data, joins and presence; send_to for the token and
// anything addressed to one daemon); the layer prefixes a multipath header
// (header.hpp) and fans the packet out:
//   * active mode: on every path that is up towards at least one target;
//   * passive mode: per target peer, on its highest-priority path that is up;
//   * a target whose paths are all faulty gets a copy on all of them: a host
//     never stops sending on its last path.
// Every logical send carries one per-sender 64-bit sequence, the same on
// each copy, so the receiver passes the first copy up and counts the rest
// as duplicates per path (DuplicateWindow); a copy older than the window is
// dropped as a duplicate and the ring's retransmission covers real loss.
//
// Path health. The header carries the set of paths the logical send went
// out on, so a receiver knows which copies to expect. A copy another path
// delivered that has not arrived on path p after the grace lag is a miss of
// p: a path out of step by less than the lag is late, never lossy, and never
// causes a fault or a retransmission. K consecutive misses, or silence on p
// for the silence timeout while the peer is heard elsewhere, make the
// receive direction of p faulty. Probes go out on every path every probe
// interval (they are logical sends too, so they feed the miss accounting
// even in passive mode) and carry receive reports; a peer's report about
// this host sets the send direction, and local send errors count against it
// (K in a row without the peer hearing anything new). A send error on one
// path never stops the copies on the others. A faulty link is restored only
// after restore_after without trouble (hysteresis, see link_health.hpp).
// Every change is an output (PathStateChanged) and a NETWORK log line.
//
// Incarnations. Each daemon sends a non-zero incarnation that changes at
// every restart; a new one resets the peer's duplicate window, and copies
// from the previous incarnations still in flight are dropped as stale.
//
// Robustness. Nothing that arrives can crash the layer: malformed datagrams,
// unknown senders or paths, wrong source addresses, crossed networks, stale
// incarnations are dropped and counted (PathCounters), with a log line at
// the 1st, 2nd, 4th, 8th... occurrence so a flood cannot flood the log.
// A daemon's own looped-back broadcasts are dropped: the ring handles its
// own packets itself.
//
// Sans-I/O: no sockets, clock reads or threads. Inputs carry `now`
// (microseconds, non-decreasing); outputs (output.hpp) accumulate until the
// caller takes them. The two timers (Timer::probe, Timer::judge) are values:
// the caller calls on_timer when an armed deadline passes.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "multipath/counters.hpp"
#include "multipath/duplicate_window.hpp"
#include "multipath/header.hpp"
#include "multipath/output.hpp"
#include "multipath/types.hpp"

namespace braid::multipath {

// Room left for the data link below: its frame header (16 bytes) and the
// largest authentication tag its one-byte tag length can announce (255).
inline constexpr std::size_t kLowerLayerReserve = 16 + 255;

// Largest ring packet: an IPv4 UDP datagram minus the data link's frame and
// the multipath header, so a maximum-size packet never fails with EMSGSIZE.
inline constexpr std::size_t kMaxPayload = 65507 - kLowerLayerReserve - kHeaderSize;

enum class SendResult {
    sent,          // copies are in the output list
    unknown_peer,  // send_to a daemon that is not configured
    no_path,       // the peer shares no network with this host
    too_large,     // payload above kMaxPayload
};
const char* to_string(SendResult r);

class Layer;

struct CreateResult {
    std::unique_ptr<Layer> layer;  // set on success
    std::string error;             // why the configuration was refused, otherwise
};

class Layer {
public:
    // Validates the configuration (paths, peers, addresses, settings) and
    // builds the layer; nothing is sent until start().
    static CreateResult create(LayerConfig config);

    // Sends the first probes and arms the probe timer.
    void start(Time now);

    // One logical send to every peer.
    SendResult send_broadcast(std::span<const std::uint8_t> payload, Time now);
    // One logical send to one peer (on its own addresses, even on broadcast networks).
    SendResult send_to(DaemonId peer, std::span<const std::uint8_t> payload, Time now);

    // A datagram arrived on a path from a source address.
    void on_datagram(PathIndex path, Ipv4Address from, std::span<const std::uint8_t> bytes, Time now);
    // The data link failed to send on a path (errno value).
    void on_send_error(PathIndex path, int error, Time now);
    // An armed timer's deadline has passed.
    void on_timer(Timer timer, Time now);

    // Everything produced since the last call, in order.
    std::vector<Output> take_outputs();

    // Snapshot of counters and link states.
    Status status() const;
    // One link's state; empty if the peer is unknown or does not share the path.
    std::optional<PathState> link_state(DaemonId peer, PathIndex path, Direction direction) const;

    const Settings& settings() const { return settings_; }

private:
    // A copy whose other copies are still awaited.
    struct Pending {
        std::uint32_t expected = 0;  // paths (by index bit) whose copy should come
        std::uint32_t arrived = 0;   // of those, paths whose copy came
    };
    // When a pending copy's grace lag ends.
    struct Expiry {
        Time deadline = 0;              // first arrival + grace
        std::size_t peer = 0;           // index into peers_
        std::uint64_t incarnation = 0;  // the sender's incarnation then (restarts void it)
        std::uint64_t sequence = 0;     // which logical send
    };
    // One peer on one local path.
    struct Link {
        bool shared = false;     // the peer has an address on this path
        Ipv4Address address;     // that address
        ReceiveLink receive;     // how we hear it
        SendLink send;           // how it hears us
    };
    struct Peer {
        PeerConfig config;                     // identity and addresses
        std::vector<Link> links;               // indexed like paths_
        std::uint32_t shared_mask = 0;         // shared paths, by path index bit
        std::uint64_t incarnation = 0;         // current incarnation, 0: never heard
        std::vector<std::uint64_t> retired;    // recent previous incarnations (late copies are stale)
        DuplicateWindow window;                // sequences of the current incarnation seen
        std::unordered_map<std::uint64_t, Pending> pending;  // by sequence
        std::uint64_t last_report_sequence = 0;  // newest probe whose reports were applied
        Time first_heard = kNever;             // first copy on any path (this incarnation or earlier)
        Time last_heard = kNever;              // last copy on any path
    };
    struct Path {
        PathConfig config;                     // the network
        PathCounters counters;                 // what happened on it
        std::vector<std::size_t> peers;        // peers_ indices sharing it
    };

    explicit Layer(LayerConfig config);

    SendResult send(Kind kind, std::span<const std::size_t> targets, bool to_group,
                    std::span<const std::uint8_t> payload, Time now);
    std::uint32_t choose_paths(std::span<const std::size_t> targets) const;
    void transmit(std::size_t slot, Ipv4Address to, const std::vector<std::uint8_t>& bytes, bool probe);
    void send_probes();
    std::vector<std::uint8_t> probe_body() const;

    void accept_datagram(PathIndex index, Ipv4Address from, std::span<const std::uint8_t> bytes, Time now);
    bool accept_incarnation(Peer& peer, Path& path, std::uint64_t incarnation);
    void take_copy(std::size_t peer_index, std::size_t slot, const DecodedDatagram& d, Time now);
    void apply_reports(Peer& peer, std::span<const std::uint8_t> body, Path& path,
                       std::uint64_t sequence, Time now);
    void judge_expired(Time now);
    void check_links(Time now);
    void update_judge_timer();
    void change(std::size_t peer_index, std::size_t slot, Direction direction,
                const std::optional<Transition>& t);
    void drop(Path* path, std::uint64_t& counter, const std::string& what);
    void log(std::string text);

    std::optional<std::size_t> slot_of(PathIndex index) const;
    std::optional<std::size_t> peer_of(DaemonId id) const;

    DaemonId self_;                           // our ring identity
    std::uint64_t incarnation_;               // our incarnation
    Settings settings_;                       // with miss_grace resolved
    std::vector<Path> paths_;                 // local paths ("slots"), configuration order
    std::vector<std::size_t> priority_;       // slots in passive-mode order
    std::vector<Peer> peers_;                 // every other daemon
    std::unordered_map<DaemonId, std::size_t> peer_index_;  // id -> peers_ index
    std::uint64_t next_sequence_ = 1;         // our multipath sequence
    std::deque<Expiry> expiries_;             // pending copies by deadline
    std::optional<Time> judge_armed_;         // deadline the judge timer is armed for
    LayerCounters counters_;                  // counters of no path
    std::vector<Output> outputs_;             // not yet taken by the caller
};

}  // namespace braid::multipath
