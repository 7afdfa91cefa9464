#include "groups/engine.hpp"

#include <algorithm>

namespace braid::groups {

namespace {

// Join and leave group names: 1..31 bytes of '$'..'~' (so never '#...').
bool valid_group_name(const std::string& name) {
    if (name.empty() || name.size() > 31) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x24 && u <= 0x7E;
    });
}

// The daemon part of "#name#daemon"; empty when the name has another shape.
std::string_view daemon_part(std::string_view member) {
    if (member.size() < 4 || member[0] != '#') return {};
    const auto second = member.find('#', 1);
    if (second == std::string_view::npos || second == 1) return {};
    return member.substr(second + 1);
}

}  // namespace

std::string_view cause_name(Cause cause) {
    switch (cause) {
    case Cause::join: return "join";
    case Cause::leave: return "leave";
    case Cause::disconnect: return "disconnect";
    case Cause::network: return "network";
    }
    return "unknown";
}

Engine::Engine(EngineSettings settings) : settings_(std::move(settings)) {}

bool Engine::member_before(const std::string& a, const std::string& b) const {
    const auto rank = [this](const std::string& member) {
        const auto daemon = daemon_part(member);
        const auto& order = settings_.daemon_order;
        const auto it = std::find(order.begin(), order.end(), daemon);
        return static_cast<std::size_t>(it - order.begin());
    };
    const auto ra = rank(a);
    const auto rb = rank(b);
    if (ra != rb) return ra < rb;
    return a < b;  // std::string compares bytes as unsigned char
}

void Engine::sort_members(std::vector<Member>& members) const {
    std::sort(members.begin(), members.end(),
              [this](const Member& a, const Member& b) { return member_before(a.name, b.name); });
}

std::vector<std::string> Engine::names(const std::vector<Member>& members) const {
    std::vector<std::string> out;
    out.reserve(members.size());
    for (const auto& member : members) out.push_back(member.name);
    return out;
}

bool Engine::is_local_live(const Member& member) const {
    return member.daemon == settings_.self && live_.contains(member.name);
}

void Engine::log(bool warning, std::string text, std::vector<Output>& out) const {
    out.emplace_back(LogLine{warning, std::move(text)});
}

GroupId Engine::next_id() {
    ++counter_;
    return GroupId{static_cast<std::int32_t>(view_ring_.representative),
                   static_cast<std::int32_t>(view_ring_.sequence), counter_};
}

// ---- local requests -------------------------------------------------------

std::vector<Output> Engine::open_session(const std::string& session) {
    std::vector<Output> out;
    if (daemon_part(session) != settings_.daemon_name) {
        log(true, "session " + session + " refused: not a private group of this daemon", out);
        return out;
    }
    live_.insert(session);
    return out;
}

std::vector<Output> Engine::join(const std::string& session, const std::string& group) {
    return local_request(session, RequestKind::join, group);
}

std::vector<Output> Engine::leave(const std::string& session, const std::string& group) {
    return local_request(session, RequestKind::leave, group);
}

std::vector<Output> Engine::disconnect(const std::string& session) {
    auto out = local_request(session, RequestKind::disconnect, {});
    live_.erase(session);
    return out;
}

std::vector<Output> Engine::local_request(const std::string& session, RequestKind kind,
                                          const std::string& group) {
    std::vector<Output> out;
    if (!live_.contains(session)) {
        log(true, "request from unknown session " + session + " ignored", out);
        return out;
    }
    if (kind != RequestKind::disconnect && !valid_group_name(group)) {
        log(true, "session " + session + ": illegal group name ignored", out);
        return out;
    }
    MemberRequest request{kind, session, group};
    if (state_ == State::no_configuration) {
        waiting_.push_back(std::move(request));
        return out;
    }
    submit(session, request, out);
    return out;
}

void Engine::submit(const std::string& sender, const Control& control, std::vector<Output>& out) {
    delivery::Message message;
    message.level = delivery::ServiceLevel::agreed;
    message.kind = delivery::MessageKind::group_control;
    message.sender = sender;
    message.body = encode_control(control);
    out.emplace_back(Submit{std::move(message)});
}

// ---- ordered deliveries ---------------------------------------------------

std::vector<Output> Engine::on_delivery(ring::DaemonId from, const delivery::Message& message) {
    std::vector<Output> out;
    dispatch(from, message, out);
    return out;
}

