// Fuzz target: the delivery layer's byte formats (src/delivery/payload_codec.hpp).
//
// The same bytes are read both as a ring payload and as one encoded message.
// A payload that decodes is rebuilt record by record with the packer's own
// writers and must come out byte for byte equal; a message that decodes must
// re-encode to the same bytes. Every whole message inside a payload is
// decoded too, as the receiver's reassembly would.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "delivery/payload_codec.hpp"
#include "fuzz_check.hpp"

using namespace braid::delivery;

namespace {

void check_message(std::span<const std::uint8_t> bytes) {
    CodecError error;
    const auto decoded = decode_message(bytes, error);
    if (!decoded) {
        FUZZ_CHECK(error.offset <= bytes.size());
        FUZZ_CHECK(!error.what.empty());
        return;
    }
    const auto again = encode_message(decoded->number, decoded->message);
    FUZZ_CHECK(std::ranges::equal(again, bytes));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    check_message(bytes);

    CodecError error;
    const auto payload = decode_payload(bytes, error);
    if (!payload) {
        FUZZ_CHECK(error.offset <= size);
        FUZZ_CHECK(!error.what.empty());
        return 0;
    }
    FUZZ_CHECK(!payload->records.empty());
    const auto counter = decode_payload_counter(bytes);
    FUZZ_CHECK(counter && *counter == payload->counter);

    std::vector<std::uint8_t> rebuilt;
    write_payload_header(rebuilt, payload->counter);
    for (std::size_t i = 0; i < payload->records.size(); ++i) {
        const PayloadRecord& record = payload->records[i];
        FUZZ_CHECK(!record.piece.empty());
        FUZZ_CHECK(record.piece.data() >= bytes.data() &&
                   record.piece.data() + record.piece.size() <= bytes.data() + size);
        // Only the first record may continue a message, only the last leave one open.
        if (i > 0) FUZZ_CHECK(record.first);
        if (i + 1 < payload->records.size()) FUZZ_CHECK(record.last);
        write_record(rebuilt, record.first, record.last, record.total, record.piece);
        if (record.first && record.last) check_message(record.piece);
    }
    set_record_count(rebuilt, static_cast<std::uint16_t>(payload->records.size()));
    FUZZ_CHECK(std::ranges::equal(rebuilt, bytes));
    return 0;
}
