// ByteView; see byte_view.hpp.
#include "client/byte_view.hpp"

#include <algorithm>
#include <cstring>
#include <span>

#include "client/socket_io.hpp"

namespace braid::client {

ByteView::ByteView(char* buf, std::size_t len) {
    if (len > 0) pieces_.push_back({reinterpret_cast<std::uint8_t*>(buf), len});
    total_ = len;
}

std::optional<ByteView> ByteView::from_scatter(const scatter* scat) {
    if (scat == nullptr || scat->num_elements < 0 ||
        scat->num_elements > MAX_CLIENT_SCATTER_ELEMENTS)
        return std::nullopt;
    ByteView v;
    for (int i = 0; i < scat->num_elements; ++i) {
        const scat_element& e = scat->elements[i];
        if (e.len < 0 || (e.len > 0 && e.buf == nullptr)) return std::nullopt;
        if (e.len == 0) continue;
        v.pieces_.push_back({reinterpret_cast<std::uint8_t*>(e.buf), static_cast<std::size_t>(e.len)});
        v.total_ += static_cast<std::size_t>(e.len);
    }
    return v;
}

int ByteView::receive(int fd, std::size_t n) {
    for (const Piece& p : pieces_) {
        if (n == 0) break;
        const std::size_t take = std::min(n, p.len);
        if (read_exact(fd, std::span<std::uint8_t>(p.data, take)) != 0) return CONNECTION_CLOSED;
        n -= take;
    }
    return 0;
}

bool ByteView::read(std::size_t offset, void* out, std::size_t n) const {
    if (offset > total_ || n > total_ - offset) return false;
    auto* dst = static_cast<std::uint8_t*>(out);
    for (const Piece& p : pieces_) {
        if (n == 0) break;
        if (offset >= p.len) {
            offset -= p.len;
            continue;
        }
        const std::size_t take = std::min(n, p.len - offset);
        std::memcpy(dst, p.data + offset, take);
        dst += take;
        n -= take;
        offset = 0;
    }
    return true;
}

bool ByteView::write(std::size_t offset, const void* in, std::size_t n) {
    if (offset > total_ || n > total_ - offset) return false;
    const auto* src = static_cast<const std::uint8_t*>(in);
    for (const Piece& p : pieces_) {
        if (n == 0) break;
        if (offset >= p.len) {
            offset -= p.len;
            continue;
        }
        const std::size_t take = std::min(n, p.len - offset);
        std::memcpy(p.data + offset, src, take);
        src += take;
        n -= take;
        offset = 0;
    }
    return true;
}

std::optional<std::uint32_t> ByteView::word(std::size_t offset) const {
    std::uint32_t v;
    if (!read(offset, &v, sizeof v)) return std::nullopt;
    return v;
}

}  // namespace braid::client
