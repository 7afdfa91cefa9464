#include "datalink/batch_send.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>

namespace braid::datalink {

namespace {

// Datagrams per sendmmsg call: enough to amortise the system call, small
// enough for the stack.
constexpr std::size_t kChunk = 64;

void record_error(int error, const Transmit& t, PathCounters& counters,
                  std::vector<SendError>& errors) {
    if (error == EAGAIN || error == EWOULDBLOCK || error == ENOBUFS) {
        ++counters.send_would_block;  // a full queue is loss, which the ring repairs
        return;
    }
    ++counters.send_errors;
    ++counters.send_errors_by_errno[error];
    errors.push_back(SendError{t.path, t.destination, error});
}

void send_chunk(int fd, const FrameHeader& header, std::span<const Transmit* const> chunk,
                std::uint16_t port, PathCounters& counters, std::vector<SendError>& errors) {
    std::array<mmsghdr, kChunk> messages{};
    std::array<std::array<iovec, 2>, kChunk> vectors{};
    std::array<sockaddr_in, kChunk> addresses{};
    for (std::size_t i = 0; i < chunk.size(); ++i) {
        const Transmit& t = *chunk[i];
        addresses[i].sin_family = AF_INET;
        addresses[i].sin_port = htons(port);
        addresses[i].sin_addr.s_addr = htonl(t.destination.value);
        // sendmsg does not write through iov_base; the const is the kernel ABI's omission.
        vectors[i][0].iov_base = const_cast<std::uint8_t*>(header.data());
        vectors[i][0].iov_len = header.size();
        vectors[i][1].iov_base = const_cast<std::uint8_t*>(t.payload.data());
        vectors[i][1].iov_len = t.payload.size();
        msghdr& m = messages[i].msg_hdr;
        m.msg_name = &addresses[i];
        m.msg_namelen = sizeof addresses[i];
        m.msg_iov = vectors[i].data();
        m.msg_iovlen = 2;
    }
    std::size_t next = 0;
    while (next < chunk.size()) {
        const int sent = ::sendmmsg(fd, messages.data() + next,
                                    static_cast<unsigned>(chunk.size() - next), MSG_DONTWAIT);
        if (sent < 0) {
            const int error = errno;
            if (error == EINTR) continue;
            record_error(error, *chunk[next], counters, errors);
            ++next;  // skip the refused datagram, send the rest
            continue;
        }
        if (sent == 0) {  // nothing taken and no error: treat the head like a full queue
            record_error(EAGAIN, *chunk[next], counters, errors);
            ++next;
            continue;
        }
        for (std::size_t i = next; i < next + static_cast<std::size_t>(sent); ++i) {
            ++counters.packets_sent;
            counters.bytes_sent += header.size() + chunk[i]->payload.size();
        }
        next += static_cast<std::size_t>(sent);
    }
}

}  // namespace

void send_batch(int fd, const FrameHeader& header, std::span<const Transmit* const> batch,
                std::uint16_t port, PathCounters& counters, std::vector<SendError>& errors) {
    for (std::size_t start = 0; start < batch.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, batch.size() - start);
        send_chunk(fd, header, batch.subspan(start, n), port, counters, errors);
    }
}

}  // namespace braid::datalink
