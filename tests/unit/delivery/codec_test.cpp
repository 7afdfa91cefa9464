// Message limits and the bounds-checked message and payload decoders.
#include <gtest/gtest.h>

#include "delivery/byte_io.hpp"
#include "delivery/packer.hpp"
#include "delivery/payload_codec.hpp"
#include "harness.hpp"

namespace braid::delivery {
namespace {

using test::make_message;

TEST(MessageLimits, AcceptsUpToTheSpreadLimit) {
    Message m = make_message(ServiceLevel::agreed, "#alice#h1", kMaxMessageBytes, 1, {});
    EXPECT_EQ(validate(m), SubmitError::none);
    m.body.push_back(0);
    EXPECT_EQ(validate(m), SubmitError::too_large);
    EXPECT_EQ(describe(SubmitError::too_large),
              "message too large: data + 32 bytes per group exceeds 143952 bytes");
}

TEST(MessageLimits, GroupsCountThirtyTwoBytesEach) {
    std::vector<std::string> groups(100, std::string(31, 'g'));
    Message m = make_message(ServiceLevel::safe, "#a#h", kMaxMessageBytes - 3200, 2, groups);
    EXPECT_EQ(validate(m), SubmitError::none);
    m.body.push_back(0);
    EXPECT_EQ(validate(m), SubmitError::too_large);
    m.body.resize(10);
    m.groups.push_back("one-too-many");
    EXPECT_EQ(validate(m), SubmitError::too_many_groups);
}

TEST(MessageLimits, NamesAndLevelsAreChecked) {
    Message m = make_message(ServiceLevel::fifo, "#a#h", 10, 1, {std::string(32, 'g')});
    EXPECT_EQ(validate(m), SubmitError::group_name_too_long);
    m.groups = {std::string(31, 'g'), ""};
    EXPECT_EQ(validate(m), SubmitError::none);
    m.sender = "";
    EXPECT_EQ(validate(m), SubmitError::bad_sender);
    m.sender = std::string(32, 's');
    EXPECT_EQ(validate(m), SubmitError::bad_sender);
    m.sender = "#a#h";
    m.level = static_cast<ServiceLevel>(0);
    EXPECT_EQ(validate(m), SubmitError::bad_level);
    m.level = static_cast<ServiceLevel>(7);
    EXPECT_EQ(validate(m), SubmitError::bad_level);
}

TEST(MessageLimits, StreamReturnsTheErrorAndQueuesNothing) {
    Stream stream(1);
    const auto result = stream.submit(make_message(ServiceLevel::agreed, "#a#h", kMaxMessageBytes + 1, 1, {}));
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error, SubmitError::too_large);
    EXPECT_FALSE(stream.has_unsent());
    EXPECT_EQ(stream.counters().rejected, 1u);
    const auto ok = stream.submit(make_message(ServiceLevel::agreed, "#a#h", 5));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.id, (MessageId{1, 1}));
    EXPECT_EQ(stream.counters().submitted[level_index(ServiceLevel::agreed)], 1u);
}

TEST(MessageCodec, RoundTripKeepsEveryField) {
    Message m = make_message(ServiceLevel::causal, "#bob#h2", 300, 9, {"a", "", std::string(31, 'z')});
    m.self_discard = true;
    m.mess_type = -32768;
    const auto bytes = encode_message(77, m);
    CodecError error;
    const auto decoded = decode_message(bytes, error);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->number, 77u);
    EXPECT_EQ(decoded->message, m);
}

TEST(MessageCodec, KindAndSenderByteOrderRoundTrip) {
    Message m = make_message(ServiceLevel::agreed, "#bob#h2", 12, 1, {});
    m.kind = MessageKind::group_control;
    m.sender_big_endian = true;
    const auto bytes = encode_message(5, m);
    EXPECT_EQ(bytes[9], 0x06);  // flags: group control | sender big-endian
    CodecError error;
    const auto decoded = decode_message(bytes, error);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->message.kind, MessageKind::group_control);
    EXPECT_TRUE(decoded->message.sender_big_endian);
    EXPECT_EQ(decoded->message, m);
    m.kind = MessageKind::data;
    m.sender_big_endian = false;
    m.self_discard = true;
    const auto plain = encode_message(6, m);
    EXPECT_EQ(plain[9], 0x01);
    const auto back = decode_message(plain, error);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->message.kind, MessageKind::data);
    EXPECT_FALSE(back->message.sender_big_endian);
}

TEST(MessageCodec, EveryTruncationIsRejected) {
    const auto bytes = encode_message(3, make_message(ServiceLevel::safe, "#c#h", 40, 1, {"g1", "g2"}));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CodecError error;
        EXPECT_FALSE(decode_message(std::span(bytes).first(n), error)) << "length " << n;
        EXPECT_LE(error.offset, n);
        EXPECT_FALSE(error.what.empty());
    }
}

TEST(MessageCodec, InvalidFieldsAreNamed) {
    const auto good = encode_message(3, make_message(ServiceLevel::safe, "#c#h", 4, 1, {"g"}));
    CodecError error;
    auto bad = good;
    bad[8] = 7;  // service level
    EXPECT_FALSE(decode_message(bad, error));
    EXPECT_EQ(error.what, "unknown service level");
    EXPECT_EQ(error.offset, 8u);
    bad = good;
    bad[9] = 0x08;  // flags: first unassigned bit
    EXPECT_FALSE(decode_message(bad, error));
    EXPECT_EQ(error.what, "unknown message flags");
    EXPECT_EQ(error.offset, 9u);
    bad = good;
    bad[12] = 32;  // sender length
    EXPECT_FALSE(decode_message(bad, error));
    EXPECT_EQ(error.what, "message truncated or a name too long");
    EXPECT_EQ(error.offset, 13u);
    bad = good;
    bad.push_back(0);
    EXPECT_FALSE(decode_message(bad, error));
    EXPECT_EQ(error.what, "bytes after the message");
    EXPECT_EQ(error.offset, good.size());
}

