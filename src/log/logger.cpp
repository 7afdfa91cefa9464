#include "log/logger.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

#include "log/journal.hpp"

namespace braid::log {

namespace {

std::error_code last_error() { return {errno, std::system_category()}; }

int open_log_file(const std::string& path) {
    return open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0640);
}

}  // namespace

std::string expand_log_path(std::string_view pattern, std::string_view host) {
    std::string out;
    out.reserve(pattern.size() + host.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size()) {
            if (pattern[i + 1] == 'h') {
                out += host;
                ++i;
                continue;
            }
            if (pattern[i + 1] == '%') {
                out += '%';
                ++i;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

Logger::Logger() : journal_(fd_is_journal_stream(kStderr, std::getenv("JOURNAL_STREAM"))) {}

Logger::~Logger() {
    if (fd_ != kStderr) close(fd_);
}

std::error_code Logger::configure(const Settings& settings) {
    std::string path = settings.file ? expand_log_path(*settings.file, settings.host) : std::string();
    int fd = kStderr;
    if (!path.empty()) {
        if (path == path_) {
            fd = fd_;  // same file: keep it open (reopen() is for rotation)
        } else {
            fd = open_log_file(path);
            if (fd < 0) return last_error();
        }
    }
    if (fd_ != kStderr && fd_ != fd) close(fd_);
    fd_ = fd;
    path_ = path;
    settings_ = settings;
    return {};
}

std::error_code Logger::reopen() {
    if (fd_ == kStderr) return {};
    int fd = open_log_file(path_);
    if (fd < 0) return last_error();
    close(fd_);
    fd_ = fd;
    return {};
}

std::string Logger::format_line(Severity severity, Category category,
                                std::string_view message) const {
    std::string line;
    line.reserve(message.size() + 48);
    if (journal()) {
        line += '<';
        line += static_cast<char>('0' + static_cast<int>(severity));
        line += '>';
    } else if (!settings_.timestamp.empty()) {
        std::array<char, 256> stamp{};
        std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        // The format is the operator's choice ([logging] timestamp), so it
        // cannot be a literal; strftime reads no arguments from it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        std::size_t n = std::strftime(stamp.data(), stamp.size(), settings_.timestamp.c_str(), &local);
#pragma GCC diagnostic pop
        if (n > 0) {
            line.append(stamp.data(), n);
            line += ' ';
        }
    }
    line += '[';
    line += category_name(category);
    line += "] ";
    // One event, one line: text that came from the network or a file must
    // not be able to forge log lines of its own.
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    return line;
}

void Logger::write(Severity severity, Category category, std::string_view message) {
    const std::string line = format_line(severity, category, message);
    std::size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ++failed_writes_;
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace braid::log
