// [timeouts] and the multipath periods: derive what is not given, then check
// the whole set, since a value that is fine alone can break another.
#include <algorithm>

#include "config/derive.hpp"
#include "config/read.hpp"

namespace braid::config::detail {

namespace {

bool any_invalid(const ReadContext& context, std::initializer_list<std::string> paths) {
    return std::any_of(paths.begin(), paths.end(),
                       [&](const std::string& p) { return context.invalid_paths.count(p) != 0; });
}

// One value of a rule, with where it came from, for messages like
// "timeouts.join (300) must be at most half of timeouts.consensus (200, derived from timeouts.token)".
struct Term {
    std::string path;      // "timeouts.join"
    std::uint32_t value;   // resolved value
    std::string origin;    // "" when given, else "timeouts.token" or the like
    bool given() const { return origin.empty(); }
    std::string describe() const {
        std::string v = std::to_string(value);
        return path + " (" + (given() ? v : v + ", derived from " + origin) + ")";
    }
};

// Reports a broken rule at the first given term (a rule never fails on two derived terms).
void broken(ReadContext& context, const Term& a, const Term& b, const std::string& relation,
            const std::string& reason) {
    const Term& at = a.given() ? a : b;
    context.diagnostics.add(context.source_map.of(at.path),
                            a.describe() + " " + relation + " " + b.describe() + ": " + reason);
}

}  // namespace

void resolve_timings(Config& config, ReadContext& context) {
    Timeouts& t = config.timeouts;
    auto given = [&](const char* key) { return context.given(std::string("timeouts.") + key); };
    Timeouts derived = derive_timeouts(t.token);
    if (!given("token_retransmit")) t.token_retransmit = derived.token_retransmit;
    if (!given("consensus")) t.consensus = derived.consensus;
    if (!given("join")) t.join = derive_join(t.consensus);
    if (!given("merge")) t.merge = derived.merge;
    if (any_invalid(context, {"timeouts.token", "timeouts.token_retransmit", "timeouts.join",
                              "timeouts.consensus", "timeouts.merge"}))
        return;  // a set built on a rejected value would only add confusing errors

    auto term = [&](const char* key, std::uint32_t value, std::string origin) {
        return Term{std::string("timeouts.") + key, value, given(key) ? std::string() : std::move(origin)};
    };
    Term token{"timeouts.token", t.token, ""};  // given or default: never "derived"
    Term retransmit = term("token_retransmit", t.token_retransmit, "timeouts.token");
    Term consensus = term("consensus", t.consensus, "timeouts.token");
    Term join = term("join", t.join, given("consensus") ? "timeouts.consensus" : "timeouts.token");
    Term merge = term("merge", t.merge, "timeouts.token");

    if (std::uint64_t{t.token_retransmit} * 2 >= t.token)
        broken(context, retransmit, token, "must be less than half of",
               "the token must be resent at least twice before it is declared lost");
    if (std::uint64_t{t.join} * 2 > t.consensus)
        broken(context, join, consensus, "must be at most half of",
               "every daemon must resend its join at least twice before consensus gives up on it");
    if (t.consensus >= t.token)
        broken(context, consensus, token, "must be less than",
               "a membership change must settle before another token loss can be declared");
    if (t.merge < t.consensus)
        broken(context, merge, consensus, "must be at least",
               "presence broadcasts must not restart a membership change that is still settling");
}

void resolve_multipath(Config& config, ReadContext& context) {
    Multipath& m = config.multipath;
    auto given = [&](const char* key) { return context.given(std::string("multipath.") + key); };
    if (!given("probe_interval")) m.probe_interval_ms = derive_probe_interval(config.timeouts.token);
    if (!given("silence_timeout")) m.silence_timeout_ms = derive_silence_timeout(config.timeouts.token);
    if (!given("restore_after")) m.restore_after_ms = derive_restore_after(config.timeouts.token);

    // Priority: named networks first, in the order given, then the rest in file order.
    std::vector<std::string> order;
    if (context.given("multipath.priority")) {
        for (std::size_t i = 0; i < m.priority.size(); ++i) {
            const std::string& name = m.priority[i];
            std::string path = "multipath.priority[" + std::to_string(i) + "]";
            if (!config.find_network(name))
                context.reject(path, context.source_map.of(path), path + ": no [[network]] named '" + name + "'");
            else if (std::find(order.begin(), order.end(), name) != order.end())
                context.reject(path, context.source_map.of(path), path + ": '" + name + "' is listed twice");
            else
                order.push_back(name);
        }
    }
    for (const Network& network : config.networks)
        if (!network.name.empty() && std::find(order.begin(), order.end(), network.name) == order.end())
            order.push_back(network.name);
    m.priority = order;

    if (any_invalid(context, {"timeouts.token", "multipath.probe_interval", "multipath.silence_timeout",
                              "multipath.restore_after"}))
        return;
    auto term = [&](const char* key, std::uint32_t value) {
        return Term{std::string("multipath.") + key, value, given(key) ? std::string() : "timeouts.token"};
    };
    Term token{"timeouts.token", config.timeouts.token, ""};
    Term probe = term("probe_interval", m.probe_interval_ms);
    Term silence = term("silence_timeout", m.silence_timeout_ms);
    Term restore = term("restore_after", m.restore_after_ms);
    if (std::uint64_t{m.probe_interval_ms} * 2 > m.silence_timeout_ms)
        broken(context, probe, silence, "must be at most half of",
               "a healthy path must be heard at least twice before it is judged silent");
    if (m.silence_timeout_ms >= config.timeouts.token)
        broken(context, silence, token, "must be less than",
               "a dead path must be dropped before its silence costs a membership change");
    if (m.restore_after_ms < m.silence_timeout_ms)
        broken(context, restore, silence, "must be at least",
               "a path that flaps must stay healthy longer than it took to fail before it is used again");
}

}  // namespace braid::config::detail
