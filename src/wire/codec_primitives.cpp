#include "wire/codec_primitives.hpp"

namespace braid::wire {

void Writer::u16(std::uint16_t v) {
    out_.push_back(static_cast<std::uint8_t>(v >> 8));
    out_.push_back(static_cast<std::uint8_t>(v));
}

void Writer::u32(std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<std::uint8_t>(v >> shift));
}

void Writer::u64(std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<std::uint8_t>(v >> shift));
}

bool Reader::take(std::size_t n) {
    if (failed_) return false;
    if (n > in_.size() - pos_) {
        failed_ = true;
        fail_offset_ = pos_;
        return false;
    }
    return true;
}

std::uint8_t Reader::u8() {
    if (!take(1)) return 0;
    return in_[pos_++];
}

std::uint16_t Reader::u16() {
    if (!take(2)) return 0;
    std::uint16_t v = static_cast<std::uint16_t>((in_[pos_] << 8) | in_[pos_ + 1]);
    pos_ += 2;
    return v;
}

std::uint32_t Reader::u32() {
    if (!take(4)) return 0;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | in_[pos_++];
    return v;
}

std::uint64_t Reader::u64() {
    if (!take(8)) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | in_[pos_++];
    return v;
}

std::span<const std::uint8_t> Reader::bytes(std::size_t n) {
    if (!take(n)) return {};
    auto view = in_.subspan(pos_, n);
    pos_ += n;
    return view;
}

}  // namespace braid::wire
