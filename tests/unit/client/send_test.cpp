// The bytes libbraid sends for joins, leaves, multicasts and disconnects, and
// the checks it makes before sending.
#include <gtest/gtest.h>

#include <cstring>
#include <future>
#include <string>
#include <vector>

#include "alice_session.hpp"

namespace braid::client::test {
namespace {

using ClientSend = AliceSession;

TEST_F(ClientSend, JoinIsTheExampleFrame) {
    ASSERT_EQ(SP_join(mbox, "g1"), 0);
    EXPECT_EQ(daemon.read(daemon_fd, 80), vectors::join_g1);
}

TEST_F(ClientSend, MulticastIsTheExampleFrame) {
    EXPECT_EQ(SP_multicast(mbox, AGREED_MESS, "g1", 7, 5, "hello"), 5);
    EXPECT_EQ(daemon.read(daemon_fd, 85), vectors::agreed_hello);
}

TEST_F(ClientSend, ScatterAndMultigroupSendTheSameBytes) {
    scatter scat{};
    char part1[] = "hel";
    char part2[] = "lo";
    scat.num_elements = 2;
    scat.elements[0] = {part1, 3};
    scat.elements[1] = {part2, 2};
    EXPECT_EQ(SP_scat_multicast(mbox, AGREED_MESS, "g1", 7, &scat), 5);
    EXPECT_EQ(daemon.read(daemon_fd, 85), vectors::agreed_hello);

    char groups[1][MAX_GROUP_NAME] = {"g1"};
    EXPECT_EQ(SP_multigroup_multicast(mbox, AGREED_MESS, 1, groups, 7, 5, "hello"), 5);
    EXPECT_EQ(daemon.read(daemon_fd, 85), vectors::agreed_hello);
    EXPECT_EQ(SP_multigroup_scat_multicast(mbox, AGREED_MESS, 1, groups, 7, &scat), 5);
    EXPECT_EQ(daemon.read(daemon_fd, 85), vectors::agreed_hello);
}

TEST_F(ClientSend, LeaveAndDisconnectAreTheExampleFrames) {
    ASSERT_EQ(SP_leave(mbox, "g1"), 0);
    EXPECT_EQ(daemon.read(daemon_fd, 80), vectors::leave_g1);
    ASSERT_EQ(SP_disconnect(mbox), 0);
    EXPECT_EQ(daemon.read(daemon_fd, 80), vectors::disconnect);
    EXPECT_TRUE(daemon.sees_eof(daemon_fd));
    EXPECT_EQ(SP_join(mbox, "g1"), ILLEGAL_SESSION);
    mbox = -1;
}

TEST_F(ClientSend, IllegalGroupNamesAreRefusedLocally) {
    const std::string long_name(32, 'a');
    for (const char* g : {"", "a#b", "a b", long_name.c_str()}) {
        EXPECT_EQ(SP_join(mbox, g), ILLEGAL_GROUP) << g;
        EXPECT_EQ(SP_leave(mbox, g), ILLEGAL_GROUP) << g;
    }
    const std::string longest(31, '~');
    EXPECT_EQ(SP_join(mbox, longest.c_str()), 0);
    EXPECT_TRUE(daemon.read(daemon_fd, 80).has_value());
}

TEST_F(ClientSend, TooLongMessageIsRefusedAndNothingIsSent) {
    std::vector<char> body(144000 - 32 + 1, 'x');
    EXPECT_EQ(SP_multicast(mbox, SAFE_MESS, "g1", 0, static_cast<int>(body.size()), body.data()),
              MESSAGE_TOO_LONG);
    char groups[2][MAX_GROUP_NAME] = {"a", "b"};
    EXPECT_EQ(SP_multigroup_multicast(mbox, SAFE_MESS, 2, groups, 0, 144000 - 63, body.data()),
              MESSAGE_TOO_LONG);
    // The largest allowed message goes out whole, and is the first thing sent.
    auto reader = std::async(std::launch::async, [this] { return daemon.read(daemon_fd, 48 + 144000); });
    EXPECT_EQ(SP_multicast(mbox, SAFE_MESS, "g1", 0, 144000 - 32, body.data()), 144000 - 32);
    const auto frame = reader.get();
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ((*frame)[0], 0xa0);
}

TEST_F(ClientSend, ServiceWithoutALevelIsIllegalService) {
    EXPECT_EQ(SP_multicast(mbox, SELF_DISCARD, "g1", 0, 5, "hello"), ILLEGAL_SERVICE);
    EXPECT_EQ(SP_multicast(mbox + 1000, AGREED_MESS, "g1", 0, 5, "hello"), ILLEGAL_SESSION);
    scatter bad{};
    bad.num_elements = MAX_CLIENT_SCATTER_ELEMENTS + 1;
    EXPECT_EQ(SP_scat_multicast(mbox, AGREED_MESS, "g1", 0, &bad), ILLEGAL_MESSAGE);
}

TEST_F(ClientSend, SelfDiscardBitIsSentUnchanged) {
    EXPECT_EQ(SP_multicast(mbox, SAFE_MESS | SELF_DISCARD, "g1", -2, 0, nullptr), 0);
    const auto frame = daemon.read(daemon_fd, 80);
    ASSERT_TRUE(frame.has_value());
    EXPECT_EQ(Bytes(frame->begin(), frame->begin() + 4), (Bytes{0xe0, 0x00, 0x00, 0x80}));
    EXPECT_EQ(Bytes(frame->begin() + 40, frame->begin() + 44), (Bytes{0x80, 0xfe, 0xff, 0x80}));
}

}  // namespace
}  // namespace braid::client::test
