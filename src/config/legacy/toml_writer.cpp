// ConvertedConfig -> braid.toml text in the shape of DESIGN.md section 10,
// with comments saying where each part came from and what to review.
#include <cstdio>
#include <sstream>

#include "config/legacy/converter.hpp"

namespace braid::config::legacy {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\t') out += "\\t";
        else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else out += c;
    }
    return out + "\"";
}

std::string string_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
    return out + "]";
}

// Comments hold text from the classic file (the lexer has refused control
// characters there); the source name comes from the command line and may
// hold anything, and TOML allows no control character in a comment.
std::string comment_safe(std::string s) {
    bool utf8 = is_valid_utf8(s);
    for (char& c : s)
        if (!utf8 && static_cast<unsigned char>(c) >= 0x80) c = '?';
    for (char& c : s)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = '?';
    return s;
}

}  // namespace

std::string write_toml(const ConvertedConfig& c) {
    std::ostringstream o;
    o << "# Braid configuration converted from " << comment_safe(c.source)
      << " by braidctl convert-config.\n"
      << "# Review it before use; braid.toml(5) describes every key.\n";
    if (!c.notes.empty()) {
        o << "#\n# Conversion notes:\n";
        for (const std::string& n : c.notes) o << "#  - " << comment_safe(n) << "\n";
    }

    o << "\n[cluster]\n"
      << "# name = \"braid\"   # Spread has no cluster name: choose one per cluster\n"
      << "port = " << c.port << "\n";

    for (const ConvertedNetwork& n : c.networks) {
        o << "\n# " << comment_safe(n.origin) << "\n[[network]]\nname = " << quoted(n.name) << "\n";
        switch (n.kind) {
        case CarrierKind::broadcast:
            o << "broadcast = " << quoted(n.address ? n.address->to_string() : "") << "\n";
            break;
        case CarrierKind::multicast:
            o << "multicast = " << quoted(n.address ? n.address->to_string() : "") << "\n";
            break;
        case CarrierKind::unicast:
            o << "unicast = true   # or broadcast = \"...\" if this network has one\n";
            break;
        }
    }

    for (const ConvertedHost& h : c.hosts) {
        o << "\n[[host]]\nname = " << quoted(h.name) << "\naddresses = { ";
        for (std::size_t i = 0; i < h.addresses.size(); ++i)
            o << (i ? ", " : "") << h.addresses[i].first << " = "
              << quoted(h.addresses[i].second.to_string());
        o << " }\n";
        if (h.segment) o << "segment = " << quoted(*h.segment) << "\n";
    }

    std::string port = std::to_string(c.port);
    o << "\n[daemon]\n"
      << "# Spread accepted TCP clients on every interface; use tcp:127.0.0.1:" << port
      << "\n# instead if only local programs connect.\n"
      << "clients = "
      << string_array({"unix:/run/braid/" + port, "tcp:0.0.0.0:" + port}) << "\n";
    if (c.runtime_dir) o << "runtime_dir = " << quoted(*c.runtime_dir) << "\n";
    if (c.user) o << "user = " << quoted(*c.user) << "\n";
    if (c.group) o << "group = " << quoted(*c.group) << "\n";

    if (c.debug || c.log_file || c.timestamp) {
        o << "\n[logging]\n";
        if (c.debug) o << "debug = " << string_array(*c.debug) << "\n";
        if (c.log_file) o << "file = " << quoted(*c.log_file) << "\n";
        if (c.timestamp) o << "timestamp = " << quoted(*c.timestamp) << "\n";
    }

    o << "\n[security]\n"
      << "# Every daemon packet is authenticated with the cluster key; Spread had none.\n"
      << "# Create it with: braidctl keygen /etc/braid/authkey\n"
      << "# and copy it to every host before starting the daemons.\n"
      << "key_file = \"/etc/braid/authkey\"\n"
      << "dangerous_monitor = " << (c.dangerous_monitor.value_or(false) ? "true" : "false") << "\n"
      << "socket_port_reuse = " << quoted(c.socket_port_reuse.value_or("auto")) << "\n";

    if (c.max_session_messages)
        o << "\n[limits]\nmax_session_messages = " << *c.max_session_messages << "\n";
    return o.str();
}

}  // namespace braid::config::legacy
