// SP_receive, SP_scat_receive and SP_poll, with Spread's short-buffer rules
// (user's guide 3.1.1, protocol description section 9).
#include <sys/ioctl.h>

#include <cstring>
#include <span>

#include "braid/sp.h"
#include "client/byte_view.hpp"
#include "client/export.hpp"
#include "client/membership_body.hpp"
#include "client/session.hpp"
#include "client/socket_io.hpp"

namespace braid::client {
namespace {

// Output parameters of one receive call.
struct ReceiveOut {
    service* service_type;  // in: DROP_RECV; out: the message's service bits
    char* sender;           // MAX_GROUP_NAME bytes
    int max_groups;         // capacity of `groups`
    int* num_groups;        // out: count, or a negative size hint
    char (*groups)[MAX_GROUP_NAME];  // names out
    int16* mess_type;       // out: application type, or membership index
    int* endian_mismatch;   // out: flag, or a negative size hint
};

// Reads the next header (and a REJECT's extra word) into `s.pending`.
int read_header(Session& s) {
    std::uint8_t raw[header_size];
    if (read_exact(s.fd, raw) != 0) return CONNECTION_CLOSED;
    PendingHeader p;
    p.header = decode_header(std::span<const std::uint8_t, header_size>(raw, header_size));
    if ((p.header.type & REJECT_MESS) != 0) {
        std::uint8_t old[4];
        if (read_exact(s.fd, old) != 0) return CONNECTION_CLOSED;
        std::memcpy(&p.old_type, old, sizeof old);
        if (p.header.type_foreign) p.old_type = swap32(p.old_type);
    }
    if (p.header.num_groups < 0 || p.header.data_len < 0) return ILLEGAL_MESSAGE;
    p.valid = true;
    s.pending = p;
    return 0;
}

// Index of `self` in the received member list, or -1.
int16 self_index(const char (*groups)[MAX_GROUP_NAME], int count, const std::string& self) {
    for (int i = 0; i < count; ++i)
        if (strncmp(groups[i], self.c_str(), MAX_GROUP_NAME) == 0) return static_cast<int16>(i);
    return -1;
}

int receive(mailbox mbox, const ReceiveOut& o, ByteView body) {
    auto s = table_find(mbox);
    if (!s) return ILLEGAL_SESSION;
    if (o.service_type == nullptr || o.sender == nullptr || o.num_groups == nullptr ||
        o.mess_type == nullptr || o.endian_mismatch == nullptr ||
        (o.max_groups > 0 && o.groups == nullptr))
        return ILLEGAL_MESSAGE;
    const bool drop = (*o.service_type & DROP_RECV) != 0;
    const int max_groups = o.max_groups < 0 ? 0 : o.max_groups;

    std::lock_guard g(s->receive_lock);
    if (s->broken.load()) return NET_ERROR_ON_SESSION;
    if (!s->pending.valid) {
        const int rc = read_header(*s);
        if (rc != 0) {
            s->broken.store(true);
            return rc;
        }
    }
    const Header& h = s->pending.header;
    const bool reject = (h.type & REJECT_MESS) != 0;
    const service type = static_cast<service>(
        reject ? ((s->pending.old_type & ~endian_marker) | REJECT_MESS) : h.type);
    const bool membership = Is_membership_mess(type);
    const bool groups_short = h.num_groups > max_groups;
    const bool data_short = static_cast<std::size_t>(h.data_len) > body.size();

    *o.service_type = type;
    std::memcpy(o.sender, h.sender, MAX_GROUP_NAME);
    *o.mess_type = membership ? -1 : h.mess_type;
    if (!drop && (groups_short || data_short)) {
        // Nothing consumed: the header stays pending for the retry.
        *o.num_groups = groups_short ? -h.num_groups : 0;
        *o.endian_mismatch = data_short ? -h.data_len : 0;
        return groups_short ? GROUPS_TOO_SHORT : BUFFER_TOO_SHORT;
    }
    s->pending.valid = false;

    const int kept_groups = groups_short ? max_groups : h.num_groups;
    const std::size_t kept_data = data_short ? body.size() : static_cast<std::size_t>(h.data_len);
    const bool io_ok =
        read_exact(s->fd, std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(o.groups),
                                                  static_cast<std::size_t>(kept_groups) *
                                                      group_name_size)) == 0 &&
        discard(s->fd, static_cast<std::size_t>(h.num_groups - kept_groups) * group_name_size) ==
            0 &&
        body.receive(s->fd, kept_data) == 0 &&
        discard(s->fd, static_cast<std::size_t>(h.data_len) - kept_data) == 0;
    if (!io_ok) {
        s->broken.store(true);
        return CONNECTION_CLOSED;
    }
    if (membership && Is_reg_memb_mess(type)) {
        if (h.type_foreign) swap_membership_body(body, kept_data);
        *o.mess_type = self_index(o.groups, kept_groups, s->private_group);
    }
    *o.endian_mismatch = membership ? 0 : (h.hint_foreign ? 1 : 0);
    *o.num_groups = groups_short ? -h.num_groups : h.num_groups;
    if (data_short) {
        *o.endian_mismatch = -h.data_len;
        return BUFFER_TOO_SHORT;
    }
    return h.data_len;
}

}  // namespace
}  // namespace braid::client

using namespace braid::client;

extern "C" BRAID_EXPORT int SP_receive(mailbox mbox, service* service_type,
                                       char sender[MAX_GROUP_NAME], int max_groups,
                                       int* num_groups, char groups[][MAX_GROUP_NAME],
                                       int16* mess_type, int* endian_mismatch, int max_mess_len,
                                       char* mess) {
    if (max_mess_len < 0 || (max_mess_len > 0 && mess == nullptr)) return ILLEGAL_MESSAGE;
    const ReceiveOut o{service_type, sender,    max_groups,     num_groups,
                       groups,       mess_type, endian_mismatch};
    return receive(mbox, o, ByteView(mess, static_cast<std::size_t>(max_mess_len)));
}

extern "C" BRAID_EXPORT int SP_scat_receive(mailbox mbox, service* service_type,
                                            char sender[MAX_GROUP_NAME], int max_groups,
                                            int* num_groups, char groups[][MAX_GROUP_NAME],
                                            int16* mess_type, int* endian_mismatch,
                                            scatter* scat_mess) {
    auto view = ByteView::from_scatter(scat_mess);
    if (!view) return ILLEGAL_MESSAGE;
    const ReceiveOut o{service_type, sender,    max_groups,     num_groups,
                       groups,       mess_type, endian_mismatch};
    return receive(mbox, o, *view);
}

extern "C" BRAID_EXPORT int SP_poll(mailbox mbox) {
    auto s = table_find(mbox);
    if (!s) return ILLEGAL_SESSION;
    if (s->broken.load()) return NET_ERROR_ON_SESSION;
    int waiting = 0;
    if (::ioctl(s->fd, FIONREAD, &waiting) != 0) return NET_ERROR_ON_SESSION;
    // A header kept back by a short-buffer return is still an undelivered
    // message. A receiver holding the lock is consuming it: do not wait for it.
    std::unique_lock g(s->receive_lock, std::try_to_lock);
    if (g.owns_lock() && s->pending.valid) waiting += static_cast<int>(header_size);
    return waiting;
}
