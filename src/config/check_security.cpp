// [security] and [limits] across sections: the cluster key rule, monitor
// hosts, and windows that fit in each other.
#include <algorithm>

#include "config/read.hpp"

namespace braid::config::detail {

namespace {

constexpr const char* kCreateKey =
    "create one with 'braidctl keygen /etc/braid/authkey' and set key_file";

Position at(const ReadContext& context, const std::string& path) { return context.source_map.of(path); }

}  // namespace

void resolve_security(Config& config, ReadContext& context) {
    Security& s = config.security;

    if (context.given("security.monitor_hosts")) {
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < s.monitor_hosts.size(); ++i) {
            const std::string& name = s.monitor_hosts[i];
            std::string path = "security.monitor_hosts[" + std::to_string(i) + "]";
            if (!config.find_host(name))
                context.reject(path, at(context, path), path + ": no [[host]] named '" + name + "'");
            else if (std::find(seen.begin(), seen.end(), name) != seen.end())
                context.reject(path, at(context, path), path + ": '" + name + "' is listed twice");
            seen.push_back(name);
        }
    } else {
        s.monitor_hosts.clear();
        for (const Host& host : config.hosts)
            if (!host.name.empty()) s.monitor_hosts.push_back(host.name);
    }

    bool authenticate_given = context.given("security.authenticate");
    bool encrypt_given = context.given("security.encrypt");
    if (s.next_key_file && !s.key_file) {
        context.reject("security.next_key_file", at(context, "security.next_key_file"),
                       "security.next_key_file: needs key_file, the key in use");
    } else if (s.next_key_file && *s.next_key_file == *s.key_file) {
        context.reject("security.next_key_file", at(context, "security.next_key_file"),
                       "security.next_key_file: '" + *s.next_key_file + "' is already key_file");
    }

    if (!s.key_file) {
        if (context.invalid_paths.count("security.key_file") != 0) return;  // already reported
        if (authenticate_given && s.authenticate) {
            context.diagnostics.add(at(context, "security.authenticate"),
                                    std::string("security.authenticate: true needs a key_file: ") + kCreateKey);
        } else if (config.hosts.size() > 1 && !authenticate_given) {
            Position where = at(context, "security");
            context.diagnostics.add(where, std::string("more than one host and no [security] key_file: ") +
                                               kCreateKey + ", or set authenticate = false (not recommended)");
        }
        if (encrypt_given && s.encrypt)
            context.diagnostics.add(at(context, "security.encrypt"),
                                    std::string("security.encrypt: true needs a key_file: ") + kCreateKey);
        // Nothing to sign or encrypt with: a single host, or an explicit choice.
        s.authenticate = false;
        s.encrypt = false;
        return;
    }
    if (!s.authenticate) {
        if (encrypt_given && s.encrypt)
            context.diagnostics.add(at(context, "security.encrypt"),
                                    "security.encrypt: true needs authenticate = true (encryption without "
                                    "authentication is not offered)");
        s.encrypt = false;
    }
}

void check_limits(const Config& config, ReadContext& context) {
    const Limits& l = config.limits;
    if (context.invalid_paths.count("limits.ring_window") || context.invalid_paths.count("limits.personal_window"))
        return;
    if (l.personal_window > l.ring_window) {
        std::string path = context.given("limits.personal_window") ? "limits.personal_window" : "limits.ring_window";
        context.diagnostics.add(at(context, path), "limits.personal_window (" + std::to_string(l.personal_window) +
                                                       ") must not exceed limits.ring_window (" +
                                                       std::to_string(l.ring_window) + ")");
    }
}

}  // namespace braid::config::detail
