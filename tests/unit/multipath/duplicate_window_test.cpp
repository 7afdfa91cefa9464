// The per-sender duplicate window.
#include "multipath/duplicate_window.hpp"

#include <gtest/gtest.h>

namespace braid::multipath {
namespace {

using V = DuplicateWindow::Verdict;

TEST(DuplicateWindow, FirstCopyIsFreshSecondIsDuplicate) {
    DuplicateWindow w;
    EXPECT_EQ(w.accept(5), V::fresh);
    EXPECT_EQ(w.accept(5), V::duplicate);
    EXPECT_EQ(w.accept(6), V::fresh);
    EXPECT_EQ(w.accept(6), V::duplicate);
    EXPECT_EQ(w.highest(), 6u);
}

TEST(DuplicateWindow, ReorderedSequencesAreFreshOnce) {
    DuplicateWindow w;
    EXPECT_EQ(w.accept(10), V::fresh);
    EXPECT_EQ(w.accept(8), V::fresh);
    EXPECT_EQ(w.accept(9), V::fresh);
    EXPECT_EQ(w.accept(8), V::duplicate);
    EXPECT_EQ(w.accept(9), V::duplicate);
    EXPECT_EQ(w.highest(), 10u);
}

TEST(DuplicateWindow, OlderThanTheWindowIsTooOld) {
    DuplicateWindow w;
    EXPECT_EQ(w.accept(1), V::fresh);
    EXPECT_EQ(w.accept(1 + DuplicateWindow::kSize), V::fresh);
    EXPECT_EQ(w.accept(1), V::too_old);
    EXPECT_EQ(w.accept(2), V::fresh);  // still inside the window
    EXPECT_EQ(w.accept(2), V::duplicate);
}

TEST(DuplicateWindow, SlotsReusedAfterAdvanceAreClear) {
    DuplicateWindow w;
    for (std::uint64_t s = 1; s <= 3 * DuplicateWindow::kSize; s += 3) ASSERT_EQ(w.accept(s), V::fresh) << s;
    // Sequences skipped while advancing were never seen, even though their slots were used before.
    const std::uint64_t h = w.highest();
    EXPECT_EQ(w.accept(h - 1), V::fresh);
    EXPECT_EQ(w.accept(h - 2), V::fresh);
    EXPECT_EQ(w.accept(h - 3), V::duplicate);
}

TEST(DuplicateWindow, HugeJumpForgetsTheOldWindow) {
    DuplicateWindow w;
    EXPECT_EQ(w.accept(100), V::fresh);
    EXPECT_EQ(w.accept(UINT64_MAX), V::fresh);
    EXPECT_EQ(w.accept(UINT64_MAX - 1), V::fresh);
    EXPECT_EQ(w.accept(100), V::too_old);
}

TEST(DuplicateWindow, ResetStartsAfresh) {
    DuplicateWindow w;
    EXPECT_EQ(w.accept(50), V::fresh);
    w.reset();
    EXPECT_EQ(w.highest(), 0u);
    EXPECT_EQ(w.accept(50), V::fresh);
    EXPECT_EQ(w.accept(1), V::fresh);
}

}  // namespace
}  // namespace braid::multipath
