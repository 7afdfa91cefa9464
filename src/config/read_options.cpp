// [logging], [security] and [limits]: what the daemon reports, trusts and tolerates.
#include "config/read.hpp"
#include "log/category.hpp"

namespace braid::config::detail {

namespace {

std::optional<std::string> read_absolute_path(TableReader& reader, std::string_view key) {
    auto path = reader.string(key);
    if (!path) return std::nullopt;
    if (path->empty() || path->front() != '/') {
        reader.error(key, "'" + *path + "' is not an absolute path");
        return std::nullopt;
    }
    return path;
}

void read_debug(TableReader& reader, Config& config) {
    auto entries = reader.string_array("debug");
    if (!entries) return;
    // Each entry is checked on its own so that every bad one is reported,
    // then the list is applied as a whole (order matters for "!NAME").
    std::vector<std::string> names;
    bool ok = true;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const StringEntry& entry = (*entries)[i];
        names.push_back(entry.value);
        if (log::parse_category_list({entry.value}).bad_index) {
            std::string path = reader.key_path("debug") + "[" + std::to_string(i) + "]";
            reader.context().reject(path, entry.where,
                                    path + ": '" + entry.value +
                                        "' is not a log category (PRINT, EXIT, DEBUG, DATA_LINK, "
                                        "NETWORK, PROTOCOL, SESSION, CONFIGURATION, MEMBERSHIP, "
                                        "FLOW_CONTROL, STATUS, EVENTS, GROUPS, MEMORY, ALL, NONE; "
                                        "'!' in front removes one)");
            ok = false;
        }
    }
    if (!ok) return;
    log::CategoryListResult result = log::parse_category_list(names);
    if (!result.bad_index) config.logging.debug = result.mask;
}

}  // namespace

void read_logging(TableReader& document, Config& config) {
    const toml::table* table = document.table("logging");
    if (!table) return;
    TableReader reader(*table, "logging", "[logging]", document.context());
    read_debug(reader, config);
    if (auto file = read_absolute_path(reader, "file")) config.logging.file = *file;
    // An empty timestamp format is allowed: lines then carry no time (the journal adds its own).
    if (auto timestamp = reader.string("timestamp")) config.logging.timestamp = *timestamp;
    reader.finish();
}

void read_security(TableReader& document, Config& config) {
    const toml::table* table = document.table("security");
    if (!table) return;
    TableReader reader(*table, "security", "[security]", document.context());
    // The key files are only named here; the daemon reads them at start-up.
    if (auto path = read_absolute_path(reader, "key_file")) config.security.key_file = *path;
    if (auto path = read_absolute_path(reader, "next_key_file")) config.security.next_key_file = *path;
    if (auto value = reader.boolean("authenticate")) config.security.authenticate = *value;
    if (auto value = reader.boolean("encrypt")) config.security.encrypt = *value;
    if (auto value = reader.boolean("dangerous_monitor")) config.security.dangerous_monitor = *value;
    if (auto reuse = reader.string("socket_port_reuse")) {
        if (*reuse == "auto")
            config.security.socket_port_reuse = PortReuse::automatic;
        else if (*reuse == "on")
            config.security.socket_port_reuse = PortReuse::on;
        else if (*reuse == "off")
            config.security.socket_port_reuse = PortReuse::off;
        else
            reader.error("socket_port_reuse", "'" + *reuse + "' is not one of auto, on, off");
    }
    // Checked against [[host]] in resolve_security.
    if (auto hosts = reader.string_array("monitor_hosts")) {
        for (const auto& entry : *hosts) config.security.monitor_hosts.push_back(entry.value);
    }
    reader.finish();
}

void read_limits(TableReader& document, Config& config) {
    const toml::table* table = document.table("limits");
    if (!table) return;
    TableReader reader(*table, "limits", "[limits]", document.context());
    if (auto value = reader.integer("max_session_messages", 1, 1'000'000))
        config.limits.max_session_messages = static_cast<std::uint32_t>(*value);
    if (auto value = reader.integer("ring_window", 1, 100'000))
        config.limits.ring_window = static_cast<std::uint32_t>(*value);
    if (auto value = reader.integer("personal_window", 1, 100'000))
        config.limits.personal_window = static_cast<std::uint32_t>(*value);
    reader.finish();
}

}  // namespace braid::config::detail
