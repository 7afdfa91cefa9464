#include "datalink/batch_receive.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cerrno>

namespace braid::datalink {

BatchReceiver::BatchReceiver(std::size_t batch)
    : batch_(std::clamp<std::size_t>(batch, 1, 64)),
      buffers_(batch_ * kBufferSize),
      messages_(batch_),
      vectors_(batch_),
      sources_(batch_) {}

ReceiveSummary BatchReceiver::receive(int fd, const Handler& handler) {
    ReceiveSummary summary;
    for (std::size_t round = 0; round < kMaxRounds; ++round) {
        // recvmmsg overwrites lengths and flags: reset every header each round.
        for (std::size_t i = 0; i < batch_; ++i) {
            vectors_[i].iov_base = buffers_.data() + i * kBufferSize;
            vectors_[i].iov_len = kBufferSize;
            messages_[i] = mmsghdr{};
            msghdr& m = messages_[i].msg_hdr;
            m.msg_name = &sources_[i];
            m.msg_namelen = sizeof sources_[i];
            m.msg_iov = &vectors_[i];
            m.msg_iovlen = 1;
        }
        const int n = ::recvmmsg(fd, messages_.data(), static_cast<unsigned>(batch_), MSG_DONTWAIT,
                                 nullptr);
        if (n < 0) {
            const int error = errno;
            if (error == EINTR) continue;
            if (error != EAGAIN && error != EWOULDBLOCK) summary.error = error;
            return summary;
        }
        for (int i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(i);
            const mmsghdr& m = messages_[k];
            ReceivedDatagram d;
            if (m.msg_hdr.msg_namelen >= sizeof(sockaddr_in) && sources_[k].sin_family == AF_INET) {
                d.from = Ipv4Address{ntohl(sources_[k].sin_addr.s_addr)};
            }
            d.truncated = (m.msg_hdr.msg_flags & MSG_TRUNC) != 0;
            d.bytes = std::span<const std::uint8_t>(buffers_.data() + k * kBufferSize,
                                                    std::min<std::size_t>(m.msg_len, kBufferSize));
            ++summary.datagrams;
            handler(d);
        }
        if (static_cast<std::size_t>(n) < batch_) return summary;  // queue drained
    }
    return summary;
}

}  // namespace braid::datalink
