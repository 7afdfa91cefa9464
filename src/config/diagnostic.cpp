#include "config/diagnostic.hpp"

#include <algorithm>

namespace braid::config {

std::string Diagnostic::to_string() const {
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

void Diagnostics::add(Position where, std::string message) {
    list_.push_back(Diagnostic{file_, where.line, where.column, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = list_;
    // Whole-file diagnostics (line 0) go last: they usually follow from the
    // positioned ones, which an operator fixes first.
    auto key = [](const Diagnostic& d) {
        return std::pair{d.line <= 0 ? 1 : 0, std::pair{d.line, d.column}};
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    return out;
}

}  // namespace braid::config
