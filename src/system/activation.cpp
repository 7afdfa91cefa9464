#include "system/activation.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <systemd/sd-daemon.h>

namespace braid::system {

std::vector<ActivatedSocket> take_activated_sockets(std::string& error) {
    std::vector<ActivatedSocket> sockets;
    char** names = nullptr;
    const int count = sd_listen_fds_with_names(1, &names);
    if (count < 0) {
        error = std::string("cannot take the sockets passed by systemd: ") + std::strerror(-count);
        return sockets;
    }
    for (int i = 0; i < count; ++i) {
        ActivatedSocket socket;
        socket.fd = SD_LISTEN_FDS_START + i;
        socket.name = names && names[i] ? names[i] : "unknown";
        sockets.push_back(std::move(socket));
    }
    if (names) {
        for (int i = 0; i < count; ++i) std::free(names[i]);
        std::free(names);
    }
    return sockets;
}

std::optional<config::ClientListener> bound_listener(int fd) {
    int listening = 0;
    socklen_t optlen = sizeof(listening);
    if (sd_is_socket(fd, AF_UNSPEC, SOCK_STREAM, 1) <= 0) return std::nullopt;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optlen) != 0 || !listening)
        return std::nullopt;
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return std::nullopt;
    config::ClientListener listener;
    if (storage.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
        listener.kind = config::ClientListener::Kind::tcp;
        listener.address.value = ntohl(in->sin_addr.s_addr);
        listener.port = ntohs(in->sin_port);
        return listener;
    }
    if (storage.ss_family == AF_UNIX) {
        const auto* un = reinterpret_cast<const sockaddr_un*>(&storage);
        const std::size_t max = length - offsetof(sockaddr_un, sun_path);
        if (max == 0 || un->sun_path[0] == '\0') return std::nullopt;  // unnamed or abstract
        listener.kind = config::ClientListener::Kind::unix_socket;
        listener.path.assign(un->sun_path, strnlen(un->sun_path, max));
        return listener;
    }
    return std::nullopt;
}

}  // namespace braid::system
