// [daemon], [multipath] and [timeouts]: how this daemon runs and paces the ring.
#include "config/client_listener.hpp"
#include "config/derive.hpp"
#include "config/read.hpp"

namespace braid::config::detail {

namespace {

bool absolute_path(const std::string& path) { return !path.empty() && path.front() == '/'; }

void read_clients(TableReader& reader, Config& config) {
    auto entries = reader.string_array("clients");
    if (!entries) {
        if (!reader.key_position("clients").line) config.daemon.clients = default_clients(config.cluster.port);
        return;
    }
    if (entries->empty()) {
        reader.error("clients", "at least one listener is required");
        return;
    }
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const StringEntry& entry = (*entries)[i];
        std::string path = reader.key_path("clients") + "[" + std::to_string(i) + "]";
        ListenerParse parsed = parse_client_listener(entry.value);
        if (!parsed.listener) {
            reader.context().diagnostics.add(entry.where, path + ": " + parsed.error);
            continue;
        }
        bool duplicate = false;
        for (const auto& known : config.daemon.clients) duplicate = duplicate || known == *parsed.listener;
        if (duplicate) {
            reader.context().diagnostics.add(entry.where, path + ": '" + entry.value + "' is listed twice");
            continue;
        }
        config.daemon.clients.push_back(*parsed.listener);
    }
}

// A timeout in milliseconds within [min, max]; leaves `target` alone when absent.
void read_period(TableReader& reader, std::string_view key, std::uint32_t min, std::uint32_t max,
                 std::uint32_t& target) {
    if (auto value = reader.integer(key, min, max)) target = static_cast<std::uint32_t>(*value);
}

}  // namespace

void read_daemon(TableReader& document, Config& config) {
    const toml::table* table = document.table("daemon");
    if (!table) {
        config.daemon.clients = default_clients(config.cluster.port);
        return;
    }
    TableReader reader(*table, "daemon", "[daemon]", document.context());
    // Checked against [[host]] when the daemon host is resolved.
    if (auto host = reader.string("host")) config.daemon.host = *host;
    read_clients(reader, config);
    for (const char* key : {"runtime_dir", "user", "group"})
        if (table->contains(key)) config.daemon.identity_configured = true;
    if (auto dir = reader.string("runtime_dir")) {
        if (absolute_path(*dir))
            config.daemon.runtime_dir = *dir;
        else
            reader.error("runtime_dir", "'" + *dir + "' is not an absolute path");
    }
    for (auto [key, target] : {std::pair{"user", &config.daemon.user}, std::pair{"group", &config.daemon.group}}) {
        if (auto name = reader.string(key)) {
            if (name->empty())
                reader.error(key, "must not be empty");
            else
                *target = *name;
        }
    }
    reader.finish();
}

void read_multipath(TableReader& document, Config& config) {
    const toml::table* table = document.table("multipath");
    if (!table) return;
    TableReader reader(*table, "multipath", "[multipath]", document.context());
    if (auto mode = reader.string("mode")) {
        if (*mode == "active")
            config.multipath.mode = MultipathMode::active;
        else if (*mode == "passive")
            config.multipath.mode = MultipathMode::passive;
        else
            reader.error("mode", "'" + *mode + "' is not a mode (active or passive)");
    }
    // Checked against [[network]] in resolve_multipath.
    if (auto priority = reader.string_array("priority")) {
        config.multipath.priority.clear();
        for (const auto& entry : *priority) config.multipath.priority.push_back(entry.value);
    }
    if (auto threshold = reader.integer("fault_threshold", 1, 1000))
        config.multipath.fault_threshold = static_cast<std::uint32_t>(*threshold);
    read_period(reader, "probe_interval", 1, kMaxTimeout, config.multipath.probe_interval_ms);
    read_period(reader, "silence_timeout", 1, kMaxTimeout, config.multipath.silence_timeout_ms);
    read_period(reader, "restore_after", 1, kMaxRestoreAfter, config.multipath.restore_after_ms);
    reader.finish();
}

void read_timeouts(TableReader& document, Config& config) {
    const toml::table* table = document.table("timeouts");
    if (!table) return;
    TableReader reader(*table, "timeouts", "[timeouts]", document.context());
    read_period(reader, "token", kMinTokenTimeout, kMaxTimeout, config.timeouts.token);
    read_period(reader, "token_retransmit", 1, kMaxTimeout, config.timeouts.token_retransmit);
    read_period(reader, "join", 1, kMaxTimeout, config.timeouts.join);
    read_period(reader, "consensus", 1, kMaxTimeout, config.timeouts.consensus);
    read_period(reader, "merge", 1, kMaxTimeout, config.timeouts.merge);
    reader.finish();
}

}  // namespace braid::config::detail
