// Bounds-checked reading and writing of big-endian integers and byte strings.
//
// Every daemon packet is encoded and decoded field by field through these two
// classes; nothing ever casts a struct onto a buffer. A Reader never reads
// past its span: a short read sets a sticky failure flag and remembers the
// offset where it happened, so a decoder can check once at the end and
// report the position of the first problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace braid::wire {

// Appends fields to a growing byte vector.
class Writer {
public:
    explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}

    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void u64(std::uint64_t v);
    void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }

private:
    std::vector<std::uint8_t>& out_;  // destination, appended to
};

// Consumes fields from a byte span. After a failed read every later read
// fails too and returns zero; failed() and fail_offset() tell where.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}

    std::uint8_t u8();
    std::uint16_t u16();
    std::uint32_t u32();
    std::uint64_t u64();
    // A view of the next n bytes (empty on failure); valid while the input is.
    std::span<const std::uint8_t> bytes(std::size_t n);

    bool failed() const { return failed_; }
    std::size_t fail_offset() const { return fail_offset_; }  // where the short read began
    std::size_t offset() const { return pos_; }               // bytes consumed so far
    std::size_t remaining() const { return in_.size() - pos_; }

private:
    bool take(std::size_t n);  // checks that n more bytes exist, fails otherwise

    std::span<const std::uint8_t> in_;  // the whole packet
    std::size_t pos_ = 0;               // next byte to read
    bool failed_ = false;               // a read ran past the end
    std::size_t fail_offset_ = 0;       // offset of the first failed read
};

}  // namespace braid::wire
