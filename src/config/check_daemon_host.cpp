// Which [[host]] this daemon is: -n NAME, else [daemon] host, else the one
// host with a local address, else the host named like the machine.
#include <algorithm>

#include "config/read.hpp"

namespace braid::config::detail {

namespace {

constexpr const char* kWayOut = "set [daemon] host or start with -n NAME";

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? " and " : ", ";
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace

void resolve_daemon_host(Config& config, const Environment& environment, ReadContext& context) {
    // "no [[host]]" or a host without a name is already reported; choosing
    // among the rest could pick the wrong one.
    for (const Host& host : config.hosts)
        if (host.name.empty()) return;
    if (config.hosts.empty()) return;
    if (environment.host_override) {
        const std::string& name = *environment.host_override;
        if (!config.find_host(name))
            context.diagnostics.add({}, "-n '" + name + "': no [[host]] named '" + name + "'");
        config.daemon.host = name;
        return;
    }
    if (context.source_map.has("daemon.host")) {
        if (context.given("daemon.host") && !config.find_host(config.daemon.host))
            context.reject("daemon.host", context.source_map.of("daemon.host"),
                           "daemon.host: no [[host]] named '" + config.daemon.host + "'");
        return;
    }

    std::vector<std::string> local;
    for (const Host& host : config.hosts) {
        if (host.name.empty()) continue;
        bool is_local = std::any_of(host.addresses.begin(), host.addresses.end(), [&](const auto& entry) {
            const auto& addresses = environment.local_addresses;
            return std::find(addresses.begin(), addresses.end(), entry.second) != addresses.end();
        });
        if (is_local) local.push_back(host.name);
    }
    if (local.size() == 1) {
        config.daemon.host = local.front();
        return;
    }
    if (local.size() > 1) {
        context.diagnostics.add({}, "cannot determine the daemon host: hosts " + quoted_list(local) +
                                        " each have an address of this machine; " + kWayOut);
        return;
    }

    // The machine's name, fully qualified or not, against the host names.
    std::string full = environment.hostname;
    std::string short_name = full.substr(0, full.find('.'));
    for (const Host& host : config.hosts) {
        if (!host.name.empty() && (host.name == full || host.name == short_name)) {
            config.daemon.host = host.name;
            return;
        }
    }
    context.diagnostics.add({}, "cannot determine the daemon host: no [[host]] has an address of this "
                                "machine or is named '" + short_name + "'; " + kWayOut);
}

}  // namespace braid::config::detail
