#include "system/privileges.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <grp.h>
#include <pwd.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace braid::system {
namespace {

std::string errno_text() { return std::strerror(errno); }

// Looks the ids up while /etc/passwd and /etc/group are still reachable.
std::string look_up(const DropTarget& target, uid_t& uid, gid_t& gid) {
    std::vector<char> buffer(16384);
    passwd pw{};
    passwd* pw_found = nullptr;
    int rc = getpwnam_r(target.user.c_str(), &pw, buffer.data(), buffer.size(), &pw_found);
    if (rc != 0) return "cannot look up user '" + target.user + "': " + std::strerror(rc);
    if (!pw_found) return "user '" + target.user + "' does not exist; create it or set [daemon] user";
    uid = pw.pw_uid;
    group gr{};
    group* gr_found = nullptr;
    rc = getgrnam_r(target.group.c_str(), &gr, buffer.data(), buffer.size(), &gr_found);
    if (rc != 0) return "cannot look up group '" + target.group + "': " + std::strerror(rc);
    if (!gr_found) return "group '" + target.group + "' does not exist; create it or set [daemon] group";
    gid = gr.gr_gid;
    if (uid == 0) return "user '" + target.user + "' is root; set [daemon] user to an unprivileged user";
    return {};
}

// Empties the bounding set (needs CAP_SETPCAP, so before setuid) and the
// ambient set.
std::string drop_bounding_set() {
    // Up to what the running kernel knows, which may be more than libcap's
    // CAP_LAST_CAP.
    for (cap_value_t cap = 0; CAP_IS_SUPPORTED(cap); ++cap) {
        if (cap_drop_bound(cap) != 0)
            return "cannot drop capability " + std::to_string(cap) + " from the bounding set: " + errno_text();
    }
    if (cap_reset_ambient() != 0 && errno != EINVAL) return "cannot clear the ambient capabilities: " + errno_text();
    return {};
}

std::string clear_capability_sets() {
    cap_t empty = cap_init();  // every flag of every capability clear
    if (!empty) return "cannot allocate a capability set: " + errno_text();
    const int rc = cap_set_proc(empty);
    const int set_errno = errno;
    cap_free(empty);
    if (rc != 0) return std::string("cannot clear the capability sets: ") + std::strerror(set_errno);
    return {};
}

// Checks what the kernel now says, so that a silent partial drop is caught.
std::string verify(uid_t uid, gid_t gid) {
    uid_t ruid, euid, suid;
    gid_t rgid, egid, sgid;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0)
        return "cannot read the process ids: " + errno_text();
    if (ruid != uid || euid != uid || suid != uid || rgid != gid || egid != gid || sgid != gid)
        return "the user and group ids did not all change";
    if (setuid(0) == 0) return "the process could become root again";
    cap_t now = cap_get_proc();
    cap_t empty = cap_init();
    const bool clear = now && empty && cap_compare(now, empty) == 0;
    cap_free(now);
    cap_free(empty);
    if (!clear) return "capabilities remain after the drop";
    if (CAP_IS_SUPPORTED(CAP_SETUID) && cap_get_bound(CAP_SETUID) != 0) return "the bounding set is not empty";
    return {};
}

}  // namespace

DropResult drop_privileges(const DropTarget& target) {
    DropResult result;
    if (geteuid() != 0) return result;
    uid_t uid = 0;
    gid_t gid = 0;
    auto fail = [&](const std::string& step) {
        result.error = "privilege drop failed: " + step + "; not starting";
        return result;
    };
    if (std::string e = look_up(target, uid, gid); !e.empty()) return fail(e);
    if (chroot(target.runtime_dir.c_str()) != 0)
        return fail("cannot chroot into '" + target.runtime_dir + "': " + errno_text());
    if (chdir("/") != 0) return fail("cannot change to / inside the chroot: " + errno_text());
    if (std::string e = drop_bounding_set(); !e.empty()) return fail(e);
    if (setgroups(1, &gid) != 0) return fail("cannot set the supplementary groups: " + errno_text());
    if (setresgid(gid, gid, gid) != 0)
        return fail("cannot change to group '" + target.group + "': " + errno_text());
    if (setresuid(uid, uid, uid) != 0)
        return fail("cannot change to user '" + target.user + "': " + errno_text());
    if (std::string e = clear_capability_sets(); !e.empty()) return fail(e);
    if (std::string e = verify(uid, gid); !e.empty()) return fail(e);
    result.dropped = true;
    result.uid = uid;
    result.gid = gid;
    return result;
}

}  // namespace braid::system
