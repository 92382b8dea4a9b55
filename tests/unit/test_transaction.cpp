// txn::transact over an in-memory disk: the one path every ported write command takes
// (read under the lock, replay, decide, number, append). A refusal writes nothing; an
// entry is numbered after every entry already written, even one written by another
// process after this one was told of the request; a request whose files are broken
// is not decided on.
#include "fake_disk.hpp"
#include "fixtures.hpp"

#include <collab/rules/refusal.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/txn/transaction.hpp>
#include <doctest/doctest.h>

namespace test_transaction {

using collab::Diagnostics;
using collab::store::Workspace;
using collab::txn::Decision;
using collab::txn::Entry;
using collab::txn::Outcome;
using collab::txn::transact;
using collab::txn::Writer;
using ActionKind = collab::model::ActionKind;

namespace {

const std::string k_id = "R-7KQ2XM";
const std::string k_log = "requests/R-7KQ2XM/log/zhang.yaml";

std::string created_log() {
    return collab::model::log_header("zhang", k_id) + R"(- seq: 1
  at: 2026-07-06T09:30:00+08:00
  by: zhang
  action: create
  content: e40007907afdb34d
)";
}

std::shared_ptr<fixtures::FakeDisk> one_request() {
    auto disk = fixtures::fake_settings_disk();
    disk->put(fixtures::k_form_path, fixtures::k_one_department_form);
    disk->put(k_log, created_log());
    return disk;
}

Workspace open(const std::shared_ptr<fixtures::FakeDisk>& disk) {
    Diagnostics out;
    auto workspace = Workspace::open(disk, out, nullptr, {});
    REQUIRE(workspace.has_value());
    return std::move(*workspace);
}

Writer zhang_at_ten(const Workspace& workspace) {
    Writer writer;
    writer.actor = "zhang";
    writer.now = *collab::time::parse_timestamp("2026-07-06T10:00", workspace.zone());
    return writer;
}

// Submits to li: the decision a command's decide function returns.
Decision submit_to_li() {
    Entry entry{ActionKind::submit};
    entry.fields.set("to", collab::yaml::Node::make_scalar("li"));
    return entry;
}

} // namespace

TEST_CASE("a transaction appends the entry it decided on, numbered after the last") {
    const auto disk = one_request();
    const auto workspace = open(disk);
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    int decided = 0;
    const auto outcome = transact(
        workspace, *held, k_id, zhang_at_ten(workspace),
        [&](const collab::model::Request& request, const collab::rules::Replayed& replayed) {
            ++decided;
            CHECK(request.events.size() == 1);
            CHECK(collab::rules::state_name(replayed.status.state) == "draft");
            return submit_to_li();
        });
    CHECK(decided == 1);
    REQUIRE(outcome.result == Outcome::Result::written);
    CHECK(outcome.event.seq == 2);
    CHECK(outcome.event.by == "zhang");
    CHECK(outcome.request.events.size() == 2);

    const auto text = disk->text(k_log);
    REQUIRE(text.has_value());
    CHECK(text->rfind(created_log(), 0) == 0); // what was there is kept byte for byte
    Diagnostics out;
    const auto again = workspace.load_request(k_id, out);
    REQUIRE(again.has_value());
    REQUIRE(again->events.size() == 2);
    CHECK(again->events[1].action == "submit");
    CHECK(again->events[1].seq == 2);
    CHECK(again->events[1].chain_ok);
}

TEST_CASE("a refused transaction writes nothing") {
    const auto disk = one_request();
    const auto workspace = open(disk);
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    const int writes = disk->writes();
    const auto outcome = transact(
        workspace, *held, k_id, zhang_at_ten(workspace),
        [](const collab::model::Request&, const collab::rules::Replayed&) -> Decision {
            return collab::rules::Refusal{"submit", collab::i18n::msg("refuse.test"), {}, {}};
        });
    CHECK(outcome.result == Outcome::Result::refused);
    REQUIRE(outcome.refusal.has_value());
    CHECK(outcome.refusal->rule == "submit");
    CHECK(disk->writes() == writes);
    CHECK(disk->text(k_log) == created_log());
}

