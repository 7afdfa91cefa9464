// Spread's option keywords -> [logging], [security], [daemon], [limits].
// The table of keywords is in converter.hpp.
#include <strings.h>

#include <map>

#include "config/legacy/converter.hpp"
#include "log/category.hpp"

namespace braid::config::legacy {

namespace {

constexpr const char* kSpreadTimestamp = "[%a %d %b %Y %H:%M:%S]";
constexpr std::string_view kLogDirectory = "/var/log/braid/";
constexpr unsigned long kMaxSessionMessages = 1'000'000;  // the loader's upper bound

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

// Words of a value: "NULL IP" written as one string holds two method names.
std::vector<std::string> words(const Option& opt) {
    std::vector<std::string> out;
    for (const Token& t : opt.values) {
        std::size_t i = 0;
        while (i < t.text.size()) {
            std::size_t start = t.text.find_first_not_of(" \t", i);
            if (start == std::string::npos) break;
            std::size_t end = t.text.find_first_of(" \t", start);
            if (end == std::string::npos) end = t.text.size();
            out.push_back(t.text.substr(start, end - start));
            i = end;
        }
    }
    return out;
}

class OptionConverter {
public:
    OptionConverter(ConvertedConfig& out, ConvertErrors& errors) : out_(out), errors_(errors) {}

    void run(const SpreadConf& conf) {
        // A damaged option's syntax error is already reported.
        for (const Option& opt : conf.options)
            if (!opt.damaged) option(opt);
    }

private:
    void error(SourcePos pos, std::string message) {
        errors_.push_back({pos, std::move(message)});
    }
    const std::string& name(const Option& opt) const { return opt.keyword.text; }

    void option(const Option& opt) {
        static const char* const kKnown[] = {
            "DebugFlags",  "EventLogFile", "EventTimeStamp",      "EventPriority",
            "DangerousMonitor", "SocketPortReuse", "MaxSessionMessages", "RuntimeDir",
            "DaemonUser",  "DaemonGroup",  "RequiredAuthMethods", "AllowedAuthMethods",
            "AccessControlPolicy"};
        std::string canonical;
        for (const char* k : kKnown)
            if (iequals(name(opt), k)) canonical = k;
        if (canonical.empty()) {
            error(opt.keyword.pos, "unknown keyword '" + name(opt) + "'");
            return;
        }
        auto [first, fresh] = seen_.emplace(canonical, opt.keyword.pos);
        if (!fresh) {
            error(opt.keyword.pos, "'" + name(opt) + "' is set twice (first on line " +
                                       std::to_string(first->second.line) + ")");
            return;
        }
        if (canonical == "EventTimeStamp" && !opt.has_value) {
            out_.timestamp = kSpreadTimestamp;
            return;
        }
        if (!opt.has_value) {
            error(opt.keyword.pos, "'" + name(opt) + "' needs a value: " + name(opt) + " = VALUE");
            return;
        }
        if (canonical == "DebugFlags") return debug_flags(opt);
        if (opt.braced) {
            error(opt.keyword.pos, "'" + name(opt) + "' takes one value, not a { } list");
            return;
        }
        if (opt.values.empty()) return;  // the parser reported the missing value
        const Token& value = opt.values.front();
        if (canonical == "EventLogFile") log_file(opt, value);
        else if (canonical == "EventTimeStamp") out_.timestamp = value.text;
        else if (canonical == "RuntimeDir") runtime_dir(opt, value);
        else if (canonical == "DaemonUser") out_.user = value.text;
        else if (canonical == "DaemonGroup") out_.group = value.text;
        else if (canonical == "DangerousMonitor") dangerous_monitor(opt, value);
        else if (canonical == "SocketPortReuse") port_reuse(opt, value);
        else if (canonical == "MaxSessionMessages") max_session_messages(opt, value);
        else if (canonical == "EventPriority")
            note(opt, "dropped: Braid selects log messages by category (DebugFlags) only");
        else if (canonical == "AccessControlPolicy") access_control(opt, value);
        else auth_methods(opt);
    }

    void note(const Option& opt, const std::string& why) {
        std::string value;
        for (const Token& t : opt.values) value += (value.empty() ? "" : " ") + t.text;
        out_.notes.push_back("line " + std::to_string(opt.keyword.pos.line) + ": " + name(opt) +
                             " = " + value + " " + why);
    }

