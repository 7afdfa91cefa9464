// The byte vectors of the protocol description's worked example (section 11,
// x86-64 client and daemon, client "alice" on daemon "localhost"), plus a
// helper to build other frames the same way.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace braid::client::test {

using Bytes = std::vector<std::uint8_t>;

// Concatenates pieces of bytes.
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// A 32-byte zero-padded name field.
inline Bytes name32(const std::string& s) {
    Bytes out(32, 0);
    for (std::size_t i = 0; i < s.size() && i < 31; ++i) out[i] = static_cast<std::uint8_t>(s[i]);
    return out;
}

inline Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

namespace vectors {

// (a) connect request.
inline const Bytes connect_request = {0x05, 0x00, 0x01, 0x01, 0x05, 'a', 'l', 'i', 'c', 'e'};
// Daemon's method list: length 5, "NULL ".
inline const Bytes auth_list = {0x05, 0x4e, 0x55, 0x4c, 0x4c, 0x20};
// Client's 90-byte auth choice.
inline const Bytes auth_choice = cat({text("NULL"), Bytes(86, 0)});
// (b) accept block.
inline const Bytes accept_block = cat({{0x01, 0x05, 0x00, 0x01, 0x10}, text("#alice#localhost")});

// (c) SP_join("g1"); leave and kill differ only in the type word (and group).
inline const Bytes join_g1 = cat({{0x80, 0x00, 0x01, 0x80},
                                  name32("#alice#localhost"),
                                  {0x01, 0x00, 0x00, 0x00},
                                  {0x80, 0x00, 0x00, 0x80},
                                  {0x00, 0x00, 0x00, 0x00},
                                  name32("g1")});
inline const Bytes leave_g1 = cat({{0x80, 0x00, 0x02, 0x80},
                                   name32("#alice#localhost"),
                                   {0x01, 0x00, 0x00, 0x00},
                                   {0x80, 0x00, 0x00, 0x80},
                                   {0x00, 0x00, 0x00, 0x00},
                                   name32("g1")});
inline const Bytes disconnect = cat({{0x80, 0x00, 0x04, 0x80},
                                     name32("#alice#localhost"),
                                     {0x01, 0x00, 0x00, 0x00},
                                     {0x80, 0x00, 0x00, 0x80},
                                     {0x00, 0x00, 0x00, 0x00},
                                     name32("#alice#localhost")});

// (d) AGREED "hello" to g1, mess_type 7; (f) the delivery is identical.
inline const Bytes agreed_hello = cat({{0x90, 0x00, 0x00, 0x80},
                                       name32("#alice#localhost"),
                                       {0x01, 0x00, 0x00, 0x00},
                                       {0x80, 0x07, 0x00, 0x80},
                                       {0x05, 0x00, 0x00, 0x00},
                                       name32("g1"),
                                       text("hello")});

// (e) regular membership of g1 after alice's join, 136 bytes.
inline const Bytes join_membership = cat({{0x80, 0x11, 0x00, 0x80},
                                          name32("g1"),
                                          {0x01, 0x00, 0x00, 0x00},
                                          {0x80, 0x00, 0x00, 0x80},
                                          {0x38, 0x00, 0x00, 0x00},
                                          name32("#alice#localhost"),
                                          {0x26, 0x97, 0xc5, 0x1c},
                                          {0xb0, 0x71, 0x02, 0x6b},
                                          {0x01, 0x00, 0x00, 0x00},
                                          {0x01, 0x00, 0x00, 0x00},
                                          {0x00, 0x00, 0x00, 0x00},
                                          {0x01, 0x00, 0x00, 0x00},
                                          name32("#alice#localhost")});

// (g) the self-leave after SP_leave("g1"), header only.
inline const Bytes self_leave = cat({{0x80, 0x02, 0x00, 0x80},
                                     name32("g1"),
                                     {0x00, 0x00, 0x00, 0x00},
                                     {0x80, 0x00, 0x00, 0x80},
                                     {0x00, 0x00, 0x00, 0x00}});

// (h) a Java (big-endian) sender's message as the x86 daemon delivers it.
inline const Bytes java_hello = cat({{0x90, 0x00, 0x00, 0x80},
                                     name32("#jalice#localhost"),
                                     {0x01, 0x00, 0x00, 0x00},
                                     {0x00, 0x00, 0x07, 0x00},
                                     {0x05, 0x00, 0x00, 0x00},
                                     name32("g1"),
                                     text("hello")});

}  // namespace vectors
}  // namespace braid::client::test