void Engine::dispatch(ring::DaemonId from, const delivery::Message& message,
                      std::vector<Output>& out) {
    if (state_ == State::no_configuration) {
        log(true, "delivery before the first configuration dropped", out);
        return;
    }
    if (message.kind == delivery::MessageKind::data) {
        if (state_ == State::exchanging) {
            held_.push_back({from, message});
            return;
        }
        route(message, out);
        return;
    }
    ControlError error;
    const auto control = decode_control(message.body, error);
    if (!control) {
        log(true,
            "control message from daemon " + std::to_string(from) + " dropped: " +
                std::string(error.what) + " at offset " + std::to_string(error.offset),
            out);
        return;
    }
    if (const auto* report = std::get_if<StateReport>(&*control)) {
        on_report(from, *report, out);
        return;
    }
    if (state_ == State::exchanging) {
        held_.push_back({from, message});
        return;
    }
    apply(from, std::get<MemberRequest>(*control), out);
}

void Engine::route(const delivery::Message& message, std::vector<Output>& out) {
    std::set<std::string> receivers;
    for (const auto& name : message.groups) {
        if (!name.empty() && name[0] == '#') {
            if (daemon_part(name) == settings_.daemon_name && live_.contains(name))
                receivers.insert(name);
            continue;
        }
        const auto it = groups_.find(name);
        if (it == groups_.end()) continue;
        for (const auto& member : it->second.members)
            if (is_local_live(member)) receivers.insert(member.name);
    }
    if (message.self_discard) receivers.erase(message.sender);
    if (receivers.empty()) return;
    const auto shared = std::make_shared<const delivery::Message>(message);
    for (const auto& session : receivers) out.emplace_back(DeliverData{session, shared});
}

void Engine::apply(ring::DaemonId from, const MemberRequest& request, std::vector<Output>& out) {
    if (!members_.contains(from)) {
        log(true,
            "request of " + request.member + " from daemon " + std::to_string(from) +
                " outside the configuration ignored",
            out);
        return;
    }
    switch (request.kind) {
    case RequestKind::join: apply_join(from, request, out); return;
    case RequestKind::leave: apply_leave(request, out); return;
    case RequestKind::disconnect: apply_disconnect(request, out); return;
    }
}

void Engine::apply_join(ring::DaemonId from, const MemberRequest& request,
                        std::vector<Output>& out) {
    auto& group = groups_[request.group];
    const bool known = std::any_of(group.members.begin(), group.members.end(),
                                   [&](const Member& m) { return m.name == request.member; });
    if (known) return;  // a second join changes nothing, as in Spread
    group.members.push_back({request.member, from, in_transitional_});
    sort_members(group.members);
    group.id = next_id();
    group.changed = group.changed || in_transitional_;
    RegularView view{request.group, Cause::join,       group.id,
                     names(group.members), {{request.member}}, 0};
    for (const auto& member : group.members)
        if (is_local_live(member)) out.emplace_back(DeliverMembership{member.name, view});
}

void Engine::apply_leave(const MemberRequest& request, std::vector<Output>& out) {
    const auto it = groups_.find(request.group);
    if (it == groups_.end()) return;
    const auto& members = it->second.members;
    const auto m = std::find_if(members.begin(), members.end(),
                                [&](const Member& x) { return x.name == request.member; });
    if (m == members.end()) return;  // leaving a group one is not in: ignored
    if (is_local_live(*m)) out.emplace_back(DeliverSelfLeave{m->name, request.group});
    remove_member(request.group, request.member, Cause::leave, out);
}

void Engine::apply_disconnect(const MemberRequest& request, std::vector<Output>& out) {
    // groups_ is a map: walked in group-name order, as section 5.5 says.
    std::vector<std::string> affected;
    for (const auto& [name, group] : groups_)
        for (const auto& member : group.members)
            if (member.name == request.member) affected.push_back(name);
    for (const auto& name : affected) remove_member(name, request.member, Cause::disconnect, out);
}

void Engine::remove_member(const std::string& name, const std::string& member, Cause cause,
                           std::vector<Output>& out) {
    auto& group = groups_.at(name);
    std::erase_if(group.members, [&](const Member& m) { return m.name == member; });
    if (group.members.empty()) {
        groups_.erase(name);
        return;
    }
    group.id = next_id();
    group.changed = group.changed || in_transitional_;
    RegularView view{name, cause, group.id, names(group.members), {{member}}, 0};
    for (const auto& m : group.members)
        if (is_local_live(m)) out.emplace_back(DeliverMembership{m.name, view});
}

}  // namespace braid::groups