    void debug_flags(const Option& opt) {
        if (!opt.braced) {
            error(opt.keyword.pos, "'" + name(opt) + "' needs a list: " + name(opt) +
                                       " = { PRINT EXIT }");
            return;
        }
        std::vector<std::string> flags;
        for (const Token& t : opt.values) {
            std::string_view flag = t.text;
            if (!flag.empty() && flag.front() == '!') flag.remove_prefix(1);
            if (flag == "SKIPLIST") {
                out_.notes.push_back("line " + std::to_string(t.pos.line) + ": debug flag " +
                                     t.text + " dropped: Braid has no skip list to trace");
                continue;
            }
            if (!log::parse_category_name(flag)) {
                error(t.pos, "unknown debug flag '" + t.text + "'");
                continue;
            }
            flags.push_back(t.text);
        }
        out_.debug = std::move(flags);
    }

    // Spread opened a relative log file in its working directory; Braid's
    // daemon has none worth naming (systemd starts it in /), so a relative
    // name moves under /var/log/braid, where the package's log directory is.
    void log_file(const Option& opt, const Token& value) {
        std::string path = value.text;
        if (path.empty()) {
            error(value.pos, "'" + name(opt) + "' must not be empty");
            return;
        }
        if (path.front() != '/') {
            while (path.rfind("./", 0) == 0) path.erase(0, 2);
            std::string absolute = std::string(kLogDirectory) + path;
            out_.notes.push_back("line " + std::to_string(opt.keyword.pos.line) + ": " + name(opt) +
                                 " '" + value.text + "' was relative to Spread's working directory; "
                                 "Braid needs an absolute path: " + absolute);
            path = absolute;
        }
        out_.log_file = path;
    }

    void runtime_dir(const Option& opt, const Token& value) {
        if (value.text.empty() || value.text.front() != '/') {
            error(value.pos, "'" + name(opt) + "' must be an absolute path, not '" + value.text + "'");
            return;
        }
        out_.runtime_dir = value.text;
    }

    void dangerous_monitor(const Option& opt, const Token& value) {
        if (iequals(value.text, "true")) out_.dangerous_monitor = true;
        else if (iequals(value.text, "false")) out_.dangerous_monitor = false;
        else error(value.pos, "'" + name(opt) + "' must be true or false, not '" + value.text + "'");
    }

    void port_reuse(const Option& opt, const Token& value) {
        std::string v = lower(value.text);
        if (v == "auto" || v == "on" || v == "off") out_.socket_port_reuse = v;
        else error(value.pos, "'" + name(opt) + "' must be AUTO, ON or OFF, not '" + value.text + "'");
    }

    void max_session_messages(const Option& opt, const Token& value) {
        const std::string& v = value.text;
        bool digits = !v.empty() && v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
        unsigned long n = digits ? std::stoul(v) : 0;
        if (n == 0 || n > kMaxSessionMessages) {
            error(value.pos, "'" + name(opt) + "' must be a number from 1 to " +
                                 std::to_string(kMaxSessionMessages) + ", not '" + v + "'");
            return;
        }
        out_.max_session_messages = static_cast<std::uint32_t>(n);
    }

    // Spread's client authentication: only "NULL" (none) converts, because
    // dropping anything else would let in clients Spread turned away.
    void auth_methods(const Option& opt) {
        for (const std::string& w : words(opt)) {
            if (!iequals(w, "NULL")) {
                error(opt.keyword.pos, "'" + name(opt) + "' has no Braid equivalent: Braid has no "
                                       "client authentication method '" + w + "'");
                return;
            }
        }
        note(opt, "dropped: Braid authenticates no client, like Spread's NULL method");
    }

    void access_control(const Option& opt, const Token& value) {
        if (!iequals(value.text, "PERMIT")) {
            error(opt.keyword.pos, "'" + name(opt) + "' has no Braid equivalent: Braid has no "
                                   "access control policy '" + value.text + "'");
            return;
        }
        note(opt, "dropped: Braid admits every client, like Spread's PERMIT policy");
    }

    ConvertedConfig& out_;
    ConvertErrors& errors_;
    std::map<std::string, SourcePos> seen_;  // canonical keyword -> where first set
};

}  // namespace

void convert_options(const SpreadConf& conf, ConvertedConfig& out, ConvertErrors& errors) {
    OptionConverter(out, errors).run(conf);
}

}  // namespace braid::config::legacy
