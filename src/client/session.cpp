// Session lifetime and the mailbox table; see session.hpp.
#include "client/session.hpp"

#include <unistd.h>

#include <map>

namespace braid::client {
namespace {

struct Table {
    std::mutex lock;                                  // guards `sessions`
    std::map<int, std::shared_ptr<Session>> sessions; // by mailbox (fd)
};

Table& table() {
    static Table t;
    return t;
}

}  // namespace

// The fd stays open until no thread uses the session, so its number cannot be
// reused by a new mailbox while a receiver still holds it.
Session::~Session() {
    if (fd >= 0) ::close(fd);
}

bool table_add(const std::shared_ptr<Session>& s) {
    Table& t = table();
    std::lock_guard g(t.lock);
    if (t.sessions.size() >= max_sessions) return false;
    t.sessions[s->fd] = s;
    return true;
}

std::shared_ptr<Session> table_find(int mbox) {
    Table& t = table();
    std::lock_guard g(t.lock);
    auto it = t.sessions.find(mbox);
    return it == t.sessions.end() ? nullptr : it->second;
}

std::shared_ptr<Session> table_remove(int mbox) {
    Table& t = table();
    std::lock_guard g(t.lock);
    auto it = t.sessions.find(mbox);
    if (it == t.sessions.end()) return nullptr;
    auto s = it->second;
    t.sessions.erase(it);
    return s;
}

}  // namespace braid::client
