// Test helper: a Session with a daemon-side name table, and the byte
// vectors of the protocol description's worked example (section 11).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "session/session.hpp"
#include "wire_bytes.hpp"

namespace braid::session::test {

inline SessionSettings example_settings() {
    SessionSettings s;
    s.daemon_name = "localhost";
    s.order = ByteOrder::little;  // the capture's daemon ran on x86-64
    s.connection = 11;
    s.name_seed = 5199;
    return s;
}

// A session plus the daemon's table of names in use.
class Harness {
public:
    explicit Harness(SessionSettings settings = example_settings())
        : session(std::move(settings), [this](std::string_view name) {
              return names.insert(std::string(name)).second;
          }) {}
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    // Everything the session wants written, marked as written.
    Bytes drain() {
        Bytes out;
        for (auto chunk = session.pending_output(); !chunk.empty();
             chunk = session.pending_output()) {
            out.insert(out.end(), chunk.begin(), chunk.end());
            session.written(chunk.size());
        }
        return out;
    }

    std::vector<SessionEvent> feed(const Bytes& bytes) { return session.feed(bytes); }

    std::set<std::string> names;  // private names claimed on this "daemon"
    Session session;              // the session under test
};

// Section 11 (a): SP_connect(..., "alice", priority 0, membership 1) from libspread 5.0.1.
inline Bytes alice_connect() { return cat({hex("05 00 01 01 05"), text("alice")}); }
// The daemon's auth method list.
inline Bytes null_auth_list() { return hex("05 4e 55 4c 4c 20"); }
// The client's 90-byte auth choice: "NULL" then zeros.
inline Bytes null_auth_choice() { return cat({text("NULL"), zeros(86)}); }
// Section 11 (b): the accept block.
inline Bytes alice_accept() { return cat({hex("01 05 00 01 10"), text("#alice#localhost")}); }
// Section 11 (c): SP_join("g1").
inline Bytes alice_join() {
    return cat({hex("80 00 01 80"), padded("#alice#localhost"),
                hex("01 00 00 00 80 00 00 80 00 00 00 00"), padded("g1")});
}
// Section 11 (g): SP_leave("g1").
inline Bytes alice_leave() {
    return cat({hex("80 00 02 80"), padded("#alice#localhost"),
                hex("01 00 00 00 80 00 00 80 00 00 00 00"), padded("g1")});
}
// Section 11 (g): SP_disconnect(), with stack garbage after the NUL.
inline Bytes alice_kill() {
    return cat({hex("80 00 04 80"), padded("#alice#localhost"),
                hex("01 00 00 00 80 00 00 80 00 00 00 00"), text("#alice#localhost"),
                hex("00 c8 7f 11 22 33 ab cd ef 01 02 03 04 05 06 07")});
}
// Section 11 (d) and (f): AGREED "hello" to g1, mess_type 7.
inline Bytes alice_hello() {
    return cat({hex("90 00 00 80"), padded("#alice#localhost"),
                hex("01 00 00 00 80 07 00 80 05 00 00 00"), padded("g1"), text("hello")});
}

// A harness whose session is established as alice (handshake bytes drained).
inline void establish_alice(Harness& h) {
    h.feed(cat({alice_connect(), null_auth_choice()}));
    h.drain();
}

}  // namespace braid::session::test
