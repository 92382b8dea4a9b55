// people.yaml: reading and checking the roster, and finding people and departments.
#include "fixtures.hpp"

#include <collab/model/roster.hpp>
#include <doctest/doctest.h>

namespace test_roster {

namespace {

using namespace collab;
using fixtures::Lines;

struct Read {
    std::optional<model::Roster> roster;
    Lines diagnostics;
};

Read read(std::string_view text) {
    const auto node = fixtures::parse_yaml(text, "people.yaml");
    Diagnostics out;
    Read result;
    result.roster = model::read_roster(node, "people.yaml", out);
    result.diagnostics = fixtures::rendered(out);
    return result;
}

} // namespace

TEST_SUITE("collab::model::roster") {

    TEST_CASE("read_roster reads departments and people") {
        const auto roster = fixtures::roster();
        REQUIRE(roster.departments().size() == 3);
        CHECK(roster.departments()[1].id == "tech");
        CHECK(roster.departments()[1].name == "技术部");
        CHECK(roster.departments()[1].where.path == "people.yaml");
        CHECK(roster.departments()[1].where.line == 9);
        REQUIRE(roster.people().size() == 7);
        const auto& li = roster.people()[0];
        CHECK(li.id == "li");
        CHECK(li.name == "李华");
        CHECK(li.email == "li.hua@example.com");
        CHECK(li.department == "cs");
        CHECK(li.manager.empty());
        CHECK(li.roles == Lines{"department-head"});
        CHECK(li.has_role(model::k_role_department_head));
        CHECK(li.delegate == "chen");
        CHECK(li.where.line == 15);
        const auto& zhang = roster.people()[1];
        CHECK(zhang.manager == "li");
        CHECK(zhang.roles.empty());
        CHECK_FALSE(zhang.has_role(model::k_role_department_head));
        CHECK(zhang.delegate.empty());
    }

    TEST_CASE("a department without a name is called by its id") {
        const auto result = read("departments:\n"
                                 "  - id: ops\n"
                                 "people:\n"
                                 "  - id: ma\n"
                                 "    name: ma\n"
                                 "    department: ops\n");
        CHECK(result.diagnostics == Lines{});
        REQUIRE(result.roster.has_value());
        CHECK(result.roster->departments()[0].name == "ops");
        CHECK(result.roster->find_department("ops") == &result.roster->departments()[0]);
        // A person whose name is their id is shown once.
        CHECK(result.roster->display("ma") == "ma");
    }

    TEST_CASE(
        "duplicates, unknown references, bad delegates and two heads are errors at their field") {
        const auto result = read("departments:\n"                  // 1
                                 "  - id: cs\n"                    // 2
                                 "    name: 客服部\n"              // 3
                                 "  - id: tech\n"                  // 4
                                 "people:\n"                       // 5
                                 "  - id: li\n"                    // 6
                                 "    name: 李华\n"                // 7
                                 "    email: Li.Hua@example.com\n" // 8
                                 "    department: cs\n"            // 9
                                 "    roles: [department-head]\n"  // 10
                                 "    delegate: nobody\n"          // 11
                                 "  - id: li\n"                    // 12
                                 "    name: 李华二\n"              // 13
                                 "    department: cs\n"            // 14
                                 "  - id: zhang\n"                 // 15
                                 "    name: 张敏\n"                // 16
                                 "    email: li.hua@EXAMPLE.com\n" // 17
                                 "    department: hr\n"            // 18
                                 "    manager: boss\n"             // 19
                                 "  - id: wang\n"                  // 20
                                 "    name: 王强\n"                // 21
                                 "    department: cs\n"            // 22
                                 "    roles: [department-head]\n"  // 23
                                 "    delegate: wang\n");          // 24
        CHECK_FALSE(result.roster.has_value());
        CHECK(result.diagnostics ==
              Lines{
                  "people.yaml:12:9: error: person 'li' is listed twice; ids must be unique",
                  "people.yaml:17:12: error: email 'li.hua@EXAMPLE.com' belongs to two people; "
                  "emails must be unique",
                  "people.yaml:18:17: error: department 'hr' of 'zhang' is not in the departments "
                  "list; add it there",
                  "people.yaml:11:15: error: delegate 'nobody' of 'li' must be another person in "
                  "the roster",
                  "people.yaml:19:14: error: manager 'boss' of 'zhang' is not in the roster",
                  "people.yaml:24:15: error: delegate 'wang' of 'wang' must be another person in "
                  "the roster",
                  "people.yaml:23:12: error: department 'cs' has two heads, 'li' and 'wang'; give "
                  "the department-head role to one",
              });
    }

    TEST_CASE("a management chain that comes back to a person is a cycle, for everyone on it") {
        const auto result = read("departments:\n"       // 1
                                 "  - id: cs\n"         // 2
                                 "people:\n"            // 3
                                 "  - id: a\n"          // 4
                                 "    name: A\n"        // 5
                                 "    department: cs\n" // 6
                                 "    manager: b\n"     // 7
                                 "  - id: b\n"          // 8
                                 "    name: B\n"        // 9
                                 "    department: cs\n" // 10
                                 "    manager: a\n"     // 11
                                 "  - id: c\n"          // 12
                                 "    name: C\n"        // 13
                                 "    department: cs\n" // 14
                                 "    manager: c\n"     // 15
                                 "  - id: d\n"          // 16
                                 "    name: D\n"        // 17
                                 "    department: cs\n" // 18
                                 "    manager: a\n");   // 19
        CHECK_FALSE(result.roster.has_value());
        // d reports to the cycle but is not on it.
        CHECK(result.diagnostics ==
              Lines{
                  "people.yaml:7:14: error: the manager chain of 'a' comes back to 'a'; fix the "
                  "manager fields",
                  "people.yaml:11:14: error: the manager chain of 'b' comes back to 'b'; fix the "
                  "manager fields",
                  "people.yaml:15:14: error: the manager chain of 'c' comes back to 'c'; fix the "
                  "manager fields",
              });
    }

    TEST_CASE("shape errors: lists that are not lists, missing fields, bad ids") {
        CHECK(read("departments: cs\npeople: []\n").diagnostics ==
              Lines{"people.yaml:1:14: error: 'departments' must be a list"});
        CHECK(read("departments: []\npeople: {}\n").diagnostics ==
              Lines{"people.yaml:2:9: error: 'people' must be a list"});
        CHECK(read("departments: []\n").diagnostics ==
              Lines{"people.yaml:1:1: error: missing field 'people'"});
        CHECK(read("departments:\n"
                   "  - id: cs\n"
                   "people:\n"
                   "  - id: Li Hua\n"
                   "    name: 李华\n"
                   "    department: cs\n")
                  .diagnostics ==
              Lines{"people.yaml:4:9: error: id 'Li Hua' may hold only lower-case letters, digits, "
                    "'.', '_' and '-'"});
        CHECK(read("departments:\n"
                   "  - id: cs\n"
                   "people:\n"
                   "  - id: li\n"
                   "    department: cs\n")
                  .diagnostics == Lines{"people.yaml:4:5: error: missing field 'name'"});
    }

    TEST_CASE("find by id, or by email in any case") {
        const auto roster = fixtures::roster();
        const auto* zhang = roster.find("zhang");
        REQUIRE(zhang != nullptr);
        CHECK(zhang->name == "张敏");
        CHECK(roster.find("zhang.min@example.com") == zhang);
        CHECK(roster.find("ZHANG.MIN@Example.COM") == zhang);
        CHECK(roster.find_by_email("Zhang.Min@example.com") == zhang);
        CHECK(roster.find_by_email("zhang") == nullptr);
        CHECK(roster.find("nobody") == nullptr);
        CHECK(roster.find("") == nullptr);
        CHECK(roster.find_by_email("") == nullptr);
    }

    TEST_CASE("find_department by id or by name") {
        const auto roster = fixtures::roster();
        const auto* tech = roster.find_department("tech");
        REQUIRE(tech != nullptr);
        CHECK(tech->name == "技术部");
        CHECK(roster.find_department("技术部") == tech);
        CHECK(roster.find_department("客服部")->id == "cs");
        CHECK(roster.find_department("finance") == nullptr);
        CHECK(roster.find_department("") == nullptr);
    }

    TEST_CASE("head_of names the department-head of a department id") {
        const auto roster = fixtures::roster();
        REQUIRE(roster.head_of("cs") != nullptr);
        CHECK(roster.head_of("cs")->id == "li");
        CHECK(roster.head_of("tech")->id == "wang");
        CHECK(roster.head_of("sales")->id == "qian");
        CHECK(roster.head_of("finance") == nullptr);
        CHECK(roster.head_of("客服部") == nullptr); // ids only
    }

    TEST_CASE("a department may have no head") {
        const auto result = read("departments:\n"
                                 "  - id: ops\n"
                                 "people:\n"
                                 "  - id: ma\n"
                                 "    name: 马\n"
                                 "    department: ops\n");
        REQUIRE(result.roster.has_value());
        CHECK(result.roster->head_of("ops") == nullptr);
    }

    TEST_CASE("display shows name and id, or the bare text for unknown ids") {
        const auto roster = fixtures::roster();
        CHECK(roster.display("zhang") == "张敏 (zhang)");
        CHECK(roster.display("li") == "李华 (li)");
        CHECK(roster.display("nobody") == "nobody");
        CHECK(roster.display("") == "");
    }

    TEST_CASE("is_valid_id: lower-case letters, digits, '.', '_' and '-', starting with a letter "
              "or digit") {
        CHECK(model::is_valid_id("zhang"));
        CHECK(model::is_valid_id("li.hua"));
        CHECK(model::is_valid_id("li_hua-2"));
        CHECK(model::is_valid_id("007"));
        CHECK(model::is_valid_id(std::string(64, 'a')));
        CHECK_FALSE(model::is_valid_id(std::string(65, 'a')));
        CHECK_FALSE(model::is_valid_id(""));
        CHECK_FALSE(model::is_valid_id("Zhang"));
        CHECK_FALSE(model::is_valid_id("li hua"));
        CHECK_FALSE(model::is_valid_id(".hidden"));
        CHECK_FALSE(model::is_valid_id("-x"));
        CHECK_FALSE(model::is_valid_id("_x"));
        CHECK_FALSE(model::is_valid_id("a/b"));
        CHECK_FALSE(model::is_valid_id("张敏"));
    }
}

} // namespace test_roster
