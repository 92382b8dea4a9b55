// derive_status: a request's state replayed from its events, and the review's due
// time. Content hashes are stand-ins ("h1", "h2"): derive_status only compares them.
// Due times were worked out on a 2026 wall calendar with the State Council's dates.
#include "fixtures.hpp"

#include <algorithm>
#include <collab/rules/request_status.hpp>
#include <doctest/doctest.h>

namespace test_request_status {

namespace {

using namespace collab;
using namespace collab::rules;
using namespace date::literals;
using fixtures::add_event;
using fixtures::cst;
using fixtures::Lines;
using fixtures::review_fields;

// The status after the first `count` events only.
RequestStatus after(const model::Request& request, std::size_t count, const model::Roster& roster) {
    model::Request prefix = request;
    prefix.events.resize(count);
    auto status = derive_status(prefix, roster);
    // The status points into `prefix`, which is about to go; keep only values.
    status.meetings.clear();
    status.ignored.clear();
    return status;
}

Lines signed_by(const RequestStatus& status) {
    Lines people;
    for (const auto& [person, signature] : status.signatures) {
        people.push_back(person + "@" + signature.content);
    }
    return people;
}

bool ignored(const RequestStatus& status, const model::Event& event) {
    return std::find(status.ignored.begin(), status.ignored.end(), &event) != status.ignored.end();
}

// The two-department request walked through every stage-2 step.
model::Request full_walk() {
    auto r = fixtures::request(fixtures::k_two_department_form);
    add_event(r, 1, "2026-07-06T09:30", "zhang", "create", "h1");
    add_event(r, 2, "2026-07-06T10:00", "zhang", "submit", "h1", "to: li");
    add_event(r, 3, "2026-07-06T15:00", "li", "review", "h1",
              review_fields("return", "Split the dispatch item"));
    add_event(r, 4, "2026-07-07T09:00", "zhang", "edit", "h2");
    add_event(r, 5, "2026-07-07T09:30", "zhang", "submit", "h2", "to: li");
    add_event(r, 6, "2026-07-07T11:00", "li", "review", "h2", review_fields("approve"));
    add_event(r, 7, "2026-07-08T10:00", "zhang", "meeting", "h2",
              "held_at: 2026-07-08T09:00:00+08:00\nduration_minutes: 30\n"
              "attendees: [li, wang, zhao]\nminutes: Agreed.\n");
    add_event(r, 8, "2026-07-08T11:00", "zhang", "sign", "h2");
    add_event(r, 9, "2026-07-08T11:05", "li", "sign", "h2");
    add_event(r, 10, "2026-07-08T11:10", "wang", "sign", "h2");
    add_event(r, 11, "2026-07-08T14:00", "zhao", "sign", "h2");
    add_event(r, 12, "2026-07-08T15:00", "chen", "sign", "h2");
    add_event(r, 13, "2026-07-09T09:00", "chen", "ack", "h2");
    return r;
}

// A one-department request, created and submitted on Monday 2026-07-06 at 10:00.
model::Request submitted_one(const char* form = fixtures::k_one_department_form,
                             const std::string& at = "2026-07-06T10:00") {
    auto r = fixtures::request(form);
    add_event(r, 1, at, "zhang", "create", "h1");
    add_event(r, 2, at, "zhang", "submit", "h1", "to: li");
    return r;
}

time::Timestamp due_of(const model::Request& request, const fixtures::World& world,
                       const std::string& now = "2026-07-06 10:00") {
    const auto status = derive_status(request, world.roster);
    const auto due = review_due(request, status, world.at(now));
    REQUIRE(std::holds_alternative<time::Timestamp>(due));
    return std::get<time::Timestamp>(due);
}

} // namespace

TEST_SUITE("collab::rules::request_status") {

    TEST_CASE("state names, terminal and frozen states") {
        CHECK(state_name(RequestState::draft) == "draft");
        CHECK(state_name(RequestState::in_progress) == "in-progress");
        CHECK(state_name(RequestState::withdrawn) == "withdrawn");
        CHECK(parse_state("in-progress") == RequestState::in_progress);
        CHECK(parse_state("returned") == RequestState::returned);
        CHECK_FALSE(parse_state("in_progress"));
        CHECK_FALSE(parse_state("Final"));
        CHECK(is_terminal(RequestState::rejected));
        CHECK(is_terminal(RequestState::withdrawn));
        CHECK(is_terminal(RequestState::closed));
        CHECK_FALSE(is_terminal(RequestState::final));
        CHECK_FALSE(is_terminal(RequestState::returned));
        CHECK(is_frozen(RequestState::final));
        CHECK(is_frozen(RequestState::in_progress));
        CHECK(is_frozen(RequestState::accepted));
        CHECK(is_frozen(RequestState::closed));
        CHECK_FALSE(is_frozen(RequestState::approved));
        CHECK_FALSE(is_frozen(RequestState::withdrawn));
    }

    TEST_CASE(
        "draft, submitted, returned, edited, submitted again, approved, meeting, signed, final") {
        const auto roster = fixtures::roster();
        const auto r = full_walk();

        auto s = after(r, 0, roster);
        CHECK(s.state == RequestState::draft);
        CHECK(s.round == 0);
        CHECK(s.content.empty());

        s = after(r, 1, roster);
        CHECK(s.state == RequestState::draft);
        CHECK(s.content == "h1");

        s = after(r, 2, roster);
        CHECK(s.state == RequestState::submitted);
        CHECK(s.round == 1);
        CHECK(s.reviewer == "li"); // from the submission's `to`
        CHECK(s.submitted_at == cst(2026_y / 7 / 6, 10));
        CHECK(s.submitted_content == "h1");
        CHECK(s.content == "h1");
        CHECK_FALSE(s.reviewed_at.has_value());

        s = after(r, 3, roster);
        CHECK(s.state == RequestState::returned);
        CHECK(s.reviewed_at == cst(2026_y / 7 / 6, 15));
        CHECK_FALSE(s.approved_at.has_value());

        s = after(r, 4, roster);
        CHECK(s.state == RequestState::returned);
        CHECK(s.content == "h2");
        CHECK(s.submitted_content == "h1");

        s = after(r, 5, roster);
        CHECK(s.state == RequestState::submitted);
        CHECK(s.round == 2);
        CHECK(s.submitted_at == cst(2026_y / 7 / 7, 9, 30));
        CHECK(s.submitted_content == "h2");
        CHECK_FALSE(s.reviewed_at.has_value()); // the decision on the latest submission

        s = after(r, 6, roster);
        CHECK(s.state == RequestState::approved);
        CHECK(s.approved_at == cst(2026_y / 7 / 7, 11));
        CHECK(s.reviewed_at == cst(2026_y / 7 / 7, 11));

        for (std::size_t count = 7; count <= 11; ++count) {
            CAPTURE(count);
            CHECK(after(r, count, roster).state == RequestState::approved);
        }
        CHECK(signed_by(after(r, 11, roster)) == Lines{"li@h2", "wang@h2", "zhang@h2", "zhao@h2"});

        s = after(r, 12, roster);
        CHECK(s.state == RequestState::final);
        CHECK(s.final_at == cst(2026_y / 7 / 8, 15));
        CHECK(s.final_content == "h2");
        CHECK(s.signatures.size() == 5);
        CHECK(s.signatures.at("chen").seq == 12);
        CHECK(s.signatures.at("chen").at == cst(2026_y / 7 / 8, 15));
        CHECK(s.acknowledged.empty());

        const auto whole = derive_status(r, roster);
        CHECK(whole.state == RequestState::final);
        CHECK(whole.acknowledged == Lines{"chen"});
        REQUIRE(whole.meetings.size() == 1);
        CHECK(whole.meetings[0] == &r.events[6]);
        CHECK(whole.ignored.empty());
    }

    TEST_CASE("a review by someone who is not the reviewer is ignored") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "zhao", "review", "h1", review_fields("approve"));
        add_event(r, 3, "2026-07-06T11:00", "wang", "review", "h1", review_fields("reject", "No"));
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::submitted);
        CHECK(ignored(s, r.events[2]));
        CHECK(ignored(s, r.events[3]));
    }

    TEST_CASE("the roster's delegate reviews for the supervisor with on_behalf_of") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "chen", "review", "h1", review_fields("approve"), "li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::approved);
        CHECK(s.approved_at == cst(2026_y / 7 / 6, 11));
    }

    TEST_CASE("a delegate's review without on_behalf_of, or someone else's on behalf, is ignored") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "chen", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T11:30", "qian", "review", "h1", review_fields("approve"), "li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::submitted);
        CHECK(s.ignored.size() == 2);
    }

    TEST_CASE("a delegate may not review their own request, even on behalf of the supervisor") {
        const auto roster = fixtures::roster();
        const auto form = std::string(fixtures::k_one_department_form);
        auto text = form;
        text.replace(text.find("initiator: zhang"), 16, "initiator: chen");
        text.replace(text.find("participants: [chen]"), 20, "participants: [zhang]");
        auto r = fixtures::request(text);
        add_event(r, 1, "2026-07-06T09:30", "chen", "create", "h1");
        add_event(r, 2, "2026-07-06T10:00", "chen", "submit", "h1", "to: li");
        add_event(r, 3, "2026-07-06T11:00", "chen", "review", "h1", review_fields("approve"), "li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::submitted);
        CHECK(ignored(s, r.events[2]));
    }

    TEST_CASE("a one-department request becomes final with the signatures alone") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T12:00", "zhang", "sign", "h1");
        add_event(r, 5, "2026-07-06T13:00", "li", "sign", "h1");
        CHECK(derive_status(r, roster).state == RequestState::approved);
        add_event(r, 6, "2026-07-06T14:00", "chen", "sign", "h1");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::final);
        CHECK(s.final_at == cst(2026_y / 7 / 6, 14));
        CHECK(s.final_content == "h1");
        CHECK(s.meetings.empty());
    }

    TEST_CASE("signatures of people who are not required do not count") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T12:00", "sun", "sign", "h1");
        const auto s = derive_status(r, roster);
        CHECK(s.signatures.empty());
        CHECK(ignored(s, r.events[3]));
    }

    TEST_CASE("signatures before the approval do not count") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T10:30", "zhang", "sign", "h1");
        add_event(r, 4, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 5, "2026-07-06T12:00", "li", "sign", "h1");
        add_event(r, 6, "2026-07-06T13:00", "chen", "sign", "h1");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::approved);
        CHECK(signed_by(s) == Lines{"chen@h1", "li@h1"});
    }

    TEST_CASE("a signature on content edited afterwards does not count") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T12:00", "zhang", "sign", "h1");
        add_event(r, 5, "2026-07-06T12:30", "li", "sign", "h1");
        add_event(r, 6, "2026-07-06T13:00", "zhang", "edit", "h2");
        add_event(r, 7, "2026-07-06T14:00", "chen", "sign", "h2");
        add_event(r, 8, "2026-07-06T14:30", "li", "sign", "h2");
        auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::approved); // zhang signed h1 only
        CHECK(s.content == "h2");
        CHECK(signed_by(s) == Lines{"chen@h2", "li@h2", "zhang@h1"});
        add_event(r, 9, "2026-07-06T15:00", "zhang", "sign", "h2");
        s = derive_status(r, roster);
        CHECK(s.state == RequestState::final);
        CHECK(s.final_content == "h2");
    }

    TEST_CASE("concurrent signatures with the same seq both count") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T12:00", "zhang", "sign", "h1");
        // li and chen sign in two clones, each having seen seq 4.
        add_event(r, 5, "2026-07-06T13:00", "chen", "sign", "h1");
        add_event(r, 5, "2026-07-06T13:00", "li", "sign", "h1");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::final);
        CHECK(s.signatures.at("chen").seq == 5);
        CHECK(s.signatures.at("li").seq == 5);
        CHECK(s.ignored.empty());
    }

    TEST_CASE("two departments: the meeting must have every involved head") {
        const auto roster = fixtures::roster();
        auto r = fixtures::request(fixtures::k_two_department_form);
        add_event(r, 1, "2026-07-06T09:30", "zhang", "create", "h1");
        add_event(r, 2, "2026-07-06T10:00", "zhang", "submit", "h1", "to: li");
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        add_event(r, 4, "2026-07-06T12:00", "wang", "meeting", "h1", "attendees: [li, wang]");
        add_event(r, 5, "2026-07-06T13:00", "li", "meeting", "h1", "attendees: [li, zhao]");
        for (const char* person : {"zhang", "li", "wang", "zhao", "chen"}) {
            add_event(r, 6, "2026-07-06T14:00", person, "sign", "h1");
        }
        auto s = derive_status(r, roster);
        CHECK(s.state ==
              RequestState::approved); // wang's meeting is not his to record; li's lacks wang
        CHECK(ignored(s, r.events[3]));
        CHECK(s.meetings.size() == 1);
        CHECK(s.signatures.size() == 5);
        add_event(r, 7, "2026-07-07T10:00", "zhang", "meeting", "h1", "attendees: [wang, li]");
        s = derive_status(r, roster);
        CHECK(s.state == RequestState::final);
        CHECK(s.final_at == cst(2026_y / 7 / 7, 10)); // the meeting completed it
    }

    TEST_CASE("the initiator may withdraw before final; nobody else may") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "withdraw", "h1");
        CHECK(derive_status(r, roster).state == RequestState::submitted);
        add_event(r, 4, "2026-07-06T11:30", "zhang", "withdraw", "h1");
        add_event(r, 5, "2026-07-06T12:00", "zhang", "submit", "h1", "to: li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::withdrawn);
        CHECK(s.round == 1);
        CHECK(ignored(s, r.events[2]));
        CHECK(ignored(s, r.events[4])); // nothing after the end
    }

    TEST_CASE("withdraw from approved works; after final it is ignored") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1", review_fields("approve"));
        auto approved = r;
        add_event(approved, 4, "2026-07-06T12:00", "zhang", "withdraw", "h1");
        CHECK(derive_status(approved, roster).state == RequestState::withdrawn);
        add_event(r, 4, "2026-07-06T12:00", "zhang", "sign", "h1");
        add_event(r, 5, "2026-07-06T12:00", "li", "sign", "h1");
        add_event(r, 6, "2026-07-06T12:00", "chen", "sign", "h1");
        add_event(r, 7, "2026-07-06T13:00", "zhang", "withdraw", "h1");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::final);
        CHECK(ignored(s, r.events[6]));
    }

    TEST_CASE("nothing applies after a rejection") {
        const auto roster = fixtures::roster();
        auto r = submitted_one();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", "h1",
                  review_fields("reject", "Not this quarter"));
        add_event(r, 4, "2026-07-06T12:00", "zhang", "edit", "h2");
        add_event(r, 5, "2026-07-06T12:30", "zhang", "submit", "h2", "to: li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::rejected);
        CHECK(s.round == 1);
        CHECK(s.content == "h1");
        CHECK(s.reviewed_at == cst(2026_y / 7 / 6, 11));
        CHECK(s.ignored.size() == 2);
    }

    TEST_CASE("only the initiator creates, edits and submits") {
        const auto roster = fixtures::roster();
        auto r = fixtures::request(fixtures::k_one_department_form);
        add_event(r, 1, "2026-07-06T09:30", "zhang", "create", "h1");
        add_event(r, 2, "2026-07-06T09:40", "li", "edit", "h9");
        add_event(r, 3, "2026-07-06T09:50", "li", "submit", "h9", "to: li");
        const auto s = derive_status(r, roster);
        CHECK(s.state == RequestState::draft);
        CHECK(s.content == "h1");
        CHECK(s.ignored.size() == 2);
    }

    TEST_CASE("a submission addressed to someone else does not make them the reviewer") {
        // docs/PROCESS.md, rules `submit` (the request goes to the initiator's supervisor
        // in the roster) and `review` (only they decide). A hand-written or merged
        // entry must not let the initiator approve their own request.
        const auto roster = fixtures::roster();
        auto r = fixtures::request(fixtures::k_one_department_form);
        add_event(r, 1, "2026-07-06T09:30", "zhang", "create", "h1");
        add_event(r, 2, "2026-07-06T10:00", "zhang", "submit", "h1", "to: zhang");
        add_event(r, 3, "2026-07-06T10:05", "zhang", "review", "h1", review_fields("approve"));
        const auto s = derive_status(r, roster);
        CHECK(s.state != RequestState::approved);
        CHECK(s.reviewer != "zhang");
        CHECK(ignored(s, r.events[2]));
    }

    TEST_CASE("supervisor_of is the initiator's manager") {
        const auto roster = fixtures::roster();
        model::RequestForm f;
        f.initiator = "zhang";
        CHECK(supervisor_of(f, roster) == "li");
        f.initiator = "zhao";
        CHECK(supervisor_of(f, roster) == "wang");
        f.initiator = "li";
        CHECK(supervisor_of(f, roster) == "");
        f.initiator = "nobody";
        CHECK(supervisor_of(f, roster) == "");
    }

    TEST_CASE("review_due: 2 working days after the day of submission, at the end of the day") {
        const fixtures::World world;
        // Monday 10:00 -> Tuesday (1), Wednesday (2).
        CHECK(due_of(submitted_one(), world) == cst(2026_y / 7 / 8, 18));
        // Submitted at 04:00 Monday Shanghai time (Sunday 20:00 UTC): Monday counts.
        CHECK(due_of(submitted_one(fixtures::k_one_department_form, "2026-07-05T20:00:00Z"),
                     world) == cst(2026_y / 7 / 8, 18));
        // Wednesday 2026-09-30: National Day is off 10-01..10-07, so Thursday 10-08 (1)
        // and Friday 10-09 (2).
        CHECK(due_of(submitted_one(fixtures::k_one_department_form, "2026-09-30T10:00"), world) ==
              cst(2026_y / 10 / 9, 18));
        // Friday 2026-02-13: Saturday 02-14 is worked (1), 02-15..02-23 are off, Tuesday
        // 02-24 (2).
        CHECK(due_of(submitted_one(fixtures::k_one_department_form, "2026-02-13T10:00"), world) ==
              cst(2026_y / 2 / 24, 18));
        // Saturday 2026-07-11 (not a working day): Monday (1), Tuesday (2).
        CHECK(due_of(submitted_one(fixtures::k_one_department_form, "2026-07-11T10:00"), world) ==
              cst(2026_y / 7 / 14, 18));
    }

    TEST_CASE("review_due: a customer's request is due within 1 working day") {
        const fixtures::World world;
        auto text = std::string(fixtures::k_one_department_form);
        text.replace(text.find("source: internal"), 16, "source: customer\ncustomer: ACME");
        CHECK(due_of(submitted_one(text.c_str()), world) == cst(2026_y / 7 / 7, 18));
        CHECK(due_of(submitted_one(text.c_str(), "2026-09-30T17:00"), world) ==
              cst(2026_y / 10 / 8, 18));
    }

    TEST_CASE("review_due follows collab.yaml's numbers and working day end") {
        model::Config settings;
        settings.numbers.review_days = 3;
        settings.work_day_end = 17 * 60 + 30;
        const fixtures::World world(settings);
        CHECK(due_of(submitted_one(), world) == cst(2026_y / 7 / 9, 17, 30));
    }

    TEST_CASE("review_due in a year no calendar covers is reported as that year") {
        const fixtures::World world;
        const auto r = submitted_one(fixtures::k_one_department_form, "2026-12-30T10:00");
        const auto status = derive_status(r, world.roster);
        // Thursday 12-31 is the first working day; the second is in 2027.
        const auto due = review_due(r, status, world.at("2026-12-30 10:00"));
        REQUIRE(std::holds_alternative<time::UncoveredYear>(due));
        CHECK(std::get<time::UncoveredYear>(due).year == 2027);
    }
}

} // namespace test_request_status
