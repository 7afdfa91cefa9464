// SP_equal_group_ids and the helpers that parse membership bodies
// (SP_get_memb_info, SP_get_vs_sets_info, SP_get_vs_set_members and their
// scatter variants). The Spread API passes no body length, so like Spread
// these trust the body the library delivered; a self-leave carries no body
// and is never read.
#include <cstring>

#include "braid/sp.h"
#include "client/byte_view.hpp"
#include "client/export.hpp"
#include "client/frame.hpp"
#include "client/membership_body.hpp"

namespace braid::client {
namespace {

// The body a caller hands back to us, of unknown length.
ByteView unbounded(const char* mess) {
    return ByteView(const_cast<char*>(mess), mess == nullptr ? 0 : static_cast<std::size_t>(-1) / 2);
}

int memb_info(const ByteView& body, service type, membership_info* info) {
    if (info == nullptr) return ILLEGAL_MESSAGE;
    if (!Is_membership_mess(type)) return ILLEGAL_MESSAGE;
    std::memset(info, 0, sizeof *info);
    if (Is_self_leave(type)) return 1;
    if (!body.read(body_gid, &info->gid, sizeof info->gid)) return ILLEGAL_MESSAGE;
    if (!Is_reg_memb_mess(type)) return 1;  // transitional: only the previous gid
    const auto sets = body.word(body_num_vs_sets);
    const auto local = body.word(body_local_offset);
    if (!sets || !local) return ILLEGAL_MESSAGE;
    info->num_vs_sets = *sets;
    const std::size_t set = body_vs_sets + *local;
    const auto count = body.word(set);
    if (!count) return ILLEGAL_MESSAGE;
    info->my_vs_set.num_members = *count;
    info->my_vs_set.members_offset = static_cast<unsigned int>(set + 4);
    if (!Is_caused_network_mess(type) && *count > 0) {
        if (!body.read(set + 4, info->changed_member, MAX_GROUP_NAME)) return ILLEGAL_MESSAGE;
        info->changed_member[MAX_GROUP_NAME - 1] = '\0';
    }
    return 1;
}

int vs_sets_info(const ByteView& body, vs_set_info* vs_sets, int num_vs_sets,
                 unsigned int* my_index) {
    const auto sets = body.word(body_num_vs_sets);
    const auto local = body.word(body_local_offset);
    if (!sets || !local) return ILLEGAL_MESSAGE;
    if (static_cast<long long>(*sets) > static_cast<long long>(num_vs_sets)) return BUFFER_TOO_SHORT;
    if (*sets > 0 && vs_sets == nullptr) return ILLEGAL_MESSAGE;
    std::size_t off = body_vs_sets;
    for (unsigned int i = 0; i < *sets; ++i) {
        const auto count = body.word(off);
        if (!count) return ILLEGAL_MESSAGE;
        if (off - body_vs_sets == *local && my_index != nullptr) *my_index = i;
        vs_sets[i].num_members = *count;
        vs_sets[i].members_offset = static_cast<unsigned int>(off + 4);
        off += 4 + static_cast<std::size_t>(*count) * group_name_size;
    }
    return static_cast<int>(*sets);
}

int vs_set_members(const ByteView& body, const vs_set_info* set,
                   char member_names[][MAX_GROUP_NAME], int count) {
    if (set == nullptr) return ILLEGAL_MESSAGE;
    if (static_cast<long long>(set->num_members) > static_cast<long long>(count))
        return BUFFER_TOO_SHORT;
    if (set->num_members > 0 && member_names == nullptr) return ILLEGAL_MESSAGE;
    for (unsigned int i = 0; i < set->num_members; ++i) {
        if (!body.read(set->members_offset + static_cast<std::size_t>(i) * group_name_size,
                       member_names[i], MAX_GROUP_NAME))
            return ILLEGAL_MESSAGE;
        member_names[i][MAX_GROUP_NAME - 1] = '\0';
    }
    return static_cast<int>(set->num_members);
}

}  // namespace
}  // namespace braid::client

using namespace braid::client;

extern "C" BRAID_EXPORT int SP_equal_group_ids(group_id g1, group_id g2) {
    return g1.id[0] == g2.id[0] && g1.id[1] == g2.id[1] && g1.id[2] == g2.id[2];
}

extern "C" BRAID_EXPORT int SP_get_memb_info(const char* memb_mess, const service service_type,
                                             membership_info* memb_info) {
    if (memb_mess == nullptr && !Is_self_leave(service_type)) return ILLEGAL_MESSAGE;
    return braid::client::memb_info(unbounded(memb_mess), service_type, memb_info);
}

extern "C" BRAID_EXPORT int SP_get_vs_sets_info(const char* memb_mess, vs_set_info* vs_sets,
                                                int num_vs_sets, unsigned int* my_vs_set_index) {
    if (memb_mess == nullptr) return ILLEGAL_MESSAGE;
    return vs_sets_info(unbounded(memb_mess), vs_sets, num_vs_sets, my_vs_set_index);
}

extern "C" BRAID_EXPORT int SP_get_vs_set_members(const char* memb_mess, const vs_set_info* vs_set,
                                                  char member_names[][MAX_GROUP_NAME],
                                                  int member_names_count) {
    if (memb_mess == nullptr) return ILLEGAL_MESSAGE;
    return vs_set_members(unbounded(memb_mess), vs_set, member_names, member_names_count);
}

extern "C" BRAID_EXPORT int SP_scat_get_memb_info(const scatter* memb_mess_scat,
                                                  const service service_type,
                                                  membership_info* memb_info) {
    const auto view = ByteView::from_scatter(memb_mess_scat);
    if (!view) return ILLEGAL_MESSAGE;
    return braid::client::memb_info(*view, service_type, memb_info);
}

extern "C" BRAID_EXPORT int SP_scat_get_vs_sets_info(const scatter* memb_mess_scat,
                                                     vs_set_info* vs_sets, int num_vs_sets,
                                                     unsigned int* my_vs_set_index) {
    const auto view = ByteView::from_scatter(memb_mess_scat);
    if (!view) return ILLEGAL_MESSAGE;
    return vs_sets_info(*view, vs_sets, num_vs_sets, my_vs_set_index);
}

extern "C" BRAID_EXPORT int SP_scat_get_vs_set_members(const scatter* memb_mess_scat,
                                                       const vs_set_info* vs_set,
                                                       char member_names[][MAX_GROUP_NAME],
                                                       int member_names_count) {
    const auto view = ByteView::from_scatter(memb_mess_scat);
    if (!view) return ILLEGAL_MESSAGE;
    return vs_set_members(*view, vs_set, member_names, member_names_count);
}
