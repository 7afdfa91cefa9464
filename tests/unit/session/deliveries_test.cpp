// Daemon -> client data frames, self-leave and REJECT (sections 5.1, 5.2,
// 5.5, 5.6), byte for byte against the worked example.
#include <gtest/gtest.h>

#include "session/deliveries.hpp"
#include "session/header_codec.hpp"
#include "wire_bytes.hpp"

namespace braid::session::test {
namespace {

delivery::Message hello(std::string sender) {
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.sender = std::move(sender);
    m.groups = {"g1"};
    m.mess_type = 7;
    m.body = text("hello");
    return m;
}

TEST(Deliveries, WorkedExampleDataMessageIsTheClientsFrame) {
    // Section 11 (f): identical to (d) because client and daemon are both LE.
    const Bytes expected = cat({hex("90 00 00 80"), padded("#alice#localhost"),
                                hex("01 00 00 00 80 07 00 80 05 00 00 00"), padded("g1"),
                                text("hello")});
    const Bytes out = encode_data_message(hello("#alice#localhost"), ByteOrder::little,
                                          ByteOrder::little);
    EXPECT_EQ(out.size(), 85u);
    EXPECT_EQ(out, expected);
}

TEST(Deliveries, JavaSenderKeepsItsBigEndianHint) {
    // Section 11 (h): type, num_groups, data_len in the daemon's LE order; hint passed through.
    const Bytes expected = cat({hex("90 00 00 80"), padded("#jalice#localhost"),
                                hex("01 00 00 00 00 00 07 00 05 00 00 00"), padded("g1"),
                                text("hello")});
    EXPECT_EQ(encode_data_message(hello("#jalice#localhost"), ByteOrder::big, ByteOrder::little),
              expected);
}

TEST(Deliveries, BigEndianDaemonWritesClearMarker) {
    const Bytes expected = cat({hex("00 00 00 10"), padded("#jalice#localhost"),
                                hex("00 00 00 01 00 00 07 00 00 00 00 05"), padded("g1"),
                                text("hello")});
    EXPECT_EQ(encode_data_message(hello("#jalice#localhost"), ByteOrder::big, ByteOrder::big),
              expected);
}

TEST(Deliveries, SelfDiscardBitIsKept) {
    auto m = hello("#alice#localhost");
    m.level = delivery::ServiceLevel::safe;
    m.self_discard = true;
    const Bytes out = encode_data_message(m, ByteOrder::little, ByteOrder::little);
    EXPECT_EQ(Bytes(out.begin(), out.begin() + 4), hex("e0 00 00 80"));  // 0x60 | marker
}

TEST(Deliveries, HintEncodingTable) {
    // Section 3.3's table.
    EXPECT_EQ(encode_hint(0, ByteOrder::little), (HintBytes{0x80, 0x00, 0x00, 0x80}));
    EXPECT_EQ(encode_hint(0, ByteOrder::big), (HintBytes{0x00, 0x00, 0x00, 0x00}));
    EXPECT_EQ(encode_hint(7, ByteOrder::big), (HintBytes{0x00, 0x00, 0x07, 0x00}));
    EXPECT_EQ(encode_hint(-2, ByteOrder::little), (HintBytes{0x80, 0xfe, 0xff, 0x80}));
    EXPECT_EQ(encode_hint(-2, ByteOrder::big), (HintBytes{0x00, 0xff, 0xfe, 0x00}));
    EXPECT_EQ(encode_hint(0x1234, ByteOrder::little), (HintBytes{0x80, 0x34, 0x12, 0x80}));
    EXPECT_EQ(encode_hint(0x1234, ByteOrder::big), (HintBytes{0x00, 0x12, 0x34, 0x00}));
    EXPECT_EQ(hint_mess_type(HintBytes{0x00, 0xff, 0xfe, 0x00}), -2);
    EXPECT_EQ(hint_order(HintBytes{0x00, 0xff, 0xfe, 0x00}), ByteOrder::big);
}

TEST(Deliveries, WorkedExampleSelfLeave) {
    // Section 11 (g): 48 bytes, header only.
    EXPECT_EQ(encode_self_leave("g1", ByteOrder::little),
              cat({hex("80 02 00 80"), padded("g1"), hex("00 00 00 00 80 00 00 80 00 00 00 00")}));
}

TEST(Deliveries, RejectOfAMulticast) {
    const auto r = rejected_multicast(hello("#alice#localhost"), ByteOrder::little);
    const auto out = encode_reject(r, ByteOrder::little);
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, cat({hex("80 00 40 80"), padded("#alice#localhost"),
                         hex("02 00 00 00 80 07 00 80 05 00 00 00"), hex("90 00 00 80"),
                         padded("g1"), padded("#alice#localhost"), text("hello")}));
}

TEST(Deliveries, RejectOfAJoinReportsCausedByJoin) {
    RejectedRequest r;
    r.type = 0x10000;
    r.sender = "#alice#localhost";
    r.groups = {"g1"};
    r.hint = encode_hint(0, ByteOrder::little);
    const auto out = encode_reject(r, ByteOrder::little);
    ASSERT_TRUE(out);
    EXPECT_EQ(Bytes(out->begin() + 48, out->begin() + 52), hex("80 01 00 80"));  // 0x100 | marker
}

TEST(Deliveries, RejectAtOneHundredGroupsOverwritesTheLast) {
    RejectedRequest r;
    r.type = 0x10;
    r.sender = "#alice#localhost";
    for (int i = 0; i < 100; ++i) r.groups.push_back("g" + std::to_string(i));
    const auto out = encode_reject(r, ByteOrder::little);
    ASSERT_TRUE(out);
    EXPECT_EQ(Bytes(out->begin() + 36, out->begin() + 40), hex("64 00 00 00"));
    EXPECT_EQ(out->size(), 48u + 4u + 100u * 32u);
    EXPECT_EQ(Bytes(out->end() - 32, out->end()), padded("#alice#localhost"));
}

TEST(Deliveries, RejectWithSelfDiscardSendsNothing) {
    auto m = hello("#alice#localhost");
    m.self_discard = true;
    EXPECT_FALSE(encode_reject(rejected_multicast(m, ByteOrder::little), ByteOrder::little));
}

}  // namespace
}  // namespace braid::session::test
