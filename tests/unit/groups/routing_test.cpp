// Routing of delivered client data to local sessions.
#include <gtest/gtest.h>

#include "cluster.hpp"

namespace braid::groups {
namespace {

using test::Cluster;

delivery::Message data(const std::string& sender, std::vector<std::string> groups,
                       bool self_discard = false) {
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.sender = sender;
    m.groups = std::move(groups);
    m.self_discard = self_discard;
    m.mess_type = 7;
    m.body = {'h', 'i'};
    m.sender_big_endian = true;
    return m;
}

// The data messages a session received, checked to be data only.
std::vector<delivery::Message> data_of(Cluster& c, const std::string& name, int daemon) {
    std::vector<delivery::Message> out;
    for (const auto& output : c.received(name, daemon)) {
        const auto* d = std::get_if<DeliverData>(&output);
        EXPECT_NE(d, nullptr);
        if (d == nullptr) continue;
        EXPECT_EQ(d->session, Cluster::session(name, daemon));
        out.push_back(*d->message);
    }
    return out;
}

class Routing : public ::testing::Test {
protected:
    void SetUp() override {
        c.open("alice", 1);
        c.open("bob", 2);
        c.open("carol", 2);
        c.join("alice", 1, "g1");
        c.join("alice", 1, "g2");
        c.join("bob", 2, "g1");
        c.run();
        c.clear();
    }
    Cluster c{2};
};

TEST_F(Routing, MessageToSeveralGroupsReachesEachSessionOnce) {
    const auto m = data("#carol#d2", {"g1", "g2", "#carol#d2", "nosuchgroup"});
    c.send(2, m);
    c.run();
    const auto a = data_of(c, "alice", 1);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0], m);  // every field as sent, the sender's byte order too
    EXPECT_EQ(data_of(c, "bob", 2).size(), 1u);
    EXPECT_EQ(data_of(c, "carol", 2).size(), 1u);  // by its private group; not a member
}

TEST_F(Routing, SelfDiscardSkipsOnlyTheSender) {
    c.send(1, data("#alice#d1", {"g1", "g2"}, true));
    c.run();
    EXPECT_TRUE(data_of(c, "alice", 1).empty());
    EXPECT_EQ(data_of(c, "bob", 2).size(), 1u);
    c.send(1, data("#alice#d1", {"g1"}));
    c.run();
    EXPECT_EQ(data_of(c, "alice", 1).size(), 1u);  // without the flag the sender gets its copy
}

TEST_F(Routing, PrivateGroupsReachJustThatSession) {
    c.send(1, data("#alice#d1", {"#bob#d2", "#nobody#d2", "#bob#d9", "#bad"}));
    c.run();
    EXPECT_EQ(data_of(c, "bob", 2).size(), 1u);
    EXPECT_TRUE(data_of(c, "carol", 2).empty());
    EXPECT_TRUE(data_of(c, "alice", 1).empty());
}

TEST_F(Routing, DisconnectedSessionsGetNothingMore) {
    c.disconnect("bob", 2);
    c.send(1, data("#alice#d1", {"g1", "#bob#d2"}));
    c.run();
    EXPECT_TRUE(c.received("bob", 2).empty());
    const auto a = c.received("alice", 1);
    ASSERT_EQ(a.size(), 2u);  // bob's disconnect view, then the data
    EXPECT_EQ(std::get<DeliverMembership>(a[0]).view.cause, Cause::disconnect);
    EXPECT_TRUE(std::holds_alternative<DeliverData>(a[1]));
}

TEST_F(Routing, ControlMessagesNeverReachSessionsAsData) {
    c.join("carol", 2, "g1");
    c.run();
    for (const auto& output : c.received("alice", 1))
        EXPECT_TRUE(std::holds_alternative<DeliverMembership>(output));
}

TEST_F(Routing, MalformedControlMessagesAreDroppedWithALogLine) {
    delivery::Message bad = data("d2", {});
    bad.kind = delivery::MessageKind::group_control;
    bad.body = {1, 9};
    c.submit(2, bad);
    c.run();
    const auto logs = c.logs(1);
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_TRUE(logs[0].warning);
    EXPECT_EQ(logs[0].text,
              "control message from daemon 2 dropped: unknown control message kind at offset 1");
    EXPECT_TRUE(c.received("alice", 1).empty());
}

TEST_F(Routing, RequestsFromOutsideTheConfigurationAreIgnored) {
    delivery::Message forged;
    forged.level = delivery::ServiceLevel::agreed;
    forged.kind = delivery::MessageKind::group_control;
    forged.sender = "#mallory#d9";
    forged.body = encode_control(MemberRequest{RequestKind::join, "#mallory#d9", "g1"});
    // Delivered as if daemon 9 had sent it.
    const auto out = c.engine(1).on_delivery(9, forged);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(std::get<LogLine>(out[0]).text,
              "request of #mallory#d9 from daemon 9 outside the configuration ignored");
    EXPECT_EQ(c.engine(1).groups().at("g1").members.size(), 2u);
}

}  // namespace
}  // namespace braid::groups
