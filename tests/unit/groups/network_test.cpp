// Network changes: partition, merge, the state exchange, held requests.
#include <gtest/gtest.h>

#include "cluster.hpp"
#include "session/membership.hpp"

namespace braid::groups {
namespace {

using test::Cluster;
using Sets = std::vector<std::vector<std::string>>;

const std::string kAlice = "#alice#d1";
const std::string kBob = "#bob#d2";
const std::string kCarol = "#carol#d3";

void expect_same_tables(Cluster& c, const std::vector<int>& daemons) {
    for (int d : daemons) {
        const auto& a = c.engine(daemons.front()).groups();
        const auto& b = c.engine(d).groups();
        ASSERT_EQ(a.size(), b.size()) << "daemon " << d;
        for (const auto& [name, group] : a) {
            ASSERT_TRUE(b.contains(name)) << name;
            EXPECT_EQ(group.id, b.at(name).id) << name << " at daemon " << d;
            EXPECT_EQ(group.members, b.at(name).members) << name << " at daemon " << d;
        }
    }
}

// alice@d1, bob@d2, carol@d3 in g; alice alone in h.
class Network : public ::testing::Test {
protected:
    void SetUp() override {
        c.open("alice", 1);
        c.open("bob", 2);
        c.open("carol", 3);
        c.join("alice", 1, "g");
        c.join("bob", 2, "g");
        c.join("carol", 3, "g");
        c.join("alice", 1, "h");
        c.run();
        c.clear();
    }
    Cluster c{3};
};

TEST_F(Network, PartitionGivesTransitionalThenRegularOnEachSide) {
    c.reconfigure({{1, 2}, {3}});
    const GroupId old{1, 1, 3};
    for (const auto& [name, d] : std::vector<std::pair<std::string, int>>{{"alice", 1}, {"bob", 2}}) {
        const auto got = c.received(name, d);
        ASSERT_EQ(got.size(), 2u) << name;
        const auto& t = std::get<DeliverTransitional>(got[0]);
        EXPECT_EQ(t.session, Cluster::session(name, d));
        EXPECT_EQ(t.group, "g");
        EXPECT_EQ(t.previous, old);
        EXPECT_EQ(std::get<DeliverMembership>(got[1]).view,
                  (RegularView{"g", Cause::network, GroupId{1, 2, 1}, {kAlice, kBob},
                               Sets{{kAlice, kBob}}, 0}));
    }
    const auto carol = c.received("carol", 3);
    ASSERT_EQ(carol.size(), 2u);
    EXPECT_EQ(std::get<DeliverTransitional>(carol[0]).previous, old);
    EXPECT_EQ(std::get<DeliverMembership>(carol[1]).view,
              (RegularView{"g", Cause::network, GroupId{3, 2, 1}, {kCarol}, Sets{{kCarol}}, 0}));
    // h lost nobody: no notice, same id.
    EXPECT_EQ(c.engine(1).groups().at("h").id, (GroupId{1, 1, 4}));
    EXPECT_FALSE(c.engine(3).groups().contains("h"));
    expect_same_tables(c, {1, 2});
    EXPECT_EQ(c.engine(3).groups().at("g").members, (std::vector<Member>{{kCarol, 3, false}}));
    EXPECT_EQ(c.engine(3).state(), Engine::State::operational);
}

TEST_F(Network, MergeGivesNetworkViewsWithVsSets) {
    c.reconfigure({{1, 2}, {3}});
    c.clear();
    c.reconfigure({{1, 2, 3}});
    const std::vector<std::string> all{kAlice, kBob, kCarol};
    const Sets sets{{kAlice, kBob}, {kCarol}};  // ordered by previous configuration
    for (const auto& [name, d, local] :
         std::vector<std::tuple<std::string, int, std::size_t>>{{"alice", 1, 0}, {"bob", 2, 0},
                                                                {"carol", 3, 1}}) {
        const auto got = c.received(name, d);
        ASSERT_EQ(got.size(), 1u) << name;  // no transitional: nobody was lost
        const auto& m = std::get<DeliverMembership>(got[0]);
        EXPECT_EQ(m.session, Cluster::session(name, d));
        EXPECT_EQ(m.view,
                  (RegularView{"g", Cause::network, GroupId{1, 3, 1}, all, sets, local}));
    }
    expect_same_tables(c, {1, 2, 3});
    EXPECT_EQ(c.engine(3).groups().at("h").id, (GroupId{1, 1, 4}));  // untouched group kept
}

TEST_F(Network, NetworkViewEncodesAsInTheProtocolDescription) {
    // Two daemons after a partition heals, as in section 11(i).
    Cluster two(2);
    two.open("alice", 1);
    two.open("bob", 2);
    two.join("alice", 1, "g1");
    two.join("bob", 2, "g1");
    two.run();
    two.reconfigure({{1}, {2}});
    two.clear();
    two.reconfigure({{1, 2}});
    for (const auto& [name, d, offset] :
         std::vector<std::tuple<std::string, int, std::uint8_t>>{{"alice", 1, 0}, {"bob", 2, 36}}) {
        const auto got = two.received(name, d);
        ASSERT_EQ(got.size(), 1u);
        const auto& v = std::get<DeliverMembership>(got[0]).view;
        session::RegularMembership m{v.group,
                                     session::MembershipCause::network,
                                     {v.id.proc_id, v.id.time, v.id.index},
                                     v.members,
                                     v.vs_sets,
                                     v.local_vs_set};
        const auto bytes = session::encode_regular_membership(m, session::ByteOrder::little);
        ASSERT_EQ(bytes.size(), 204u);
        EXPECT_EQ(bytes[0x24], 2);     // num_groups: two members
        EXPECT_EQ(bytes[0x2c], 0x5c);  // data_len 92
        EXPECT_EQ(bytes[0x7c], 2);     // num_vs_sets (body at 0x70)
        EXPECT_EQ(bytes[0x80], offset) << name;  // local_vs_set_offset
        EXPECT_EQ(bytes[0x84], v.vs_sets[0].size());  // set 0 count
    }
}

TEST_F(Network, RequestsDuringTheExchangeAreHeldAndAppliedAfterIt) {
    c.reconfigure({{1, 2}, {3}});
    c.clear();
    c.open("dave", 1);
    c.reconfigure({{1, 2, 3}}, false);
    c.regular(1);                   // d1's report goes first
    c.join("dave", 1, "g");         // then dave's join, before the others' reports
    delivery::Message hello;
    hello.level = delivery::ServiceLevel::agreed;
    hello.sender = kBob;
    hello.groups = {"g"};
    c.send(2, hello);               // and bob's data
    c.regular(2);
    c.regular(3);
    c.deliver_first(1, 3);          // report, join, data: all held
    EXPECT_EQ(c.engine(1).held(), 2u);
    EXPECT_EQ(c.engine(1).state(), Engine::State::exchanging);
    EXPECT_TRUE(c.received("alice", 1).empty());
    c.run();
    const auto alice = c.received("alice", 1);
    ASSERT_EQ(alice.size(), 3u);
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view.cause, Cause::network);
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view.id, (GroupId{1, 3, 1}));
    EXPECT_EQ(std::get<DeliverMembership>(alice[1]).view,
              (RegularView{"g", Cause::join, GroupId{1, 3, 2},
                           {kAlice, "#dave#d1", kBob, kCarol}, Sets{{"#dave#d1"}}, 0}));
    EXPECT_TRUE(std::holds_alternative<DeliverData>(alice[2]));
    const auto carol = c.received("carol", 3);
    ASSERT_EQ(carol.size(), 3u);
    EXPECT_EQ(std::get<DeliverMembership>(carol[1]).view, std::get<DeliverMembership>(alice[1]).view);
    EXPECT_EQ(c.engine(1).held(), 0u);
    expect_same_tables(c, {1, 2, 3});
}

