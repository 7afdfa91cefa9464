// Fuzz target: the client protocol engine (session/session.hpp), handshake
// and framed requests, as a client's byte stream.
//
// The input is what a client writes on its socket. It is fed to one Session
// in one piece and to another in pieces whose sizes a generator seeded from
// the input picks (from single bytes to large runs). Both must report the
// same events, reach the same state and leave the same bytes for the
// client: the engine promises that the split never matters. The events must
// also make sense as a sequence: Established at most once and first, nothing
// after Closed or a disconnect, requests only on an open session and sent
// as this session's private group, and the bytes for an opened session are
// the auth list and the accept block naming that private group. Finally
// every join, leave and multicast is written again with the client-side
// encoder and sent through a fresh session of the same name: it must come
// out as the same request.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz_check.hpp"
#include "session/client_side.hpp"
#include "session/constants.hpp"
#include "session/session.hpp"

using namespace braid::session;

namespace {

SessionSettings fuzz_settings() {
    SessionSettings s;
    s.daemon_name = "fuzzd";
    s.max_session_messages = 16;
    s.order = ByteOrder::little;
    s.connection = 7;
    s.name_seed = 1234;
    return s;
}

// "taken" is already used by another session of this daemon.
bool claim(std::string_view name) { return name != "taken"; }

struct Run {
    std::vector<SessionEvent> events;  // everything feed() and peer_closed() reported
    std::vector<std::uint8_t> output;  // every byte left for the client
    SessionState state = SessionState::awaiting_connect;  // state after the input, before peer_closed
};

void append(std::vector<SessionEvent>& to, std::vector<SessionEvent> from) {
    for (auto& e : from) to.push_back(std::move(e));
}

// Feeds `bytes` in pieces of the sizes `next_size` returns.
template <class NextSize>
Run run(std::span<const std::uint8_t> bytes, NextSize next_size) {
    Session session(fuzz_settings(), claim);
    Run r;
    std::size_t at = 0;
    while (at < bytes.size()) {
        const std::size_t n = std::min(next_size(), bytes.size() - at);
        const auto before = r.events.size();
        append(r.events, session.feed(bytes.subspan(at, n)));
        // Once finished, a session consumes nothing more and reports nothing.
        if (before > 0 && (std::holds_alternative<Closed>(r.events[before - 1]) ||
                           std::holds_alternative<DisconnectRequest>(r.events[before - 1])))
            FUZZ_CHECK(r.events.size() == before);
        at += n;
    }
    r.state = session.state();
    while (!session.output().empty()) {
        const auto out = session.pending_output();
        FUZZ_CHECK(!out.empty());
        r.output.insert(r.output.end(), out.begin(), out.end());
        session.written(out.size());
    }
    const bool finished = r.state == SessionState::closed || r.state == SessionState::closing;
    const auto closing = session.peer_closed();
    FUZZ_CHECK(closing.size() == (finished ? 0U : 1U));
    if (!closing.empty()) FUZZ_CHECK(std::holds_alternative<Closed>(closing.front()));
    append(r.events, std::move(closing));
    FUZZ_CHECK(session.should_close());
    return r;
}

void check_sequence(const Run& r) {
    const Established* opened = nullptr;
    bool killed = false;
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        const SessionEvent& e = r.events[i];
        const bool last = i + 1 == r.events.size();
        if (const auto* est = std::get_if<Established>(&e)) {
            FUZZ_CHECK(i == 0);
            opened = est;
            FUZZ_CHECK(!est->private_name.empty() && est->private_name.size() <= kMaxPrivateName);
            FUZZ_CHECK(est->private_group == "#" + est->private_name + "#fuzzd");
            FUZZ_CHECK(est->private_name != "taken");
        } else if (const auto* closed = std::get_if<Closed>(&e)) {
            FUZZ_CHECK(last);
            FUZZ_CHECK(closed->was_established == (opened != nullptr));
            FUZZ_CHECK(!closed->log_line.empty());
        } else {
            FUZZ_CHECK(opened != nullptr);
            if (const auto* join = std::get_if<JoinRequest>(&e))
                FUZZ_CHECK(!join->group.empty() && join->group.size() <= kMaxGroupChars);
            if (const auto* leave = std::get_if<LeaveRequest>(&e))
                FUZZ_CHECK(!leave->group.empty() && leave->group.size() <= kMaxGroupChars);
            if (const auto* multicast = std::get_if<MulticastRequest>(&e)) {
                FUZZ_CHECK(multicast->message.sender == opened->private_group);
                for (const auto& g : multicast->message.groups) FUZZ_CHECK(g.size() <= kMaxGroupChars);
            }
            if (std::holds_alternative<DisconnectRequest>(e)) {
                FUZZ_CHECK(last);
                killed = true;
            }
        }
    }
    if (opened != nullptr && r.state == SessionState::established) {
        // The auth list (from 3.16), then the accept block; requests are never answered.
        std::vector<std::uint8_t> expected;
        if (opened->client_version >= kAuthPhaseFrom) expected = encode_auth_list();
        const auto accept = encode_accept(DaemonVersion{},
                                          opened->client_version >= kPatchInAcceptFrom,
                                          opened->private_group);
        expected.insert(expected.end(), accept.begin(), accept.end());
        if (r.output != expected) {
            std::fprintf(stderr, "%zu events, output:", r.events.size());
            for (const auto b : r.output) std::fprintf(stderr, " %02x", b);
            std::fprintf(stderr, "\nexpected:");
            for (const auto b : expected) std::fprintf(stderr, " %02x", b);
            std::fprintf(stderr, "\n");
        }
        FUZZ_CHECK(r.output == expected);
    }
    // A closed session (KILL, or a broken rule after the handshake) discards its output.
    if (killed) FUZZ_CHECK(r.state == SessionState::closed);
    if (r.state == SessionState::closed) FUZZ_CHECK(r.output.empty());
}

