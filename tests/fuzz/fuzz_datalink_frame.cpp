// Fuzz target: the data link frame (src/datalink/frame.hpp).
//
// The first 8 bytes of the input choose the cluster identifier the frame is
// checked against, the rest is the datagram. An accepted frame's payload
// must be the datagram's tail after a header equal to encode_frame_header()
// (version 1 carries no tag), so header plus payload rebuilds the datagram.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "datalink/frame.hpp"
#include "fuzz_check.hpp"

using namespace braid::datalink;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return 0;
    std::uint64_t cluster = 0;
    for (std::size_t i = 0; i < 8; ++i) cluster = (cluster << 8) | data[i];
    const std::span<const std::uint8_t> datagram(data + 8, size - 8);

    const DecodedFrame frame = decode_frame(datagram, cluster);
    if (!frame.ok) {
        FUZZ_CHECK(frame.reason < DropReason::count_);
        FUZZ_CHECK(to_string(frame.reason) != nullptr);
        return 0;
    }
    const FrameHeader header = encode_frame_header(cluster);
    FUZZ_CHECK(datagram.size() == header.size() + frame.payload.size());
    FUZZ_CHECK(std::ranges::equal(datagram.first(header.size()), header));
    FUZZ_CHECK(frame.payload.data() == datagram.data() + header.size());
    return 0;
}
