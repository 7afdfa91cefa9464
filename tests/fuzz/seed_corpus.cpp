// Writes the seed corpora of the fuzz targets: valid inputs made by the real
// encoders, so every run starts from inputs that get past the first checks.
//
//   fuzz_seed_corpus DIR     writes DIR/<target>/<name> for every target
//
// The files are small and kept in tests/fuzz/corpus/; rerun this after a
// format change. The configuration targets take their seeds from
// etc/braid.toml and tests/unit/config_legacy/samples (scripts/fuzz adds them).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "datalink/frame.hpp"
#include "delivery/payload_codec.hpp"
#include "multipath/header.hpp"
#include "session/client_side.hpp"
#include "session/constants.hpp"
#include "wire/packet.hpp"

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

namespace {

fs::path g_root;  // output directory

void put(const std::string& target, const std::string& name, const Bytes& bytes) {
    const fs::path dir = g_root / target;
    fs::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", (dir / name).c_str());
        std::exit(1);
    }
}

Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes all;
    for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
}

void wire_seeds() {
    using namespace braid::wire;
    const std::uint32_t cluster = cluster_tag("prod");
    const braid::ring::RingId ring{3, 42};
    put("fuzz_wire_packet", "data", encode(DataPacket{cluster, ring, 3, 17, {1, 2, 3, 4, 5}}));
    put("fuzz_wire_packet", "data_empty", encode(DataPacket{cluster, ring, 1, 1, {}}));
    put("fuzz_wire_packet", "token", encode(Token{cluster, ring, 5, 3, 9, 20, 18, 5, 4, {19, 20}}));
    put("fuzz_wire_packet", "token_plain",
        encode(Token{cluster, ring, 1, 2, 1, 0, 0, std::nullopt, 0, {}}));
    put("fuzz_wire_packet", "join", encode(Join{cluster, ring, 3, 2, 42, {1, 3, 5}, {7}}));
    put("fuzz_wire_packet", "commit",
        encode(CommitToken{cluster, {1, 44}, 3, 1, 2, 1,
                           {CommitEntry{1, true, ring, 10, 12}, CommitEntry{3, false, {}, 0, 0}}}));
    put("fuzz_wire_packet", "commit_second",
        encode(CommitToken{cluster, {1, 44}, 1, 3, 4, 2,
                           {CommitEntry{1, true, ring, 10, 12}, CommitEntry{3, true, ring, 9, 12}}}));
    put("fuzz_wire_packet", "presence", encode(Presence{cluster, ring, 3}));
}

void delivery_seeds() {
    using namespace braid::delivery;
    Message m;
    m.level = ServiceLevel::agreed;
    m.sender = "#alice#h1";
    m.groups = {"chat", "news"};
    m.mess_type = 7;
    m.body = {'h', 'e', 'l', 'l', 'o'};
    const Bytes message = encode_message(1, m);
    put("fuzz_delivery_payload", "message", message);

    Bytes whole;
    write_payload_header(whole, 1);
    write_record(whole, true, true, message.size(), message);
    write_record(whole, true, true, message.size(), message);
    set_record_count(whole, 2);
    put("fuzz_delivery_payload", "payload_two_messages", whole);

    const std::size_t half = message.size() / 2;
    Bytes opening;
    write_payload_header(opening, 2);
    write_record(opening, true, true, message.size(), message);
    write_record(opening, true, false, message.size(), std::span(message).first(half));
    set_record_count(opening, 2);
    put("fuzz_delivery_payload", "payload_opening_fragment", opening);

    Bytes closing;
    write_payload_header(closing, 3);
    write_record(closing, false, true, message.size(), std::span(message).subspan(half));
    set_record_count(closing, 1);
    put("fuzz_delivery_payload", "payload_closing_fragment", closing);
}

void multipath_seeds() {
    using namespace braid::multipath;
    Bytes ring;
    encode_header(Header{Kind::ring, 1, 0x3, 2, 1000, 55}, ring);
    ring.insert(ring.end(), {0xB7, 0xA1, 1, 2});
    put("fuzz_multipath_header", "ring", ring);

    Bytes probe;
    encode_header(Header{Kind::probe, 0, 0x1, 2, 1000, 56}, probe);
    ProbeBody body;
    body.peers.push_back(PeerReport{1, 900, {LinkReport{0, PathState::up, 12},
                                             LinkReport{1, PathState::faulty, 0}}});
    body.peers.push_back(PeerReport{3, 0, {}});
    encode_probe(body, probe);
    put("fuzz_multipath_header", "probe", probe);
}

void datalink_seeds() {
    using namespace braid::datalink;
    // The target reads the cluster identifier from the first 8 bytes.
    const std::uint64_t cluster = cluster_id("prod", 4803);
    Bytes input;
    for (int shift = 56; shift >= 0; shift -= 8) input.push_back(static_cast<std::uint8_t>(cluster >> shift));
    const FrameHeader header = encode_frame_header(cluster);
    input.insert(input.end(), header.begin(), header.end());
    put("fuzz_datalink_frame", "empty_payload", input);
    input.insert(input.end(), {1, 2, 0, 1, 0, 0, 0, 0});
    put("fuzz_datalink_frame", "payload", input);
}

void session_seeds() {
    using namespace braid::session;
    const DaemonVersion lib{4, 4, 0};
    const Bytes hello = cat({encode_connect_request(lib, true, 0, "alice"), encode_auth_choice("NULL")});
    const std::string group = "#alice#fuzzd";
    const Bytes body = {'h', 'i', 0, 0xFF};
    for (const ByteOrder order : {ByteOrder::little, ByteOrder::big}) {
        const std::string suffix = order == ByteOrder::little ? "_le" : "_be";
        put("fuzz_session_protocol", "join_send_leave_kill" + suffix,
            cat({hello, encode_client_request(kJoin, group, {"chat"}, 0, {}, order),
                 encode_client_request(kAgreed, group, {"chat", "news"}, 5, body, order),
                 encode_client_request(kSafe | kSelfDiscard, group, {"chat"}, -3, {}, order),
                 encode_client_request(kLeave, group, {"chat"}, 0, {}, order),
                 encode_client_request(kKill, group, {}, 0, {}, order)}));
    }
    for (const std::uint32_t level : {kUnreliable, kReliable, kFifo, kCausal})
        put("fuzz_session_protocol", "send_" + std::to_string(level),
            cat({hello, encode_client_request(level, group, {"a", "b", "c"}, 1, body, ByteOrder::little)}));
    put("fuzz_session_protocol", "handshake_only", hello);
    put("fuzz_session_protocol", "generated_name",
        cat({encode_connect_request(lib, false, 3, ""), encode_auth_choice("NULL")}));
    put("fuzz_session_protocol", "old_library",
        cat({encode_connect_request(DaemonVersion{3, 14, 0}, true, 0, "bob"), encode_auth_choice("NULL")}));
    put("fuzz_session_protocol", "name_taken",
        cat({encode_connect_request(lib, true, 0, "taken"), encode_auth_choice("NULL")}));
    put("fuzz_session_protocol", "bad_auth",
        cat({encode_connect_request(lib, true, 0, "carol"), encode_auth_choice("PWORD")}));
    put("fuzz_session_protocol", "illegal_group",
        cat({hello, encode_client_request(kJoin, group, {"bad#name"}, 0, {}, ByteOrder::little)}));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    g_root = argv[1];
    wire_seeds();
    delivery_seeds();
    multipath_seeds();
    datalink_seeds();
    session_seeds();
    return 0;
}
