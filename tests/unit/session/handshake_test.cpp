// The session handshake (section 2): connect request, auth list and choice,
// accept block, and every refusal with its one-byte code.
#include <gtest/gtest.h>

#include "session/handshake.hpp"
#include "session_harness.hpp"

namespace braid::session::test {
namespace {

Closed only_closed(const std::vector<SessionEvent>& events) {
    EXPECT_EQ(events.size(), 1u);
    if (events.size() != 1 || !std::holds_alternative<Closed>(events[0])) return {};
    return std::get<Closed>(events[0]);
}

TEST(Handshake, WorkedExampleAliceBytes) {
    Harness h;
    auto events = h.feed(alice_connect());
    EXPECT_TRUE(events.empty());
    EXPECT_EQ(h.session.state(), SessionState::awaiting_auth);
    EXPECT_EQ(h.drain(), null_auth_list());

    events = h.feed(null_auth_choice());
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Established>(events[0]),
              (Established{"alice", "#alice#localhost", true, 0, 50001}));
    EXPECT_EQ(h.session.state(), SessionState::established);
    const Bytes accept = h.drain();
    EXPECT_EQ(accept.size(), 21u);
    EXPECT_EQ(accept, alice_accept());
    EXPECT_EQ(h.names, std::set<std::string>{"alice"});
}

TEST(Handshake, ConnectRequestFields) {
    const Bytes req = cat({hex("05 00 01 11 05"), text("alice"), hex("99")});
    const auto p = parse_connect_request(req);
    ASSERT_EQ(p.status, ParseStatus::done);
    EXPECT_EQ(p.consumed, 10u);
    EXPECT_TRUE(p.request.membership);
    EXPECT_EQ(p.request.priority, 1);
    EXPECT_TRUE(p.request.patch_sent);
    EXPECT_EQ(p.request.version(), 50001);
    EXPECT_EQ(p.request.private_name, "alice");
    for (std::size_t n = 0; n < 10; ++n)
        EXPECT_EQ(parse_connect_request(std::span(req).first(n)).status, ParseStatus::need_more)
            << n;
}

TEST(Handshake, AuthListAndAcceptEncoders) {
    EXPECT_EQ(encode_auth_list(), null_auth_list());
    EXPECT_EQ(encode_accept({}, true, "#alice#localhost"), alice_accept());
    EXPECT_EQ(encode_accept({}, false, "#a#d"), cat({hex("01 05 00 04"), text("#a#d")}));
}

TEST(Handshake, OldLibraryIsRefusedWithRejectVersion) {
    Harness h;
    const auto closed = only_closed(h.feed(hex("03 00")));  // 3.0: two bytes suffice
    EXPECT_EQ(closed.reason, SessionError::version_too_old);
    EXPECT_FALSE(closed.was_established);
    EXPECT_EQ(closed.log_line,
              "client connection 11 refused: client library older than 3.1.0 in its connect "
              "request");
    EXPECT_EQ(h.session.state(), SessionState::closing);
    EXPECT_FALSE(h.session.should_close());  // the reject byte is still to be written
    EXPECT_EQ(h.drain(), hex("f9"));
    EXPECT_TRUE(h.session.should_close());
    EXPECT_TRUE(h.feed(alice_connect()).empty());  // nothing more is read
}

TEST(Handshake, NegativeVersionByteIsTooOld) {
    Harness h;
    EXPECT_EQ(only_closed(h.feed(hex("85 00"))).reason, SessionError::version_too_old);
    EXPECT_EQ(h.drain(), hex("f9"));
}

TEST(Handshake, NameLengthAboveTenIsIllegal) {
    Harness h;
    EXPECT_EQ(only_closed(h.feed(hex("05 00 01 01 0b"))).reason,
              SessionError::illegal_name_length);
    EXPECT_EQ(h.drain(), hex("fb"));
}

TEST(Handshake, NegativeNameLengthIsIllegal) {
    Harness h;
    EXPECT_EQ(only_closed(h.feed(hex("05 00 01 01 ff"))).reason,
              SessionError::illegal_name_length);
    EXPECT_EQ(h.drain(), hex("fb"));
}

TEST(Handshake, NameCharactersOutsideDollarToTildeAreIllegal) {
    for (const char* bad : {"a#b", "a b", "a\x01", "a\x7f"}) {
        Harness h;
        const std::string name = bad;
        const auto closed = only_closed(
            h.feed(cat({hex("05 00 01 01"), {static_cast<std::uint8_t>(name.size())},
                        text(name)})));
        EXPECT_EQ(closed.reason, SessionError::illegal_name_char) << name;
        EXPECT_EQ(h.drain(), hex("fb")) << name;
    }
    Harness ok;
    ok.feed(cat({hex("05 00 01 01 03"), text("$a~"), null_auth_choice()}));
    EXPECT_EQ(ok.session.private_group(), "#$a~#localhost");
}

TEST(Handshake, DuplicateNameIsNotUnique) {
    Harness h;
    h.names.insert("alice");
    const auto closed = only_closed(h.feed(alice_connect()));
    EXPECT_EQ(closed.reason, SessionError::name_not_unique);
    EXPECT_EQ(closed.log_line,
              "client connection 11 refused: private name already in use on this daemon "
              "\"alice\"");
    EXPECT_EQ(h.drain(), hex("fa"));
}

TEST(Handshake, EmptyNameGetsAMadeUpUniqueName) {
    Harness h;
    h.names.insert("r5199-11");  // the first candidate is taken
    auto events = h.feed(cat({hex("05 00 01 00 00"), null_auth_choice()}));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Established>(events[0]).private_name, "r5200-11");
    EXPECT_EQ(h.session.private_group(), "#r5200-11#localhost");
    EXPECT_FALSE(h.session.membership());
    EXPECT_EQ(make_generated_name(5199, 11), "r5199-11");
    EXPECT_EQ(make_generated_name(1234, 56789), "r1234-567");  // cut to 9 characters
}

