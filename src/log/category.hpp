// Log categories: Spread's debug flags, kept so that operators can reuse the
// DebugFlags they know. A category set is a bit mask; the configuration names
// categories as strings ("PROTOCOL", "!DATA_LINK", "ALL", "NONE").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace braid::log {

enum class Category : std::uint32_t {
    print = 1u << 0,          // PRINT: operator-facing messages, always useful
    exit = 1u << 1,           // EXIT: why the daemon stops
    debug = 1u << 2,          // DEBUG: developer detail
    data_link = 1u << 3,      // DATA_LINK: sockets, send/receive errors
    network = 1u << 4,        // NETWORK: paths, faults, multipath
    protocol = 1u << 5,       // PROTOCOL: token, ring, retransmission
    session = 1u << 6,        // SESSION: client connections
    configuration = 1u << 7,  // CONFIGURATION: configuration files and reloads
    membership = 1u << 8,     // MEMBERSHIP: gather/commit/recovery, configurations
    flow_control = 1u << 9,   // FLOW_CONTROL: windows, slow consumers
    status = 1u << 10,        // STATUS: monitor and status requests
    events = 1u << 11,        // EVENTS: event loop internals
    groups = 1u << 12,        // GROUPS: group joins, leaves, views
    memory = 1u << 13,        // MEMORY: queue and buffer accounting
};

using CategoryMask = std::uint32_t;

inline constexpr CategoryMask kAllCategories = (1u << 14) - 1;
inline constexpr CategoryMask kDefaultCategories =
    static_cast<CategoryMask>(Category::print) | static_cast<CategoryMask>(Category::exit);

inline constexpr CategoryMask mask(Category c) { return static_cast<CategoryMask>(c); }

// The configuration name of a single category ("DATA_LINK").
std::string_view category_name(Category c);

// Every single category, in bit order (for printing and iteration).
const std::vector<Category>& all_categories();

// Parses one name, case-sensitive as in Spread: a category, "ALL" or "NONE".
std::optional<CategoryMask> parse_category_name(std::string_view name);

// Applies a list left to right: a name adds its bits, "!NAME" removes them,
// "NONE" clears, "ALL" sets everything. Returns the index of the first bad
// entry on failure.
struct CategoryListResult {
    CategoryMask mask = 0;            // valid when bad_index is empty
    std::optional<std::size_t> bad_index;  // first entry that is not a category
};
CategoryListResult parse_category_list(const std::vector<std::string>& names);

// The names of the categories in a mask, for printing ("PRINT", "EXIT").
std::vector<std::string> category_names(CategoryMask mask);

}  // namespace braid::log
