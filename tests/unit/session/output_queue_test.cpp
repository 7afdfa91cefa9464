// The bounded per-session output queue.
#include <gtest/gtest.h>

#include "session/output_queue.hpp"
#include "wire_bytes.hpp"

namespace braid::session::test {
namespace {

TEST(OutputQueue, LimitCountsWaitingMessages) {
    OutputQueue q(2);
    EXPECT_TRUE(q.push(hex("01 02")));
    EXPECT_TRUE(q.push(hex("03")));
    EXPECT_FALSE(q.push(hex("04")));
    EXPECT_EQ(q.messages(), 2u);
    EXPECT_EQ(q.bytes(), 3u);
    q.consume(1);  // half of the first message: still waiting
    EXPECT_FALSE(q.push(hex("04")));
    q.consume(1);
    EXPECT_TRUE(q.push(hex("04")));
}

TEST(OutputQueue, PartialWritesAcrossMessages) {
    OutputQueue q(10);
    q.push(hex("01 02 03"));
    q.push(hex("04 05"));
    q.consume(2);
    EXPECT_EQ(Bytes(q.front().begin(), q.front().end()), hex("03"));
    q.consume(2);  // the rest of the first message and one byte of the second
    EXPECT_EQ(Bytes(q.front().begin(), q.front().end()), hex("05"));
    EXPECT_EQ(q.bytes(), 1u);
    q.consume(100);
    EXPECT_TRUE(q.empty());
    EXPECT_TRUE(q.front().empty());
}

TEST(OutputQueue, HandshakeBytesIgnoreTheLimit) {
    OutputQueue q(1);
    q.push_always(hex("05"));
    q.push_always(hex("01"));
    EXPECT_EQ(q.messages(), 2u);
    q.clear();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.bytes(), 0u);
}

}  // namespace
}  // namespace braid::session::test
