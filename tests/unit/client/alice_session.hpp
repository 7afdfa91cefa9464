// Test fixture: a fake daemon with "alice" connected to it through libbraid,
// as at the start of the worked example. `daemon_fd` is the daemon's end.
#pragma once

#include <gtest/gtest.h>

#include <future>

#include "braid/sp.h"
#include "fake_daemon.hpp"
#include "wire_vectors.hpp"

namespace braid::client::test {

class AliceSession : public ::testing::Test {
protected:
    void SetUp() override {
        auto server = std::async(std::launch::async, [this] { return daemon.accept_alice(); });
        ASSERT_EQ(SP_connect("4803", "alice", 0, 1, &mbox, private_group), ACCEPT_SESSION);
        daemon_fd = server.get();
        ASSERT_GE(daemon_fd, 0);
    }
    void TearDown() override {
        if (mbox >= 0) SP_disconnect(mbox);
    }

    FakeDaemon daemon;                  // the daemon's side
    int daemon_fd = -1;                 // the daemon's socket to alice
    mailbox mbox = -1;                  // alice's mailbox
    char private_group[MAX_GROUP_NAME] = {};  // "#alice#localhost"
};

// Receive-call outputs, zeroed for each call.
struct Received {
    service type = 0;                         // in: flags, out: service type
    char sender[MAX_GROUP_NAME] = {};         // sender or group
    int num_groups = 0;                       // groups or size hint
    char groups[4][MAX_GROUP_NAME] = {};      // up to 4 names
    int16 mess_type = 0;                      // message type
    int endian_mismatch = 0;                  // flag or size hint
    char mess[256] = {};                      // body
};

// SP_receive into `r` with `max_groups` names and `max_len` bytes of room,
// after checking that data is waiting (so the test cannot hang).
inline int receive(mailbox mbox, Received& r, int max_groups, int max_len) {
    if (!readable(mbox)) return 1000;  // not a code the library returns
    return SP_receive(mbox, &r.type, r.sender, max_groups, &r.num_groups, r.groups, &r.mess_type,
                      &r.endian_mismatch, max_len, r.mess);
}

}  // namespace braid::client::test
