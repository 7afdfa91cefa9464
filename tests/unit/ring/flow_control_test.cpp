#include <gtest/gtest.h>

#include "ring/flow_control.hpp"

namespace braid::ring {
namespace {

TEST(FlowControl, PersonalWindowLimits) {
    EXPECT_EQ(new_packet_allowance({160, 20, 0, 0, 100, 100}), 20u);
    EXPECT_EQ(new_packet_allowance({160, 20, 0, 5, 100, 100}), 15u);  // retransmissions count
    EXPECT_EQ(new_packet_allowance({160, 20, 0, 25, 100, 100}), 0u);
}

TEST(FlowControl, RingWindowLimits) {
    EXPECT_EQ(new_packet_allowance({160, 20, 150, 0, 100, 100}), 10u);
    EXPECT_EQ(new_packet_allowance({160, 20, 155, 5, 100, 100}), 0u);
    EXPECT_EQ(new_packet_allowance({160, 20, 400, 0, 100, 100}), 0u);
}

TEST(FlowControl, OutstandingPacketsLimit) {
    // highest may not run more than a ring window ahead of the token's aru
    EXPECT_EQ(new_packet_allowance({160, 20, 0, 0, 250, 100}), 10u);
    EXPECT_EQ(new_packet_allowance({160, 20, 0, 0, 260, 100}), 0u);
}

TEST(FlowControl, RotationCountReplacesOwnShare) {
    EXPECT_EQ(updated_rotation_count(30, 10, 4), 24u);
    EXPECT_EQ(updated_rotation_count(5, 10, 4), 4u);  // never below zero for others
}

}  // namespace
}  // namespace braid::ring
