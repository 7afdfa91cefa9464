// Bounds-checked big-endian field reading and writing for the delivery
// layer's payload and message encodings.
//
// Kept inside the delivery layer (rather than shared with the ring's wire
// codecs) so that the two layers' formats can evolve independently. A
// ByteReader never reads past its span: the first short read makes it fail
// for good and remembers where, so a decoder checks once and reports the
// offset of the first problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace braid::delivery {

class ByteWriter {
public:
    explicit ByteWriter(std::vector<std::uint8_t>& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) {
        u8(static_cast<std::uint8_t>(v >> 8));
        u8(static_cast<std::uint8_t>(v));
    }
    void u32(std::uint32_t v) {
        u16(static_cast<std::uint16_t>(v >> 16));
        u16(static_cast<std::uint16_t>(v));
    }
    void u64(std::uint64_t v) {
        u32(static_cast<std::uint32_t>(v >> 32));
        u32(static_cast<std::uint32_t>(v));
    }
    void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

private:
    std::vector<std::uint8_t>& out_;  // destination, appended to
};

class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}

    std::uint8_t u8() {
        if (!take(1)) return 0;
        return in_[pos_++];
    }
    std::uint16_t u16() {
        if (!take(2)) return 0;
        const auto v = static_cast<std::uint16_t>((in_[pos_] << 8) | in_[pos_ + 1]);
        pos_ += 2;
        return v;
    }
    std::uint32_t u32() {
        if (!take(4)) return 0;
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_++];
        return v;
    }
    std::uint64_t u64() {
        if (!take(8)) return 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | in_[pos_++];
        return v;
    }
    // The next n bytes (empty on failure); a view into the input.
    std::span<const std::uint8_t> bytes(std::size_t n) {
        if (!take(n)) return {};
        auto view = in_.subspan(pos_, n);
        pos_ += n;
        return view;
    }
    // Marks the input invalid at the current offset (a value was out of range).
    void fail() {
        if (!failed_) fail_offset_ = pos_;
        failed_ = true;
    }

    bool failed() const { return failed_; }
    std::size_t fail_offset() const { return fail_offset_; }  // where the first problem is
    std::size_t offset() const { return pos_; }                // bytes consumed so far
    std::size_t remaining() const { return in_.size() - pos_; }

private:
    bool take(std::size_t n) {
        if (failed_) return false;
        if (n > in_.size() - pos_) {
            fail();
            return false;
        }
        return true;
    }

    std::span<const std::uint8_t> in_;  // the whole input
    std::size_t pos_ = 0;               // next byte to read
    bool failed_ = false;               // a read ran past the end or a value was invalid
    std::size_t fail_offset_ = 0;       // offset of the first problem
};

}  // namespace braid::delivery
