// The delivery layer's byte formats: one client message as a byte string,
// and a ring payload as a sequence of records carrying whole messages or
// fragments of them.
//
// Payload (all integers big-endian):
//   u8  format version (1)
//   u64 sender counter: this daemon's payload number, 1, 2, ... in the order
//       its stream built them, so a receiver can put one sender's payloads in
//       order without waiting for other senders' gaps
//   u16 record count, at least 1 (so that a payload cut at a record
//       boundary is still recognised as cut)
//   the records, and nothing after them:
//     u8  kind: bit 0 = first piece of a message, bit 1 = last piece
//     u32 total encoded length (only on a first piece that is not the last)
//     u32 piece length (at least 1)
//     the piece
// Only the first record may continue a message (no first bit) and only the
// final record may leave one unfinished (no last bit): a sender finishes one
// message's pieces before it starts the next.
//
// Message (the byte string that is cut into pieces):
//   u64 message number, u8 service level, u8 flags (bit 0 = self discard,
//   bit 1 = group control message, bit 2 = sender big-endian),
//   u16 mess_type, u8 sender length + sender, u8 group count + for each group
//   (u8 length + name), u32 body length + body, and nothing after it.
//
// Decoders check every length against what remains and every value against
// its range; they never trust the input and report the offset of the first
// problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "delivery/message.hpp"

namespace braid::delivery {

inline constexpr std::uint8_t kPayloadVersion = 1;
inline constexpr std::size_t kPayloadHeaderBytes = 1 + 8 + 2;  // version, counter, record count
inline constexpr std::uint8_t kPieceFirst = 0x01;           // record kind bit: message starts here
inline constexpr std::uint8_t kPieceLast = 0x02;            // record kind bit: message ends here
// Record header sizes: kind + piece length, plus the total on an opening fragment.
inline constexpr std::size_t kRecordHeaderBytes = 1 + 4;
inline constexpr std::size_t kOpeningRecordHeaderBytes = 1 + 4 + 4;
// Largest encoded message: fixed fields, the longest sender, the body and group limit.
inline constexpr std::size_t kMaxEncodedMessage =
    8 + 1 + 1 + 2 + (1 + kMaxGroupNameLength) + 1 + 4 + kMaxMessageBytes;

// Where and why a decoder refused its input.
struct CodecError {
    std::size_t offset = 0;     // byte offset of the first problem
    std::string_view what;      // short description (static text)
};

// A message with the number its sending stream gave it.
struct NumberedMessage {
    std::uint64_t number = 0;  // sender's per-stream message number
    Message message;           // the client message
};

std::vector<std::uint8_t> encode_message(std::uint64_t number, const Message& message);

// Decodes one whole encoded message; nothing on error (error then says why).
std::optional<NumberedMessage> decode_message(std::span<const std::uint8_t> bytes,
                                              CodecError& error);

// One record of a payload; `piece` points into the payload's bytes.
struct PayloadRecord {
    bool first = false;               // the message starts in this record
    bool last = false;                // the message ends in this record
    std::uint32_t total = 0;          // encoded length of the whole message (first records only)
    std::span<const std::uint8_t> piece;  // this record's part of the encoded message
};

struct DecodedPayload {
    std::uint64_t counter = 0;            // sender's payload counter
    std::vector<PayloadRecord> records;   // in order
};

// Reads only the header; nothing when even that is malformed.
std::optional<std::uint64_t> decode_payload_counter(std::span<const std::uint8_t> bytes);

// Decodes and validates the framing of a whole payload; nothing on error.
std::optional<DecodedPayload> decode_payload(std::span<const std::uint8_t> bytes,
                                             CodecError& error);

// Appends records to a payload under construction (used by the packer).
// The header is written with a record count of zero; set_record_count()
// fills it in once the payload is complete.
void write_payload_header(std::vector<std::uint8_t>& out, std::uint64_t counter);
void set_record_count(std::vector<std::uint8_t>& out, std::uint16_t count);
void write_record(std::vector<std::uint8_t>& out, bool first, bool last, std::size_t total,
                  std::span<const std::uint8_t> piece);

}  // namespace braid::delivery
