// Client requests after the handshake: decoding of joins, leaves, multicasts
// and disconnects in both byte orders, and every section 4.3 validation rule.
#include <gtest/gtest.h>

#include "session/requests.hpp"
#include "session_harness.hpp"

namespace braid::session::test {
namespace {

// A little-endian frame from alice: type word, count, hint and data_len as given.
Bytes frame(std::uint32_t type, std::int32_t groups, std::uint32_t hint, std::int32_t data_len,
            const Bytes& rest = {}, std::string_view sender = "#alice#localhost") {
    Bytes out;
    const auto put = [&out](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    put(type | 0x80000080u);
    const Bytes name = padded(sender);
    out.insert(out.end(), name.begin(), name.end());
    put(static_cast<std::uint32_t>(groups));
    put(hint);
    put(static_cast<std::uint32_t>(data_len));
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

constexpr std::uint32_t kCleanHint = 0x80000080;

SessionEvent single(const std::vector<SessionEvent>& events) {
    EXPECT_EQ(events.size(), 1u);
    return events.empty() ? SessionEvent{} : events.front();
}

// Feeds a frame to an established alice and expects the session to close for `error`.
void expect_closed(const Bytes& bytes, SessionError error) {
    Harness h;
    establish_alice(h);
    const auto event = single(h.feed(bytes));
    ASSERT_TRUE(std::holds_alternative<Closed>(event)) << describe(error);
    const auto& closed = std::get<Closed>(event);
    EXPECT_EQ(closed.reason, error);
    EXPECT_TRUE(closed.was_established);
    EXPECT_EQ(h.session.state(), SessionState::closed);
    EXPECT_TRUE(h.drain().empty());  // nothing is sent back
}

TEST(Requests, WorkedExampleJoin) {
    Harness h;
    establish_alice(h);
    EXPECT_EQ(std::get<JoinRequest>(single(h.feed(alice_join()))), JoinRequest{"g1"});
    EXPECT_TRUE(h.drain().empty());
}

TEST(Requests, WorkedExampleMulticast) {
    Harness h;
    establish_alice(h);
    const auto m = std::get<MulticastRequest>(single(h.feed(alice_hello())));
    delivery::Message expected;
    expected.level = delivery::ServiceLevel::agreed;
    expected.sender = "#alice#localhost";
    expected.groups = {"g1"};
    expected.mess_type = 7;
    expected.body = text("hello");
    EXPECT_EQ(m.message, expected);
    EXPECT_EQ(m.hint_order, ByteOrder::little);
    EXPECT_EQ(delivery::validate(m.message), delivery::SubmitError::none);
}

TEST(Requests, WorkedExampleLeaveAndKill) {
    Harness h;
    establish_alice(h);
    EXPECT_EQ(std::get<LeaveRequest>(single(h.feed(alice_leave()))), LeaveRequest{"g1"});
    EXPECT_TRUE(std::holds_alternative<DisconnectRequest>(single(h.feed(alice_kill()))));
    EXPECT_EQ(h.session.state(), SessionState::closed);
    EXPECT_TRUE(h.session.should_close());
    EXPECT_TRUE(h.drain().empty());
    EXPECT_TRUE(h.feed(alice_join()).empty());  // nothing after the kill
}

TEST(Requests, JavaBigEndianFrames) {
    Harness h;
    h.feed(cat({hex("04 04 00 01 06"), text("jalice"), null_auth_choice()}));
    h.drain();
    const Bytes hello = cat({hex("00 00 00 10"), padded("#jalice#localhost"),
                             hex("00 00 00 01 00 00 07 00 00 00 00 05"), padded("g1"),
                             text("hello")});
    ASSERT_EQ(hello.size(), 85u);
    const auto m = std::get<MulticastRequest>(single(h.feed(hello)));
    EXPECT_EQ(m.message.level, delivery::ServiceLevel::agreed);
    EXPECT_EQ(m.message.mess_type, 7);
    EXPECT_EQ(m.message.sender, "#jalice#localhost");
    EXPECT_EQ(m.message.groups, std::vector<std::string>{"g1"});
    EXPECT_EQ(m.message.body, text("hello"));
    EXPECT_EQ(m.hint_order, ByteOrder::big);

    const auto java = [](const char* type) {
        return cat({hex(type), padded("#jalice#localhost"),
                    hex("00 00 00 01 00 00 00 00 00 00 00 00"), padded("g1")});
    };
    EXPECT_EQ(std::get<JoinRequest>(single(h.feed(java("00 01 00 00")))), JoinRequest{"g1"});
    EXPECT_EQ(std::get<LeaveRequest>(single(h.feed(java("00 02 00 00")))), LeaveRequest{"g1"});
    EXPECT_TRUE(std::holds_alternative<DisconnectRequest>(single(h.feed(java("00 04 00 00")))));
}

TEST(Requests, MultigroupSelfDiscardAndNegativeMessType) {
    Harness h;
    establish_alice(h);
    // SAFE | SELF_DISCARD, mess_type -2, three groups, the last without a NUL.
    const Bytes rest =
        cat({padded("g1"), cat({text("g2"), hex("00 41 42")}), zeros(27), text(std::string(32, 'x')),
             text("ab")});
    const auto m = std::get<MulticastRequest>(
        single(h.feed(frame(0x60, 3, 0x80fffe80, 2, rest))));
    EXPECT_EQ(m.message.level, delivery::ServiceLevel::safe);
    EXPECT_TRUE(m.message.self_discard);
    EXPECT_EQ(m.message.mess_type, -2);
    // Bytes after the NUL are ignored; a 32-byte name names no group.
    EXPECT_EQ(m.message.groups, (std::vector<std::string>{"g1", "g2"}));
    EXPECT_EQ(m.message.body, text("ab"));
}

TEST(Requests, EveryServiceLevel) {
    using L = delivery::ServiceLevel;
    const std::pair<std::uint32_t, L> levels[] = {{0x01, L::unreliable}, {0x02, L::reliable},
                                                  {0x04, L::fifo},       {0x08, L::causal},
                                                  {0x10, L::agreed},     {0x20, L::safe}};
    Harness h;
    establish_alice(h);
    for (const auto& [bit, level] : levels) {
        const auto m = std::get<MulticastRequest>(single(h.feed(frame(bit, 0, kCleanHint, 0))));
        EXPECT_EQ(m.message.level, level);
        EXPECT_TRUE(m.message.groups.empty());  // accepted, delivered to nobody
        EXPECT_EQ(service_bit(level), bit);
    }
}

TEST(Requests, JoinTakesOnlyTheFirstGroupAndIgnoresData) {
    Harness h;
    establish_alice(h);
    EXPECT_EQ(std::get<JoinRequest>(single(h.feed(frame(0x10000, 2, kCleanHint, 3,
                                                         cat({padded("g1"), padded("g2"),
                                                              text("xyz")}))))),
              JoinRequest{"g1"});
    EXPECT_EQ(h.session.state(), SessionState::established);
}

TEST(Requests, IllegalJoinAndLeaveNamesAreIgnored) {
    Harness h;
    establish_alice(h);
    const std::pair<std::string, std::uint32_t> cases[] = {
        {"", 0x10000}, {"a b", 0x10000}, {"#x#localhost", 0x10000}, {"a\x01", 0x20000}};
    for (const auto& [name, kind] : cases) {
        const auto ignored =
            std::get<IgnoredRequest>(single(h.feed(frame(kind, 1, kCleanHint, 0, padded(name)))));
        EXPECT_EQ(ignored.reason, SessionError::illegal_group_name) << name;
        EXPECT_EQ(ignored.kind, kind);
        EXPECT_EQ(ignored.group, name);
    }
    const auto bad_char = std::get<IgnoredRequest>(
        single(h.feed(frame(0x20000, 1, kCleanHint, 0, padded("a\x01")))));
    EXPECT_EQ(bad_char.log_line,
              "client connection 11 (#alice#localhost) leave of \"a\\x01\" ignored: group name "
              "must be 1..31 bytes in '$'..'~'");
    const auto long_name = std::get<IgnoredRequest>(
        single(h.feed(frame(0x10000, 1, kCleanHint, 0, text(std::string(32, 'g'))))));
    EXPECT_EQ(long_name.reason, SessionError::illegal_group_name);
    const auto none = std::get<IgnoredRequest>(single(h.feed(frame(0x20000, 0, kCleanHint, 0))));
    EXPECT_EQ(none.reason, SessionError::missing_group);
    EXPECT_EQ(none.log_line,
              "client connection 11 (#alice#localhost) leave of \"\" ignored: join or leave names "
              "no group");
    EXPECT_EQ(h.session.state(), SessionState::established);
    EXPECT_TRUE(h.drain().empty());
}

TEST(Requests, ServiceBitsMustNameExactlyOneKind) {
    expect_closed(frame(0x30, 0, kCleanHint, 0), SessionError::bad_service_type);     // AGREED|SAFE
    expect_closed(frame(0x40, 0, kCleanHint, 0), SessionError::bad_service_type);     // SELF_DISCARD
    expect_closed(frame(0x10010, 1, kCleanHint, 0, padded("g1")),
                  SessionError::bad_service_type);                                    // JOIN|AGREED
    expect_closed(frame(0x0, 0, kCleanHint, 0), SessionError::bad_service_type);      // nothing
}

TEST(Requests, DaemonOnlyBitsAreRefused) {
    expect_closed(frame(0x1102, 0, kCleanHint, 0), SessionError::forbidden_type_bits);
    expect_closed(frame(0x80010, 0, kCleanHint, 0), SessionError::forbidden_type_bits);
    expect_closed(frame(0x400010, 0, kCleanHint, 0), SessionError::forbidden_type_bits);
    expect_closed(frame(0x2010, 0, kCleanHint, 0), SessionError::forbidden_type_bits);
}

TEST(Requests, SenderMustBeThisSessionsPrivateGroup) {
    expect_closed(frame(0x10, 0, kCleanHint, 0, {}, "#bob#localhost"),
                  SessionError::bad_sender_name);
    expect_closed(frame(0x10, 0, kCleanHint, 0, {}, "#alice#other"),
                  SessionError::bad_sender_name);
    expect_closed(frame(0x10, 0, kCleanHint, 0, {}, "alice"), SessionError::bad_sender_name);
    expect_closed(frame(0x10, 0, kCleanHint, 0, {}, "#alice#localhostX"),
                  SessionError::bad_sender_name);
    // Byte 31 is forced to NUL: with a 31-character private group (10-byte
    // name, 19-byte daemon name) a sender field without any NUL is accepted.
    auto settings = example_settings();
    settings.daemon_name = "abcdefghijklmnopqrs";
    Harness h(settings);
    h.feed(cat({hex("05 00 01 01 0a"), text("0123456789"), null_auth_choice()}));
    ASSERT_EQ(h.session.private_group(), "#0123456789#abcdefghijklmnopqrs");
    Bytes f = cat({hex("90 00 00 80"), text("#0123456789#abcdefghijklmnopqrs"), text("Z"),
                   hex("00 00 00 00 80 00 00 80 00 00 00 00")});
    const auto m = std::get<MulticastRequest>(single(h.feed(f)));
    EXPECT_EQ(m.message.sender, "#0123456789#abcdefghijklmnopqrs");
}

TEST(Requests, GroupCountLimits) {
    expect_closed(frame(0x10, -1, kCleanHint, 0), SessionError::bad_group_count);
    expect_closed(frame(0x10, 101, kCleanHint, 0), SessionError::bad_group_count);
    Harness h;
    establish_alice(h);
    Bytes groups;
    for (int i = 0; i < 100; ++i) {
        const Bytes g = padded("g" + std::to_string(i));
        groups.insert(groups.end(), g.begin(), g.end());
    }
    const auto m = std::get<MulticastRequest>(single(h.feed(frame(0x10, 100, kCleanHint, 0, groups))));
    EXPECT_EQ(m.message.groups.size(), 100u);
}

TEST(Requests, HintMayCarryOnlyMarkerAndMessType) {
    expect_closed(frame(0x10, 0, 0x80000081, 0), SessionError::bad_hint);
    expect_closed(frame(0x10, 0, 0x81000080, 0), SessionError::bad_hint);
}

TEST(Requests, DataLengthLimits) {
    expect_closed(frame(0x10, 0, kCleanHint, -1), SessionError::bad_data_length);
    expect_closed(frame(0x10, 0, kCleanHint, 144001), SessionError::bad_data_length);
}

TEST(Requests, MessageTooLong) {
    // 32 + 143921 = 143953 > 143952.
    Harness h;
    establish_alice(h);
    const auto event = single(h.feed(frame(0x10, 1, kCleanHint, 143921)));
    EXPECT_EQ(std::get<Closed>(event).log_line,
              "client connection 11 (#alice#localhost) closed: message too long: data + 32 bytes "
              "per group exceeds 143952 (type 0x00000010, 1 groups, data_len 143921)");
    // Exactly at the limit is fine.
    Harness ok;
    establish_alice(ok);
    const auto m = std::get<MulticastRequest>(
        single(ok.feed(frame(0x10, 1, kCleanHint, 143920, cat({padded("g1"), zeros(143920)})))));
    EXPECT_EQ(m.message.body.size(), 143920u);
}

TEST(Requests, DamagedEndianMarker) {
    expect_closed(cat({hex("10 00 00 80"), padded("#alice#localhost"), zeros(12)}),
                  SessionError::bad_endian_marker);
}

TEST(Requests, HeaderIsValidatedBeforeTheBodyArrives) {
    Harness h;
    establish_alice(h);
    // The header promises 100000 data bytes but is invalid: closed at once.
    const auto event = single(h.feed(frame(0x30, 0, kCleanHint, 100000)));
    EXPECT_EQ(std::get<Closed>(event).reason, SessionError::bad_service_type);
}

}  // namespace
}  // namespace braid::session::test