// Re-encodes the requests of an opened session and feeds them to a new one.
void check_requests_round_trip(const Run& r) {
    if (r.events.empty()) return;
    const auto* opened = std::get_if<Established>(&r.events.front());
    if (opened == nullptr) return;
    std::vector<std::uint8_t> stream = encode_connect_request(
        DaemonVersion{4, 4, 0}, opened->membership, 0, opened->private_name);
    const auto choice = encode_auth_choice("NULL");
    stream.insert(stream.end(), choice.begin(), choice.end());
    std::vector<SessionEvent> expected;
    for (const SessionEvent& e : r.events) {
        std::vector<std::uint8_t> frame;
        if (const auto* join = std::get_if<JoinRequest>(&e)) {
            frame = encode_client_request(kJoin, opened->private_group, {join->group}, 0, {},
                                          ByteOrder::little);
        } else if (const auto* leave = std::get_if<LeaveRequest>(&e)) {
            frame = encode_client_request(kLeave, opened->private_group, {leave->group}, 0, {},
                                          ByteOrder::big);
        } else if (const auto* multicast = std::get_if<MulticastRequest>(&e)) {
            const auto& m = multicast->message;
            const std::uint32_t type = service_bit(m.level) | (m.self_discard ? kSelfDiscard : 0U);
            frame = encode_client_request(type, opened->private_group, m.groups, m.mess_type, m.body,
                                          multicast->hint_order);
        } else {
            continue;
        }
        expected.push_back(e);
        stream.insert(stream.end(), frame.begin(), frame.end());
    }
    if (expected.empty()) return;
    const Run again = run(stream, [&stream] { return stream.size(); });
    // A made-up name ("r1234-7") need not be one a client may ask for.
    if (again.events.empty() || !std::holds_alternative<Established>(again.events.front())) return;
    FUZZ_CHECK(std::get<Established>(again.events.front()).private_group == opened->private_group);
    // What follows: the requests, then the Closed of the hang-up.
    FUZZ_CHECK(again.events.size() == expected.size() + 2);
    for (std::size_t i = 0; i < expected.size(); ++i) FUZZ_CHECK(again.events[i + 1] == expected[i]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const Run whole = run(bytes, [size] { return size; });

    std::uint64_t state = 0x9E3779B97F4A7C15ULL ^ size;
    for (std::size_t i = 0; i < size; ++i) state = (state ^ data[i]) * 0x100000001B3ULL;
    const Run pieces = run(bytes, [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::uint32_t r = static_cast<std::uint32_t>(state >> 33);
        // Mostly small pieces, sometimes up to a few messages at once.
        return static_cast<std::size_t>((r & 3U) == 0 ? 1 + (r >> 2) % 400 : 1 + (r >> 2) % 7);
    });

    check_sequence(whole);
    FUZZ_CHECK(whole.events == pieces.events);
    FUZZ_CHECK(whole.state == pieces.state);
    FUZZ_CHECK(whole.output == pieces.output);
    check_requests_round_trip(whole);
    return 0;
}
