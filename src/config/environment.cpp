#include "config/environment.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <climits>

namespace braid::config {

namespace {

std::string machine_hostname() {
    std::array<char, HOST_NAME_MAX + 1> buffer{};
    if (gethostname(buffer.data(), buffer.size()) != 0) return {};
    buffer.back() = '\0';  // POSIX leaves termination unspecified on truncation
    return std::string(buffer.data());
}

std::vector<Ipv4Address> machine_addresses() {
    std::vector<Ipv4Address> out;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return out;
    for (ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
        if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET) continue;
        sockaddr_in in{};
        // Copied rather than cast: sockaddr is less aligned than sockaddr_in.
        std::copy_n(reinterpret_cast<const unsigned char*>(entry->ifa_addr), sizeof in,
                    reinterpret_cast<unsigned char*>(&in));
        Ipv4Address address{ntohl(in.sin_addr.s_addr)};
        if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(address);
    }
    freeifaddrs(list);
    return out;
}

}  // namespace

Environment current_environment(std::optional<std::string> host_override) {
    return Environment{machine_hostname(), machine_addresses(), std::move(host_override)};
}

}  // namespace braid::config
