// Joins, leaves and disconnects: views, causes, group ids, member order.
#include <gtest/gtest.h>

#include "cluster.hpp"

namespace braid::groups {
namespace {

using test::Cluster;

const DeliverMembership& membership(const Output& output) {
    return std::get<DeliverMembership>(output);
}

// Every engine of the cluster holds the same group table.
void expect_same_tables(Cluster& c, int n) {
    for (int d = 2; d <= n; ++d) {
        const auto& a = c.engine(1).groups();
        const auto& b = c.engine(d).groups();
        ASSERT_EQ(a.size(), b.size()) << "daemon " << d;
        for (const auto& [name, group] : a) {
            ASSERT_TRUE(b.contains(name)) << name;
            EXPECT_EQ(group.id, b.at(name).id) << name;
            EXPECT_EQ(group.members, b.at(name).members) << name;
        }
    }
}

TEST(GroupViews, JoinsGiveEveryMemberTheSameView) {
    Cluster c(3);
    c.open("alice", 1);
    c.open("bob", 2);
    c.join("alice", 1, "g");
    EXPECT_TRUE(c.received("alice", 1).empty());  // nothing before the ring delivers it
    c.run();
    auto a = c.received("alice", 1);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(membership(a[0]).session, "#alice#d1");
    EXPECT_EQ(membership(a[0]).view,
              (RegularView{"g", Cause::join, GroupId{1, 1, 1}, {"#alice#d1"}, {{"#alice#d1"}}, 0}));

    c.join("bob", 2, "g");
    c.run();
    const RegularView second{"g", Cause::join, GroupId{1, 1, 2}, {"#alice#d1", "#bob#d2"},
                             {{"#bob#d2"}}, 0};
    a = c.received("alice", 1);
    auto b = c.received("bob", 2);
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(membership(a[0]).view, second);
    EXPECT_EQ(membership(b[0]).view, second);
    EXPECT_EQ(membership(b[0]).session, "#bob#d2");
    expect_same_tables(c, 3);
    EXPECT_EQ(c.engine(3).groups().at("g").members,
              (std::vector<Member>{{"#alice#d1", 1, false}, {"#bob#d2", 2, false}}));
}

TEST(GroupViews, MembersAreOrderedByDaemonPositionThenName) {
    Cluster c(3);
    for (const auto& [name, d] : std::vector<std::pair<std::string, int>>{
             {"abe", 3}, {"zed", 1}, {"abe", 2}, {"mia", 1}}) {
        c.open(name, d);
        c.join(name, d, "g");
    }
    c.run();
    const std::vector<std::string> order{"#mia#d1", "#zed#d1", "#abe#d2", "#abe#d3"};
    auto z = c.received("zed", 1);
    ASSERT_EQ(z.size(), 3u);  // its own join, then abe@d2's and mia's
    EXPECT_EQ(membership(z.back()).view.members, order);
    EXPECT_EQ(membership(z.back()).view.vs_sets, (std::vector<std::vector<std::string>>{{"#mia#d1"}}));
    EXPECT_TRUE(c.engine(1).member_before("#zed#d1", "#abe#d2"));
    EXPECT_FALSE(c.engine(1).member_before("#abe#d2", "#zed#d1"));
    EXPECT_TRUE(c.engine(1).member_before("#abe#d3", "#abe#zz"));  // unknown daemons last
    expect_same_tables(c, 3);
}

TEST(GroupViews, GroupIdsIncreaseWithEveryChange) {
    Cluster c(2);
    c.open("alice", 1);
    c.open("bob", 2);
    c.join("alice", 1, "g");
    c.join("bob", 2, "g");
    c.leave("bob", 2, "g");
    c.join("bob", 2, "h");
    c.run();
    std::vector<std::int32_t> indexes;
    for (const auto& output : c.received("alice", 1)) indexes.push_back(membership(output).view.id.index);
    EXPECT_EQ(indexes, (std::vector<std::int32_t>{1, 2, 3}));
    EXPECT_EQ(c.engine(2).groups().at("h").id, (GroupId{1, 1, 4}));
}

TEST(GroupViews, LeaveSendsSelfLeaveThenLeaveViews) {
    Cluster c(2);
    c.open("alice", 1);
    c.open("bob", 2);
    c.join("alice", 1, "g");
    c.join("bob", 2, "g");
    c.run();
    c.clear();
    c.leave("alice", 1, "g");
    c.run();
    const auto a = c.received("alice", 1);
    ASSERT_EQ(a.size(), 1u);
    const auto& self = std::get<DeliverSelfLeave>(a[0]);
    EXPECT_EQ(self.session, "#alice#d1");
    EXPECT_EQ(self.group, "g");
    const auto b = c.received("bob", 2);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(membership(b[0]).view,
              (RegularView{"g", Cause::leave, GroupId{1, 1, 3}, {"#bob#d2"}, {{"#alice#d1"}}, 0}));
    // After the leave the leaver gets nothing more for the group.
    delivery::Message data;
    data.level = delivery::ServiceLevel::agreed;
    data.sender = "#bob#d2";
    data.groups = {"g"};
    c.send(2, data);
    c.leave("alice", 1, "g");  // leaving again changes nothing
    c.run();
    EXPECT_TRUE(c.received("alice", 1).empty());
    EXPECT_EQ(c.received("bob", 2).size(), 1u);
}

TEST(GroupViews, DisconnectRemovesFromEveryGroupInNameOrder) {
    Cluster c(2);
    c.open("alice", 1);
    c.open("bob", 2);
    for (const auto* g : {"zeta", "alpha"}) {
        c.join("alice", 1, g);
        c.join("bob", 2, g);
    }
    c.join("alice", 1, "solo");
    c.run();
    c.clear();
    c.disconnect("alice", 1);
    c.run();
    EXPECT_TRUE(c.received("alice", 1).empty());  // nothing to the disconnecting session
    const auto b = c.received("bob", 2);
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(membership(b[0]).view,
              (RegularView{"alpha", Cause::disconnect, GroupId{1, 1, 6}, {"#bob#d2"},
                           {{"#alice#d1"}}, 0}));
    EXPECT_EQ(membership(b[1]).view,
              (RegularView{"zeta", Cause::disconnect, GroupId{1, 1, 7}, {"#bob#d2"},
                           {{"#alice#d1"}}, 0}));
    EXPECT_FALSE(c.engine(2).groups().contains("solo"));  // emptied groups are deleted
    expect_same_tables(c, 2);
}

TEST(GroupViews, BadLocalRequestsAreRefusedWithALogLine) {
    Cluster c(1);
    c.join("ghost", 1, "g");
    c.open("alice", 1);
    c.join("alice", 1, "#bob#d1");
    c.join("alice", 1, std::string(32, 'g'));
    c.take_open("#eve#d2");
    c.run();
    const auto logs = c.logs(1);
    ASSERT_EQ(logs.size(), 4u);
    EXPECT_EQ(logs[0].text, "request from unknown session #ghost#d1 ignored");
    EXPECT_EQ(logs[1].text, "session #alice#d1: illegal group name ignored");
    EXPECT_EQ(logs[2].text, "session #alice#d1: illegal group name ignored");
    EXPECT_EQ(logs[3].text, "session #eve#d2 refused: not a private group of this daemon");
    EXPECT_TRUE(logs[3].warning);
    EXPECT_TRUE(c.engine(1).groups().empty());
}

TEST(GroupViews, RequestsBeforeTheFirstConfigurationWait) {
    Engine engine({7, "solo", {"solo"}, 100000});
    EXPECT_TRUE(engine.open_session("#alice#solo").empty());
    EXPECT_TRUE(engine.join("#alice#solo", "g").empty());
    EXPECT_EQ(engine.state(), Engine::State::no_configuration);
    const auto outputs = engine.on_regular({ring::RingId{7, 4}, {7}});
    std::vector<delivery::Message> submitted;
    for (const auto& o : outputs)
        if (const auto* s = std::get_if<Submit>(&o)) submitted.push_back(s->message);
    ASSERT_EQ(submitted.size(), 2u);  // the state report, then the join
    EXPECT_EQ(engine.state(), Engine::State::exchanging);
    for (const auto& m : submitted) {
        EXPECT_EQ(m.kind, delivery::MessageKind::group_control);
        EXPECT_EQ(m.level, delivery::ServiceLevel::agreed);
        EXPECT_EQ(delivery::validate(m), delivery::SubmitError::none);
    }
    EXPECT_EQ(submitted[0].sender, "solo");
    EXPECT_EQ(submitted[1].sender, "#alice#solo");
    std::vector<Output> got;
    for (const auto& m : submitted) {
        auto more = engine.on_delivery(7, m);
        got.insert(got.end(), more.begin(), more.end());
    }
    EXPECT_EQ(engine.state(), Engine::State::operational);
    std::vector<RegularView> views;
    for (const auto& o : got)
        if (const auto* m = std::get_if<DeliverMembership>(&o)) views.push_back(m->view);
    ASSERT_EQ(views.size(), 1u);
    EXPECT_EQ(views[0], (RegularView{"g", Cause::join, GroupId{7, 4, 1}, {"#alice#solo"},
                                     {{"#alice#solo"}}, 0}));
}

}  // namespace
}  // namespace braid::groups
