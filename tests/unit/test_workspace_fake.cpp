// store::Workspace over an in-memory disk (fake_disk.hpp): opening, loading,
// appending and refusing, without a file system.
#include "fake_disk.hpp"
#include "fixtures.hpp"

#include <collab/model/event.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/workspace.hpp>
#include <doctest/doctest.h>
#include <variant>

namespace test_workspace_fake {

using collab::Diagnostics;
using collab::store::Workspace;
using fixtures::FakeDisk;
using fixtures::Lines;
using fixtures::rendered;

namespace {

const std::string k_log_dir = "requests/R-7KQ2XM/log/";

std::string zhang_log() {
    return collab::model::log_header("zhang", "R-7KQ2XM") + R"(- seq: 1
  at: 2026-07-06T09:30:00+08:00
  by: zhang
  action: create
  content: e40007907afdb34d
)";
}

// A workspace of one request (R-7KQ2XM: its form and zhang's log).
std::shared_ptr<FakeDisk> fake_workspace() {
    auto disk = fixtures::fake_settings_disk();
    disk->put(fixtures::k_form_path, fixtures::k_one_department_form);
    disk->put(k_log_dir + "zhang.yaml", zhang_log());
    return disk;
}

Workspace open_workspace(const std::shared_ptr<FakeDisk>& disk) {
    Diagnostics out;
    auto workspace = Workspace::open(disk, out, nullptr, {});
    REQUIRE(rendered(out) == Lines{});
    REQUIRE(workspace.has_value());
    return std::move(*workspace);
}

// The English text of the first diagnostic's message.
std::string first_message(const Diagnostics& out) {
    REQUIRE(!out.items().empty());
    return fixtures::en(out.items().front().message);
}

} // namespace

TEST_CASE("a workspace opens from the files of an in-memory disk") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    CHECK(workspace.root() == disk->root());
    CHECK(workspace.config().name == "unit");
    CHECK(workspace.roster().find("zhang") != nullptr);
    // The calendar read from the disk: 2026-10-10 is a make-up working day, 10-01 a holiday.
    const auto make_up = workspace.calendar().is_working_day(date::year{2026} / 10 / 10);
    const auto holiday = workspace.calendar().is_working_day(date::year{2026} / 10 / 1);
    REQUIRE(std::get_if<bool>(&make_up) != nullptr);
    REQUIRE(std::get_if<bool>(&holiday) != nullptr);
    CHECK(std::get<bool>(make_up));
    CHECK_FALSE(std::get<bool>(holiday));

    SUBCASE("the settings key follows the settings files") {
        const auto before = workspace.settings_key();
        CHECK(open_workspace(disk).settings_key() == before);
        disk->put("collab.yaml", std::string(fixtures::k_fake_settings) + "# a comment\n");
        CHECK_FALSE(open_workspace(disk).settings_key() == before);
    }
}

TEST_CASE("a workspace without its settings says which file is missing") {
    const auto disk = fake_workspace();
    disk->remove("people.yaml");
    Diagnostics out;
    CHECK_FALSE(Workspace::open(disk, out, nullptr, {}).has_value());
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].where.path == "people.yaml");
    CHECK(first_message(out).find("No such file") != std::string::npos);
}

TEST_CASE("the request ids are the request folders that hold a form") {
    const auto disk = fake_workspace();
    disk->put("requests/R-ABCDEF/request.yaml", fixtures::k_two_department_form);
    disk->put("requests/R-GHJKMN/log/zhang.yaml", zhang_log()); // no form: not a request
    disk->put("requests/notes/request.yaml", "title: not a request id\n");
    disk->put("requests/R-PQRSTV", "a file, not a folder\n");
    disk->put_link("requests/R-WXYZ01/request.yaml"); // kept: reading it says why
    const auto workspace = open_workspace(disk);
    CHECK(workspace.request_ids() == std::vector<std::string>{"R-7KQ2XM", "R-ABCDEF", "R-WXYZ01"});
    const auto entries = collab::store::check_request_entries(*disk);
    REQUIRE(entries.items().size() == 2);
    CHECK(entries.items()[0].where.path == "requests/R-PQRSTV");
    CHECK(entries.items()[0].message.id == "store.request_not_folder");
    CHECK(entries.items()[1].where.path == "requests/notes");
    CHECK(entries.items()[1].message.id == "store.not_request");
}

TEST_CASE("a request loads with its log from an in-memory disk") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    Diagnostics out;
    const auto request = workspace.load_request("R-7KQ2XM", out);
    CHECK(rendered(out) == Lines{});
    REQUIRE(request.has_value());
    CHECK(request->form.title == "Faster replies to after-sales tickets");
    REQUIRE(request->events.size() == 1);
    CHECK(request->events[0].by == "zhang");
    CHECK(request->events[0].action == "create");
    CHECK(request->events[0].where.path == k_log_dir + "zhang.yaml");
    CHECK(request->events[0].where.line == 4);
}

