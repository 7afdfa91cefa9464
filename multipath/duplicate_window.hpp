// Which multipath sequences of one sender have already been seen.
//
// Every logical send goes out on several paths with the same sequence; the
// first copy to arrive is used and the others are duplicates. The window
// remembers the last kSize sequences below the highest one seen, one bit
// each, so copies may arrive in any order across paths. A copy older than
// the window is reported as too old and treated as a duplicate: dropping it
// is safe because the ring retransmits anything that was really lost.
#pragma once

#include <array>
#include <cstdint>

namespace braid::multipath {

class DuplicateWindow {
public:
    static constexpr std::uint64_t kSize = 4096;  // sequences remembered below the highest

    enum class Verdict {
        fresh,      // first copy: use it
        duplicate,  // seen before
        too_old,    // below the window: cannot tell, dropped as a duplicate
    };

    // Classifies a sequence (non-zero) and records it when fresh.
    Verdict accept(std::uint64_t seq);

    // Forgets everything (the sender restarted).
    void reset();

    std::uint64_t highest() const { return highest_; }  // 0 when nothing seen yet

private:
    bool test(std::uint64_t seq) const { return (bits_[word(seq)] >> bit(seq)) & 1u; }
    void set(std::uint64_t seq) { bits_[word(seq)] |= (std::uint64_t{1} << bit(seq)); }
    void clear(std::uint64_t seq) { bits_[word(seq)] &= ~(std::uint64_t{1} << bit(seq)); }
    static std::size_t word(std::uint64_t seq) { return (seq % kSize) / 64; }
    static unsigned bit(std::uint64_t seq) { return static_cast<unsigned>(seq % 64); }

    std::uint64_t highest_ = 0;                  // highest sequence seen, 0: none
    std::array<std::uint64_t, kSize / 64> bits_{};  // bit seq % kSize: seen
};

}  // namespace braid::multipath
