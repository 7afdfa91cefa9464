// Membership frames (sections 5.3, 5.4) byte for byte against the worked
// example: the light form after a join, the two-daemon network form with
// its vs sets, and the transitional notice.
#include <gtest/gtest.h>

#include "session/membership.hpp"
#include "wire_bytes.hpp"

namespace braid::session::test {
namespace {

constexpr GroupId kAliceGid{0x1cc59726, 0x6b0271b0, 1};

TEST(Membership, WorkedExampleJoinLightForm) {
    // Section 11 (e): 136 bytes.
    const Bytes expected =
        cat({hex("80 11 00 80"), padded("g1"), hex("01 00 00 00 80 00 00 80 38 00 00 00"),
             padded("#alice#localhost"),
             hex("26 97 c5 1c b0 71 02 6b 01 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00"),
             padded("#alice#localhost")});
    const auto m = light_membership("g1", MembershipCause::join, kAliceGid,
                                    {"#alice#localhost"}, "#alice#localhost");
    const Bytes out = encode_regular_membership(m, ByteOrder::little);
    EXPECT_EQ(out.size(), 136u);
    EXPECT_EQ(out, expected);
}

TEST(Membership, CauseBits) {
    const std::pair<MembershipCause, const char*> causes[] = {
        {MembershipCause::join, "80 11 00 80"},
        {MembershipCause::leave, "80 12 00 80"},
        {MembershipCause::disconnect, "80 14 00 80"},
        {MembershipCause::network, "80 18 00 80"}};
    for (const auto& [cause, word] : causes) {
        const Bytes out = encode_regular_membership(
            light_membership("g1", cause, kAliceGid, {"#a#d"}, "#b#d"), ByteOrder::little);
        EXPECT_EQ(Bytes(out.begin(), out.begin() + 4), hex(word));
    }
}

RegularMembership merged(std::size_t local) {
    RegularMembership m;
    m.group = "g1";
    m.cause = MembershipCause::network;
    m.id = GroupId{static_cast<std::int32_t>(0x86f63e38u), 0x6b02762b, 1};
    m.members = {"#alice#da", "#bob#db"};
    m.vs_sets = {{"#bob#db"}, {"#alice#da"}};
    m.local_vs_set = local;
    return m;
}

Bytes merged_bytes(const char* local_offset) {
    return cat({hex("80 18 00 80"), padded("g1"), hex("02 00 00 00 80 00 00 80 5c 00 00 00"),
                padded("#alice#da"), padded("#bob#db"),
                hex("38 3e f6 86 2b 76 02 6b 01 00 00 00 02 00 00 00"), hex(local_offset),
                hex("01 00 00 00"), padded("#bob#db"), hex("01 00 00 00"), padded("#alice#da")});
}

TEST(Membership, WorkedExampleTwoDaemonNetworkMembership) {
    // Section 11 (i): alice (on da) gets 204 bytes with offset 36, bob offset 0.
    const Bytes alice = encode_regular_membership(merged(1), ByteOrder::little);
    EXPECT_EQ(alice.size(), 204u);
    EXPECT_EQ(alice, merged_bytes("24 00 00 00"));
    EXPECT_EQ(encode_regular_membership(merged(0), ByteOrder::little),
              merged_bytes("00 00 00 00"));
}

TEST(Membership, BigEndianDaemonWritesBodyInItsOrder) {
    const auto m = light_membership("g1", MembershipCause::leave, GroupId{1, 2, 3}, {"#a#d"},
                                    "#b#d");
    const Bytes out = encode_regular_membership(m, ByteOrder::big);
    EXPECT_EQ(Bytes(out.begin(), out.begin() + 4), hex("00 00 12 00"));
    EXPECT_EQ(Bytes(out.begin() + 80, out.begin() + 104),
              hex("00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 01 00 00 00 00 00 00 00 01"));
}

TEST(Membership, WorkedExampleTransitional) {
    // Section 11 (i): 60 bytes, the previous group id as body.
    const Bytes out = encode_transitional("g1", kAliceGid, ByteOrder::little);
    EXPECT_EQ(out, cat({hex("80 20 00 80"), padded("g1"), hex("00 00 00 00 80 00 00 80 0c 00 00 00"),
                        hex("26 97 c5 1c b0 71 02 6b 01 00 00 00")}));
}

}  // namespace
}  // namespace braid::session::test
