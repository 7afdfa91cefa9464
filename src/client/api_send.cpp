// SP_join, SP_leave and the SP_multicast family (protocol description 4.1, 4.2).
#include <cstring>
#include <vector>

#include "braid/sp.h"
#include "client/export.hpp"
#include "client/outgoing.hpp"
#include "client/session.hpp"

namespace braid::client {
namespace {

constexpr std::uint32_t join_mess = 0x00010000u;
constexpr std::uint32_t leave_mess = 0x00020000u;

// Join and leave names: 1..31 characters, each in '$'..'~'.
bool legal_group(const char* group) {
    if (group == nullptr) return false;
    std::size_t n = 0;
    for (; group[n] != '\0'; ++n) {
        const auto c = static_cast<unsigned char>(group[n]);
        if (n >= MAX_GROUP_NAME - 1 || c < 0x24 || c > 0x7e) return false;
    }
    return n > 0;
}

int membership_request(mailbox mbox, const char* group, std::uint32_t type) {
    auto s = table_find(mbox);
    if (!s) return ILLEGAL_SESSION;
    if (!legal_group(group)) return ILLEGAL_GROUP;
    std::uint8_t name[group_name_size];
    put_name(group, std::span<std::uint8_t, group_name_size>(name, group_name_size));
    return send_message(*s, type, std::span<const std::uint8_t>(name, sizeof name), 0, {});
}

// Common path of every multicast: checks, then one send. Returns data bytes.
int multicast(mailbox mbox, service service_type, std::span<const std::uint8_t> groups,
              int16 mess_type, std::span<const DataPiece> data) {
    auto s = table_find(mbox);
    if (!s) return ILLEGAL_SESSION;
    if ((static_cast<unsigned>(service_type) & REGULAR_MESS) == 0) return ILLEGAL_SERVICE;
    long long total = 0;
    for (const DataPiece& d : data) total += static_cast<long long>(d.len);
    if (total + static_cast<long long>(groups.size()) > max_message_body) return MESSAGE_TOO_LONG;
    const int rc = send_message(*s, static_cast<std::uint32_t>(service_type), groups, mess_type, data);
    return rc != 0 ? rc : static_cast<int>(total);
}

// Turns a scatter into data pieces; false when it is malformed.
bool scatter_pieces(const scatter* scat, std::vector<DataPiece>& out) {
    if (scat == nullptr || scat->num_elements < 0 ||
        scat->num_elements > MAX_CLIENT_SCATTER_ELEMENTS)
        return false;
    for (int i = 0; i < scat->num_elements; ++i) {
        const scat_element& e = scat->elements[i];
        if (e.len < 0 || (e.len > 0 && e.buf == nullptr)) return false;
        out.push_back({e.buf, static_cast<std::size_t>(e.len)});
    }
    return true;
}

// The single destination of SP_multicast, zero-padded to 32 bytes.
struct OneGroup {
    std::uint8_t name[group_name_size];  // wire form of the destination
    explicit OneGroup(const char* group) {
        put_name(group != nullptr ? group : "",
                 std::span<std::uint8_t, group_name_size>(name, group_name_size));
    }
};

std::span<const std::uint8_t> group_array(int num_groups, const char groups[][MAX_GROUP_NAME]) {
    return {reinterpret_cast<const std::uint8_t*>(groups),
            static_cast<std::size_t>(num_groups) * group_name_size};
}

}  // namespace
}  // namespace braid::client

using namespace braid::client;

extern "C" BRAID_EXPORT int SP_join(mailbox mbox, const char* group) {
    return membership_request(mbox, group, join_mess);
}

extern "C" BRAID_EXPORT int SP_leave(mailbox mbox, const char* group) {
    return membership_request(mbox, group, leave_mess);
}

extern "C" BRAID_EXPORT int SP_multicast(mailbox mbox, service service_type, const char* group,
                                         int16 mess_type, int mess_len, const char* mess) {
    if (mess_len < 0 || (mess_len > 0 && mess == nullptr)) return ILLEGAL_MESSAGE;
    const OneGroup g(group);
    const DataPiece d{mess, static_cast<std::size_t>(mess_len)};
    return multicast(mbox, service_type, g.name, mess_type, std::span(&d, 1));
}

extern "C" BRAID_EXPORT int SP_scat_multicast(mailbox mbox, service service_type,
                                              const char* group, int16 mess_type,
                                              const scatter* scat_mess) {
    std::vector<DataPiece> pieces;
    if (!scatter_pieces(scat_mess, pieces)) return ILLEGAL_MESSAGE;
    const OneGroup g(group);
    return multicast(mbox, service_type, g.name, mess_type, pieces);
}

extern "C" BRAID_EXPORT int SP_multigroup_multicast(mailbox mbox, service service_type,
                                                    int num_groups,
                                                    const char groups[][MAX_GROUP_NAME],
                                                    int16 mess_type, int mess_len,
                                                    const char* mess) {
    if (mess_len < 0 || (mess_len > 0 && mess == nullptr)) return ILLEGAL_MESSAGE;
    if (num_groups < 0 || (num_groups > 0 && groups == nullptr)) return ILLEGAL_GROUP;
    if (static_cast<long long>(num_groups) * group_name_size > max_message_body)
        return MESSAGE_TOO_LONG;
    const DataPiece d{mess, static_cast<std::size_t>(mess_len)};
    return multicast(mbox, service_type, group_array(num_groups, groups), mess_type,
                     std::span(&d, 1));
}

extern "C" BRAID_EXPORT int SP_multigroup_scat_multicast(mailbox mbox, service service_type,
                                                         int num_groups,
                                                         const char groups[][MAX_GROUP_NAME],
                                                         int16 mess_type,
                                                         const scatter* scat_mess) {
    std::vector<DataPiece> pieces;
    if (!scatter_pieces(scat_mess, pieces)) return ILLEGAL_MESSAGE;
    if (num_groups < 0 || (num_groups > 0 && groups == nullptr)) return ILLEGAL_GROUP;
    if (static_cast<long long>(num_groups) * group_name_size > max_message_body)
        return MESSAGE_TOO_LONG;
    return multicast(mbox, service_type, group_array(num_groups, groups), mess_type, pieces);
}
