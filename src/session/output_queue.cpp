#include "session/output_queue.hpp"

#include <algorithm>

namespace braid::session {

bool OutputQueue::push(std::vector<std::uint8_t> bytes) {
    if (queue_.size() >= max_messages_) return false;
    if (bytes.empty()) return true;
    bytes_ += bytes.size();
    queue_.push_back(std::move(bytes));
    return true;
}

void OutputQueue::push_always(std::vector<std::uint8_t> bytes) {
    if (bytes.empty()) return;
    bytes_ += bytes.size();
    queue_.push_back(std::move(bytes));
}

std::span<const std::uint8_t> OutputQueue::front() const {
    if (queue_.empty()) return {};
    return std::span<const std::uint8_t>(queue_.front()).subspan(written_);
}

void OutputQueue::consume(std::size_t n) {
    while (n > 0 && !queue_.empty()) {
        const std::size_t left = queue_.front().size() - written_;
        const std::size_t step = std::min(n, left);
        written_ += step;
        bytes_ -= step;
        n -= step;
        if (written_ == queue_.front().size()) {
            queue_.pop_front();
            written_ = 0;
        }
    }
}

void OutputQueue::clear() {
    queue_.clear();
    written_ = 0;
    bytes_ = 0;
}

}  // namespace braid::session
