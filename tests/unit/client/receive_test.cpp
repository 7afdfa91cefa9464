// SP_receive of the worked example's deliveries, the membership helpers, and
// Spread's short-buffer rules.
#include <gtest/gtest.h>

#include <cstring>

#include "alice_session.hpp"

namespace braid::client::test {
namespace {

using ClientReceive = AliceSession;

TEST_F(ClientReceive, MembershipMessageAndItsHelpers) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::join_membership));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 56);
    EXPECT_EQ(r.type, REG_MEMB_MESS | CAUSED_BY_JOIN);
    EXPECT_TRUE(Is_membership_mess(r.type));
    EXPECT_TRUE(Is_reg_memb_mess(r.type));
    EXPECT_TRUE(Is_caused_join_mess(r.type));
    EXPECT_FALSE(Is_regular_mess(r.type));
    EXPECT_STREQ(r.sender, "g1");
    EXPECT_EQ(r.num_groups, 1);
    EXPECT_STREQ(r.groups[0], "#alice#localhost");
    EXPECT_EQ(r.mess_type, 0);
    EXPECT_EQ(r.endian_mismatch, 0);

    membership_info info;
    ASSERT_EQ(SP_get_memb_info(r.mess, r.type, &info), 1);
    EXPECT_EQ(info.gid.id[0], 0x1cc59726);
    EXPECT_EQ(info.gid.id[1], 0x6b0271b0);
    EXPECT_EQ(info.gid.id[2], 1);
    EXPECT_STREQ(info.changed_member, "#alice#localhost");
    EXPECT_EQ(info.num_vs_sets, 1u);
    EXPECT_EQ(info.my_vs_set.num_members, 1u);
    EXPECT_EQ(info.my_vs_set.members_offset, 24u);

    vs_set_info sets[2];
    unsigned int mine = 99;
    EXPECT_EQ(SP_get_vs_sets_info(r.mess, sets, 0, &mine), BUFFER_TOO_SHORT);
    ASSERT_EQ(SP_get_vs_sets_info(r.mess, sets, 2, &mine), 1);
    EXPECT_EQ(mine, 0u);
    EXPECT_EQ(sets[0].num_members, 1u);
    EXPECT_EQ(sets[0].members_offset, 24u);
    char names[2][MAX_GROUP_NAME];
    EXPECT_EQ(SP_get_vs_set_members(r.mess, &sets[0], names, 0), BUFFER_TOO_SHORT);
    ASSERT_EQ(SP_get_vs_set_members(r.mess, &sets[0], names, 2), 1);
    EXPECT_STREQ(names[0], "#alice#localhost");

    // The scatter variants see the body split anywhere.
    scatter scat{};
    scat.num_elements = 3;
    scat.elements[0] = {r.mess, 7};
    scat.elements[1] = {r.mess + 7, 20};
    scat.elements[2] = {r.mess + 27, 29};
    membership_info sinfo;
    ASSERT_EQ(SP_scat_get_memb_info(&scat, r.type, &sinfo), 1);
    EXPECT_EQ(std::memcmp(&sinfo, &info, sizeof info), 0);
    ASSERT_EQ(SP_scat_get_vs_sets_info(&scat, sets, 2, &mine), 1);
    ASSERT_EQ(SP_scat_get_vs_set_members(&scat, &sets[0], names, 2), 1);
    EXPECT_STREQ(names[0], "#alice#localhost");

    group_id same = info.gid;
    EXPECT_TRUE(SP_equal_group_ids(same, info.gid));
    same.id[2] = 2;
    EXPECT_FALSE(SP_equal_group_ids(same, info.gid));
    EXPECT_EQ(SP_get_memb_info(r.mess, AGREED_MESS, &info), ILLEGAL_MESSAGE);
}

