#include "log/journal.hpp"

#include <cstdio>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace braid::log {
namespace {

TEST(JournalStream, ParsesDeviceAndInode) {
    auto id = parse_journal_stream("8:1234");
    ASSERT_TRUE(id);
    EXPECT_EQ(id->device, 8u);
    EXPECT_EQ(id->inode, 1234u);
}

TEST(JournalStream, RejectsMalformedValues) {
    EXPECT_FALSE(parse_journal_stream(""));
    EXPECT_FALSE(parse_journal_stream("8"));
    EXPECT_FALSE(parse_journal_stream("8:"));
    EXPECT_FALSE(parse_journal_stream(":12"));
    EXPECT_FALSE(parse_journal_stream("8:12x"));
    EXPECT_FALSE(parse_journal_stream("a:12"));
}

TEST(JournalStream, MatchesOnlyTheNamedStream) {
    std::FILE* file = std::tmpfile();
    ASSERT_NE(file, nullptr);
    int fd = fileno(file);
    struct stat st {};
    ASSERT_EQ(fstat(fd, &st), 0);
    std::string same = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
    EXPECT_TRUE(fd_is_journal_stream(fd, same.c_str()));
    EXPECT_FALSE(fd_is_journal_stream(fd, other.c_str()));
    EXPECT_FALSE(fd_is_journal_stream(fd, nullptr));
    EXPECT_FALSE(fd_is_journal_stream(fd, "garbage"));
    std::fclose(file);
}

}  // namespace
}  // namespace braid::log
