// Conversion errors of the classic Spread configuration converter.
//
// The converter reports every mistake it finds in a spread.conf, not only
// the first, each at the line and column of the offending token, so that an
// operator migrating a cluster fixes the whole file in one pass. Printed as
// "FILE:LINE:COLUMN: message" like a compiler's diagnostics.
#pragma once

#include <string>
#include <vector>

namespace braid::config::legacy {

// A position in the classic file; 1-based like every editor.
struct SourcePos {
    int line = 1;    // line of the token's first character
    int column = 1;  // byte column of the token's first character

    bool operator==(const SourcePos&) const = default;
};

struct ConvertError {
    SourcePos pos;        // where the offending token starts
    std::string message;  // what is wrong and, where it helps, what to do

    // "FILE:LINE:COLUMN: message"
    std::string format(const std::string& file) const;

    bool operator==(const ConvertError&) const = default;
};

// Errors in the order found; sorted_errors() orders them by position.
using ConvertErrors = std::vector<ConvertError>;
ConvertErrors sorted_errors(ConvertErrors errors);

}  // namespace braid::config::legacy
