// The sockets of one path (network), opened and configured.
//
//   * unicast socket: bound to this host's address on the network and the
//     cluster port (IP_FREEBIND, so a late address is not fatal). Every send
//     of the path goes out through it: being bound to the interface's
//     address makes broadcasts leave by that interface, and multicasts are
//     pinned to it with IP_MULTICAST_IF. It receives datagrams addressed to
//     this host.
//   * group socket (broadcast and multicast networks only): receives the
//     network's broadcasts or multicasts. On Linux a socket bound to a
//     unicast address never sees broadcasts, so this one is bound to the
//     broadcast address (or the group) and the port; a multicast group is
//     joined on this path's interface only, and IP_MULTICAST_ALL is off so
//     the same group joined on another network does not leak in here.
// SO_BINDTODEVICE is not used: it needs CAP_NET_RAW, which the daemon drops.
#pragma once

#include <string>

#include "datalink/socket_options.hpp"
#include "datalink/types.hpp"

namespace braid::datalink {

struct PathSockets {
    PathConfig config;            // the network
    Socket unicast;               // bound to config.local:port; sends and receives unicasts
    Socket group;                 // broadcast/multicast receiver; invalid for unicast networks
    bool group_joined = false;    // multicast membership in place (always true for other kinds)
    bool interface_set = false;   // IP_MULTICAST_IF in place (always true for other kinds)
};

// Opens and configures the sockets of `path`. The two multicast steps that
// need the interface address to exist (IP_MULTICAST_IF, the membership)
// are not errors while it is missing: retry_multicast finishes them once
// it appears, as IP_FREEBIND does for the binds. Returns what failed, or "".
std::string open_path_sockets(const PathConfig& path, const LinkConfig& link, PathSockets& out);

// For a multicast path whose set-up waits for its interface address: tries
// again. Returns what still fails, or "" (also when nothing was pending).
std::string retry_multicast(PathSockets& sockets);

// Every step done: the path sends by the right interface and receives its group.
inline bool multicast_ready(const PathSockets& s) { return s.group_joined && s.interface_set; }

}  // namespace braid::datalink
