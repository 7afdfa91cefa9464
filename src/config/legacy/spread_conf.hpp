// The syntax tree of a classic Spread configuration file.
//
// Two shapes of Spread_Segment are read:
//  * the classic form of the Spread user's guide: a broadcast (or multicast)
//    address with an optional port, and one "NAME ADDRESS" line per daemon;
//  * the nested form of the Multipath Spread patch: inner brace blocks, one
//    per network, listing host names without addresses, plus lines such as
//    "foo C" that mark which of a host's interfaces serves clients (C),
//    daemons (D) or the monitor (M).
// Options ("Keyword = value", "Keyword = { A B }", a bare "EventTimeStamp")
// appear outside segments. This layer only checks the syntax (braces, '=',
// where a token may stand); what the words mean is the converter's business.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/legacy/error.hpp"
#include "config/legacy/lexer.hpp"

namespace braid::config::legacy {

// One host line: "machine1 192.168.1.20", "foo", "foo D".
struct HostEntry {
    Token name;               // the host name
    std::vector<Token> args;  // the words after it on the same line (address, D/C/M)
};

// An inner block of the nested form: the hosts on one network.
struct InnerBlock {
    SourcePos pos;                // the opening '{'
    std::vector<HostEntry> hosts;  // in file order
    bool damaged = false;          // a syntax error was reported inside: no "has no hosts" on top
};

struct Segment {
    SourcePos pos;                  // the Spread_Segment keyword
    Token header;                   // "192.168.1.255:3333", or "mp:4803" in the nested form
    std::vector<HostEntry> hosts;   // lines directly inside the segment
    std::vector<InnerBlock> networks;  // inner blocks; non-empty only in the nested form
    bool damaged = false;  // a syntax error was reported inside: no "has no hosts" on top
};

struct Option {
    Token keyword;              // as written, e.g. DebugFlags
    bool has_value = false;     // false for a bare keyword (EventTimeStamp without '=')
    bool braced = false;        // value was a { ... } list
    std::vector<Token> values;  // one value, or the list's items
    bool damaged = false;       // a syntax error was reported: not converted
};

struct SpreadConf {
    std::vector<Segment> segments;  // in file order
    std::vector<Option> options;    // in file order
};

// Parses the file's text; syntax errors are appended to `errors` and the
// parser carries on after each, so one run reports them all.
SpreadConf parse_spread_conf(std::string_view text, ConvertErrors& errors);

}  // namespace braid::config::legacy
