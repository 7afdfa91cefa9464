#include "support/delivery/delivery_checker.hpp"

namespace braid::delivery {

DeliveryChecker::DeliveryChecker(const std::vector<ring::DaemonId>& daemons) {
    for (const auto daemon : daemons) views_[daemon];
}

void DeliveryChecker::fail(std::string text) {
    if (!violation_) violation_ = std::move(text);
}

std::string DeliveryChecker::describe(const MessageId& id) const {
    std::string text = "message " + to_string(id);
    const auto it = submissions_.find(id);
    if (it != submissions_.end())
        text += " (" + std::string(level_name(it->second.level)) + " from " + it->second.sender + ")";
    return text;
}

void DeliveryChecker::submitted(const MessageId& id, const std::string& sender,
                                ServiceLevel level) {
    const auto view = views_.find(id.daemon);
    if (view == views_.end()) {
        fail(describe(id) + " submitted at daemon " + std::to_string(id.daemon) +
             ", which is not in the configuration");
        return;
    }
    if (submissions_.contains(id)) {
        fail(describe(id) + " submitted twice");
        return;
    }
    auto& connection = connections_[{id.daemon, sender}];
    submissions_[id] = {sender, level, connection.size(), view->second.log.size()};
    connection.push_back(id);
}

void DeliveryChecker::holds(ring::DaemonId at, ring::Seq seq) {
    const auto view = views_.find(at);
    if (view != views_.end()) view->second.held.insert(seq);
}

void DeliveryChecker::delivered(ring::DaemonId at, const Delivery& delivery) {
    const MessageId& id = delivery.id;
    const auto view_it = views_.find(at);
    if (view_it == views_.end()) {
        fail(describe(id) + " delivered at daemon " + std::to_string(at) +
             ", which is not in the configuration");
        return;
    }
    View& view = view_it->second;
    const auto submission = submissions_.find(id);
    if (submission == submissions_.end()) {
        fail(describe(id) + " delivered at daemon " + std::to_string(at) +
             " but never submitted");
        return;
    }
    const Submission& s = submission->second;
    if (s.level != delivery.message.level || s.sender != delivery.message.sender) {
        fail(describe(id) + " delivered at daemon " + std::to_string(at) + " as " +
             std::string(level_name(delivery.message.level)) + " from " +
             delivery.message.sender);
        return;
    }
    if (view.delivered.contains(id)) {
        fail(describe(id) + " delivered twice at daemon " + std::to_string(at));
        return;
    }
    const bool ordered = is_ordered(s.level);
    const bool regular = !view.transitional;
    // Each check records its own violation; after one fails the rest are moot.
    bool fine = check_not_overtaken(at, view, id, s);
    if (fine && regular && s.level >= ServiceLevel::fifo) fine = check_fifo(at, view, id, s);
    if (fine && ordered) fine = check_order(at, view, delivery);
    if (fine && ordered && regular) fine = check_causal(at, view, id, s);
    if (fine && regular && s.level == ServiceLevel::safe) fine = check_safe(at, delivery);
    if (fine && !ordered && delivery.position)
        fail(describe(id) + " delivered at daemon " + std::to_string(at) +
             " with a total-order position");
    view.delivered.insert(id);
    view.log.push_back(id);
}

void DeliveryChecker::transitional(ring::DaemonId at) {
    const auto view = views_.find(at);
    if (view != views_.end()) view->second.transitional = true;
}

bool DeliveryChecker::check_not_overtaken(ring::DaemonId at, View& view, const MessageId& id,
                                          const Submission& s) {
    if (s.level == ServiceLevel::unreliable) return true;
    const ConnectionKey key{id.daemon, s.sender};
    const auto last = view.fifo_last.find(key);
    if (last != view.fifo_last.end() && submissions_[last->second].in_connection > s.in_connection) {
        fail("FIFO order: at daemon " + std::to_string(at) + ", " + describe(id) +
             " delivered after the later " + describe(last->second) + " of the same connection");
        return false;
    }
    if (s.level >= ServiceLevel::fifo) view.fifo_last.insert_or_assign(key, id);
    return true;
}

bool DeliveryChecker::check_fifo(ring::DaemonId at, View& view, const MessageId& id,
                                 const Submission& s) {
    const ConnectionKey key{id.daemon, s.sender};
    const auto& sent = connections_[key];
    std::size_t& covered = view.fifo_covered[key];
    while (covered < sent.size() &&
           (view.delivered.contains(sent[covered]) ||
            submissions_[sent[covered]].level == ServiceLevel::unreliable))
        ++covered;
    if (covered >= s.in_connection) return true;
    fail("FIFO order: at daemon " + std::to_string(at) + ", " + describe(id) +
         " delivered before the earlier " + describe(sent[covered]) + " of the same connection");
    return false;
}

bool DeliveryChecker::check_order(ring::DaemonId at, View& view, const Delivery& delivery) {
    const MessageId& id = delivery.id;
    const std::string where = " at daemon " + std::to_string(at);
    if (!delivery.position) {
        fail(describe(id) + " delivered" + where + " without a total-order position");
        return false;
    }
    const ring::Seq position = *delivery.position;
    // Messages packed in one payload share a position; they come from one
    // daemon, in the order of their numbers.
    const std::pair key{position, id.number};
    if (view.last_key && key <= *view.last_key) {
        fail("total order: " + describe(id) + " at position " + std::to_string(position) +
             " delivered" + where + " after position " + std::to_string(view.last_key->first));
        return false;
    }
    view.last_key = key;
    // In the regular configuration every daemon delivers the same sequence.
    if (!view.transitional) {
        const std::size_t index = view.ordered++;
        if (index == order_.size()) {
            order_.emplace_back(id, position);
        } else if (order_[index].first != id || order_[index].second != position) {
            fail("total order: ordered message #" + std::to_string(index + 1) + where + " is " +
                 describe(id) + " at position " + std::to_string(position) +
                 ", another daemon delivered " + describe(order_[index].first) +
                 " at position " + std::to_string(order_[index].second) + " there");
            return false;
        }
    }
    // After a transitional configuration holes differ: positions must agree.
    const auto [known, added] = positions_.emplace(id, position);
    if (!added && known->second != position) {
        fail("total order: " + describe(id) + " delivered" + where + " at position " +
             std::to_string(position) + ", elsewhere at position " + std::to_string(known->second));
        return false;
    }
    return true;
}

bool DeliveryChecker::check_causal(ring::DaemonId at, View& view, const MessageId& id,
                                   const Submission& s) {
    const auto& origin_log = views_[id.daemon].log;
    std::size_t& covered = view.causes_covered[id.daemon];
    while (covered < origin_log.size() &&
           (view.delivered.contains(origin_log[covered]) ||
            submissions_[origin_log[covered]].level == ServiceLevel::unreliable))
        ++covered;
    if (covered >= s.causes) return true;
    fail("causal order: at daemon " + std::to_string(at) + ", " + describe(id) +
         " delivered before " + describe(origin_log[covered]) + ", which daemon " +
         std::to_string(id.daemon) + " had delivered before sending it");
    return false;
}

bool DeliveryChecker::check_safe(ring::DaemonId at, const Delivery& delivery) {
    for (const auto seq : delivery.packets) {
        for (const auto& [daemon, other] : views_) {
            if (other.held.contains(seq)) continue;
            fail("SAFE: " + describe(delivery.id) + " delivered at daemon " + std::to_string(at) +
                 " while daemon " + std::to_string(daemon) + " did not hold its packet " +
                 std::to_string(seq));
            return false;
        }
    }
    return true;
}

std::optional<std::string> DeliveryChecker::missing_delivery() const {
    for (const auto& [id, s] : submissions_) {
        if (s.level == ServiceLevel::unreliable) continue;
        for (const auto& [daemon, view] : views_)
            if (!view.delivered.contains(id))
                return describe(id) + " never delivered at daemon " + std::to_string(daemon);
    }
    return std::nullopt;
}

}  // namespace braid::delivery