TEST(Handshake, AuthChoiceMustNameOnlyNull) {
    const auto choice = [](std::initializer_list<std::string_view> slots) {
        Bytes out;
        for (auto s : slots) {
            const Bytes p = padded(s, 30);
            out.insert(out.end(), p.begin(), p.end());
        }
        out.resize(90, 0);
        return out;
    };
    const auto verdict = [](const Bytes& b) {
        return check_auth_choice(std::span<const std::uint8_t, 90>(b.data(), 90));
    };
    EXPECT_EQ(verdict(choice({"NULL"})), SessionError::none);
    EXPECT_EQ(verdict(choice({"NULL", "NULL"})), SessionError::none);
    EXPECT_EQ(verdict(choice({"NULL", "NULL", "NULL"})), SessionError::none);
    EXPECT_EQ(verdict(choice({})), SessionError::auth_refused);
    EXPECT_EQ(verdict(choice({"IP"})), SessionError::auth_refused);
    EXPECT_EQ(verdict(choice({"NULL", "PWORD"})), SessionError::auth_refused);
    EXPECT_EQ(verdict(choice({"NULLX"})), SessionError::auth_refused);
    EXPECT_EQ(verdict(choice({"", "PWORD"})), SessionError::auth_refused);  // scan stops at slot 0

    Harness h;
    h.feed(alice_connect());
    h.drain();
    const auto closed = only_closed(h.feed(choice({"PWORD"})));
    EXPECT_EQ(closed.reason, SessionError::auth_refused);
    EXPECT_EQ(closed.log_line,
              "client connection 11 (#alice#localhost) refused: authentication refused: only "
              "the NULL method is offered in its auth choice");
    EXPECT_EQ(h.drain(), hex("f7"));
}

TEST(Handshake, TruncatedAuthChoiceWaitsThenPeerCloseEndsIt) {
    Harness h;
    h.feed(alice_connect());
    h.drain();
    Bytes choice = null_auth_choice();
    choice.pop_back();
    EXPECT_TRUE(h.feed(choice).empty());
    EXPECT_EQ(h.session.state(), SessionState::awaiting_auth);
    const auto events = h.session.peer_closed();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Closed>(events[0]),
              (Closed{SessionError::peer_closed, false,
                      "client connection 11 (#alice#localhost) closed: connection closed by the "
                      "client"}));
    EXPECT_TRUE(h.drain().empty());
    EXPECT_TRUE(h.session.should_close());
}

TEST(Handshake, HttpGarbageIsAnIllegalName) {
    Harness h;
    // 'G' 'E' is version 71.69, 'T' the patch, ' ' the flags, '/' = 47 the name length.
    EXPECT_EQ(only_closed(h.feed(text("GET / HTTP/1.1\r\n"))).reason,
              SessionError::illegal_name_length);
    EXPECT_EQ(h.drain(), hex("fb"));
}

TEST(Handshake, Library314HasNoPatchByteNoAuthPhase) {
    Harness h;
    const auto events = h.feed(cat({hex("03 0e 00 05"), text("alice")}));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Established>(events[0]).client_version, 31400);
    EXPECT_EQ(h.drain(), cat({hex("01 05 00 10"), text("#alice#localhost")}));
}

TEST(Handshake, Library315SendsPatchButHasNoAuthPhase) {
    Harness h;
    const auto events = h.feed(cat({hex("03 0f 02 01 05"), text("alice")}));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Established>(events[0]).client_version, 31502);
    EXPECT_EQ(h.drain(), alice_accept());
}

TEST(Handshake, Library316HasTheAuthPhase) {
    Harness h;
    EXPECT_TRUE(h.feed(cat({hex("03 10 00 01 05"), text("alice")})).empty());
    EXPECT_EQ(h.drain(), null_auth_list());
}

TEST(Handshake, QuotaRefusal) {
    Harness h;
    const Closed closed = h.session.refuse_quota();
    EXPECT_EQ(closed.reason, SessionError::too_many_sessions);
    EXPECT_EQ(closed.log_line,
              "client connection 11 refused: daemon has reached its session limit (997 sessions)");
    EXPECT_EQ(h.drain(), hex("fd"));
    EXPECT_TRUE(h.session.should_close());
}

TEST(Handshake, JavaClientConnects) {
    Harness h;
    h.feed(cat({hex("04 04 00 01 06"), text("jalice")}));
    EXPECT_EQ(h.drain(), null_auth_list());
    h.feed(null_auth_choice());
    EXPECT_EQ(h.drain(), cat({hex("01 05 00 01 11"), text("#jalice#localhost")}));
}

// Found by fuzz_session_protocol: a refused session has already reported its
// Closed event, so the client hanging up before the REJECT byte is written
// must not report a second one (the daemon would end the session twice).
TEST(Handshake, PeerCloseAfterRejectReportsNothingMore) {
    Harness h;
    ASSERT_EQ(only_closed(h.feed(hex("03 00"))).reason, SessionError::version_too_old);
    EXPECT_EQ(h.session.state(), SessionState::closing);
    EXPECT_TRUE(h.session.peer_closed().empty());
    EXPECT_EQ(h.session.state(), SessionState::closed);
    EXPECT_TRUE(h.drain().empty());  // the socket is gone: the REJECT byte is dropped
    EXPECT_TRUE(h.session.should_close());
}

}  // namespace
}  // namespace braid::session::test
