// The daemon's logger: one line per event, filtered by category.
//
// Operators choose what they see with Spread's debug categories
// ([logging] debug in braid.toml); each line also carries a severity so that
// the journal can sort errors from chatter. A Logger is an ordinary object
// passed to whoever logs (no global instance), so tests and several daemons
// in one process each have their own.
//
// Output goes to a file ([logging] file, "%h" replaced by the daemon's host
// name, reopened on SIGHUP for log rotation) or to standard error. Lines read
// "TIMESTAMP [CATEGORY] message"; under systemd (see journal.hpp) standard
// error lines read "<N>[CATEGORY] message" instead, N being the syslog
// priority, because the journal stamps lines itself.
#pragma once

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include "log/category.hpp"

namespace braid::log {

// Severity of one line; the values are the syslog priorities of sd-daemon.h.
enum class Severity : int {
    error = 3,    // something failed; the operator must act
    warning = 4,  // something is wrong but the daemon carries on
    notice = 5,   // normal but significant: start, stop, configuration changes
    info = 6,     // routine information
    debug = 7,    // developer detail
};

// What the configuration decides about logging (config::Logging plus the
// host name for "%h").
struct Settings {
    CategoryMask categories = kDefaultCategories;  // enabled categories
    std::optional<std::string> file;  // path pattern; empty: standard error
    std::string timestamp = "[%a %d %b %Y %H:%M:%S]";  // strftime format; "" for none
    std::string host;  // replaces "%h" in `file`
};

// Replaces every "%h" in `pattern` with `host` and "%%" with "%".
std::string expand_log_path(std::string_view pattern, std::string_view host);

class Logger {
public:
    // Starts on standard error with the default categories, so that
    // configuration errors can be reported before configure().
    Logger();
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    // Applies settings. A file is opened (created, appended to) first; if
    // that fails, the error comes back and everything stays as it was.
    std::error_code configure(const Settings& settings);
    // Closes and opens the log file again by name, for rotation (SIGHUP).
    // Nothing to do on standard error. On failure the old file stays in use.
    std::error_code reopen();

    // Errors and warnings are written whatever the categories: an operator
    // must never miss why something failed.
    bool enabled(Severity severity, Category category) const {
        return severity <= Severity::warning || (settings_.categories & mask(category)) != 0;
    }

    // Formats the arguments with operator<< into one line, if enabled.
    template <typename... Args>
    void log(Severity severity, Category category, const Args&... args) {
        if (!enabled(severity, category)) return;
        std::ostringstream text;
        (text << ... << args);
        write(severity, category, text.str());
    }
    template <typename... Args>
    void error(Category category, const Args&... args) { log(Severity::error, category, args...); }
    template <typename... Args>
    void warning(Category category, const Args&... args) { log(Severity::warning, category, args...); }
    template <typename... Args>
    void notice(Category category, const Args&... args) { log(Severity::notice, category, args...); }
    template <typename... Args>
    void info(Category category, const Args&... args) { log(Severity::info, category, args...); }
    template <typename... Args>
    void debug(Category category, const Args&... args) { log(Severity::debug, category, args...); }

    // Writes one line unconditionally (the caller checked enabled()).
    void write(Severity severity, Category category, std::string_view message);

    const Settings& settings() const { return settings_; }
    // The expanded file name, or empty when writing to standard error.
    const std::string& path() const { return path_; }
    // True when lines go to standard error and that is the journal.
    bool journal() const { return fd_ == kStderr && journal_; }
    // Lines that could not be written (disk full, closed terminal).
    std::uint64_t failed_writes() const { return failed_writes_; }

private:
    static constexpr int kStderr = 2;
    std::string format_line(Severity severity, Category category, std::string_view message) const;

    Settings settings_;         // what configure() last accepted
    std::string path_;          // expanded file name, empty for standard error
    int fd_ = kStderr;          // where lines go; owned unless it is standard error
    bool journal_ = false;      // standard error is the systemd journal
    std::uint64_t failed_writes_ = 0;
};

}  // namespace braid::log
