#include "config/derive.hpp"

#include <algorithm>
#include <string>

namespace braid::config {

namespace {
std::uint32_t at_least_one(std::uint32_t v) { return std::max<std::uint32_t>(v, 1); }
}  // namespace

std::uint32_t derive_join(std::uint32_t consensus) {
    // Four join rounds fit in the consensus timeout, so one lost join message
    // does not fail the gather; 50 ms is plenty on any LAN.
    return at_least_one(std::min<std::uint32_t>(50, consensus / 4));
}

Timeouts derive_timeouts(std::uint32_t token) {
    Timeouts t;
    t.token = token;
    t.token_retransmit = at_least_one(token / 4);  // three resends before the token is lost
    t.consensus = at_least_one(token / 5);         // a membership change settles well within one token timeout
    t.join = derive_join(t.consensus);
    t.merge = token;                               // separated rings find each other within a token timeout
    return t;
}

std::uint32_t derive_probe_interval(std::uint32_t token) { return at_least_one(token / 10); }

std::uint32_t derive_silence_timeout(std::uint32_t token) {
    // Well before token loss: a dead path must be dropped before it costs a membership change.
    return at_least_one(static_cast<std::uint32_t>(std::uint64_t{token} * 2 / 5));
}

std::uint32_t derive_restore_after(std::uint32_t token) {
    // Hysteresis: a flapping path must prove itself for longer than it took to fail.
    return at_least_one(static_cast<std::uint32_t>(std::min<std::uint64_t>(std::uint64_t{token} * 2, kMaxRestoreAfter)));
}

std::vector<ClientListener> default_clients(std::uint16_t port) {
    ClientListener unix_socket;
    unix_socket.kind = ClientListener::Kind::unix_socket;
    unix_socket.path = "/run/braid/" + std::to_string(port);
    ClientListener tcp;
    tcp.kind = ClientListener::Kind::tcp;
    tcp.address = Ipv4Address{0x7F000001};
    tcp.port = port;
    return {unix_socket, tcp};
}

}  // namespace braid::config
