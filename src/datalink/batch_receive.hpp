// Reading a socket's queued datagrams in batches with recvmmsg.
//
// One receiver (its buffers) serves every socket of a data link, since the
// event loop calls back one socket at a time. A wake-up reads at most a few
// batches so that one busy socket cannot starve the others: the loop is
// level-triggered and calls again while data is queued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>

#include "util/ipv4_address.hpp"

namespace braid::datalink {

// One datagram as read: source, bytes, and whether the kernel cut it.
struct ReceivedDatagram {
    Ipv4Address from;                     // source address
    std::span<const std::uint8_t> bytes;  // valid until the next receive()
    bool truncated = false;               // larger than the buffer: bytes are incomplete
};

// What one receive() call did.
struct ReceiveSummary {
    std::size_t datagrams = 0;  // datagrams handed to the handler
    int error = 0;              // errno of a failure other than EAGAIN / EINTR, else 0
};

class BatchReceiver {
public:
    using Handler = std::function<void(const ReceivedDatagram&)>;

    // `batch` datagrams per recvmmsg (clamped to 1..64), each up to 64 KiB.
    explicit BatchReceiver(std::size_t batch);

    // Reads what is queued on `fd` (at most kMaxRounds batches) and calls
    // `handler` for each datagram, in arrival order.
    ReceiveSummary receive(int fd, const Handler& handler);

    static constexpr std::size_t kMaxRounds = 4;   // batches per wake-up
    static constexpr std::size_t kBufferSize = 65536;  // above the largest IPv4 UDP payload

private:
    std::size_t batch_;                     // datagrams per call
    std::vector<std::uint8_t> buffers_;     // batch_ * kBufferSize
    std::vector<mmsghdr> messages_;         // one per buffer
    std::vector<iovec> vectors_;            // one per buffer
    std::vector<sockaddr_in> sources_;      // filled by the kernel
};

}  // namespace braid::datalink