TEST_F(Network, ConfigurationChangeDuringTheExchangeLosesNoRequest) {
    c.reconfigure({{1, 2}, {3}}, false);
    c.regular(1);
    c.join("alice", 1, "k");        // delivered in the interrupted configuration
    c.regular(2);
    c.deliver_first(1, 2);          // d1's report and the join; d2's report is lost
    c.drop_undelivered();
    c.clear();
    c.reconfigure({{1, 2, 3}});
    const auto logs = c.logs(1);
    ASSERT_FALSE(logs.empty());
    EXPECT_TRUE(std::any_of(logs.begin(), logs.end(), [](const LogLine& l) {
        return l.text == "group state exchange of ring 1.2 interrupted by a configuration change";
    }));
    const auto alice = c.received("alice", 1);
    // The held join first, then fresh network views of every group of hers.
    ASSERT_EQ(alice.size(), 4u);
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view.group, "k");
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view.cause, Cause::join);
    for (std::size_t i = 1; i < 4; ++i)
        EXPECT_EQ(std::get<DeliverMembership>(alice[i]).view.cause, Cause::network);
    EXPECT_EQ(std::get<DeliverMembership>(alice[1]).view.members,
              (std::vector<std::string>{kAlice, kBob, kCarol}));
    expect_same_tables(c, {1, 2, 3});
    EXPECT_TRUE(c.engine(3).groups().contains("k"));
}

