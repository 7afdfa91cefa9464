#include "log/journal.hpp"

#include <charconv>

#include <sys/stat.h>

namespace braid::log {

namespace {
std::optional<unsigned long long> parse_number(std::string_view text) {
    unsigned long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}
}  // namespace

std::optional<StreamId> parse_journal_stream(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto device = parse_number(text.substr(0, colon));
    auto inode = parse_number(text.substr(colon + 1));
    if (!device || !inode) return std::nullopt;
    return StreamId{*device, *inode};
}

bool fd_is_journal_stream(int fd, const char* journal_stream) {
    if (journal_stream == nullptr) return false;
    auto id = parse_journal_stream(journal_stream);
    if (!id) return false;
    struct stat st {};
    if (fstat(fd, &st) < 0) return false;
    return static_cast<unsigned long long>(st.st_dev) == id->device &&
           static_cast<unsigned long long>(st.st_ino) == id->inode;
}

}  // namespace braid::log
