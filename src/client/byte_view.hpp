// A message body seen as one byte sequence whether the application passed a
// single buffer or a scatter: used to receive into, to fix the byte order of
// membership bodies, and to parse them in the SP_get_* helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "braid/sp.h"

namespace braid::client {

class ByteView {
public:
    // A single buffer of `len` bytes.
    ByteView(char* buf, std::size_t len);
    // The elements of a scatter; nullopt when it is malformed.
    static std::optional<ByteView> from_scatter(const scatter* scat);

    std::size_t size() const { return total_; }

    // Fills the first `n` bytes from the socket. Returns 0 or CONNECTION_CLOSED.
    int receive(int fd, std::size_t n);

    // Copies `n` bytes starting at `offset` out; false when out of range.
    bool read(std::size_t offset, void* out, std::size_t n) const;
    // Overwrites `n` bytes starting at `offset`; false when out of range.
    bool write(std::size_t offset, const void* in, std::size_t n);

    // A 32-bit word in host order, nullopt when out of range.
    std::optional<std::uint32_t> word(std::size_t offset) const;

private:
    ByteView() = default;
    // One contiguous piece.
    struct Piece {
        std::uint8_t* data;  // its bytes
        std::size_t len;     // their count
    };
    std::vector<Piece> pieces_;  // in order
    std::size_t total_ = 0;      // sum of lengths
};

}  // namespace braid::client
