// Sliding bitmap of seen sequences (see duplicate_window.hpp).
#include "multipath/duplicate_window.hpp"

namespace braid::multipath {

DuplicateWindow::Verdict DuplicateWindow::accept(std::uint64_t seq) {
    if (highest_ == 0 || seq > highest_) {
        if (highest_ == 0 || seq - highest_ >= kSize) {
            bits_.fill(0);
        } else {
            for (std::uint64_t s = highest_ + 1; s <= seq; ++s) clear(s);
        }
        highest_ = seq;
        set(seq);
        return Verdict::fresh;
    }
    if (highest_ - seq >= kSize) return Verdict::too_old;
    if (test(seq)) return Verdict::duplicate;
    set(seq);
    return Verdict::fresh;
}

void DuplicateWindow::reset() {
    highest_ = 0;
    bits_.fill(0);
}

}  // namespace braid::multipath
