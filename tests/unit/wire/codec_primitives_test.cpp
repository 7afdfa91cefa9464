#include <gtest/gtest.h>

#include "wire/codec_primitives.hpp"

namespace braid::wire {
namespace {

TEST(CodecPrimitives, BigEndianRoundTrip) {
    std::vector<std::uint8_t> buf;
    Writer w(buf);
    w.u8(0x12);
    w.u16(0x3456);
    w.u32(0x789abcde);
    w.u64(0x0102030405060708ull);
    ASSERT_EQ(buf.size(), 15u);
    EXPECT_EQ(buf[1], 0x34);
    EXPECT_EQ(buf[3], 0x78);
    EXPECT_EQ(buf[14], 0x08);
    Reader r(buf);
    EXPECT_EQ(r.u8(), 0x12);
    EXPECT_EQ(r.u16(), 0x3456);
    EXPECT_EQ(r.u32(), 0x789abcdeu);
    EXPECT_EQ(r.u64(), 0x0102030405060708ull);
    EXPECT_FALSE(r.failed());
    EXPECT_EQ(r.remaining(), 0u);
}

TEST(CodecPrimitives, ShortReadFailsAndSticks) {
    std::vector<std::uint8_t> buf{1, 2, 3};
    Reader r(buf);
    EXPECT_EQ(r.u16(), 0x0102);
    EXPECT_EQ(r.u32(), 0u);
    EXPECT_TRUE(r.failed());
    EXPECT_EQ(r.fail_offset(), 2u);
    EXPECT_EQ(r.u8(), 0u);  // sticky even though one byte is left
    EXPECT_EQ(r.fail_offset(), 2u);
}

TEST(CodecPrimitives, BytesViewIsBounded) {
    std::vector<std::uint8_t> buf{1, 2, 3, 4};
    Reader r(buf);
    auto v = r.bytes(3);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[2], 3);
    EXPECT_TRUE(r.bytes(2).empty());
    EXPECT_TRUE(r.failed());
    Reader huge(buf);
    EXPECT_TRUE(huge.bytes(static_cast<std::size_t>(-1)).empty());
    EXPECT_TRUE(huge.failed());
}

}  // namespace
}  // namespace braid::wire
