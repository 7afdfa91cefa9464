// Network changes: transitional configurations, the state exchange after a
// regular configuration, and the merged views it produces.
#include <algorithm>

#include "groups/engine.hpp"

namespace braid::groups {

namespace {

std::string ring_text(const ring::RingId& id) {
    return std::to_string(id.representative) + "." + std::to_string(id.sequence);
}

// Identity of a previous view: the reporter's previous regular configuration
// and the group id it had there. Reporters from different partitions differ
// in the first part even if their counters happened to give equal ids.
using ViewKey = std::pair<ring::RingId, GroupId>;

}  // namespace

std::vector<Output> Engine::on_transitional(const Configuration& configuration) {
    std::vector<Output> out;
    if (state_ == State::exchanging) abandon_exchange(out);
    in_transitional_ = true;
    members_ = std::set<ring::DaemonId>(configuration.members.begin(), configuration.members.end());
    log(false,
        "transitional configuration of ring " + ring_text(configuration.ring) + " with " +
            std::to_string(members_.size()) + " daemons",
        out);
    drop_departed(members_, true, out);
    return out;
}

void Engine::drop_departed(const std::set<ring::DaemonId>& members, bool notify,
                           std::vector<Output>& out) {
    for (auto it = groups_.begin(); it != groups_.end();) {
        auto& group = it->second;
        const auto removed = std::erase_if(
            group.members, [&](const Member& m) { return !members.contains(m.daemon); });
        if (removed == 0) {
            ++it;
            continue;
        }
        group.changed = true;
        if (notify)
            for (const auto& member : group.members)
                if (is_local_live(member))
                    out.emplace_back(DeliverTransitional{member.name, it->first, group.id});
        it = group.members.empty() ? groups_.erase(it) : std::next(it);
    }
}

std::vector<Output> Engine::on_regular(const Configuration& configuration) {
    std::vector<Output> out;
    if (state_ == State::exchanging) abandon_exchange(out);
    const bool first = state_ == State::no_configuration;
    in_transitional_ = false;
    members_ = std::set<ring::DaemonId>(configuration.members.begin(), configuration.members.end());
    previous_ring_ = current_ring_;
    current_ring_ = configuration.ring;
    if (first) view_ring_ = current_ring_;
    // Normally the transitional configuration already removed these.
    drop_departed(members_, false, out);
    state_ = State::exchanging;
    contributions_.clear();
    reported_.clear();
    log(false,
        "regular configuration of ring " + ring_text(current_ring_) + " with " +
            std::to_string(members_.size()) + " daemons: exchanging group state",
        out);

    StateReport report{current_ring_, previous_ring_, true, {}};
    for (const auto& [name, group] : groups_) {
        ReportedGroup reported{name, group.id, group.changed, {}, {}};
        for (const auto& member : group.members) {
            if (member.daemon != settings_.self) continue;
            reported.members.push_back(member.name);
            if (member.late) reported.late.push_back(member.name);
        }
        if (!reported.members.empty()) report.groups.push_back(std::move(reported));
    }
    for (const auto& part : split_report(report, settings_.max_report_bytes))
        submit(settings_.daemon_name, part, out);
    // Requests made before the first configuration go after the report, so
    // they are delivered during or after the exchange and held as needed.
    for (const auto& request : waiting_) submit(request.member, request, out);
    waiting_.clear();
    return out;
}

void Engine::on_report(ring::DaemonId from, const StateReport& report, std::vector<Output>& out) {
    if (state_ != State::exchanging || report.ring != current_ring_ || !members_.contains(from) ||
        reported_.contains(from)) {
        log(false,
            "state report of daemon " + std::to_string(from) + " for ring " +
                ring_text(report.ring) + " ignored (not expected now)",
            out);
        return;
    }
    for (const auto& group : report.groups)
        contributions_[group.group].push_back({from, report.previous, group});
    if (!report.last) return;
    reported_.insert(from);
    if (reported_.size() == members_.size()) complete_exchange(out);
}

void Engine::complete_exchange(std::vector<Output>& out) {
    std::map<std::string, Group> merged;
    view_ring_ = current_ring_;
    counter_ = 0;
    std::size_t changed_groups = 0;
    for (auto& [name, parts] : contributions_) {
        Group group;
        std::map<ViewKey, std::vector<Member>> by_view;
        bool changed = false;
        std::vector<Member> late;
        for (const auto& part : parts) {
            const auto& reported = part.group;
            for (const auto& member : reported.members) {
                group.members.push_back({member, part.daemon, false});
                const bool is_late = std::find(reported.late.begin(), reported.late.end(),
                                               member) != reported.late.end();
                if (is_late)
                    late.push_back({member, part.daemon, false});
                else
                    by_view[{part.previous, reported.id}].push_back({member, part.daemon, false});
            }
            changed = changed || reported.changed || !reported.late.empty();
        }
        sort_members(group.members);
        sort_members(late);
        if (by_view.size() == 1 && late.empty() && !changed) {
            // One previous view, untouched by the network: it stays as it is.
            group.id = by_view.begin()->first.second;
            merged.emplace(name, std::move(group));
            continue;
        }
        ++changed_groups;
        group.id = next_id();
        RegularView view{name, Cause::network, group.id, names(group.members), {}, 0};
        for (auto& [key, set] : by_view) {
            sort_members(set);
            view.vs_sets.push_back(names(set));
        }
        for (const auto& member : late) view.vs_sets.push_back({member.name});
        for (const auto& member : group.members) {
            if (!is_local_live(member)) continue;
            // The receiver's own set: all of this daemon's members share one,
            // except those that joined in a transitional period.
            for (std::size_t i = 0; i < view.vs_sets.size(); ++i)
                if (std::find(view.vs_sets[i].begin(), view.vs_sets[i].end(), member.name) !=
                    view.vs_sets[i].end())
                    view.local_vs_set = i;
            out.emplace_back(DeliverMembership{member.name, view});
        }
        merged.emplace(name, std::move(group));
    }
    groups_ = std::move(merged);
    contributions_.clear();
    reported_.clear();
    state_ = State::operational;
    log(false,
        "group state exchange of ring " + ring_text(current_ring_) + " complete: " +
            std::to_string(groups_.size()) + " groups, " + std::to_string(changed_groups) +
            " changed by the network",
        out);
    replay_held(out);
}

void Engine::replay_held(std::vector<Output>& out) {
    auto held = std::move(held_);
    held_.clear();
    for (const auto& item : held) dispatch(item.from, item.message, out);
}

void Engine::abandon_exchange(std::vector<Output>& out) {
    // The configuration ended before every report arrived. The deliveries
    // held so far belong to it and every daemon that moves on with this one
    // holds the same ones: apply them to the unmerged table now, and mark
    // every group so that the next exchange gives it a fresh network view.
    log(true,
        "group state exchange of ring " + ring_text(current_ring_) +
            " interrupted by a configuration change",
        out);
    contributions_.clear();
    reported_.clear();
    state_ = State::operational;
    replay_held(out);
    for (auto& [name, group] : groups_) group.changed = true;
}

}  // namespace braid::groups
