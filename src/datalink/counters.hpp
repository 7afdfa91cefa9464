// Per-path counters of the data link, for status output and the logs.
//
// They count what happened at the socket level, below the multipath layer's
// own per-path counters: datagrams the kernel accepted or refused, and
// datagrams dropped before anything above saw them.
#pragma once

#include <array>
#include <cstdint>
#include <map>

#include "datalink/frame.hpp"
#include "datalink/types.hpp"

namespace braid::datalink {

struct PathCounters {
    std::uint64_t packets_sent = 0;       // datagrams the kernel accepted
    std::uint64_t bytes_sent = 0;         // their bytes, frame header included
    std::uint64_t packets_received = 0;   // datagrams passed up (valid frames)
    std::uint64_t bytes_received = 0;     // their bytes, frame header included
    std::uint64_t send_errors = 0;        // sends refused by the kernel and reported up
    std::map<int, std::uint64_t> send_errors_by_errno;  // the same, by errno value
    std::uint64_t send_would_block = 0;   // dropped on EAGAIN (socket buffer full): the
                                          // ring's retransmission covers them, not reported up
    std::uint64_t send_oversize = 0;      // payloads above kMaxPayload, never sent
    std::uint64_t receive_errors = 0;     // recvmmsg failures other than EAGAIN/EINTR
    std::array<std::uint64_t, kDropReasonCount> drops{};  // received datagrams dropped, by DropReason

    std::uint64_t dropped(DropReason r) const { return drops[static_cast<std::size_t>(r)]; }
};

// A path's configuration, socket state and counters.
struct PathStatus {
    PathConfig config;          // what the path is
    bool group_receiving = false;  // broadcast / multicast socket up (false for unicast paths)
    bool multicast_ready = false;  // every address-dependent step done (true for other kinds);
                                   // false: waiting for the interface address, see
                                   // DataLink::retry_multicast_setup
    PathCounters counters;      // what happened on it
};

}  // namespace braid::datalink
