// Reading one TOML table of braid.toml with positions (internal to the loader).
//
// Every section reader goes through TableReader so that the rules are the
// same everywhere: a value of the wrong type is an error naming both types,
// an integer out of range names the range, every key a reader did not ask
// for is an unknown key, and every value read leaves its position in the
// SourceMap, where the cross-checks find it after the file has been turned
// into a Config (and where "was this key given explicitly?" is answered).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.hpp"

namespace braid::config::detail {

// Position of every value read, by its dotted path ("host[1].addresses.a",
// "timeouts.join"); tables are recorded under their own path too.
class SourceMap {
public:
    void record(const std::string& path, Position where) { at_[path] = where; }
    bool has(const std::string& path) const { return at_.count(path) != 0; }
    Position of(const std::string& path) const;  // {0, 0} when absent

private:
    std::map<std::string, Position> at_;  // dotted path -> position of the value
};

// The state shared by every reader of one source.
struct ReadContext {
    Diagnostics& diagnostics;  // where mistakes go
    SourceMap& source_map;     // where positions go
    std::set<std::string> invalid_paths{};  // values reported as wrong: not to be checked again

    // Reports `message` ("path: ..." already prefixed) and marks `path` invalid.
    void reject(const std::string& path, Position where, const std::string& message) {
        invalid_paths.insert(path);
        diagnostics.add(where, message);
    }
    // Given in the file and valid.
    bool given(const std::string& path) const {
        return source_map.has(path) && invalid_paths.count(path) == 0;
    }
};

Position position_of(const toml::node& node);
Position position_of(const toml::key& key);

// "a string", "an integer", ... for messages.
std::string type_phrase(const toml::node& node);

// A string entry of an array, with where it was written.
struct StringEntry {
    std::string value;  // the entry
    Position where;     // its position
};

class TableReader {
public:
    // `path` prefixes messages and source-map entries ("" for the document,
    // "network[1]", "timeouts"); `where` names the table in unknown-key
    // messages ("[timeouts]", "network[1]").
    TableReader(const toml::table& table, std::string path, std::string where, ReadContext& context);

    // The value of `key`, marked as known and recorded; nullptr if absent.
    const toml::node* take(std::string_view key);

    // Typed reads: nullopt when absent or wrong (a wrong value is reported).
    std::optional<std::string> string(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::optional<std::vector<StringEntry>> string_array(std::string_view key);
    // A sub-table written as [path.key] or key = { ... }.
    const toml::table* table(std::string_view key);
    // The tables of an array of tables ([[key]]) in file order; an entry that
    // is not a table is reported and left as nullptr, so indexes stay those of the file.
    std::vector<const toml::table*> array_of_tables(std::string_view key, std::string_view header);

    // Reports every key that no read asked for.
    void finish();

    std::string key_path(std::string_view key) const;   // "timeouts.join"
    Position key_position(std::string_view key) const;  // of the value, {0,0} if absent
    Position table_position() const;                     // of the table itself
    void error(std::string_view key, const std::string& message);  // "path.key: message"
    const std::string& path() const { return path_; }
    ReadContext& context() { return context_; }

private:
    const toml::table& table_;
    std::string path_;              // message prefix
    std::string where_;             // table name in unknown-key messages
    ReadContext& context_;
    std::set<std::string, std::less<>> known_;  // keys some read asked for
};

}  // namespace braid::config::detail
