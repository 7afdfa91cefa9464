// The data link: UDP sockets on every path (network) of this host, framed
// datagrams in and out, wired into the daemon's event loop.
//
// Below the multipath layer and above the kernel. Multipath's Transmit
// outputs become send() calls (one call per drained burst, batched per path
// with sendmmsg); every valid frame that arrives is handed up through the
// receive callback with the path it arrived on and its source address,
// which is what multipath's on_datagram takes. Frames that are malformed,
// of another version or of another cluster are dropped and counted per path
// (frame.hpp) and never reach the callback.
//
// Failure isolation: a send refused on one path (ENETDOWN, ENETUNREACH,
// EPERM from a firewall, EADDRNOTAVAIL for a vanished address) is returned
// to the caller, for multipath's on_send_error, and never stops the sends
// of the same burst on other paths. EAGAIN (a full socket buffer) is
// counted as a drop and not reported: the ring retransmits.
//
// Sockets are non-blocking and registered with the loop at
// Priority::protocol, so a membership change is not slowed by clients.
// Not thread-safe; use it from the loop's thread. The receive callback may
// call send(), but must not destroy the data link.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "datalink/batch_receive.hpp"
#include "datalink/counters.hpp"
#include "datalink/frame.hpp"
#include "datalink/path_sockets.hpp"
#include "datalink/types.hpp"
#include "event/loop.hpp"

namespace braid::datalink {

// A valid frame's payload arrived on `path` from `from` (its source address).
// The bytes are valid only during the call.
using ReceiveCallback =
    std::function<void(PathIndex path, Ipv4Address from, std::span<const std::uint8_t> payload)>;

class DataLink;

struct CreateResult {
    std::unique_ptr<DataLink> link;  // set on success
    std::string error;               // what failed and where, otherwise
};

// Counters of no path.
struct LinkCounters {
    std::uint64_t unknown_path = 0;  // transmits for a path this data link has no socket on
};

class DataLink {
public:
    // Checks the configuration, opens every path's sockets and registers
    // them with `loop` (which must outlive the data link). On any failure
    // nothing stays open and `error` says what to change.
    static CreateResult create(LinkConfig config, event::Loop& loop, ReceiveCallback on_receive);

    ~DataLink();
    DataLink(const DataLink&) = delete;
    DataLink& operator=(const DataLink&) = delete;

    // Sends a burst: each transmit framed and sent on its path's socket,
    // batched per path. Returns the refused sends (a transmit for a path
    // this host is not on comes back with EINVAL); every other transmit
    // was attempted, whatever happened to the ones before it.
    std::vector<SendError> send(std::span<const Transmit> transmits);

    // Multicast paths whose interface address was missing at start-up have
    // no group membership (and no IP_MULTICAST_IF) yet; this tries again.
    // Call it periodically, for example from the multipath probe timer; it
    // costs nothing once everything is in place. Returns one message per
    // path still waiting, empty when every multicast path is ready.
    std::vector<std::string> retry_multicast_setup();

    // Snapshot of every path, in configuration order.
    std::vector<PathStatus> status() const;
    // One path's counters; null if this host is not on that path.
    const PathCounters* counters(PathIndex path) const;
    const LinkCounters& link_counters() const { return link_counters_; }
    const LinkConfig& config() const { return config_; }

private:
    struct Path {
        PathSockets sockets;                 // unicast and group sockets
        PathCounters counters;               // what happened on the path
        event::WatchId unicast_watch = 0;    // loop registration of sockets.unicast
        event::WatchId group_watch = 0;      // loop registration of sockets.group (0: none)
    };

    DataLink(LinkConfig config, event::Loop& loop, ReceiveCallback on_receive);
    std::string open();
    std::string watch(std::size_t slot, int fd, event::WatchId& id);
    void on_readable(std::size_t slot, int fd);
    Path* find(PathIndex index);

    LinkConfig config_;                  // as created
    event::Loop& loop_;                  // where the sockets are registered
    ReceiveCallback on_receive_;         // upward delivery
    FrameHeader header_;                 // the frame header of this cluster, sent on everything
    BatchReceiver receiver_;             // shared receive buffers
    std::vector<std::unique_ptr<Path>> paths_;  // configuration order; stable addresses for callbacks
    LinkCounters link_counters_;         // counters of no path
};

}  // namespace braid::datalink
