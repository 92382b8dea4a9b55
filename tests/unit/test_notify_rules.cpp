// collab notify's pure core: who is told what because of the entries recorded since a
// base, grouped per channel and person. No file system: requests are built in memory.
#include "fixtures.hpp"

#include <collab/rules/notify.hpp>
#include <collab/rules/notify_route.hpp>
#include <doctest/doctest.h>

namespace test_notify_rules {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

// "person | happened | what | command" per notice.
Lines describe(const std::vector<Notice>& notices) {
    Lines out;
    for (const auto& n : notices) {
        out.push_back(n.person + " | " + (n.happened.id.empty() ? "" : en(n.happened)) + " | " +
                      en(n.what) + " | " + n.command);
    }
    return out;
}

std::vector<const model::Event*> last(const model::Request& r, std::size_t n = 1) {
    std::vector<const model::Event*> fresh;
    for (auto i = r.events.size() - n; i < r.events.size(); ++i) {
        fresh.push_back(&r.events[i]);
    }
    return fresh;
}

} // namespace

TEST_CASE("a submission tells the reviewer, with the command to run") {
    const fixtures::World world;
    auto r = fixtures::request(fixtures::k_one_department_form);
    add_event(r, 1, "2026-07-01T09:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", "zhang", "submit", hash(r), "to: li");
    const auto notices = notices_for(r, last(r), world.at("2026-07-01 10:05"));
    CHECK(describe(notices) == Lines{"li | 张敏 (zhang) submitted R-7KQ2XM for your review | " +
                                     en(i18n::msg("next.review")) +
                                     " | collab review R-7KQ2XM --approve --check goals=yes "
                                     "--check resources=yes --check breakdown=yes"});
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].event == "R-7KQ2XM/zhang#2");
    CHECK(notices[0].due.has_value());
    // Nothing new since the base: nobody is told anything.
    CHECK(notices_for(r, {}, world.at("2026-07-01 10:05")).empty());
}

TEST_CASE("the digest of a delegate says on whose behalf each of their items is") {
    const fixtures::World world;
    auto r = fixtures::request(fixtures::k_one_department_form);
    add_event(r, 1, "2026-07-01T09:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", "zhang", "submit", hash(r), "to: li");
    const auto context = world.at("2026-07-02 09:00");
    const std::vector<model::Request> requests{r};
    // li reviews; chen is li's delegate (people.yaml) and gets a copy on li's behalf.
    const auto own = digest_notices("li", inbox_for("li", requests, context), context);
    REQUIRE(own.size() == 1);
    CHECK(own[0].on_behalf_of.empty());
    const auto copy = digest_notices("chen", inbox_for("chen", requests, context), context);
    REQUIRE(copy.size() == 1);
    CHECK(copy[0].on_behalf_of == "li");
    CHECK(copy[0].command == own[0].command);
    CHECK(copy[0].event != own[0].event); // each person's digest is remembered apart
}

TEST_CASE("a return and a rejection tell the initiator") {
    const fixtures::World world;
    auto r = fixtures::request(fixtures::k_one_department_form);
    add_event(r, 1, "2026-07-01T09:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", "zhang", "submit", hash(r), "to: li");
    add_event(r, 3, "2026-07-01T11:00", "li", "review", hash(r),
              review_fields("return", "add the budget"));
    CHECK(describe(notices_for(r, last(r), world.at("2026-07-01 11:05"))) ==
          Lines{"zhang | 李华 (li) returned R-7KQ2XM for changes: add the budget | " +
                en(i18n::msg("next.resubmit")) + " | collab request edit R-7KQ2XM"});
    r.events.pop_back();
    add_event(r, 3, "2026-07-01T11:00", "li", "review", hash(r), review_fields("reject", "no"));
    CHECK(describe(notices_for(r, last(r), world.at("2026-07-01 11:05"))) ==
          Lines{"zhang | 李华 (li) rejected R-7KQ2XM: no | the request is closed; see the log "
                "for the reasons | collab log R-7KQ2XM"});
}

