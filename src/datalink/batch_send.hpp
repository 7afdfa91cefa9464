// Sending a burst of datagrams on one path with sendmmsg.
//
// The frame header is prepended through a second iovec, so payloads are
// never copied. sendmmsg stops at the first datagram the kernel refuses;
// that one is recorded (an error reported up, or a would-block drop) and
// the rest of the burst is sent on, so one bad destination never holds
// back the others. Errors stay within the path: the caller sends every
// path's burst whatever happened on the others.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "datalink/counters.hpp"
#include "datalink/frame.hpp"
#include "datalink/types.hpp"

namespace braid::datalink {

// Sends `batch` (all for the path whose unicast socket is `fd`) to `port`
// at each destination. Updates `counters`; appends refused sends to `errors`.
void send_batch(int fd, const FrameHeader& header, std::span<const Transmit* const> batch,
                std::uint16_t port, PathCounters& counters, std::vector<SendError>& errors);

}  // namespace braid::datalink
