// rules::as_of: a request as it stood at an earlier instant, the one view every read
// command shows for --now.
#include "fixtures.hpp"

#include <collab/model/task_table.hpp>
#include <collab/rules/as_of.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/rules/request_status.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_as_of {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::review_fields;

time::Timestamp at(const std::string& local) {
    const auto parsed = time::parse_timestamp(local, fixtures::shanghai());
    REQUIRE(parsed.has_value());
    return *parsed;
}

std::vector<std::string> actions(const model::Request& request) {
    std::vector<std::string> out;
    for (const auto& event : request.events) {
        out.push_back(event.action);
    }
    return out;
}

// Edits the form as `request edit` does: the new form in place, an `edit` entry with
// the previous hash and every changed field's old and new text.
void edit(model::Request& request, long long seq, const std::string& when,
          const model::RequestForm& after) {
    std::string changes;
    for (const auto& change : model::form_changes(request.form, after)) {
        changes += "  - field: " + change.field + "\n";
        // Quoted, with line breaks escaped, as the writer would keep them.
        const auto quote = [](const std::string& text) {
            std::string out = "\"";
            for (const char c : text) {
                out += c == '\n'  ? std::string("\\n")
                       : c == '"' ? std::string("\\\"")
                                  : std::string(1, c);
            }
            return out + "\"";
        };
        changes += "    from: " + quote(change.before) + "\n    to: " + quote(change.after) + "\n";
    }
    const auto previous = model::content_hash(request.form);
    request.form = after;
    add_event(request, seq, when, "zhang", "edit", model::content_hash(after),
              "previous: " + previous + "\nchanges:\n" + changes);
}

// Created Monday 2026-07-06 09:30, submitted 09:40, approved by li at 11:00.
model::Request approved() {
    auto r = fixtures::request(fixtures::k_one_department_form);
    const auto hash = model::content_hash(r.form);
    add_event(r, 1, "2026-07-06T09:30", "zhang", "create", hash);
    add_event(r, 2, "2026-07-06T09:40", "zhang", "submit", hash, "to: li");
    add_event(r, 3, "2026-07-06T11:00", "li", "review", hash, review_fields("approve"));
    return r;
}

} // namespace

