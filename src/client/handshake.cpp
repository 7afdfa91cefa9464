// Client side of the handshake; see handshake.hpp.
#include "client/handshake.hpp"

#include <sys/uio.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "braid/sp.h"

namespace braid::client {
namespace {

constexpr std::size_t auth_choice_size = 90;  // 3 slots of 30 bytes
constexpr int max_method_list = 90;           // longer lists are a protocol violation

int send_bytes(int fd, const void* data, std::size_t len) {
    iovec v{const_cast<void*>(data), len};
    return send_all(fd, std::span<iovec>(&v, 1));
}

// True when the space-separated list offers the NULL method.
bool offers_null(std::string_view list) {
    while (!list.empty()) {
        const std::size_t sp = list.find(' ');
        if (list.substr(0, sp) == "NULL") return true;
        if (sp == std::string_view::npos) break;
        list.remove_prefix(sp + 1);
    }
    return false;
}

}  // namespace

int run_handshake(int fd, const HandshakeRequest& req, const Deadline& deadline,
                  std::string& private_group) {
    HandshakeStep step = HandshakeStep::send_request;
    while (step != HandshakeStep::open) {
        switch (step) {
        case HandshakeStep::send_request: {
            const std::size_t n = req.private_name.size() < MAX_PRIVATE_NAME
                                      ? req.private_name.size()
                                      : MAX_PRIVATE_NAME;
            std::array<std::uint8_t, 5 + MAX_PRIVATE_NAME> a{};
            a[0] = library_major;
            a[1] = library_minor;
            a[2] = library_patch;
            a[3] = static_cast<std::uint8_t>((req.membership ? 0x01 : 0) | (req.priority ? 0x10 : 0));
            a[4] = static_cast<std::uint8_t>(n);
            std::memcpy(a.data() + 5, req.private_name.data(), n);
            if (send_bytes(fd, a.data(), 5 + n) != 0) return CONNECTION_CLOSED;
            step = HandshakeStep::read_method_list;
            break;
        }
        case HandshakeStep::read_method_list: {
            std::uint8_t len_byte = 0;
            if (read_exact(fd, std::span(&len_byte, 1), deadline) != 0) return CONNECTION_CLOSED;
            const int len = static_cast<signed char>(len_byte);
            if (len < 0) return len;  // a REJECT_* code from the daemon
            if (len > max_method_list) return CONNECTION_CLOSED;
            std::array<std::uint8_t, max_method_list> list{};
            if (read_exact(fd, std::span(list.data(), static_cast<std::size_t>(len)), deadline) != 0)
                return CONNECTION_CLOSED;
            if (!offers_null(std::string_view(reinterpret_cast<const char*>(list.data()),
                                              static_cast<std::size_t>(len))))
                return REJECT_AUTH;
            step = HandshakeStep::send_auth_choice;
            break;
        }
        case HandshakeStep::send_auth_choice: {
            std::array<std::uint8_t, auth_choice_size> choice{};
            std::memcpy(choice.data(), "NULL", 4);
            if (send_bytes(fd, choice.data(), choice.size()) != 0) return CONNECTION_CLOSED;
            step = HandshakeStep::read_accept;
            break;
        }
        case HandshakeStep::read_accept: {
            std::uint8_t status = 0;
            if (read_exact(fd, std::span(&status, 1), deadline) != 0) return CONNECTION_CLOSED;
            const int s = static_cast<signed char>(status);
            if (s != ACCEPT_SESSION) return s < 0 ? s : CONNECTION_CLOSED;
            std::array<std::uint8_t, 4> v{};
            if (read_exact(fd, v, deadline) != 0) return CONNECTION_CLOSED;
            const int major = static_cast<signed char>(v[0]);
            const int minor = static_cast<signed char>(v[1]);
            const int patch = static_cast<signed char>(v[2]);
            const int k = static_cast<signed char>(v[3]);
            if (major < 0 || minor < 0 || patch < 0 || k < 0 || k >= MAX_GROUP_NAME)
                return CONNECTION_CLOSED;
            if (major < 3) return REJECT_VERSION;
            if (major == 3 && minor < 8 && req.priority) return REJECT_VERSION;
            std::array<std::uint8_t, MAX_GROUP_NAME> name{};
            if (read_exact(fd, std::span(name.data(), static_cast<std::size_t>(k)), deadline) != 0)
                return CONNECTION_CLOSED;
            private_group.assign(reinterpret_cast<const char*>(name.data()),
                                 static_cast<std::size_t>(k));
            step = HandshakeStep::open;
            break;
        }
        case HandshakeStep::open:
            break;
        }
    }
    return ACCEPT_SESSION;
}

}  // namespace braid::client
