// Blocking socket primitives of the client library: opening a session's
// socket (Unix or TCP) within an optional deadline, reading exactly n bytes,
// discarding bytes, and sending a gather list completely. Every failure is
// returned as an SP_ error code; SIGPIPE is never raised.
#pragma once

#include <sys/uio.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>

#include "client/spread_name.hpp"

namespace braid::client {

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// Connects to the first endpoint that accepts. Returns the fd (blocking mode)
// or ILLEGAL_SPREAD / COULD_NOT_CONNECT.
int open_session_socket(const std::vector<Endpoint>& endpoints, const Deadline& deadline);

// Reads exactly out.size() bytes. Returns 0 or CONNECTION_CLOSED (EOF, error
// or deadline passed).
int read_exact(int fd, std::span<std::uint8_t> out, const Deadline& deadline = {});

// Reads and throws away `count` bytes. Returns 0 or CONNECTION_CLOSED.
int discard(int fd, std::size_t count);

// Sends every byte of `iov` (modified while sending). Returns 0 or CONNECTION_CLOSED.
int send_all(int fd, std::span<iovec> iov);

}  // namespace braid::client
