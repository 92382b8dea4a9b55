// What each request waits on, and each person's inbox. Working days were counted on a
// 2026 wall calendar: 2026-07-01 is a Wednesday, 07-04/05 and 07-11/12 are weekends.
#include "fixtures.hpp"

#include <collab/rules/inbox.hpp>
#include <collab/rules/request_status.hpp>
#include <doctest/doctest.h>

namespace test_next_step {

namespace {

using namespace collab;
using namespace collab::rules;
using namespace date::literals;
using fixtures::add_event;
using fixtures::cst;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

model::Request created(const std::string& form = fixtures::k_one_department_form,
                       const std::string& id = fixtures::k_request_id) {
    auto r = fixtures::request(form, id);
    add_event(r, 1, "2026-07-01T09:00", r.form.initiator, "create", hash(r));
    return r;
}

model::Request submitted(const std::string& at, const std::string& id = fixtures::k_request_id,
                         const std::string& form = fixtures::k_one_department_form) {
    auto r = created(form, id);
    add_event(r, 2, at, r.form.initiator, "submit", hash(r), "to: li");
    return r;
}

model::Request approved(const std::string& form = fixtures::k_one_department_form,
                        const std::string& id = fixtures::k_request_id) {
    auto r = submitted("2026-07-01T10:00", id, form);
    add_event(r, 3, "2026-07-01T11:00", "li", "review", hash(r), review_fields("approve"));
    return r;
}

// One line per step: "kind who[,who] (on behalf) | what | command | due".
Lines describe(const std::vector<NextStep>& steps, const time::Zone& zone) {
    Lines out;
    for (const auto& step : steps) {
        std::string who;
        for (const auto& person : step.who) {
            who += (who.empty() ? "" : ",") + person;
        }
        std::string line = std::string(step_kind_name(step.kind)) + " " + who;
        if (!step.on_behalf_of.empty()) {
            line += " for " + step.on_behalf_of;
        }
        std::string commands;
        for (const auto& command : step.commands) {
            commands += (commands.empty() ? "" : " ; ") + command;
        }
        line += " | " + en(step.what) + " | " + commands;
        if (step.due) {
            line += " | " + zone.format_short(*step.due);
        }
        out.push_back(line);
    }
    return out;
}

Lines steps_of(const model::Request& r, const fixtures::World& world,
               const std::string& now = "2026-07-06 10:00") {
    const auto status = derive_status(r, world.roster);
    return describe(next_steps(r, status, world.at(now)), world.zone);
}

// One line per inbox item: "request kind [for x] overdue? days-left".
Lines inbox(const std::string& person, const std::vector<model::Request>& requests,
            const fixtures::World& world, const std::string& now) {
    Lines out;
    for (const auto& item : inbox_for(person, requests, world.at(now))) {
        std::string line = item.step.request + " " + std::string(step_kind_name(item.step.kind));
        if (!item.step.on_behalf_of.empty()) {
            line += " for " + item.step.on_behalf_of;
        }
        line += item.overdue ? " overdue " : " ";
        line += item.working_days_left.text();
        out.push_back(line);
    }
    return out;
}

} // namespace

TEST_SUITE("collab::rules::next_step") {

    TEST_CASE("step kind names") {
        CHECK(step_kind_name(StepKind::submit) == "submit");
        CHECK(step_kind_name(StepKind::review) == "review");
        CHECK(step_kind_name(StepKind::resubmit) == "resubmit");
        CHECK(step_kind_name(StepKind::meeting) == "meeting");
        CHECK(step_kind_name(StepKind::sign) == "sign");
        CHECK(step_kind_name(StepKind::acknowledge) == "acknowledge");
        CHECK(step_kind_name(StepKind::split) == "split");
    }

    TEST_CASE("draft: the initiator submits, or first completes the form") {
        const fixtures::World world;
        CHECK(
            steps_of(created(), world) ==
            Lines{"submit zhang | submit it to your supervisor | collab request submit R-7KQ2XM"});
        const auto incomplete = with(with(fixtures::k_one_department_form,
                                          "goal: A first reply within 4 working hours.", "goal:"),
                                     "due: 2026-09-30", "due: 2026-10-03");
        CHECK(steps_of(created(incomplete), world) ==
              Lines{"submit zhang | complete the form (2 problems left) and submit it to your "
                    "supervisor | collab request submit R-7KQ2XM"});
    }

    TEST_CASE("submitted: the supervisor reviews, due within 2 working days") {
        const fixtures::World world;
        CHECK(steps_of(submitted("2026-07-06T10:00"), world) ==
              Lines{"review li | initial review: approve, return for changes or reject, answering "
                    "the checklist | collab review R-7KQ2XM --approve --check goals=yes --check "
                    "resources=yes --check breakdown=yes ; collab review R-7KQ2XM --return --check "
                    "goals=yes --check resources=yes --check breakdown=yes --comment \"…\" ; "
                    "collab review R-7KQ2XM --reject --check goals=yes --check resources=yes "
                    "--check breakdown=yes --comment \"…\" | 2026-07-08 18:00"});
    }

    TEST_CASE("returned: the initiator edits and submits again") {
        const fixtures::World world;
        auto r = submitted("2026-07-06T10:00");
        add_event(r, 3, "2026-07-06T11:00", "li", "review", hash(r),
                  review_fields("return", "Split it"));
        CHECK(steps_of(r, world) ==
              Lines{"resubmit zhang | returned for changes: edit the form, then submit it again | "
                    "collab request edit R-7KQ2XM"});
    }

    TEST_CASE("approved over two departments: first the meeting, by the initiator or supervisor") {
        const fixtures::World world;
        CHECK(
            steps_of(approved(fixtures::k_two_department_form), world) ==
            Lines{"meeting zhang,li | hold and record the review meeting (需求评审会); 李华 (li), "
                  "王强 (wang) must attend | collab meeting R-7KQ2XM"});
    }

    TEST_CASE("approved: every missing signature, again for those who signed older content") {
        const fixtures::World world;
        auto r = approved(fixtures::k_two_department_form);
        add_event(r, 4, "2026-07-02T10:00", "zhang", "meeting", hash(r), "attendees: [li, wang]");
        add_event(r, 5, "2026-07-02T11:00", "zhang", "sign", hash(r));
        add_event(r, 5, "2026-07-02T11:00", "li", "sign", hash(r));
        r.form.goal = "A first reply within 2 working hours.";
        add_event(r, 6, "2026-07-02T12:00", "zhang", "edit", hash(r));
        add_event(r, 7, "2026-07-02T13:00", "zhang", "sign", hash(r));
        CHECK(steps_of(r, world) ==
              Lines{
                  "sign li | sign again as supervisor: the form changed after your signature | "
                  "collab sign R-7KQ2XM",
                  "sign wang | sign the form as department head | collab sign R-7KQ2XM",
                  "sign zhao | sign the form as participant | collab sign R-7KQ2XM",
                  "sign chen | sign the form as participant | collab sign R-7KQ2XM",
              });
    }

    TEST_CASE("approved with a lead: the lead signs as lead") {
        const fixtures::World world;
        const auto form = with(fixtures::k_one_department_form, "initiator: zhang",
                               "initiator: zhang\nlead: zhao");
        CHECK(steps_of(approved(form), world) ==
              Lines{
                  "sign zhang | sign the form as initiator | collab sign R-7KQ2XM",
                  "sign li | sign the form as supervisor | collab sign R-7KQ2XM",
                  "sign zhao | sign the form as project lead | collab sign R-7KQ2XM",
                  "sign chen | sign the form as participant | collab sign R-7KQ2XM",
              });
    }

    TEST_CASE("final: the project lead splits it; collaborators confirm receipt") {
        const fixtures::World world;
        auto r = approved();
        for (const char* person : {"zhang", "li", "chen"}) {
            add_event(r, 4, "2026-07-02T10:00", person, "sign", hash(r));
        }
        add_event(r, 5, "2026-07-02T11:00", "chen", "ack", hash(r));
        CHECK(
            steps_of(r, world) ==
            Lines{
                "split zhang | split the final request into tasks, one owner each (协作任务跟踪表) "
                "| collab split R-7KQ2XM",
                "acknowledge zhang | read the final version (终稿) and confirm receipt | collab "
                "ack R-7KQ2XM",
                "acknowledge li | read the final version (终稿) and confirm receipt | collab ack "
                "R-7KQ2XM",
            });
    }

    TEST_CASE("rejected and withdrawn requests wait on nobody") {
        const fixtures::World world;
        auto rejected = submitted("2026-07-06T10:00");
        add_event(rejected, 3, "2026-07-06T11:00", "li", "review", hash(rejected),
                  review_fields("reject", "No"));
        CHECK(steps_of(rejected, world).empty());
        auto withdrawn = submitted("2026-07-06T10:00");
        add_event(withdrawn, 3, "2026-07-06T11:00", "zhang", "withdraw", hash(withdrawn));
        CHECK(steps_of(withdrawn, world).empty());
    }
}

TEST_SUITE("collab::rules::inbox") {

    // Reviews for li submitted on different days, as of Tuesday 2026-07-07 10:00:
    //   C submitted Wed 07-01 -> due Fri 07-03 18:00 (Thu 1, Fri 2): overdue, Mon and Tue
    //     since -> -2
    //   B submitted Thu 07-02 (by chen) -> due Mon 07-06 18:00 (Fri 1, Mon 2): overdue, -1
    //   A submitted Mon 07-06 -> due Wed 07-08 18:00: 1 working day left
    // and two steps without a due time, in id order: E's meeting, D's signatures.
    std::vector<model::Request> inbox_requests() {
        const auto by_chen =
            with(with(fixtures::k_one_department_form, "initiator: zhang", "initiator: chen"),
                 "participants: [chen]", "participants: [zhang]");
        return {
            submitted("2026-07-06T10:00", "R-AAAAAA"),
            submitted("2026-07-02T10:00", "R-BBBBBB", by_chen),
            submitted("2026-07-01T10:00", "R-CCCCCC"),
            approved(fixtures::k_one_department_form, "R-DDDDDD"),
            approved(fixtures::k_two_department_form, "R-0EEEEE"),
        };
    }

    TEST_CASE("inbox_for: overdue first (most overdue first), then by due time, then by id") {
        const fixtures::World world;
        const auto requests = inbox_requests();
        CHECK(inbox("li", requests, world, "2026-07-07 10:00") ==
              Lines{"R-CCCCCC review overdue -2", "R-BBBBBB review overdue -1", "R-AAAAAA review 1",
                    "R-0EEEEE meeting 0", "R-DDDDDD sign 0"});
        CHECK(inbox("zhang", requests, world, "2026-07-07 10:00") ==
              Lines{"R-0EEEEE meeting 0", "R-DDDDDD sign 0"});
        CHECK(inbox("sun", requests, world, "2026-07-07 10:00").empty());
    }

    TEST_CASE("inbox_for: items carry the title and the due step") {
        const fixtures::World world;
        const auto items =
            inbox_for("li", {submitted("2026-07-06T10:00")}, world.at("2026-07-06 11:00"));
        REQUIRE(items.size() == 1);
        CHECK(items[0].title == "Faster replies to after-sales tickets");
        CHECK(items[0].step.due == cst(2026_y / 7 / 8, 18));
        CHECK_FALSE(items[0].overdue);
        CHECK(items[0].working_days_left.value == 2);
    }

    TEST_CASE("inbox_for: the delegate sees the supervisor's reviews, on their behalf") {
        const fixtures::World world;
        const std::vector<model::Request> requests = {
            submitted("2026-07-06T10:00", "R-AAAAAA"),
            submitted("2026-07-01T10:00", "R-CCCCCC"),
            approved(fixtures::k_one_department_form, "R-DDDDDD"),
        };
        CHECK(inbox("chen", requests, world, "2026-07-07 10:00") ==
              Lines{"R-CCCCCC review for li overdue -2", "R-AAAAAA review for li 1",
                    "R-DDDDDD sign 0"});
    }

    TEST_CASE("inbox_for: a delegate is not offered the review of their own request") {
        // check_review refuses it ("a delegate may not review their own request"), so the
        // inbox must not list it as chen's to take.
        const fixtures::World world;
        const auto requests = inbox_requests();
        CHECK(inbox("chen", requests, world, "2026-07-07 10:00") ==
              Lines{"R-CCCCCC review for li overdue -2", "R-AAAAAA review for li 1",
                    "R-DDDDDD sign 0"});
    }

    TEST_CASE("working_days_left counts working days, across a holiday") {
        const fixtures::World world;
        // Submitted Tuesday 09-29: Wednesday 09-30 (1), then National Day, Thursday
        // 10-08 (2). On 09-30 one working day is left, though the calendar shows eight.
        const std::vector<model::Request> requests = {submitted("2026-09-29T10:00")};
        auto items = inbox_for("li", requests, world.at("2026-09-30 09:00"));
        REQUIRE(items.size() == 1);
        CHECK(items[0].step.due == cst(2026_y / 10 / 8, 18));
        CHECK(items[0].working_days_left.value == 1);
        CHECK_FALSE(items[0].overdue);
        // On the due day itself, before the end of it: nothing left, not yet overdue.
        items = inbox_for("li", requests, world.at("2026-10-08 17:59"));
        CHECK(items[0].working_days_left.value == 0);
        CHECK_FALSE(items[0].overdue);
        // On the make-up Saturday after it: Friday 10-09 and Saturday 10-10 have passed.
        items = inbox_for("li", requests, world.at("2026-10-10 09:00"));
        CHECK(items[0].working_days_left.value == -2);
        CHECK(items[0].overdue);
    }
}

} // namespace test_next_step
