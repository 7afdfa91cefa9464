#include "config/legacy/error.hpp"

#include <algorithm>

namespace braid::config::legacy {

std::string ConvertError::format(const std::string& file) const {
    return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
           message;
}

ConvertErrors sorted_errors(ConvertErrors errors) {
    // Stable: two errors at one token keep the order in which they were found.
    std::stable_sort(errors.begin(), errors.end(), [](const ConvertError& a, const ConvertError& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
    return errors;
}

}  // namespace braid::config::legacy
