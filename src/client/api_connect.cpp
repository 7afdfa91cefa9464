// SP_connect, SP_connect_timeout, SP_disconnect, SP_version and SP_error.
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "braid/sp.h"
#include "client/export.hpp"
#include "client/handshake.hpp"
#include "client/outgoing.hpp"
#include "client/session.hpp"
#include "client/spread_name.hpp"

namespace braid::client {
namespace {

int connect_session(const char* spread_name, const char* private_name, int priority,
                    int group_membership, mailbox* mbox, char* private_group,
                    const Deadline& deadline) {
    const ParsedName parsed = parse_spread_name(spread_name, std::getenv("BRAID_SOCKET_DIR"));
    if (parsed.error != 0) return parsed.error;
    const int fd = open_session_socket(parsed.endpoints, deadline);
    if (fd < 0) return fd;
    auto s = std::make_shared<Session>();
    s->fd = fd;  // closed by the destructor on every failure below
    HandshakeRequest req;
    req.private_name = private_name != nullptr ? private_name : "";
    req.priority = priority > 0;
    req.membership = group_membership != 0;
    const int rc = run_handshake(fd, req, deadline, s->private_group);
    if (rc != ACCEPT_SESSION) return rc;
    if (!table_add(s)) return REJECT_QUOTA;
    if (mbox != nullptr) *mbox = fd;
    if (private_group != nullptr) {
        std::memset(private_group, 0, MAX_GROUP_NAME);
        std::memcpy(private_group, s->private_group.c_str(), s->private_group.size());
    }
    return ACCEPT_SESSION;
}

}  // namespace
}  // namespace braid::client

using namespace braid::client;

extern "C" BRAID_EXPORT int SP_connect(const char* spread_name, const char* private_name,
                                       int priority, int group_membership, mailbox* mbox,
                                       char* private_group) {
    return connect_session(spread_name, private_name, priority, group_membership, mbox,
                           private_group, std::nullopt);
}

extern "C" BRAID_EXPORT int SP_connect_timeout(const char* spread_name, const char* private_name,
                                               int priority, int group_membership, mailbox* mbox,
                                               char* private_group, sp_time time_out) {
    if (time_out.sec < 0 || time_out.usec < 0 || time_out.usec >= 1000000) return ILLEGAL_TIME;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(time_out.sec) +
                          std::chrono::microseconds(time_out.usec);
    return connect_session(spread_name, private_name, priority, group_membership, mbox,
                           private_group, deadline);
}

extern "C" BRAID_EXPORT int SP_disconnect(mailbox mbox) {
    auto s = table_remove(mbox);
    if (!s) return ILLEGAL_SESSION;
    std::uint8_t group[group_name_size];
    put_name(s->private_group, std::span<std::uint8_t, group_name_size>(group, group_name_size));
    // A broken session cannot carry the KILL; the daemon sees the close instead.
    (void)send_message(*s, 0x00040000u, std::span<const std::uint8_t>(group, sizeof group), 0, {});
    ::shutdown(s->fd, SHUT_RDWR);  // wakes receivers; the fd closes with the last user
    return 0;
}

extern "C" BRAID_EXPORT int SP_version(int* major_version, int* minor_version,
                                       int* patch_version) {
    if (major_version != nullptr) *major_version = library_major;
    if (minor_version != nullptr) *minor_version = library_minor;
    if (patch_version != nullptr) *patch_version = library_patch;
    return 1;
}

extern "C" BRAID_EXPORT void SP_error(int error) {
    const char* text = nullptr;
    switch (error) {
    case ILLEGAL_SPREAD: text = "Illegal spread was provided"; break;
    case COULD_NOT_CONNECT: text = "Could not connect. Is the daemon running?"; break;
    case REJECT_QUOTA: text = "Connection rejected, too many users"; break;
    case REJECT_NO_NAME: text = "Connection rejected, no name was supplied"; break;
    case REJECT_ILLEGAL_NAME: text = "Connection rejected, illegal name"; break;
    case REJECT_NOT_UNIQUE: text = "Connection rejected, name not unique"; break;
    case REJECT_VERSION: text = "Connection rejected, library does not fit daemon"; break;
    case CONNECTION_CLOSED: text = "Connection closed by the daemon"; break;
    case REJECT_AUTH: text = "Connection rejected, authentication failed"; break;
    case ILLEGAL_SESSION: text = "Illegal session was supplied"; break;
    case ILLEGAL_SERVICE: text = "Illegal service request"; break;
    case ILLEGAL_MESSAGE: text = "Illegal message"; break;
    case ILLEGAL_GROUP: text = "Illegal group"; break;
    case BUFFER_TOO_SHORT: text = "The supplied buffer was too short"; break;
    case GROUPS_TOO_SHORT: text = "The supplied groups list was too short"; break;
    case MESSAGE_TOO_LONG: text = "The message body plus group names was too large"; break;
    case NET_ERROR_ON_SESSION: text = "The network socket experienced an error"; break;
    case SP_BUG: text = "Internal library error"; break;
    case ILLEGAL_TIME: text = "Illegal time value"; break;
    default: break;
    }
    if (text != nullptr)
        std::printf("SP_error: (%d) %s\n", error, text);
    else
        std::printf("SP_error: (%d) unrecognized error\n", error);
}
