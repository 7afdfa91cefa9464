// SP_connect against the worked example's handshake, and its failures.
#include <gtest/gtest.h>

#include <cstdlib>
#include <future>
#include <string>

#include "braid/sp.h"
#include "fake_daemon.hpp"
#include "wire_vectors.hpp"

namespace braid::client::test {
namespace {

TEST(ClientHandshake, SendsTheExampleBytesAndAcceptsTheBlock) {
    FakeDaemon daemon;
    Bytes request, choice;
    auto server = std::async(std::launch::async,
                             [&] { return daemon.accept_alice(&request, &choice); });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    ASSERT_EQ(SP_connect("4803", "alice", 0, 1, &mbox, group), ACCEPT_SESSION);
    ASSERT_GE(server.get(), 0);
    EXPECT_EQ(request, vectors::connect_request);
    EXPECT_EQ(choice, vectors::auth_choice);
    EXPECT_STREQ(group, "#alice#localhost");
    EXPECT_EQ(SP_disconnect(mbox), 0);
    EXPECT_EQ(SP_disconnect(mbox), ILLEGAL_SESSION);
}

TEST(ClientHandshake, PortAtAddressUsesTcp) {
    FakeDaemon daemon;
    const int port = daemon.listen_tcp();
    ASSERT_GT(port, 0);
    Bytes request;
    auto server = std::async(std::launch::async, [&] { return daemon.accept_alice(&request); });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    const std::string name = std::to_string(port) + "@127.0.0.1";
    ASSERT_EQ(SP_connect(name.c_str(), "alice", 0, 1, &mbox, group), ACCEPT_SESSION);
    const int fd = server.get();
    ASSERT_GE(fd, 0);
    EXPECT_EQ(request, vectors::connect_request);
    ASSERT_EQ(SP_join(mbox, "g1"), 0);
    EXPECT_EQ(daemon.read(fd, 80), vectors::join_g1);
    EXPECT_EQ(SP_disconnect(mbox), 0);
}

TEST(ClientHandshake, FlagsCarryPriorityAndNamesAreCutToTen) {
    FakeDaemon daemon;
    auto server = std::async(std::launch::async, [&] {
        const int fd = daemon.accept_client();
        auto req = fd < 0 ? std::optional<Bytes>() : daemon.read(fd, 15);
        daemon.hang_up(fd);
        return req;
    });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    // The fake daemon closes without answering, which the library reports.
    EXPECT_EQ(SP_connect("4803", "abcdefghijklmn", 1, 0, &mbox, group), CONNECTION_CLOSED);
    const auto req = server.get();
    ASSERT_TRUE(req.has_value());
    EXPECT_EQ(*req, cat({{0x05, 0x00, 0x01, 0x10, 0x0a}, text("abcdefghij")}));
}

TEST(ClientHandshake, ReturnsTheDaemonsRejection) {
    FakeDaemon daemon;
    auto server = std::async(std::launch::async, [&] {
        const int fd = daemon.accept_client();
        return fd >= 0 && daemon.read(fd, 10) && daemon.write(fd, {0xfa});
    });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    EXPECT_EQ(SP_connect("4803", "alice", 0, 1, &mbox, group), REJECT_NOT_UNIQUE);
    EXPECT_TRUE(server.get());
}

TEST(ClientHandshake, RefusesWithoutTheNullMethod) {
    FakeDaemon daemon;
    auto server = std::async(std::launch::async, [&] {
        const int fd = daemon.accept_client();
        return fd >= 0 && daemon.read(fd, 10) && daemon.write(fd, cat({{3}, text("IP ")})) &&
               daemon.sees_eof(fd);
    });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    EXPECT_EQ(SP_connect("4803", "alice", 0, 1, &mbox, group), REJECT_AUTH);
    EXPECT_TRUE(server.get());
}

TEST(ClientHandshake, NoDaemonIsCouldNotConnect) {
    FakeDaemon daemon;  // only for its temporary directory
    const std::string empty = daemon.dir() + "/none";
    ::setenv("BRAID_SOCKET_DIR", empty.c_str(), 1);
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    EXPECT_EQ(SP_connect("4803", "alice", 0, 1, &mbox, group), COULD_NOT_CONNECT);
    // Nothing listens on TCP port 1 of loopback.
    EXPECT_EQ(SP_connect("1@127.0.0.1", "alice", 0, 1, &mbox, group), COULD_NOT_CONNECT);
}

TEST(ClientHandshake, MalformedSpreadNameIsIllegalSpread) {
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    for (const char* name : {"abc", "4803x", "99999", "4803@", "@host"})
        EXPECT_EQ(SP_connect(name, "alice", 0, 1, &mbox, group), ILLEGAL_SPREAD) << name;
}

TEST(ClientHandshake, TimeoutBoundsASilentDaemon) {
    FakeDaemon daemon;
    auto server = std::async(std::launch::async, [&] {
        const int fd = daemon.accept_client();
        return fd >= 0 && daemon.read(fd, 10).has_value() && daemon.sees_eof(fd);
    });
    mailbox mbox = -1;
    char group[MAX_GROUP_NAME];
    EXPECT_EQ(SP_connect_timeout("4803", "alice", 0, 1, &mbox, group, sp_time{0, 200000}),
              CONNECTION_CLOSED);
    EXPECT_TRUE(server.get());
    EXPECT_EQ(SP_connect_timeout("4803", "alice", 0, 1, &mbox, group, sp_time{-1, 0}),
              ILLEGAL_TIME);
}

}  // namespace
}  // namespace braid::client::test
