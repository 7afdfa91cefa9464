#include "config/toml_reader.hpp"

namespace braid::config::detail {

Position SourceMap::of(const std::string& path) const {
    auto it = at_.find(path);
    return it == at_.end() ? Position{} : it->second;
}

namespace {

Position from_region(const toml::source_region& region) {
    return Position{static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

}  // namespace

Position position_of(const toml::node& node) { return from_region(node.source()); }
Position position_of(const toml::key& key) { return from_region(key.source()); }

std::string type_phrase(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a floating-point number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string path, std::string where,
                         ReadContext& context)
    : table_(table), path_(std::move(path)), where_(std::move(where)), context_(context) {
    if (!path_.empty()) context_.source_map.record(path_, position_of(table_));
}

std::string TableReader::key_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Position TableReader::key_position(std::string_view key) const {
    const toml::node* node = table_.get(key);
    return node ? position_of(*node) : Position{};
}

Position TableReader::table_position() const { return position_of(table_); }

void TableReader::error(std::string_view key, const std::string& message) {
    context_.reject(key_path(key), key_position(key), key_path(key) + ": " + message);
}

const toml::node* TableReader::take(std::string_view key) {
    known_.emplace(key);
    const toml::node* node = table_.get(key);
    if (node) context_.source_map.record(key_path(key), position_of(*node));
    return node;
}

std::optional<std::string> TableReader::string(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_string()) return value->get();
    error(key, "expected a string, got " + type_phrase(*node));
    return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_boolean()) return value->get();
    error(key, "expected a boolean (true or false), got " + type_phrase(*node));
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
    const toml::node* node = take(key);
    if (!node) return std::nullopt;
    const auto* value = node->as_integer();
    if (!value) {
        error(key, "expected an integer, got " + type_phrase(*node));
        return std::nullopt;
    }
    std::int64_t v = value->get();
    if (v < min || v > max) {
        error(key, std::to_string(v) + " is out of range (" + std::to_string(min) + ".." +
                       std::to_string(max) + ")");
        return std::nullopt;
    }
    return v;
}

std::optional<std::vector<StringEntry>> TableReader::string_array(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) {
        error(key, "expected an array of strings, got " + type_phrase(*node));
        return std::nullopt;
    }
    std::vector<StringEntry> out;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& entry = *array->get(i);
        std::string entry_path = key_path(key) + "[" + std::to_string(i) + "]";
        context_.source_map.record(entry_path, position_of(entry));
        if (const auto* s = entry.as_string()) {
            out.push_back(StringEntry{s->get(), position_of(entry)});
        } else {
            context_.reject(entry_path, position_of(entry),
                            entry_path + ": expected a string, got " + type_phrase(entry));
            context_.invalid_paths.insert(key_path(key));
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

const toml::table* TableReader::table(std::string_view key) {
    const toml::node* node = take(key);
    if (!node) return nullptr;
    if (const auto* t = node->as_table()) return t;
    std::string form = path_.empty() ? " ([" + std::string(key) + "])" : "";
    error(key, "expected a table" + form + ", got " + type_phrase(*node));
    return nullptr;
}

std::vector<const toml::table*> TableReader::array_of_tables(std::string_view key,
                                                             std::string_view header) {
    std::vector<const toml::table*> out;
    const toml::node* node = take(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
        error(key, "expected an array of tables (" + std::string(header) + "), got " +
                       type_phrase(*node));
        return out;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& entry = *array->get(i);
        if (const auto* t = entry.as_table()) {
            out.push_back(t);
        } else {
            context_.diagnostics.add(position_of(entry), key_path(key) + "[" + std::to_string(i) +
                                                             "]: expected a table, got " +
                                                             type_phrase(entry));
            out.push_back(nullptr);  // keeps indexes in messages equal to file order
        }
    }
    return out;
}

void TableReader::finish() {
    for (auto&& [key, node] : table_) {
        if (known_.count(key.str()) != 0) continue;
        std::string message;
        if (!path_.empty()) {
            message = "unknown key '" + std::string(key.str()) + "' in " + where_;
        } else if (node.is_table()) {
            message = "unknown table [" + std::string(key.str()) + "]";
        } else if (node.is_array_of_tables()) {
            message = "unknown table [[" + std::string(key.str()) + "]]";
        } else {
            message = "unknown key '" + std::string(key.str()) + "' at top level";
        }
        context_.diagnostics.add(position_of(key), message);
    }
}

}  // namespace braid::config::detail
