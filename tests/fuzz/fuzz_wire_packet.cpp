// Fuzz target: daemon-to-daemon packets (src/wire), every kind through the
// dispatcher decode_packet().
//
// Bytes that decode must survive the round trip: encoding the packet gives
// back exactly the input (each value has one encoding, and decoders refuse
// trailing bytes), and the kind's own decoder agrees with the dispatcher.
// Bytes that do not decode must get an error inside the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

#include "fuzz_check.hpp"
#include "wire/packet.hpp"

namespace {

using namespace braid::wire;

Decoded<DataPacket> decode_as(const DataPacket&, std::span<const std::uint8_t> b) {
    return decode_data_packet(b);
}
Decoded<Token> decode_as(const Token&, std::span<const std::uint8_t> b) { return decode_token(b); }
Decoded<Join> decode_as(const Join&, std::span<const std::uint8_t> b) { return decode_join(b); }
Decoded<CommitToken> decode_as(const CommitToken&, std::span<const std::uint8_t> b) {
    return decode_commit_token(b);
}
Decoded<Presence> decode_as(const Presence&, std::span<const std::uint8_t> b) {
    return decode_presence(b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const auto decoded = decode_packet(bytes);
    if (!decoded.ok()) {
        FUZZ_CHECK(decoded.error().offset <= size);
        FUZZ_CHECK(!to_string(decoded.error()).empty());
        return 0;
    }
    std::visit(
        [&](const auto& packet) {
            const auto again = encode(packet);
            FUZZ_CHECK(std::ranges::equal(again, bytes));
            const auto direct = decode_as(packet, bytes);
            FUZZ_CHECK(direct.ok());
            FUZZ_CHECK(direct.value() == packet);
        },
        decoded.value());
    return 0;
}
