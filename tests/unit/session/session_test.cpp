// The session state machine end to end: the worked example as one byte
// stream, incremental feeding in every split, delivery filters and the
// slow-client limit.
#include <gtest/gtest.h>

#include <random>

#include "session_harness.hpp"

namespace braid::session::test {
namespace {

// The whole client side of section 11 as one stream.
Bytes alice_stream() {
    return cat({alice_connect(), null_auth_choice(), alice_join(), alice_hello(), alice_leave(),
                alice_kill()});
}

std::vector<SessionEvent> expected_events() {
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.sender = "#alice#localhost";
    m.groups = {"g1"};
    m.mess_type = 7;
    m.body = text("hello");
    return {Established{"alice", "#alice#localhost", true, 0, 50001}, JoinRequest{"g1"},
            MulticastRequest{m, ByteOrder::little}, LeaveRequest{"g1"}, DisconnectRequest{}};
}

TEST(Session, WorkedExampleAllAtOnce) {
    Harness h;
    EXPECT_EQ(h.feed(alice_stream()), expected_events());
    // Handshake replies were queued before the kill; the kill drops what is unwritten.
    EXPECT_EQ(h.session.state(), SessionState::closed);
    EXPECT_TRUE(h.session.should_close());
}

TEST(Session, OneByteAtATimeGivesTheSameEventsAndBytes) {
    Harness whole;
    const Bytes stream = cat({alice_connect(), null_auth_choice(), alice_join(), alice_hello()});
    const auto all = whole.feed(stream);
    const Bytes all_out = whole.drain();

    Harness bytewise;
    std::vector<SessionEvent> events;
    Bytes out;
    for (auto b : stream) {
        auto e = bytewise.feed(Bytes{b});
        events.insert(events.end(), e.begin(), e.end());
        const Bytes o = bytewise.drain();
        out.insert(out.end(), o.begin(), o.end());
    }
    EXPECT_EQ(events, all);
    EXPECT_EQ(out, all_out);
    EXPECT_EQ(out, cat({null_auth_list(), alice_accept()}));
    auto rest = expected_events();
    rest.resize(3);
    EXPECT_EQ(events, rest);
}

TEST(Session, EverySplitPointGivesTheSameEvents) {
    const Bytes stream = alice_stream();
    const auto expected = expected_events();
    for (std::size_t cut = 0; cut <= stream.size(); cut += 7) {
        Harness h;
        auto events = h.feed(Bytes(stream.begin(), stream.begin() + static_cast<long>(cut)));
        const auto more = h.feed(Bytes(stream.begin() + static_cast<long>(cut), stream.end()));
        events.insert(events.end(), more.begin(), more.end());
        EXPECT_EQ(events, expected) << "split at " << cut;
    }
}

TEST(Session, PeerCloseOfAnEstablishedSession) {
    Harness h;
    establish_alice(h);
    const auto events = h.session.peer_closed();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Closed>(events[0]),
              (Closed{SessionError::peer_closed, true,
                      "client connection 11 (#alice#localhost) closed: connection closed by the "
                      "client"}));
    EXPECT_TRUE(h.session.peer_closed().empty());  // only once
}

delivery::Message data_from(std::string sender, bool self_discard = false) {
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.self_discard = self_discard;
    m.sender = std::move(sender);
    m.groups = {"g1"};
    m.mess_type = 7;
    m.body = text("hello");
    return m;
}

TEST(Session, DeliversTheWorkedExampleFrames) {
    Harness h;
    establish_alice(h);
    EXPECT_EQ(h.session
                  .deliver_membership(light_membership("g1", MembershipCause::join,
                                                       GroupId{0x1cc59726, 0x6b0271b0, 1},
                                                       {"#alice#localhost"}, "#alice#localhost"))
                  .outcome,
              DeliverOutcome::queued);
    EXPECT_EQ(h.session.deliver_data(data_from("#alice#localhost"), ByteOrder::little).outcome,
              DeliverOutcome::queued);
    EXPECT_EQ(h.session.deliver_self_leave("g1").outcome, DeliverOutcome::queued);
    const Bytes out = h.drain();
    ASSERT_EQ(out.size(), 136u + 85u + 48u);
    EXPECT_EQ(Bytes(out.begin() + 136, out.begin() + 221), alice_hello());
    EXPECT_EQ(Bytes(out.begin() + 221, out.end()),
              cat({hex("80 02 00 80"), padded("g1"), hex("00 00 00 00 80 00 00 80 00 00 00 00")}));
}

TEST(Session, SelfDiscardSkipsOnlyTheSender) {
    Harness h;
    establish_alice(h);
    EXPECT_EQ(h.session.deliver_data(data_from("#alice#localhost", true), ByteOrder::little).outcome,
              DeliverOutcome::skipped);
    EXPECT_EQ(h.session.deliver_data(data_from("#bob#localhost", true), ByteOrder::little).outcome,
              DeliverOutcome::queued);
}

TEST(Session, NoMembershipFlagMeansNoMembershipMessages) {
    Harness h;
    h.feed(cat({hex("05 00 01 00 03"), text("bob"), null_auth_choice()}));
    h.drain();
    EXPECT_FALSE(h.session.membership());
    const auto memb = light_membership("g1", MembershipCause::join, GroupId{1, 1, 1},
                                       {"#bob#localhost"}, "#bob#localhost");
    EXPECT_EQ(h.session.deliver_membership(memb).outcome, DeliverOutcome::skipped);
    EXPECT_EQ(h.session.deliver_transitional("g1", GroupId{1, 1, 1}).outcome,
              DeliverOutcome::skipped);
    EXPECT_EQ(h.session.deliver_self_leave("g1").outcome, DeliverOutcome::skipped);
    EXPECT_EQ(h.session.deliver_data(data_from("#alice#localhost"), ByteOrder::little).outcome,
              DeliverOutcome::queued);
}

TEST(Session, NothingIsDeliveredBeforeTheSessionIsOpen) {
    Harness h;
    h.feed(alice_connect());
    EXPECT_EQ(h.session.deliver_data(data_from("#bob#localhost"), ByteOrder::little).outcome,
              DeliverOutcome::skipped);
}

TEST(Session, SlowClientIsCutOffAtTheQueueLimit) {
    auto settings = example_settings();
    settings.max_session_messages = 3;
    Harness h(settings);
    establish_alice(h);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(h.session.deliver_data(data_from("#bob#localhost"), ByteOrder::little).outcome,
                  DeliverOutcome::queued);
    h.session.written(10);  // a partly written message still counts as waiting
    const auto result = h.session.deliver_data(data_from("#bob#localhost"), ByteOrder::little);
    EXPECT_EQ(result.outcome, DeliverOutcome::slow_client);
    EXPECT_EQ(result.closed,
              (Closed{SessionError::slow_client, true,
                      "client connection 11 (#alice#localhost) disconnected: client is not "
                      "reading, 3 messages waiting (max_session_messages = 3)"}));
    EXPECT_EQ(h.session.state(), SessionState::closed);
    EXPECT_TRUE(h.session.should_close());
    EXPECT_TRUE(h.session.pending_output().empty());
    EXPECT_EQ(h.session.deliver_data(data_from("#bob#localhost"), ByteOrder::little).outcome,
              DeliverOutcome::skipped);
}

TEST(Session, AReadingClientNeverHitsTheLimit) {
    auto settings = example_settings();
    settings.max_session_messages = 2;
    Harness h(settings);
    establish_alice(h);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(h.session.deliver_data(data_from("#bob#localhost"), ByteOrder::little).outcome,
                  DeliverOutcome::queued);
        EXPECT_EQ(h.drain().size(), 85u);
    }
}

