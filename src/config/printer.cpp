#include "config/printer.hpp"

#include <cstdio>

#include "config/client_listener.hpp"

namespace braid::config {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out.push_back(c);
                }
        }
    }
    return out + "\"";
}

std::string string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
    return out + "]";
}

std::string boolean(bool value) { return value ? "true" : "false"; }

// A loaded Config always has the address; a hand-built one without it
// prints "" so that loading the text back names the mistake.
std::string address_text(const Network& network) {
    return quote(network.address ? network.address->to_string() : std::string());
}

void line(std::string& out, const std::string& key, const std::string& value) {
    out += key + " = " + value + "\n";
}

void print_topology(const Config& config, std::string& out) {
    out += "[cluster]\n";
    line(out, "name", quote(config.cluster.name));
    line(out, "port", std::to_string(config.cluster.port));
    for (const Network& network : config.networks) {
        out += "\n[[network]]\n";
        line(out, "name", quote(network.name));
        switch (network.kind) {
            case NetworkKind::broadcast: line(out, "broadcast", address_text(network)); break;
            case NetworkKind::multicast: line(out, "multicast", address_text(network)); break;
            case NetworkKind::unicast: line(out, "unicast", "true"); break;
        }
    }
    for (const Host& host : config.hosts) {
        out += "\n[[host]]\n";
        line(out, "name", quote(host.name));
        // Network names are bare keys by construction (loader rule).
        std::string addresses = "{ ";
        bool first = true;
        for (const Network& network : config.networks) {
            auto it = host.addresses.find(network.name);
            if (it == host.addresses.end()) continue;
            addresses += (first ? "" : ", ") + network.name + " = " + quote(it->second.to_string());
            first = false;
        }
        line(out, "addresses", addresses + " }");
        line(out, "segment", quote(host.segment));
    }
}

void print_daemon(const Config& config, std::string& out) {
    out += "\n[daemon]\n";
    line(out, "host", quote(config.daemon.host));
    std::vector<std::string> clients;
    for (const auto& listener : config.daemon.clients) clients.push_back(format_client_listener(listener));
    line(out, "clients", string_list(clients));
    // Defaults that were not set stay commented out, so that printing and
    // reading back keeps their meaning (used only where they exist).
    const std::string unset = config.daemon.identity_configured ? "" : "# ";
    out += unset;
    line(out, "runtime_dir", quote(config.daemon.runtime_dir));
    out += unset;
    line(out, "user", quote(config.daemon.user));
    out += unset;
    line(out, "group", quote(config.daemon.group));

    const Multipath& m = config.multipath;
    out += "\n[multipath]\n";
    line(out, "mode", quote(m.mode == MultipathMode::active ? "active" : "passive"));
    line(out, "priority", string_list(m.priority));
    line(out, "fault_threshold", std::to_string(m.fault_threshold));
    line(out, "probe_interval", std::to_string(m.probe_interval_ms));
    line(out, "silence_timeout", std::to_string(m.silence_timeout_ms));
    line(out, "restore_after", std::to_string(m.restore_after_ms));

    const Timeouts& t = config.timeouts;
    out += "\n[timeouts]\n";
    line(out, "token", std::to_string(t.token));
    line(out, "token_retransmit", std::to_string(t.token_retransmit));
    line(out, "join", std::to_string(t.join));
    line(out, "consensus", std::to_string(t.consensus));
    line(out, "merge", std::to_string(t.merge));
}

void print_options(const Config& config, std::string& out) {
    out += "\n[logging]\n";
    line(out, "debug", string_list(log::category_names(config.logging.debug)));
    if (config.logging.file)
        line(out, "file", quote(*config.logging.file));
    else
        out += "# file: none, logging goes to standard error\n";
    line(out, "timestamp", quote(config.logging.timestamp));

    const Security& s = config.security;
    out += "\n[security]\n";
    if (s.key_file)
        line(out, "key_file", quote(*s.key_file));
    else
        out += "# key_file: none\n";
    if (s.next_key_file) line(out, "next_key_file", quote(*s.next_key_file));
    line(out, "authenticate", boolean(s.authenticate));
    line(out, "encrypt", boolean(s.encrypt));
    line(out, "dangerous_monitor", boolean(s.dangerous_monitor));
    const char* reuse = s.socket_port_reuse == PortReuse::automatic ? "auto"
                        : s.socket_port_reuse == PortReuse::on     ? "on"
                                                                   : "off";
    line(out, "socket_port_reuse", quote(reuse));
    line(out, "monitor_hosts", string_list(s.monitor_hosts));

    out += "\n[limits]\n";
    line(out, "max_session_messages", std::to_string(config.limits.max_session_messages));
    line(out, "ring_window", std::to_string(config.limits.ring_window));
    line(out, "personal_window", std::to_string(config.limits.personal_window));
}

}  // namespace

std::string to_toml(const Config& config) {
    std::string out = "# Effective configuration, from " + config.source + "\n\n";
    print_topology(config, out);
    print_daemon(config, out);
    print_options(config, out);
    return out;
}

}  // namespace braid::config
