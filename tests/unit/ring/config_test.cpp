#include <gtest/gtest.h>

#include "ring/config.hpp"

namespace braid::ring {
namespace {

RingConfig good() {
    RingConfig c;
    c.self = 2;
    c.members = {1, 2, 3};
    return c;
}

TEST(RingConfig, DefaultsAreValid) { EXPECT_FALSE(validate(good()).has_value()); }

TEST(RingConfig, ErrorsAreExplained) {
    auto c = good();
    c.self = 9;
    EXPECT_EQ(validate(c).value(), "this daemon is not a member of the ring");
    c = good();
    c.members = {1, 2, 2};
    EXPECT_EQ(validate(c).value(), "a daemon appears twice in the ring's member list");
    c = good();
    c.personal_window = 500;
    EXPECT_EQ(validate(c).value(), "the personal window exceeds the ring window");
    c = good();
    c.token_retransmit_us = c.token_loss_us;
    EXPECT_EQ(validate(c).value(), "the token retransmit timeout must be shorter than the token loss timeout");
    c = good();
    c.members.clear();
    EXPECT_EQ(validate(c).value(), "the ring has no members");
    c = good();
    c.max_payload = 0;
    EXPECT_EQ(validate(c).value(), "the maximum payload size is out of range");
}

}  // namespace
}  // namespace braid::ring