TEST(Session, RandomBytesNeverBreakTheSession) {
    // Garbage after the handshake and during it: the session either keeps
    // waiting for bytes or ends with an event saying why, never silently.
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(1, 300);
    for (int run = 0; run < 500; ++run) {
        Harness h;
        if (run % 2 == 0) establish_alice(h);
        Bytes junk(static_cast<std::size_t>(length(rng)));
        for (auto& b : junk) b = static_cast<std::uint8_t>(byte(rng));
        if (run % 4 == 0) junk.resize(std::min<std::size_t>(junk.size(), 4));  // keep the type word
        bool ended = false;
        for (const auto& event : h.feed(junk)) {
            if (const auto* closed = std::get_if<Closed>(&event)) {
                EXPECT_NE(closed->reason, SessionError::none);
                EXPECT_FALSE(closed->log_line.empty());
                ended = true;
            }
            if (std::holds_alternative<DisconnectRequest>(event)) ended = true;
        }
        // The session is finished exactly when it said so.
        const auto state = h.session.state();
        EXPECT_EQ(ended, state == SessionState::closing || state == SessionState::closed) << run;
        h.drain();
    }
}

TEST(Session, NoFreeMadeUpNameIsNotUnique) {
    Session s(example_settings(), [](std::string_view) { return false; });
    const auto events = s.feed(hex("05 00 01 00 00"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::get<Closed>(events[0]).reason, SessionError::name_not_unique);
    EXPECT_EQ(s.pending_output().size(), 1u);
    EXPECT_EQ(s.pending_output()[0], 0xfa);
}

TEST(Session, StateNames) {
    EXPECT_EQ(state_name(SessionState::awaiting_connect), "awaiting connect request");
    EXPECT_EQ(state_name(SessionState::awaiting_auth), "awaiting auth choice");
    EXPECT_EQ(state_name(SessionState::established), "established");
    EXPECT_EQ(state_name(SessionState::closing), "closing");
    EXPECT_EQ(state_name(SessionState::closed), "closed");
}

}  // namespace
}  // namespace braid::session::test
