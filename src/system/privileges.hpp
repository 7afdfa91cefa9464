// Chroot and privilege drop for a daemon started as root (DESIGN.md
// section 6): once the configuration is read, the log is open and every
// socket exists, braidd needs no privilege at all, so it locks itself into
// runtime_dir and becomes the configured user and group with no
// capabilities left (libcap: effective, permitted and inheritable sets
// empty, bounding set dropped). Any failed step is fatal: a daemon that is
// half dropped is worse than one that does not start.
#pragma once

#include <string>

namespace braid::system {

// What to become.
struct DropTarget {
    std::string runtime_dir;  // chroot here
    std::string user;         // setuid to this user
    std::string group;        // setgid and the only supplementary group
};

// The outcome of drop_privileges().
struct DropResult {
    bool dropped = false;  // false: not root, nothing was changed
    std::string error;     // non-empty: a step failed, the daemon must stop
    unsigned uid = 0;      // the ids now in force when dropped
    unsigned gid = 0;
};

// As root: chroot, setgroups/setgid/setuid, clear every capability set.
// As another user: changes nothing (dropped = false, no error).
DropResult drop_privileges(const DropTarget& target);

}  // namespace braid::system
