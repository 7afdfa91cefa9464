// Bounds-checked reading and writing of big-endian integers and byte strings.
//
// Every binary format of the daemon (ring packets, delivery payloads, group
// control messages) is encoded and decoded field by field through these two
// classes; nothing ever casts a struct onto a buffer. A reader never reads
// past its span: the first short read (or a value the decoder finds out of
// range, through fail()) makes every later read fail and return zero, and
// remembers the offset, so a decoder checks once at the end and reports the
// position of the first problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace braid {

// Appends fields to a growing byte vector.
class ByteWriter {
public:
    explicit ByteWriter(std::vector<std::uint8_t>& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

private:
    void put(std::uint64_t v, int width) {
        for (int shift = 8 * (width - 1); shift >= 0; shift -= 8)
            out_.push_back(static_cast<std::uint8_t>(v >> shift));
    }

    std::vector<std::uint8_t>& out_;  // destination, appended to
};

// Consumes fields from a byte span.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}

    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::uint64_t u64() { return get(8); }

    // A view of the next n bytes (empty on failure); valid while the input is.
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
    std::uint64_t get(std::size_t width) {
        if (!take(width)) return 0;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < width; ++i) v = (v << 8) | in_[pos_++];
        return v;
    }

    std::span<const std::uint8_t> in_;  // the whole input
    std::size_t pos_ = 0;               // next byte to read
    bool failed_ = false;               // a read ran past the end or a value was invalid
    std::size_t fail_offset_ = 0;       // offset of the first problem
};

}  // namespace braid
