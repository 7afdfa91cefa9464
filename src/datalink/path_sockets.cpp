#include "datalink/path_sockets.hpp"

#include <cerrno>

namespace braid::datalink {

namespace {

// Failures that mean "the interface address is not configured yet".
bool address_missing(int error) { return error == ENODEV || error == EADDRNOTAVAIL; }

// Runs one of the address-dependent multicast steps; a missing address
// leaves `done` false without an error.
template <typename Step>
std::string try_step(Step step, bool& done, bool missing_is_error) {
    int error = 0;
    auto e = step(error);
    if (e.empty()) {
        done = true;
    } else if (address_missing(error) && !missing_is_error) {
        e.clear();
    }
    return e;
}

std::string set_interface(PathSockets& s, bool missing_is_error) {
    if (s.interface_set) return {};
    const int fd = s.unicast.fd();
    const Ipv4Address local = s.config.local;
    return try_step([&](int& error) { return set_multicast_interface(fd, local, error); },
                    s.interface_set, missing_is_error);
}

std::string join(PathSockets& s, bool missing_is_error) {
    if (s.group_joined) return {};
    const int fd = s.group.fd();
    return try_step([&](int& error) { return join_group(fd, s.config.group, s.config.local, error); },
                    s.group_joined, missing_is_error);
}

std::string open_unicast(const PathConfig& path, const LinkConfig& link, PathSockets& out) {
    if (auto e = open_udp(out.unicast); !e.empty()) return e;
    const int fd = out.unicast.fd();
    if (auto e = set_freebind(fd); !e.empty()) return e;
    if (path.kind == PathKind::broadcast) {
        if (auto e = set_broadcast(fd); !e.empty()) return e;
    }
    if (path.kind == PathKind::multicast) {
        if (auto e = set_multicast_options(fd, link.multicast_ttl, link.multicast_loop); !e.empty()) return e;
        if (auto e = set_interface(out, false); !e.empty()) return e;
    } else {
        out.interface_set = true;
    }
    return bind_to(fd, path.local, link.port);
}

std::string open_group(const PathConfig& path, const LinkConfig& link, PathSockets& out) {
    if (auto e = open_udp(out.group); !e.empty()) return e;
    const int fd = out.group.fd();
    if (auto e = set_freebind(fd); !e.empty()) return e;
    if (auto e = set_reuse_address(fd); !e.empty()) return e;
    if (path.kind == PathKind::multicast) {
        if (auto e = set_multicast_all_off(fd); !e.empty()) return e;
    }
    if (auto e = bind_to(fd, path.group, link.port); !e.empty()) return e;
    if (path.kind == PathKind::broadcast) {
        out.group_joined = true;
        return {};
    }
    return join(out, false);
}

}  // namespace

std::string open_path_sockets(const PathConfig& path, const LinkConfig& link, PathSockets& out) {
    out = PathSockets{};
    out.config = path;
    const std::string where = "network " + path.name + ": ";
    if (auto e = open_unicast(path, link, out); !e.empty()) return where + e;
    if (path.kind == PathKind::unicast) {
        out.group_joined = true;
        return {};
    }
    if (auto e = open_group(path, link, out); !e.empty()) return where + e;
    return {};
}

std::string retry_multicast(PathSockets& sockets) {
    if (sockets.config.kind != PathKind::multicast) return {};
    if (auto e = set_interface(sockets, true); !e.empty()) return "network " + sockets.config.name + ": " + e;
    if (auto e = join(sockets, true); !e.empty()) return "network " + sockets.config.name + ": " + e;
    return {};
}

}  // namespace braid::datalink
