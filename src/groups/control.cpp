#include "groups/control.hpp"

#include "delivery/byte_io.hpp"

namespace braid::groups {

namespace {

using delivery::ByteReader;
using delivery::ByteWriter;

constexpr std::size_t kMaxName = 31;
constexpr std::uint8_t kKindState = 4;

void write_name(ByteWriter& out, const std::string& name) {
    out.u8(static_cast<std::uint8_t>(name.size()));
    out.bytes({reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
}

std::string read_name(ByteReader& in) {
    const std::size_t length = in.u8();
    if (length > kMaxName) {
        in.fail();
        return {};
    }
    const auto bytes = in.bytes(length);
    return std::string(bytes.begin(), bytes.end());
}

void write_ring(ByteWriter& out, const ring::RingId& id) {
    out.u32(id.representative);
    out.u64(id.sequence);
}

ring::RingId read_ring(ByteReader& in) {
    ring::RingId id;
    id.representative = in.u32();
    id.sequence = in.u64();
    return id;
}

void write_group(ByteWriter& out, const ReportedGroup& group) {
    write_name(out, group.group);
    out.u32(static_cast<std::uint32_t>(group.id.proc_id));
    out.u32(static_cast<std::uint32_t>(group.id.time));
    out.u32(static_cast<std::uint32_t>(group.id.index));
    out.u8(group.changed ? 1 : 0);
    out.u16(static_cast<std::uint16_t>(group.members.size()));
    for (const auto& member : group.members) write_name(out, member);
    out.u16(static_cast<std::uint16_t>(group.late.size()));
    for (const auto& member : group.late) write_name(out, member);
}

// Encoded size of one group record.
std::size_t group_bytes(const ReportedGroup& group) {
    std::size_t n = 1 + group.group.size() + 12 + 1 + 2 + 2;
    for (const auto& member : group.members) n += 1 + member.size();
    for (const auto& member : group.late) n += 1 + member.size();
    return n;
}

constexpr std::size_t kStateHeaderBytes = 2 + 12 + 12 + 1 + 2;

std::optional<Control> decode_state(ByteReader& in, ControlError& error) {
    StateReport report;
    report.ring = read_ring(in);
    report.previous = read_ring(in);
    const auto last = in.u8();
    if (!in.failed() && last > 1) {
        error = {in.offset() - 1, "bad last-part flag"};
        return std::nullopt;
    }
    report.last = last == 1;
    const std::size_t count = in.u16();
    for (std::size_t i = 0; i < count && !in.failed(); ++i) {
        ReportedGroup group;
        group.group = read_name(in);
        group.id.proc_id = static_cast<std::int32_t>(in.u32());
        group.id.time = static_cast<std::int32_t>(in.u32());
        group.id.index = static_cast<std::int32_t>(in.u32());
        const auto changed = in.u8();
        if (!in.failed() && changed > 1) {
            error = {in.offset() - 1, "bad changed flag"};
            return std::nullopt;
        }
        group.changed = changed == 1;
        const std::size_t members = in.u16();
        for (std::size_t m = 0; m < members && !in.failed(); ++m)
            group.members.push_back(read_name(in));
        const std::size_t late = in.u16();
        for (std::size_t m = 0; m < late && !in.failed(); ++m) group.late.push_back(read_name(in));
        report.groups.push_back(std::move(group));
    }
    if (in.failed()) {
        error = {in.fail_offset(), "state report truncated or a name too long"};
        return std::nullopt;
    }
    return report;
}

}  // namespace

std::vector<std::uint8_t> encode_control(const Control& control) {
    std::vector<std::uint8_t> bytes;
    ByteWriter out(bytes);
    out.u8(kControlVersion);
    if (const auto* request = std::get_if<MemberRequest>(&control)) {
        out.u8(static_cast<std::uint8_t>(request->kind));
        write_name(out, request->member);
        if (request->kind != RequestKind::disconnect) write_name(out, request->group);
        return bytes;
    }
    const auto& report = std::get<StateReport>(control);
    out.u8(kKindState);
    write_ring(out, report.ring);
    write_ring(out, report.previous);
    out.u8(report.last ? 1 : 0);
    out.u16(static_cast<std::uint16_t>(report.groups.size()));
    for (const auto& group : report.groups) write_group(out, group);
    return bytes;
}

std::optional<Control> decode_control(std::span<const std::uint8_t> bytes, ControlError& error) {
    ByteReader in(bytes);
    const auto version = in.u8();
    const auto kind = in.u8();
    if (in.failed()) {
        error = {in.fail_offset(), "control message truncated"};
        return std::nullopt;
    }
    if (version != kControlVersion) {
        error = {0, "unknown control message version"};
        return std::nullopt;
    }
    std::optional<Control> result;
    if (kind >= 1 && kind <= 3) {
        MemberRequest request;
        request.kind = static_cast<RequestKind>(kind);
        request.member = read_name(in);
        if (request.kind != RequestKind::disconnect) request.group = read_name(in);
        if (in.failed()) {
            error = {in.fail_offset(), "member request truncated or a name too long"};
            return std::nullopt;
        }
        if (request.member.empty()) {
            error = {2, "empty member name"};
            return std::nullopt;
        }
        result = std::move(request);
    } else if (kind == kKindState) {
        result = decode_state(in, error);
        if (!result) return std::nullopt;
    } else {
        error = {1, "unknown control message kind"};
        return std::nullopt;
    }
    if (in.remaining() != 0) {
        error = {in.offset(), "bytes after the control message"};
        return std::nullopt;
    }
    return result;
}

std::vector<StateReport> split_report(const StateReport& report, std::size_t max_body) {
    std::vector<StateReport> parts;
    StateReport part{report.ring, report.previous, false, {}};
    std::size_t size = kStateHeaderBytes;
    // A u16 count also bounds a part's groups.
    constexpr std::size_t kMaxGroupsPerPart = 0xFFFF;
    for (const auto& group : report.groups) {
        const std::size_t n = group_bytes(group);
        if (!part.groups.empty() &&
            (size + n > max_body || part.groups.size() == kMaxGroupsPerPart)) {
            parts.push_back(std::move(part));
            part = StateReport{report.ring, report.previous, false, {}};
            size = kStateHeaderBytes;
        }
        part.groups.push_back(group);
        size += n;
    }
    part.last = true;
    parts.push_back(std::move(part));
    return parts;
}

}  // namespace braid::groups
