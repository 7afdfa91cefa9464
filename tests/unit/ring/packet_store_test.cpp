#include <gtest/gtest.h>

#include "ring/packet_store.hpp"

namespace braid::ring {
namespace {

TEST(PacketStore, AruFollowsContiguousPrefix) {
    PacketStore s;
    EXPECT_TRUE(s.insert(2, 1, {2}));
    EXPECT_EQ(s.aru(), 0u);
    EXPECT_TRUE(s.insert(1, 1, {1}));
    EXPECT_EQ(s.aru(), 2u);
    EXPECT_FALSE(s.insert(2, 1, {9}));  // duplicate
    EXPECT_EQ(s.find(2)->bytes, std::vector<std::uint8_t>{2});
    EXPECT_FALSE(s.insert(0, 1, {}));
}

TEST(PacketStore, MissingListsGapsInOrderWithLimit) {
    PacketStore s;
    s.insert(1, 1, {});
    s.insert(3, 1, {});
    s.insert(6, 1, {});
    EXPECT_EQ(s.missing(8, 100), (std::vector<Seq>{2, 4, 5, 7, 8}));
    EXPECT_EQ(s.missing(8, 2), (std::vector<Seq>{2, 4}));
    EXPECT_EQ(s.missing(4, 100), (std::vector<Seq>{2, 4}));
    EXPECT_EQ(s.missing(1, 100), (std::vector<Seq>{}));
}

TEST(PacketStore, DiscardStopsAtAruAndRejectsStable) {
    PacketStore s;
    for (Seq q = 1; q <= 4; ++q) s.insert(q, 1, {});
    s.insert(6, 1, {});
    EXPECT_EQ(s.discard_up_to(10), 4u);  // only up to the aru
    EXPECT_EQ(s.stable(), 4u);
    EXPECT_FALSE(s.insert(3, 1, {}));
    EXPECT_TRUE(s.contains(6));
    EXPECT_EQ(s.size(), 1u);
}

}  // namespace
}  // namespace braid::ring