TEST_CASE("a transaction reads the request as it stands when it runs") {
    // Another writer (its own Workspace, as another process has) appends between this
    // command's start and its transaction: the new entry counts it, never reusing its
    // number.
    const auto disk = one_request();
    const auto workspace = open(disk);
    {
        const auto other = open(disk);
        const auto held = other.lock();
        REQUIRE(held != nullptr);
        const auto first = transact(other, *held, k_id, zhang_at_ten(other),
                                    [](const collab::model::Request&,
                                       const collab::rules::Replayed&) { return submit_to_li(); });
        REQUIRE(first.result == Outcome::Result::written);
        CHECK(first.event.seq == 2);
    }
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    const auto outcome =
        transact(workspace, *held, k_id, zhang_at_ten(workspace),
                 [](const collab::model::Request& request, const collab::rules::Replayed&) {
                     CHECK(request.events.size() == 2);
                     return submit_to_li();
                 });
    REQUIRE(outcome.result == Outcome::Result::written);
    CHECK(outcome.event.seq == 3);
}

TEST_CASE("the files an entry comes with are written with it, and not when refused") {
    // split's tasks.yaml: written before the entry that vouches for it.
    const std::string tasks_path = "requests/R-7KQ2XM/tasks.yaml";
    const auto with_file = [&](bool refuse) {
        return [=](const collab::model::Request&, const collab::rules::Replayed&) -> Decision {
            if (refuse) {
                return collab::rules::Refusal{"split", collab::i18n::msg("refuse.test"), {}, {}};
            }
            auto decision = submit_to_li();
            std::get<Entry>(decision).files.push_back({tasks_path, "tasks: []\n"});
            return decision;
        };
    };
    const auto disk = one_request();
    const auto workspace = open(disk);
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    const auto refused = transact(workspace, *held, k_id, zhang_at_ten(workspace), with_file(true));
    CHECK(refused.result == Outcome::Result::refused);
    CHECK_FALSE(disk->text(tasks_path).has_value());
    const auto written =
        transact(workspace, *held, k_id, zhang_at_ten(workspace), with_file(false));
    REQUIRE(written.result == Outcome::Result::written);
    CHECK(disk->text(tasks_path) == std::optional<std::string>("tasks: []\n"));
    CHECK(written.event.seq == 2);
}

TEST_CASE(
    "a copy kept until the entry is written is removed after it; no entry writes files only") {
    // request edit: the old form waits in .collab/pending until its entry is written; a
    // layout-only edit records nothing and writes the form alone.
    const std::string pending = ".collab/pending/R-7KQ2XM.yaml";
    const auto disk = one_request();
    const auto workspace = open(disk);
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    const auto kept =
        transact(workspace, *held, k_id, zhang_at_ten(workspace),
                 [&](const collab::model::Request&, const collab::rules::Replayed&) -> Decision {
                     auto decision = submit_to_li();
                     auto& entry = std::get<Entry>(decision);
                     entry.files.push_back({pending, "old form\n"});
                     entry.removed_after.push_back(pending);
                     return decision;
                 });
    REQUIRE(kept.result == Outcome::Result::written);
    CHECK(disk->writes() >= 2);
    CHECK_FALSE(disk->text(pending).has_value());
    const auto log_before = disk->text(k_log);
    const auto nothing =
        transact(workspace, *held, k_id, zhang_at_ten(workspace),
                 [&](const collab::model::Request&, const collab::rules::Replayed&) -> Decision {
                     return collab::txn::NoEntry{{{fixtures::k_form_path, "x\n"}}};
                 });
    CHECK(nothing.result == Outcome::Result::unchanged);
    CHECK(disk->text(fixtures::k_form_path) == std::optional<std::string>("x\n"));
    CHECK(disk->text(k_log) == log_before);
}

TEST_CASE("a request with broken files is not decided on") {
    const auto disk = one_request();
    const auto workspace = open(disk);
    disk->put(k_log, created_log() + "- seq: [not, a, number\n");
    const auto held = workspace.lock();
    REQUIRE(held != nullptr);
    bool decided = false;
    bool told = false;
    auto writer = zhang_at_ten(workspace);
    writer.loaded = [&](const Diagnostics& problems) {
        told = problems.has_errors();
    };
    const auto outcome =
        transact(workspace, *held, k_id, writer,
                 [&](const collab::model::Request&, const collab::rules::Replayed&) {
                     decided = true;
                     return submit_to_li();
                 });
    CHECK(outcome.result == Outcome::Result::invalid);
    CHECK(outcome.problems.has_errors());
    CHECK(told);
    CHECK_FALSE(decided);
}

} // namespace test_transaction
