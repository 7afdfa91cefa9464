// IPv4 addresses as values.
//
// The configuration, the data link and the protocol core all name hosts by
// IPv4 address; this type parses the dotted-quad form strictly (no octal, no
// short forms, no trailing text) so that a typo in a configuration file is an
// error instead of a surprising address.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace braid {

struct Ipv4Address {
    std::uint32_t value = 0;  // host byte order: 10.0.0.1 is 0x0A000001

    // Parses "a.b.c.d" with four decimal octets 0..255, no leading zeros
    // beyond a lone "0", nothing before or after.
    static std::optional<Ipv4Address> parse(std::string_view text);

    std::string to_string() const;

    bool is_multicast() const { return (value >> 28) == 0xE; }  // 224.0.0.0/4
    bool is_loopback() const { return (value >> 24) == 127; }
    bool is_any() const { return value == 0; }

    auto operator<=>(const Ipv4Address&) const = default;
};

}  // namespace braid
