#include "log/category.hpp"

#include <array>
#include <utility>

namespace braid::log {

namespace {
constexpr std::array<std::pair<Category, std::string_view>, 14> kNames{{
    {Category::print, "PRINT"},
    {Category::exit, "EXIT"},
    {Category::debug, "DEBUG"},
    {Category::data_link, "DATA_LINK"},
    {Category::network, "NETWORK"},
    {Category::protocol, "PROTOCOL"},
    {Category::session, "SESSION"},
    {Category::configuration, "CONFIGURATION"},
    {Category::membership, "MEMBERSHIP"},
    {Category::flow_control, "FLOW_CONTROL"},
    {Category::status, "STATUS"},
    {Category::events, "EVENTS"},
    {Category::groups, "GROUPS"},
    {Category::memory, "MEMORY"},
}};
}  // namespace

std::string_view category_name(Category c) {
    for (const auto& [cat, name] : kNames)
        if (cat == c) return name;
    return "UNKNOWN";
}

const std::vector<Category>& all_categories() {
    static const std::vector<Category> all = [] {
        std::vector<Category> v;
        for (const auto& entry : kNames) v.push_back(entry.first);
        return v;
    }();
    return all;
}

std::optional<CategoryMask> parse_category_name(std::string_view name) {
    if (name == "ALL") return kAllCategories;
    if (name == "NONE") return CategoryMask{0};
    for (const auto& [cat, n] : kNames)
        if (n == name) return mask(cat);
    return std::nullopt;
}

CategoryListResult parse_category_list(const std::vector<std::string>& names) {
    CategoryListResult result;
    for (std::size_t i = 0; i < names.size(); ++i) {
        std::string_view entry = names[i];
        bool negate = !entry.empty() && entry.front() == '!';
        if (negate) entry.remove_prefix(1);
        auto bits = parse_category_name(entry);
        if (!bits) {
            result.bad_index = i;
            return result;
        }
        if (negate)
            result.mask &= ~*bits;
        else if (entry == "NONE")
            result.mask = 0;
        else
            result.mask |= *bits;
    }
    return result;
}

std::vector<std::string> category_names(CategoryMask m) {
    std::vector<std::string> out;
    for (const auto& [cat, name] : kNames)
        if (m & mask(cat)) out.emplace_back(name);
    return out;
}

}  // namespace braid::log