TEST(MessageCodec, BodyOverTheLimitIsRejectedBeforeReading) {
    std::vector<std::uint8_t> bytes;
    ByteWriter w(bytes);
    w.u64(1);
    w.u8(2);
    w.u8(0);
    w.u16(0);
    w.u8(1);
    w.u8('s');
    w.u8(1);  // one group: 32 bytes of the budget
    w.u8(1);
    w.u8('g');
    w.u32(static_cast<std::uint32_t>(kMaxMessageBytes - 31));
    CodecError error;
    EXPECT_FALSE(decode_message(bytes, error));
    EXPECT_EQ(error.what, "message body over the size limit");
    EXPECT_EQ(error.offset, 17u);
}

// A payload with three records: the end of one message, a whole one, the
// start of a third.
std::vector<std::uint8_t> three_record_payload() {
    Packer packer;
    Counters counters;
    packer.push(1, make_message(ServiceLevel::fifo, "#a#h", 150));
    packer.push(2, make_message(ServiceLevel::fifo, "#a#h", 20));
    packer.push(3, make_message(ServiceLevel::fifo, "#a#h", 400));
    packer.next(100, counters);            // the start of message 1
    auto payload = packer.next(400, counters);  // its end, message 2, the start of 3
    return *payload;
}

TEST(PayloadCodec, PackedPayloadDecodes) {
    const auto bytes = three_record_payload();
    CodecError error;
    const auto payload = decode_payload(bytes, error);
    ASSERT_TRUE(payload) << error.what;
    EXPECT_EQ(payload->counter, 2u);
    ASSERT_EQ(payload->records.size(), 3u);
    EXPECT_FALSE(payload->records[0].first);
    EXPECT_TRUE(payload->records[0].last);
    EXPECT_TRUE(payload->records[1].first && payload->records[1].last);
    EXPECT_TRUE(payload->records[2].first);
    EXPECT_FALSE(payload->records[2].last);
    EXPECT_EQ(bytes.size(), 400u);
}

TEST(PayloadCodec, EveryTruncationIsRejected) {
    const auto bytes = three_record_payload();
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CodecError error;
        EXPECT_FALSE(decode_payload(std::span(bytes).first(n), error)) << "length " << n;
        EXPECT_FALSE(error.what.empty());
    }
}

TEST(PayloadCodec, InvalidFramingIsNamed) {
    const auto good = three_record_payload();
    const auto expect_error = [](std::vector<std::uint8_t> bytes, std::string_view what,
                                 std::size_t offset) {
        CodecError error;
        EXPECT_FALSE(decode_payload(bytes, error));
        EXPECT_EQ(error.what, what);
        EXPECT_EQ(error.offset, offset);
    };
    auto bad = good;
    bad[0] = 2;
    expect_error(bad, "unknown payload version", 0);
    bad = good;
    for (int i = 1; i <= 8; ++i) bad[i] = 0;
    expect_error(bad, "payload counter zero", 1);
    bad = good;
    bad[9] = bad[10] = 0;
    expect_error(bad, "payload without records", 9);
    bad = good;
    bad[11] = 0x04;
    expect_error(bad, "unknown record kind", 11);
    // Offsets of the records inside the good payload.
    CodecError none;
    const auto decoded = decode_payload(good, none);
    ASSERT_TRUE(decoded);
    const auto at = [&](std::size_t record, std::size_t header) {
        return static_cast<std::size_t>(decoded->records[record].piece.data() - good.data()) -
               header;
    };
    const std::size_t second = at(1, kRecordHeaderBytes);
    const std::size_t third = at(2, kOpeningRecordHeaderBytes);
    bad = good;
    bad[10] = 2;  // claims two records: the third is left over
    expect_error(bad, "bytes after the last record", third);
    bad = good;
    bad[second] = kPieceLast;  // a continuation that is not the first record
    expect_error(bad, "continuation record after the first record", second);
    bad = good;
    bad[11] = 0;  // the first record leaves its message unfinished
    expect_error(bad, "record after an unfinished message", second);
    bad = good;
    for (int i = 1; i <= 4; ++i) bad[second + i] = 0;  // zero-length piece
    expect_error(bad, "record length out of range", second + 1);
    bad = good;
    for (int i = 1; i <= 4; ++i) bad[third + i] = 0;  // total 0, not above the piece length
    expect_error(bad, "message length out of range", third + 1);
    bad = good;
    bad[second + 4] = static_cast<std::uint8_t>(bad[second + 4] + 1);  // piece runs past the end
    CodecError error;
    EXPECT_FALSE(decode_payload(bad, error));
}

TEST(PayloadCodec, CounterIsReadableFromAHeaderAlone) {
    const auto good = three_record_payload();
    EXPECT_EQ(decode_payload_counter(good), 2u);
    EXPECT_EQ(decode_payload_counter(std::span(good).first(kPayloadHeaderBytes)), 2u);
    EXPECT_FALSE(decode_payload_counter(std::span(good).first(kPayloadHeaderBytes - 1)));
}

}  // namespace
}  // namespace braid::delivery
