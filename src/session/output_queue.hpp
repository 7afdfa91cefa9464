// Bytes waiting to be written to one client, bounded in messages.
//
// The daemon writes to a client only as fast as the client reads. A client
// that stops reading must not make the daemon's memory grow without bound
// (DESIGN.md section 9), so the queue holds at most max_session_messages
// whole messages; a push beyond that is refused and the session reports a
// slow client. Partial socket writes are tracked with an offset into the
// oldest message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

namespace braid::session {

class OutputQueue {
public:
    explicit OutputQueue(std::size_t max_messages) : max_messages_(max_messages) {}

    // Queues one message; false, and nothing queued, when max_messages are
    // already waiting.
    bool push(std::vector<std::uint8_t> bytes);

    // The unwritten bytes of the oldest message (empty when nothing waits).
    std::span<const std::uint8_t> front() const;

    // Queues handshake bytes whatever the limit: they are the first few
    // bytes of a session, not what the limit is about.
    void push_always(std::vector<std::uint8_t> bytes);

    // Records that n bytes from the head of the queue were written (may span
    // several messages); a message is dropped once all of it is written. n
    // beyond bytes() is clamped.
    void consume(std::size_t n);

    std::size_t messages() const { return queue_.size(); }  // waiting messages
    std::size_t bytes() const { return bytes_; }            // unwritten bytes in total
    std::size_t limit() const { return max_messages_; }     // max_session_messages
    bool empty() const { return queue_.empty(); }

    // Drops everything (the session is closed).
    void clear();

private:
    std::size_t max_messages_;                       // limit on waiting messages
    std::deque<std::vector<std::uint8_t>> queue_;    // oldest first
    std::size_t written_ = 0;                        // bytes of queue_.front() already written
    std::size_t bytes_ = 0;                          // unwritten bytes in the queue
};

}  // namespace braid::session
