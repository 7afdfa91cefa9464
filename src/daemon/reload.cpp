#include "daemon/reload.hpp"

#include "config/printer.hpp"

namespace braid::daemon {

namespace {

std::string describe_categories(log::CategoryMask mask) {
    if (mask == log::kAllCategories) return "ALL";
    const std::vector<std::string> names = log::category_names(mask);
    if (names.empty()) return "NONE";
    std::string out;
    for (const std::string& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

std::string describe_file(const std::optional<std::string>& file) {
    return file ? "'" + *file + "'" : std::string("standard error");
}

// True when `field` differs between the two configurations, judged by the
// effective configuration as --check-config prints it: what the operator
// reads there is what counts as a change.
template <typename Section>
bool section_differs(const config::Config& running, const config::Config& fresh,
                     Section config::Config::*field) {
    config::Config mixed = running;
    mixed.*field = fresh.*field;
    return config::to_toml(mixed) != config::to_toml(running);
}

}  // namespace

ReloadPlan plan_reload(const config::Config& running, const config::Config& fresh) {
    ReloadPlan plan;
    const config::Logging& was = running.logging;
    const config::Logging& now = fresh.logging;
    if (was.debug != now.debug)
        plan.logging_changes.push_back("debug: " + describe_categories(was.debug) + " -> " +
                                       describe_categories(now.debug));
    if (was.file != now.file)
        plan.logging_changes.push_back("file: " + describe_file(was.file) + " -> " + describe_file(now.file));
    if (was.timestamp != now.timestamp)
        plan.logging_changes.push_back("timestamp: '" + was.timestamp + "' -> '" + now.timestamp + "'");

    // In the order of braid.toml's sections.
    if (section_differs(running, fresh, &config::Config::cluster)) plan.restart_needed.push_back("cluster");
    if (section_differs(running, fresh, &config::Config::networks)) plan.restart_needed.push_back("network");
    if (section_differs(running, fresh, &config::Config::hosts)) plan.restart_needed.push_back("host");
    if (section_differs(running, fresh, &config::Config::daemon)) plan.restart_needed.push_back("daemon");
    if (section_differs(running, fresh, &config::Config::multipath)) plan.restart_needed.push_back("multipath");
    if (section_differs(running, fresh, &config::Config::timeouts)) plan.restart_needed.push_back("timeouts");
    if (section_differs(running, fresh, &config::Config::security)) plan.restart_needed.push_back("security");
    if (section_differs(running, fresh, &config::Config::limits)) plan.restart_needed.push_back("limits");
    return plan;
}

config::Config apply_reload(const config::Config& running, const config::Config& fresh) {
    config::Config next = running;
    next.logging = fresh.logging;
    return next;
}

}  // namespace braid::daemon
