// One open connection to a daemon (a "mailbox" in the Spread API) and the
// process-wide table of them. The table is the library's only global state.
// A session has one lock for sending and one for receiving so that one thread
// can send while another blocks in SP_receive, as with Spread.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "client/frame.hpp"

namespace braid::client {

// Receive-side state kept between SP_receive calls.
struct PendingHeader {
    bool valid = false;       // a header was read but its body is still in the socket
    Header header;            // that header
    std::uint32_t old_type = 0;  // REJECT_MESS only: the original type word
};

struct Session {
    int fd = -1;                        // the socket; closed when the last user is gone
    std::string private_group;          // "#name#daemon" from the accept block
    std::mutex send_lock;               // serialises whole outgoing messages
    std::mutex receive_lock;            // serialises whole incoming messages
    PendingHeader pending;              // guarded by receive_lock
    std::atomic<bool> broken{false};    // an I/O error desynchronised the stream

    Session() = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();
};

// Most sessions one process may hold, as in libspread.
inline constexpr std::size_t max_sessions = 1024;

// Registers a session; its fd is the mailbox. False when the table is full.
bool table_add(const std::shared_ptr<Session>& s);

// The session for `mbox`, or nullptr.
std::shared_ptr<Session> table_find(int mbox);

// Removes and returns the session for `mbox`, or nullptr.
std::shared_ptr<Session> table_remove(int mbox);

}  // namespace braid::client
