#include "config/legacy/resolver.hpp"

#include <algorithm>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace braid::config::legacy {

Resolver system_resolver() {
    return [](const std::string& name) {
        Resolution result;
        addrinfo hints{};
        hints.ai_family = AF_INET;
        hints.ai_socktype = SOCK_DGRAM;  // one entry per address instead of one per socket type
        addrinfo* list = nullptr;
        int rc = getaddrinfo(name.c_str(), nullptr, &hints, &list);
        if (rc != 0) {
            result.error = gai_strerror(rc);
            return result;
        }
        for (const addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
            if (ai->ai_family != AF_INET || ai->ai_addrlen < sizeof(sockaddr_in)) continue;
            sockaddr_in sin{};
            std::copy_n(reinterpret_cast<const unsigned char*>(ai->ai_addr), sizeof sin,
                        reinterpret_cast<unsigned char*>(&sin));
            Ipv4Address address{ntohl(sin.sin_addr.s_addr)};
            if (std::find(result.addresses.begin(), result.addresses.end(), address) ==
                result.addresses.end())
                result.addresses.push_back(address);
        }
        freeaddrinfo(list);
        if (result.addresses.empty()) result.error = "no IPv4 address";
        return result;
    };
}

}  // namespace braid::config::legacy
