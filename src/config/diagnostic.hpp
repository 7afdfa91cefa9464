// Configuration diagnostics: one mistake found in a configuration file.
//
// The loader reports every mistake it finds, not only the first, each with
// the position of the offending key or value, so that `braidd --check-config`
// lets an operator fix a broken file in one pass. Lines and columns are
// 1-based as in every editor; a diagnostic about the file as a whole (a
// missing section, an unreadable file, a daemon host that cannot be chosen)
// has line and column 0 and prints without them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace braid::config {

struct Diagnostic {
    std::string file;     // source name: the file path, or "<embedded default>" and the like
    int line = 0;         // 1-based; 0 when the mistake concerns the whole file
    int column = 0;       // 1-based; 0 with line 0
    std::string message;  // "network[1].broadcast: '10.0.0.300' is not an IPv4 address"

    // "file:line:column: message", or "file: message" without a position.
    std::string to_string() const;

    bool operator==(const Diagnostic&) const = default;
};

// A position in the source text.
struct Position {
    int line = 0;    // 1-based, 0 for "no position"
    int column = 0;  // 1-based, 0 for "no position"
};

// Collects diagnostics for one source while it is read and checked.
class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void add(Position where, std::string message);
    bool empty() const { return list_.empty(); }

    // Every diagnostic, ordered by position; whole-file ones come last in the
    // order they were found.
    std::vector<Diagnostic> sorted() const;

private:
    std::string file_;             // source name copied into each diagnostic
    std::vector<Diagnostic> list_;  // in the order found
};

}  // namespace braid::config