TEST_CASE("an approval over two departments tells the heads of the meeting") {
    const fixtures::World world;
    auto r = fixtures::request(fixtures::k_two_department_form);
    add_event(r, 1, "2026-07-01T09:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", "zhang", "submit", hash(r), "to: li");
    add_event(r, 3, "2026-07-01T11:00", "li", "review", hash(r), review_fields("approve"));
    const auto lines = describe(notices_for(r, last(r), world.at("2026-07-01 11:05")));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "li | 李华 (li) approved R-7KQ2XM | the review meeting comes next: attend "
                      "it, then sign | collab request show R-7KQ2XM");
    CHECK(lines[1].rfind("wang | ", 0) == 0);
    CHECK(lines[2].rfind("zhang | 李华 (li) approved R-7KQ2XM | ", 0) == 0);
    CHECK(lines[2].find("collab meeting R-7KQ2XM") != std::string::npos);
    CHECK(lines[3].rfind("li | ", 0) == 0); // the supervisor records the meeting too
}

TEST_CASE("an approval on one department asks each signer to sign") {
    const fixtures::World world;
    auto r = fixtures::request(fixtures::k_one_department_form);
    add_event(r, 1, "2026-07-01T09:00", "zhang", "create", hash(r));
    add_event(r, 2, "2026-07-01T10:00", "zhang", "submit", hash(r), "to: li");
    add_event(r, 3, "2026-07-01T11:00", "li", "review", hash(r), review_fields("approve"));
    std::vector<std::string> people;
    for (const auto& n : notices_for(r, last(r), world.at("2026-07-01 11:05"))) {
        CHECK(n.command == "collab sign R-7KQ2XM");
        people.push_back(n.person);
    }
    std::sort(people.begin(), people.end());
    CHECK(people == std::vector<std::string>{"chen", "li", "zhang"});
}

TEST_CASE("notices go to the channels that serve each person, grouped by person") {
    const fixtures::World world;
    model::NotifyChannel cs;
    cs.name = "cs-group";
    cs.departments = {"cs"};
    model::NotifyChannel lead;
    lead.name = "wang-dm";
    lead.kind = model::ChannelKind::dingtalk;
    lead.people = {"wang"};
    const std::vector<model::NotifyChannel> channels = {cs, lead};
    std::vector<Notice> notices = {
        {"li", "R-1", "t", "R-1/zhang#2", {}, i18n::msg("next.review"), "c1", {}, false, ""},
        {"zhao", "R-1", "t", "R-1/zhang#2", {}, i18n::msg("next.review"), "c2", {}, false, ""},
        {"wang", "R-1", "t", "R-1/zhang#2", {}, i18n::msg("next.review"), "c3", {}, false, ""},
        {"li", "R-2", "t", "R-2/zhang#2", {}, i18n::msg("next.review"), "c4", {}, false, ""},
    };
    std::vector<std::string> unreached;
    const auto none = [](const std::string&, const std::string&) {
        return false;
    };
    auto batches = route_notices(notices, channels, world.roster, none, unreached);
    REQUIRE(batches.size() == 2);
    CHECK(batches[0].channel->name == "cs-group");
    REQUIRE(batches[0].people.size() == 1);
    CHECK(batches[0].people[0].person == "li");
    CHECK(batches[0].people[0].notices.size() == 2);
    CHECK(batches[1].people[0].person == "wang");
    CHECK(unreached == std::vector<std::string>{"zhao"});

    // What the sent-log holds for a channel is not sent there again.
    unreached.clear();
    const auto sent = [](const std::string& channel, const std::string& event) {
        return channel == "cs-group" && event == "R-1/zhang#2";
    };
    batches = route_notices(notices, channels, world.roster, sent, unreached);
    REQUIRE(batches.size() == 2);
    REQUIRE(batches[0].people[0].notices.size() == 1);
    CHECK(batches[0].people[0].notices[0].command == "c4");
}

TEST_CASE("a channel naming people or departments people.yaml lacks is an error") {
    const fixtures::World world;
    model::NotifyChannel channel;
    channel.name = "x";
    channel.departments = {"cs", "legal"};
    channel.people = {"nobody"};
    channel.departments_at = {"collab.yaml", 7, 20};
    channel.people_at = {"collab.yaml", 8, 15};
    Diagnostics out;
    check_channel_audience({channel}, world.roster, out);
    CHECK(fixtures::rendered(out) ==
          Lines{"collab.yaml:7:20: error: channel 'x': department 'legal' is not in people.yaml",
                "collab.yaml:8:15: error: channel 'x': person 'nobody' is not in people.yaml"});
}

TEST_CASE("the seqs of a log at the base are read from its entry lines") {
    CHECK(seqs_in_log_text("# log of zhang for R-1\n- seq: 1\n  at: x\n- seq: 12\n  by: zhang\n"
                           "- seq: \"13\"\n") == std::set<long long>{1, 12, 13});
    CHECK(seqs_in_log_text("").empty());
}

} // namespace test_notify_rules