TEST_SUITE("rules: as_of") {

    TEST_CASE("entries recorded after the instant are left out; one at the instant stays") {
        const auto r = approved();
        const auto before_review = as_of(r, at("2026-07-06T10:00"));
        CHECK(before_review.existed);
        CHECK(actions(before_review.request) == std::vector<std::string>{"create", "submit"});
        CHECK(derive_status(before_review.request, fixtures::roster()).state ==
              RequestState::submitted);
        CHECK(actions(as_of(r, at("2026-07-06T11:00")).request).size() == 3);
        CHECK(actions(as_of(r, at("2027-01-01T00:00")).request).size() == 3);
    }

    TEST_CASE("a request created after the instant did not exist yet") {
        const auto r = approved();
        const auto early = as_of(r, at("2026-07-06T09:29"));
        CHECK_FALSE(early.existed);
        REQUIRE(early.created_at.has_value());
        CHECK(*early.created_at == at("2026-07-06T09:30"));
        CHECK(as_of(r, at("2026-07-06T09:30")).existed);

        // Without a create entry, the earliest entry dates it.
        auto no_create = approved();
        no_create.events.erase(no_create.events.begin());
        CHECK_FALSE(as_of(no_create, at("2026-07-06T09:35")).existed);
        CHECK(as_of(no_create, at("2026-07-06T09:40")).existed);

        // A folder without entries cannot be dated: it is taken to have always existed.
        const auto bare = fixtures::request(fixtures::k_one_department_form);
        CHECK(as_of(bare, at("2000-01-01T00:00")).existed);
        CHECK_FALSE(as_of(bare, at("2000-01-01T00:00")).created_at.has_value());
    }

    TEST_CASE("the task table is there only from its split on") {
        auto r = approved();
        r.tasks = model::TaskTable{{}, "requests/R-7KQ2XM/tasks.yaml"};
        add_event(r, 4, "2026-07-08T10:00", "zhang", "split", "");
        CHECK_FALSE(as_of(r, at("2026-07-08T09:59")).request.tasks.has_value());
        CHECK(as_of(r, at("2026-07-08T10:00")).request.tasks.has_value());
        // A table that no split entry records cannot be dated: it is always seen.
        r.events.pop_back();
        CHECK(as_of(r, at("2026-07-06T10:00")).request.tasks.has_value());
    }

    TEST_CASE("an edit recorded later is undone, checked against its previous hash") {
        auto r = fixtures::request(fixtures::k_two_department_form);
        const auto original = r.form;
        add_event(r, 1, "2026-07-06T09:30", "zhang", "create", model::content_hash(r.form));
        auto second = r.form;
        second.title = "Dispatch every ticket at once";
        second.departments = {"cs"};
        second.participants = {"chen"};
        second.items.pop_back();
        second.resources.front().amount = "200 CNY";
        edit(r, 2, "2026-07-07T10:00", second);
        auto third = second;
        third.goal = "A first reply within 2 working hours.";
        third.due = "2026-10-30";
        edit(r, 3, "2026-07-08T10:00", third);

        const auto first_day = as_of(r, at("2026-07-06T18:00"));
        CHECK(first_day.form == PastForm::rebuilt);
        CHECK(model::content_hash(first_day.request.form) == model::content_hash(original));
        CHECK(first_day.request.form.title == original.title);
        CHECK(first_day.request.form.departments == original.departments);
        CHECK(first_day.request.form.items.size() == 2);
        // Field lines belong to today's file: findings point at the file itself.
        CHECK(first_day.request.form.location_of("goal").line == 1);

        const auto second_day = as_of(r, at("2026-07-07T18:00"));
        CHECK(second_day.form == PastForm::rebuilt);
        CHECK(model::content_hash(second_day.request.form) == model::content_hash(second));

        const auto today = as_of(r, at("2026-07-08T18:00"));
        CHECK(today.form == PastForm::current);
        CHECK(today.request.form.title == third.title);
        CHECK(today.request.form.location_of("goal").line > 1);
    }

    TEST_CASE("an edit that cannot be undone leaves today's text, and says so") {
        auto r = approved();
        auto later = r.form;
        later.title = "Faster replies";
        edit(r, 4, "2026-07-07T10:00", later);

        SUBCASE("the file was changed by hand after the edit") {
            r.form.goal = "Changed without an entry";
        }
        SUBCASE("the entry has no changes") {
            r.events.back().data = fixtures::parse_yaml("previous: 0123456789abcdef\n");
        }
        const auto past = as_of(r, at("2026-07-06T18:00"));
        CHECK(past.form == PastForm::unknown);
        CHECK(past.request.form.title == "Faster replies");
    }

    TEST_CASE("undo_edit needs the recorded previous hash to match") {
        auto r = approved();
        auto later = r.form;
        later.background = "Tickets wait 3 days.";
        edit(r, 4, "2026-07-07T10:00", later);
        auto form = r.form;
        CHECK(undo_edit(form, r.events.back()));
        CHECK(form.background == "Tickets wait 2.5 days for a first reply.");
        auto wrong = r.events.back();
        wrong.data.set("previous", yaml::Node::make_scalar("0000000000000000"));
        form = r.form;
        CHECK_FALSE(undo_edit(form, wrong));
    }

    TEST_CASE("a draft created later is in nobody's inbox and has no findings") {
        const fixtures::World world;
        auto r = fixtures::request(fixtures::k_one_department_form);
        add_event(r, 1, "2026-07-13T09:30", "zhang", "create", model::content_hash(r.form));
        const auto week_before = digest_request(r, world.at("2026-07-06 10:00"));
        CHECK(week_before.steps.empty());
        CHECK(week_before.verdicts.empty());
        CHECK_FALSE(week_before.complete);
        CHECK_FALSE(digest_request(r, world.at("2026-07-13 10:00")).steps.empty());
    }
}

} // namespace test_as_of