TEST_F(ClientReceive, DataMessage) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 5);
    EXPECT_EQ(r.type, AGREED_MESS);
    EXPECT_TRUE(Is_regular_mess(r.type));
    EXPECT_TRUE(Is_agreed_mess(r.type));
    EXPECT_STREQ(r.sender, "#alice#localhost");
    EXPECT_EQ(r.num_groups, 1);
    EXPECT_STREQ(r.groups[0], "g1");
    EXPECT_EQ(r.mess_type, 7);
    EXPECT_EQ(r.endian_mismatch, 0);
    EXPECT_EQ(std::memcmp(r.mess, "hello", 5), 0);
}

TEST_F(ClientReceive, ForeignSenderHintGivesEndianMismatch) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::java_hello));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 5);
    EXPECT_EQ(r.mess_type, 7);
    EXPECT_EQ(r.endian_mismatch, 1);
    EXPECT_STREQ(r.sender, "#jalice#localhost");
}

TEST_F(ClientReceive, BigEndianDaemonMembershipIsConverted) {
    // (e) as a big-endian daemon would write it: every integer swapped, marker clear.
    Bytes be = vectors::join_membership;
    auto swap_word = [&be](std::size_t at) {
        std::swap(be[at], be[at + 3]);
        std::swap(be[at + 1], be[at + 2]);
    };
    for (std::size_t at : {0u, 36u, 40u, 44u}) swap_word(at);
    for (std::size_t at : {80u, 84u, 88u, 92u, 96u, 100u}) swap_word(at);
    be[0] &= 0x7f;
    be[3] &= 0x7f;
    be[40] &= 0x7f;
    be[43] &= 0x7f;
    ASSERT_TRUE(daemon.write(daemon_fd, be));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 56);
    EXPECT_EQ(r.type, REG_MEMB_MESS | CAUSED_BY_JOIN);
    EXPECT_EQ(r.mess_type, 0);
    EXPECT_EQ(r.endian_mismatch, 0);
    membership_info info;
    ASSERT_EQ(SP_get_memb_info(r.mess, r.type, &info), 1);
    EXPECT_EQ(info.gid.id[0], 0x1cc59726);
    EXPECT_EQ(info.gid.id[2], 1);
    EXPECT_EQ(info.my_vs_set.num_members, 1u);
}

TEST_F(ClientReceive, SelfLeave) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::self_leave));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 0);
    EXPECT_EQ(r.type, CAUSED_BY_LEAVE);
    EXPECT_TRUE(Is_self_leave(r.type));
    EXPECT_STREQ(r.sender, "g1");
    EXPECT_EQ(r.num_groups, 0);
    EXPECT_EQ(r.mess_type, -1);
    membership_info info;
    ASSERT_EQ(SP_get_memb_info(r.mess, r.type, &info), 1);
    EXPECT_EQ(info.num_vs_sets, 0u);
}

TEST_F(ClientReceive, BufferTooShortConsumesNothingThenRetrySucceeds) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, 4), BUFFER_TOO_SHORT);
    EXPECT_EQ(r.type, AGREED_MESS);
    EXPECT_EQ(r.mess_type, 7);
    EXPECT_EQ(r.num_groups, 0);
    EXPECT_EQ(r.endian_mismatch, -5);
    EXPECT_EQ(r.mess[0], 0);
    EXPECT_EQ(r.groups[0][0], 0);
    Received again;
    ASSERT_EQ(receive(mbox, again, 4, 5), 5);
    EXPECT_EQ(std::memcmp(again.mess, "hello", 5), 0);
    EXPECT_STREQ(again.groups[0], "g1");
}

