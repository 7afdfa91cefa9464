// Test helpers: byte vectors written the way the protocol description
// prints them (hex bytes, zero-padded 32-byte names), so the tests can be
// compared with section 11 line by line.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace braid::session::test {

using Bytes = std::vector<std::uint8_t>;

// "05 4e 55" -> {0x05, 0x4e, 0x55}; '|' is ignored, as in the description's dumps.
inline Bytes hex(std::string_view text) {
    Bytes out;
    std::string word;
    std::istringstream in{std::string(text)};
    while (in >> word) {
        if (word == "|") continue;
        out.push_back(static_cast<std::uint8_t>(std::stoul(word, nullptr, 16)));
    }
    return out;
}

// The raw bytes of a string.
inline Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

// A name padded with zeros to `width` bytes (32 for group fields).
inline Bytes padded(std::string_view s, std::size_t width = 32) {
    Bytes out(s.begin(), s.end());
    out.resize(width, 0);
    return out;
}

// Concatenation of pieces.
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// n zero bytes.
inline Bytes zeros(std::size_t n) { return Bytes(n, 0); }

}  // namespace braid::session::test
