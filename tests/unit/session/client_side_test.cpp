// The client's end: what libspread and Java write must equal the worked
// example's bytes, and the daemon's frames must read back to the values the
// daemon encoded (both directions of every frame).
#include <gtest/gtest.h>

#include "session/client_side.hpp"
#include "session/deliveries.hpp"
#include "session/names.hpp"
#include "session_harness.hpp"

namespace braid::session::test {
namespace {

TEST(ClientSide, HandshakeBytesOfTheWorkedExample) {
    EXPECT_EQ(encode_connect_request({5, 0, 1}, true, 0, "alice"), alice_connect());
    EXPECT_EQ(encode_auth_choice("NULL"), null_auth_choice());
    const auto accept = parse_accept(alice_accept(), true);
    ASSERT_EQ(accept.status, ParseStatus::done);
    EXPECT_EQ(accept.consumed, 21u);
    EXPECT_EQ(accept.block.private_group, "#alice#localhost");
    EXPECT_EQ(accept.block.patch, 1);
    EXPECT_EQ(parse_accept(hex("01 05 00 01"), true).status, ParseStatus::need_more);
    const auto refused = parse_accept(hex("f7"), true);
    EXPECT_EQ(refused.status, ParseStatus::rejected);
    EXPECT_EQ(refused.reject, 0xf7);
}

TEST(ClientSide, RequestsOfTheWorkedExample) {
    const std::vector<std::string> g1{"g1"};
    const std::vector<std::uint8_t> none;
    EXPECT_EQ(encode_client_request(kJoin, "#alice#localhost", g1, 0, none, ByteOrder::little),
              alice_join());
    EXPECT_EQ(encode_client_request(kLeave, "#alice#localhost", g1, 0, none, ByteOrder::little),
              alice_leave());
    const Bytes hello = text("hello");
    EXPECT_EQ(encode_client_request(kAgreed, "#alice#localhost", g1, 7, hello, ByteOrder::little),
              alice_hello());
    // Section 11 (h): the Java client's frame.
    EXPECT_EQ(encode_client_request(kAgreed, "#jalice#localhost", g1, 7, hello, ByteOrder::big),
              cat({hex("00 00 00 10"), padded("#jalice#localhost"),
                   hex("00 00 00 01 00 00 07 00 00 00 00 05"), padded("g1"), text("hello")}));
}

TEST(ClientSide, MembershipReadsBack) {
    // Section 11 (e).
    const Bytes frame = encode_regular_membership(
        light_membership("g1", MembershipCause::join, GroupId{0x1cc59726, 0x6b0271b0, 1},
                         {"#alice#localhost"}, "#alice#localhost"),
        ByteOrder::little);
    const auto p = parse_daemon_frame(frame);
    ASSERT_EQ(p.status, ParseStatus::done);
    EXPECT_EQ(p.consumed, 136u);
    EXPECT_EQ(p.frame.header.type, kRegMemb | kCausedByJoin);
    EXPECT_EQ(name_from_field(p.frame.header.sender), "g1");
    EXPECT_EQ(p.frame.groups, std::vector<std::string>{"#alice#localhost"});
    const auto body = decode_membership_body(p.frame.data, p.frame.header.order);
    ASSERT_TRUE(body);
    EXPECT_EQ(body->id, (GroupId{0x1cc59726, 0x6b0271b0, 1}));
    EXPECT_EQ(body->local_vs_set_offset, 0u);
    EXPECT_EQ(body->vs_sets, (std::vector<std::vector<std::string>>{{"#alice#localhost"}}));
    // Cut bodies and trailing bytes are refused.
    EXPECT_FALSE(decode_membership_body(std::span(p.frame.data).first(55), ByteOrder::little));
    Bytes longer = p.frame.data;
    longer.push_back(0);
    EXPECT_FALSE(decode_membership_body(longer, ByteOrder::little));
}

TEST(ClientSide, NetworkMembershipReadsBackInBothOrders) {
    RegularMembership m;
    m.group = "g1";
    m.cause = MembershipCause::network;
    m.id = GroupId{static_cast<std::int32_t>(0x86f63e38u), 0x6b02762b, 1};
    m.members = {"#alice#da", "#bob#db"};
    m.vs_sets = {{"#bob#db"}, {"#alice#da"}};
    m.local_vs_set = 1;
    for (auto order : {ByteOrder::little, ByteOrder::big}) {
        const auto p = parse_daemon_frame(encode_regular_membership(m, order));
        ASSERT_EQ(p.status, ParseStatus::done);
        EXPECT_EQ(p.frame.header.order, order);
        EXPECT_EQ(p.frame.groups, m.members);
        const auto body = decode_membership_body(p.frame.data, order);
        ASSERT_TRUE(body);
        EXPECT_EQ(body->id, m.id);
        EXPECT_EQ(body->local_vs_set_offset, 36u);
        EXPECT_EQ(body->vs_sets, m.vs_sets);
    }
}

TEST(ClientSide, DataAndRejectFramesReadBack) {
    const Bytes hello = alice_hello();
    const auto p = parse_daemon_frame(cat({hello, hex("ff")}));
    ASSERT_EQ(p.status, ParseStatus::done);
    EXPECT_EQ(p.consumed, 85u);
    EXPECT_EQ(p.frame.header.type, kAgreed);
    EXPECT_EQ(hint_mess_type(p.frame.header.hint), 7);
    EXPECT_EQ(p.frame.data, text("hello"));
    for (std::size_t n = 0; n < hello.size(); ++n)
        EXPECT_EQ(parse_daemon_frame(std::span(hello).first(n)).status, ParseStatus::need_more);

    delivery::Message m;
    m.level = delivery::ServiceLevel::fifo;
    m.sender = "#alice#localhost";
    m.groups = {"g1"};
    m.body = text("x");
    const auto reject = encode_reject(rejected_multicast(m, ByteOrder::little), ByteOrder::little);
    ASSERT_TRUE(reject);
    const auto r = parse_daemon_frame(*reject);
    ASSERT_EQ(r.status, ParseStatus::done);
    EXPECT_EQ(r.frame.header.type, kReject);
    EXPECT_EQ(r.frame.old_type, kFifo);
    EXPECT_EQ(r.frame.groups, (std::vector<std::string>{"g1", "#alice#localhost"}));
    EXPECT_EQ(r.frame.data, text("x"));
}

TEST(ClientSide, NegativeCountsAreRefused) {
    const Bytes bad = cat({hex("90 00 00 80"), padded("#a#d"), hex("ff ff ff ff 80 00 00 80 00 00 00 00")});
    const auto p = parse_daemon_frame(bad);
    EXPECT_EQ(p.status, ParseStatus::rejected);
    EXPECT_EQ(p.error, SessionError::bad_group_count);
}

TEST(Names, DaemonAndPrivateGroupRules) {
    EXPECT_TRUE(is_valid_daemon_name("localhost"));
    EXPECT_TRUE(is_valid_daemon_name("abcdefghijklmnopqrs"));
    EXPECT_FALSE(is_valid_daemon_name("abcdefghijklmnopqrst"));
    EXPECT_FALSE(is_valid_daemon_name(""));
    EXPECT_FALSE(is_valid_daemon_name("a#b"));
    EXPECT_EQ(make_private_group("alice", "localhost"), "#alice#localhost");
    EXPECT_EQ(make_private_group("0123456789", "abcdefghijklmnopqrsTUV").size(), 31u);
    const auto parts = parse_private_group("#alice#localhost");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->private_name, "alice");
    EXPECT_EQ(parts->daemon_name, "localhost");
    EXPECT_FALSE(parse_private_group("##localhost"));
    EXPECT_FALSE(parse_private_group("#alice#"));
    EXPECT_FALSE(parse_private_group("#alice"));
    EXPECT_FALSE(parse_private_group("#01234567890#d"));
}

}  // namespace
}  // namespace braid::session::test