TEST_F(ClientReceive, GroupsTooShortConsumesNothingThenRetrySucceeds) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::join_membership));
    Received r;
    ASSERT_EQ(receive(mbox, r, 0, sizeof r.mess), GROUPS_TOO_SHORT);
    EXPECT_EQ(r.type, REG_MEMB_MESS | CAUSED_BY_JOIN);
    EXPECT_EQ(r.num_groups, -1);
    EXPECT_EQ(r.endian_mismatch, 0);
    // Both short: GROUPS_TOO_SHORT wins and both needs are reported.
    ASSERT_EQ(receive(mbox, r, 0, 10), GROUPS_TOO_SHORT);
    EXPECT_EQ(r.num_groups, -1);
    EXPECT_EQ(r.endian_mismatch, -56);
    // The pending header is still counted as waiting.
    EXPECT_GE(SP_poll(mbox), 48 + 32 + 56);
    Received again;
    ASSERT_EQ(receive(mbox, again, 1, sizeof again.mess), 56);
    EXPECT_STREQ(again.groups[0], "#alice#localhost");
}

TEST_F(ClientReceive, DropRecvTruncatesAndConsumes) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::join_membership));
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    Received r;
    r.type = DROP_RECV;
    ASSERT_EQ(receive(mbox, r, 4, 3), BUFFER_TOO_SHORT);
    EXPECT_EQ(r.type, AGREED_MESS);
    EXPECT_EQ(std::memcmp(r.mess, "hel", 3), 0);
    EXPECT_EQ(r.mess[3], 0);
    EXPECT_EQ(r.num_groups, 1);
    EXPECT_EQ(r.endian_mismatch, -5);
    // Groups array too small: what fits is kept, num_groups is negative.
    Received m;
    m.type = DROP_RECV;
    ASSERT_EQ(receive(mbox, m, 0, sizeof m.mess), 56);
    EXPECT_EQ(m.num_groups, -1);
    EXPECT_EQ(m.mess_type, -1);
    // The stream stays in step: the next message is whole.
    Received next;
    ASSERT_EQ(receive(mbox, next, 4, sizeof next.mess), 5);
    EXPECT_EQ(std::memcmp(next.mess, "hello", 5), 0);
}

TEST_F(ClientReceive, ScatterReceiveFillsElementsInOrder) {
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    Received r;
    char a[2] = {}, b[8] = {};
    scatter scat{};
    scat.num_elements = 2;
    scat.elements[0] = {a, 2};
    scat.elements[1] = {b, 8};
    ASSERT_TRUE(readable(mbox));
    ASSERT_EQ(SP_scat_receive(mbox, &r.type, r.sender, 4, &r.num_groups, r.groups, &r.mess_type,
                              &r.endian_mismatch, &scat),
              5);
    EXPECT_EQ(std::memcmp(a, "he", 2), 0);
    EXPECT_EQ(std::memcmp(b, "llo", 3), 0);
}

TEST_F(ClientReceive, PollCountsWaitingBytes) {
    EXPECT_EQ(SP_poll(mbox), 0);
    ASSERT_TRUE(daemon.write(daemon_fd, vectors::agreed_hello));
    ASSERT_TRUE(readable(mbox));
    // Unix sockets make the whole write readable at once.
    EXPECT_EQ(SP_poll(mbox), 85);
    Received r;
    ASSERT_EQ(receive(mbox, r, 4, sizeof r.mess), 5);
    EXPECT_EQ(SP_poll(mbox), 0);
    EXPECT_EQ(SP_poll(mbox + 1000), ILLEGAL_SESSION);
}

TEST_F(ClientReceive, DaemonClosingIsConnectionClosed) {
    ASSERT_TRUE(daemon.write(daemon_fd, Bytes(vectors::agreed_hello.begin(),
                                             vectors::agreed_hello.begin() + 60)));
    daemon.hang_up(daemon_fd);
    Received r;
    EXPECT_EQ(receive(mbox, r, 4, sizeof r.mess), CONNECTION_CLOSED);
    EXPECT_EQ(receive(mbox, r, 4, sizeof r.mess), NET_ERROR_ON_SESSION);
    EXPECT_EQ(SP_multicast(mbox, AGREED_MESS, "g1", 0, 5, "hello"), NET_ERROR_ON_SESSION);
}

}  // namespace
}  // namespace braid::client::test