TEST_CASE("an appended event is read back, the log kept byte for byte") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    Diagnostics out;
    auto request = workspace.load_request("R-7KQ2XM", out);
    REQUIRE(request.has_value());
    auto copy = *request;
    const auto event =
        fixtures::add_event(copy, 2, "2026-07-06T10:00", "zhang", "submit", "e40007907afdb34d");
    auto extra = collab::yaml::Node::make_map();
    extra.set("to", collab::yaml::Node::make_scalar("li"));
    const int writes = disk->durable_writes();
    workspace.append_event(*request, event, extra);
    CHECK(disk->durable_writes() == writes + 1);

    const auto text = disk->text(k_log_dir + "zhang.yaml");
    REQUIRE(text.has_value());
    CHECK(text->rfind(zhang_log(), 0) == 0);

    const auto again = workspace.load_request("R-7KQ2XM", out);
    CHECK(rendered(out) == Lines{});
    REQUIRE(again.has_value());
    REQUIRE(again->events.size() == 2);
    CHECK(again->events[1].action == "submit");
    CHECK(again->events[1].seq == 2);
    REQUIRE(again->events[1].data.find("to") != nullptr);
    CHECK(again->events[1].data.find("to")->scalar() == "li");
    CHECK(again->events[1].chain_ok); // its prev is the hash of the entry before

    SUBCASE("a new author's log starts with its header") {
        auto by_li = fixtures::add_event(copy, 3, "2026-07-06T11:00", "li", "review",
                                         "e40007907afdb34d", "decision: approve");
        workspace.append_event(*again, by_li, collab::yaml::Node::make_map());
        const auto li = disk->text(k_log_dir + "li.yaml");
        REQUIRE(li.has_value());
        CHECK(li->rfind(collab::model::log_header("li", "R-7KQ2XM"), 0) == 0);
    }
}

TEST_CASE("a path that leaves the workspace is refused") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    SUBCASE("read") {
        Diagnostics out;
        CHECK_FALSE(workspace.read_yaml("../elsewhere/collab.yaml", out).has_value());
        REQUIRE(out.items().size() == 1);
        CHECK(out.items()[0].message.id == "store.io.outside");
    }
    SUBCASE("write") {
        const int writes = disk->writes();
        try {
            workspace.write("requests/../../outside.yaml", "x: 1\n");
            FAIL("written outside the workspace");
        } catch (const collab::store::FileError& error) {
            CHECK(error.attempt().id == "store.io.outside");
        }
        CHECK(disk->writes() == writes);
    }
    SUBCASE("a link in a request is named, never followed") {
        disk->put_link(k_log_dir + "chen.yaml");
        Diagnostics out;
        CHECK_FALSE(workspace.load_request("R-7KQ2XM", out).has_value());
        REQUIRE(out.items().size() == 1);
        CHECK(out.items()[0].where.path == k_log_dir + "chen.yaml");
        CHECK(out.items()[0].message.id == "store.io.link");
        CHECK_THROWS_AS(workspace.write(k_log_dir + "chen.yaml", "- seq: 1\n"),
                        collab::store::FileError);
    }
}

TEST_CASE("a garbled or cut record file is reported at its file and line") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    Diagnostics out;
    SUBCASE("bad YAML") {
        disk->put(k_log_dir + "zhang.yaml", zhang_log() + "- seq: [2\n");
        CHECK_FALSE(workspace.load_request("R-7KQ2XM", out).has_value());
        REQUIRE(!out.items().empty());
        CHECK(out.items()[0].where.path == k_log_dir + "zhang.yaml");
        CHECK(out.items()[0].where.line >= 9);
    }
    SUBCASE("a log cut inside a line") {
        disk->put(k_log_dir + "zhang.yaml", zhang_log() + "- seq: 2\n  at: 2026-07");
        CHECK_FALSE(workspace.load_request("R-7KQ2XM", out).has_value());
        REQUIRE(out.items().size() == 1);
        CHECK(out.items()[0].where.path == k_log_dir + "zhang.yaml");
        CHECK(out.items()[0].where.line == 10);
        CHECK(out.items()[0].message.id == "store.log_cut");
    }
    SUBCASE("a missing file") {
        CHECK_FALSE(workspace.read_yaml("requests/R-7KQ2XM/tasks.yaml", out).has_value());
        REQUIRE(out.items().size() == 1);
        CHECK(out.items()[0].where.path == "requests/R-7KQ2XM/tasks.yaml");
        CHECK(out.items()[0].message.id == "store.cannot_read");
    }
    SUBCASE("a log segment without the one before it") {
        disk->put(k_log_dir + "li+2.yaml", collab::model::log_header("li", "R-7KQ2XM"));
        CHECK_FALSE(workspace.load_request("R-7KQ2XM", out).has_value());
        REQUIRE(out.items().size() == 1);
        CHECK(out.items()[0].where.path == k_log_dir + "li+2.yaml");
        CHECK(out.items()[0].message.id == "store.log_segment_gap");
    }
}

TEST_CASE("the workspace lock is taken through the disk, once at a time") {
    const auto disk = fake_workspace();
    const auto workspace = open_workspace(disk);
    {
        const auto held = workspace.lock();
        REQUIRE(held != nullptr);
        CHECK(disk->text(collab::store::k_lock_file).has_value());
        CHECK(workspace.lock(0) == nullptr);
    }
    CHECK(workspace.lock(0) != nullptr);

    SUBCASE("a link in the lock's place is refused") {
        disk->remove(collab::store::k_lock_file);
        disk->put_link(collab::store::k_lock_file);
        try {
            workspace.lock(0);
            FAIL("locked through a link");
        } catch (const collab::store::FileError& error) {
            CHECK(error.attempt().id == "store.io.link");
        }
    }
}

} // namespace test_workspace_fake
