#include "datalink/frame.hpp"

#include <algorithm>

#include "datalink/types.hpp"

namespace braid::datalink {

const char* to_string(PathKind kind) {
    switch (kind) {
        case PathKind::broadcast: return "broadcast";
        case PathKind::multicast: return "multicast";
        case PathKind::unicast: return "unicast";
    }
    return "unknown";
}

const char* to_string(DropReason reason) {
    switch (reason) {
        case DropReason::truncated: return "truncated";
        case DropReason::bad_magic: return "bad magic";
        case DropReason::bad_version: return "unsupported version";
        case DropReason::foreign_cluster: return "foreign cluster";
        case DropReason::bad_reserved: return "reserved bytes not zero";
        case DropReason::unexpected_tag: return "unexpected authentication tag";
        case DropReason::oversize: return "oversize";
        case DropReason::count_: break;
    }
    return "unknown";
}

std::uint64_t cluster_id(std::string_view name, std::uint16_t port) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    auto mix = [&hash](std::uint8_t byte) {
        hash ^= byte;
        hash *= 0x100000001b3ULL;
    };
    for (char c : name) mix(static_cast<std::uint8_t>(c));
    mix(static_cast<std::uint8_t>(port >> 8));
    mix(static_cast<std::uint8_t>(port & 0xFF));
    return hash;
}

FrameHeader encode_frame_header(std::uint64_t cluster) {
    FrameHeader h{};
    std::copy(kFrameMagic.begin(), kFrameMagic.end(), h.begin());
    h[4] = kFrameVersion;
    h[5] = 0;  // no authentication tag in version 1
    h[6] = 0;
    h[7] = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        h[8 + i] = static_cast<std::uint8_t>(cluster >> (56 - 8 * i));
    }
    return h;
}

DecodedFrame decode_frame(std::span<const std::uint8_t> datagram, std::uint64_t cluster) {
    DecodedFrame result;
    auto refuse = [&result](DropReason reason) {
        result.ok = false;
        result.reason = reason;
        return result;
    };
    // The magic is checked on whatever arrived, so that a short foreign
    // datagram is counted as foreign rather than as a truncated frame.
    const std::size_t magic_bytes = std::min(datagram.size(), kFrameMagic.size());
    if (!std::equal(datagram.begin(), datagram.begin() + static_cast<std::ptrdiff_t>(magic_bytes),
                    kFrameMagic.begin())) {
        return refuse(DropReason::bad_magic);
    }
    if (datagram.size() < kFrameHeaderSize) return refuse(DropReason::truncated);
    if (datagram[4] != kFrameVersion) return refuse(DropReason::bad_version);
    std::uint64_t id = 0;
    for (std::size_t i = 0; i < 8; ++i) id = (id << 8) | datagram[8 + i];
    if (id != cluster) return refuse(DropReason::foreign_cluster);
    if (datagram[6] != 0 || datagram[7] != 0) return refuse(DropReason::bad_reserved);
    const std::size_t tag_length = datagram[5];
    if (datagram.size() < kFrameHeaderSize + tag_length) return refuse(DropReason::truncated);
    if (tag_length != 0) return refuse(DropReason::unexpected_tag);
    result.ok = true;
    result.payload = datagram.subspan(kFrameHeaderSize);
    return result;
}

}  // namespace braid::datalink
