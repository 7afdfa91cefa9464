// Host name resolution for the nested (multipath) form of spread.conf.
//
// The nested form lists host names without addresses; the converter asks a
// resolver for each name's IPv4 addresses. The resolver is a parameter so
// that tests describe any name service; system_resolver() asks getaddrinfo.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "util/ipv4_address.hpp"

namespace braid::config::legacy {

struct Resolution {
    std::vector<Ipv4Address> addresses;  // in the resolver's order, without repeats; empty on failure
    std::string error;                   // why the name did not resolve (gai_strerror's text)
};

using Resolver = std::function<Resolution(const std::string& name)>;

// getaddrinfo(name, AF_INET); every distinct address in the order returned.
Resolver system_resolver();

}  // namespace braid::config::legacy