TEST_F(Network, JoinInATransitionalPeriodGetsAVsSetOfItsOwn) {
    c.open("dave", 1);
    c.reconfigure({{1, 2}, {3}}, false);
    c.join("dave", 1, "g");
    c.run();  // delivered between the transitional and the regular configuration
    const std::string dave = "#dave#d1";
    auto alice = c.received("alice", 1);
    ASSERT_EQ(alice.size(), 2u);
    EXPECT_EQ(std::get<DeliverTransitional>(alice[0]).previous, (GroupId{1, 1, 3}));
    EXPECT_EQ(std::get<DeliverMembership>(alice[1]).view,
              (RegularView{"g", Cause::join, GroupId{1, 1, 5}, {kAlice, dave, kBob}, Sets{{dave}}, 0}));
    for (int d : {1, 2, 3}) c.regular(d);
    c.run();
    const std::vector<std::string> members{kAlice, dave, kBob};
    const Sets sets{{kAlice, kBob}, {dave}};
    alice = c.received("alice", 1);
    ASSERT_EQ(alice.size(), 1u);
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view,
              (RegularView{"g", Cause::network, GroupId{1, 2, 1}, members, sets, 0}));
    const auto d = c.received("dave", 1);
    ASSERT_EQ(d.size(), 2u);  // its join, then the network view pointing at its own set
    EXPECT_EQ(std::get<DeliverMembership>(d[1]).view,
              (RegularView{"g", Cause::network, GroupId{1, 2, 1}, members, sets, 1}));
    expect_same_tables(c, {1, 2});
    for (const auto& member : c.engine(2).groups().at("g").members) EXPECT_FALSE(member.late);
}

TEST(NetworkReports, ExchangeWaitsForTheLastPartOfEveryReport) {
    Cluster c(2, 60);  // small parts: about one group each
    c.open("alice", 1);
    c.open("bob", 2);
    for (const auto* g : {"g1", "g2", "g3", "g4"}) c.join("alice", 1, g);
    c.join("bob", 2, "g1");
    c.run();
    c.reconfigure({{1}, {2}});
    c.clear();
    c.reconfigure({{1, 2}}, false);
    c.regular(1);
    c.regular(2);
    c.deliver_first(1, 1);  // only the first part of d1's report
    EXPECT_EQ(c.engine(1).state(), Engine::State::exchanging);
    EXPECT_EQ(c.engine(2).state(), Engine::State::exchanging);
    c.run();
    EXPECT_EQ(c.engine(1).state(), Engine::State::operational);
    const auto alice = c.received("alice", 1);
    ASSERT_EQ(alice.size(), 1u);  // only g1 changed; g2..g4 keep their views
    EXPECT_EQ(std::get<DeliverMembership>(alice[0]).view,
              (RegularView{"g1", Cause::network, GroupId{1, 3, 1}, {kAlice, kBob},
                           Sets{{kAlice}, {kBob}}, 0}));
    expect_same_tables(c, {1, 2});
    EXPECT_EQ(c.engine(2).groups().size(), 4u);
}

TEST_F(Network, StaleReportsAreIgnored) {
    StateReport stale{ring::RingId{1, 1}, ring::RingId{}, true, {}};
    delivery::Message m;
    m.level = delivery::ServiceLevel::agreed;
    m.kind = delivery::MessageKind::group_control;
    m.sender = "d2";
    m.body = encode_control(stale);
    const auto out = c.engine(1).on_delivery(2, m);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(std::get<LogLine>(out[0]).text,
              "state report of daemon 2 for ring 1.1 ignored (not expected now)");
}

}  // namespace
}  // namespace braid::groups
