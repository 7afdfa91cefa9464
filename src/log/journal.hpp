// Detecting that standard error is connected to the systemd journal.
//
// systemd sets JOURNAL_STREAM to "DEVICE:INODE" of the stream it connects a
// service's standard output and error to. A process that finds its standard
// error to be that very stream knows the journal adds timestamps itself and
// reads a "<N>" syslog priority prefix on each line (sd-daemon.h's SD_ERR and
// friends), so it writes those instead of its own timestamp. Matching the
// inode, not just the variable's presence, keeps the plain format when a
// child of a service redirects its standard error to a file or a terminal.
#pragma once

#include <optional>
#include <string_view>

namespace braid::log {

// Where JOURNAL_STREAM points, parsed; empty if the text is not "DEV:INODE".
struct StreamId {
    unsigned long long device = 0;  // st_dev of the journal stream
    unsigned long long inode = 0;   // st_ino of the journal stream
};
std::optional<StreamId> parse_journal_stream(std::string_view text);

// True when `fd` is the stream that `journal_stream` (the variable's value,
// or null when unset) names.
bool fd_is_journal_stream(int fd, const char* journal_stream);

}  // namespace braid::log
