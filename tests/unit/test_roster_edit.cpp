// collab people add / edit: people.yaml edited line by line, checked like a hand edit.
#include "fixtures.hpp"

#include <collab/model/roster_edit.hpp>
#include <doctest/doctest.h>

namespace test_roster_edit {

namespace {

using namespace collab;

const std::string k_text = "# the roster\n"
                           "departments:\n"
                           "  - id: cs        # after-sales\n"
                           "  - id: tech\n"
                           "\n"
                           "people:\n"
                           "  - id: li\n"
                           "    name: L   # boss\n"
                           "    department: cs\n"
                           "    roles: [department-head]\n"
                           "    delegate: zhang   # while away\n"
                           "  # zhang joined in July\n"
                           "  - id: zhang\n"
                           "    name: Z\n"
                           "    email: z@example.com\n"
                           "    department: tech\n"
                           "    manager: li\n"
                           "    roles:\n"
                           "      - department-head   # acting\n"
                           "    mention:\n"
                           "      feishu: ou_1\n"
                           "# end of file\n";

struct Edited {
    std::optional<std::string> text;
    fixtures::Lines problems;
};

Edited add(const std::string& id, const model::PersonChanges& fields,
           const std::string& text = k_text) {
    Diagnostics out;
    Edited result{model::add_person(text, "people.yaml", id, fields, out), {}};
    result.problems = fixtures::rendered(out);
    return result;
}

Edited edit(const std::string& id, const model::PersonChanges& changes,
            const std::string& text = k_text) {
    Diagnostics out;
    Edited result{model::edit_person(text, "people.yaml", id, changes, out), {}};
    result.problems = fixtures::rendered(out);
    return result;
}

model::PersonChanges person(std::string name, std::string department) {
    model::PersonChanges fields;
    fields.name = std::move(name);
    fields.department = std::move(department);
    return fields;
}

// The text with `from` replaced by `to` once: what an edit is expected to change.
std::string replaced(const std::string& from, const std::string& to) {
    auto out = k_text;
    const auto at = out.find(from);
    REQUIRE(at != std::string::npos);
    return out.replace(at, from.size(), to);
}

} // namespace

TEST_SUITE("collab::model::roster_edit") {
    TEST_CASE("add appends the person after the last one and keeps every other line") {
        auto fields = person("W", "tech");
        fields.email = "w@example.com";
        fields.manager = "li";
        fields.roles = std::vector<std::string>{};
        fields.delegate = "zhang";
        fields.mentions = {{"wecom", "w1"}, {"feishu", "ou 2"}};
        const auto added = add("wang", fields);
        CHECK(added.problems.empty());
        REQUIRE(added.text);
        CHECK(*added.text == replaced("      feishu: ou_1\n", "      feishu: ou_1\n"
                                                              "  - id: wang\n"
                                                              "    name: W\n"
                                                              "    email: w@example.com\n"
                                                              "    department: tech\n"
                                                              "    manager: li\n"
                                                              "    roles: []\n"
                                                              "    delegate: zhang\n"
                                                              "    mention:\n"
                                                              "      feishu: ou 2\n"
                                                              "      wecom: w1\n"));
    }

    TEST_CASE("add follows the list's indentation and fills an empty list") {
        const std::string flush = "departments: [{id: cs}]\npeople:\n- id: li\n  name: L\n"
                                  "  department: cs\nlater: 1   # kept\n";
        const auto added = add("chen", person("陈晨", "cs"), flush);
        REQUIRE(added.text);
        CHECK(*added.text == "departments: [{id: cs}]\npeople:\n- id: li\n  name: L\n"
                             "  department: cs\n- id: chen\n  name: 陈晨\n  department: cs\n"
                             "later: 1   # kept\n");
        const std::string empty = "departments: [{id: cs}]\npeople: []   # nobody yet\n";
        const auto first = add("li", person("L", "cs"), empty);
        REQUIRE(first.text);
        CHECK(*first.text == "departments: [{id: cs}]\npeople:   # nobody yet\n"
                             "  - id: li\n    name: L\n    department: cs\n");
    }

    TEST_CASE("add refuses what the roster check refuses, naming why") {
        const auto twice = add("zhang", person("Z2", "cs"));
        CHECK_FALSE(twice.text);
        REQUIRE(twice.problems.size() == 1);
        CHECK(twice.problems[0] == "people.yaml:13:5: error: person 'zhang' is already in "
                                   "people.yaml; change them with collab people edit zhang");

        const auto dept = add("wang", person("W", "hr"));
        CHECK_FALSE(dept.text);
        REQUIRE(dept.problems.size() == 1);
        CHECK(dept.problems[0].find("department 'hr' of 'wang' is not in the departments list") !=
              std::string::npos);

        auto self = person("W", "tech");
        self.delegate = "wang";
        const auto delegate = add("wang", self);
        CHECK_FALSE(delegate.text);
        REQUIRE(delegate.problems.size() == 1);
        CHECK(delegate.problems[0].find("delegate 'wang' of 'wang' must be another person") !=
              std::string::npos);

        auto head = person("C", "cs");
        head.roles = std::vector<std::string>{"department-head"};
        const auto heads = add("chen", head);
        CHECK_FALSE(heads.text);
        CHECK(heads.problems.size() == 1);

        const auto bad_id = add("Wang", person("W", "tech"));
        CHECK_FALSE(bad_id.text);
        REQUIRE(bad_id.problems.size() == 1);
        CHECK(bad_id.problems[0].find("id 'Wang' may hold only") != std::string::npos);

        model::PersonChanges nameless;
        nameless.department = "tech";
        const auto no_name = add("wang", nameless);
        CHECK_FALSE(no_name.text);
        REQUIRE(no_name.problems.size() == 1);
        CHECK(no_name.problems[0] ==
              "people.yaml: error: every person needs a name; give it with --name");
    }

    TEST_CASE("add passes on the roster's warnings") {
        auto fields = person("W", "tech");
        fields.roles = std::vector<std::string>{"head"};
        const auto added = add("wang", fields);
        REQUIRE(added.text);
        REQUIRE(added.problems.size() == 1);
        CHECK(added.problems[0].find("warning: role 'head' means nothing to collab") !=
              std::string::npos);
    }

    TEST_CASE("edit replaces a value on its line and keeps the comment after it") {
        model::PersonChanges changes;
        changes.name = "Li Hua";
        const auto named = edit("li", changes);
        REQUIRE(named.text);
        CHECK(*named.text == replaced("    name: L   # boss\n", "    name: Li Hua   # boss\n"));

        model::PersonChanges clear;
        clear.delegate = "";
        const auto cleared = edit("li", clear);
        REQUIRE(cleared.text);
        CHECK(*cleared.text ==
              replaced("    delegate: zhang   # while away\n", "    # while away\n"));
    }

    TEST_CASE("edit turns a block list into one line and keeps the comments among its items") {
        model::PersonChanges changes;
        changes.roles = std::vector<std::string>{};
        changes.email = "zhang@example.com";
        const auto edited = edit("zhang", changes);
        REQUIRE(edited.text);
        CHECK(*edited.text == replaced("    email: z@example.com\n    department: tech\n"
                                       "    manager: li\n    roles:\n"
                                       "      - department-head   # acting\n",
                                       "    email: zhang@example.com\n    department: tech\n"
                                       "    manager: li\n    roles: []\n    # acting\n"));
    }

    TEST_CASE("edit adds a missing field after the person's last line, mentions in their map") {
        model::PersonChanges changes;
        changes.email = "li@example.com";
        changes.mentions = {{"dingtalk", "138"}};
        const auto li = edit("li", changes);
        REQUIRE(li.text);
        CHECK(*li.text == replaced("    delegate: zhang   # while away\n",
                                   "    delegate: zhang   # while away\n"
                                   "    email: li@example.com\n"
                                   "    mention:\n"
                                   "      dingtalk: \"138\"\n"));

        model::PersonChanges mention;
        mention.mentions = {{"feishu", ""}, {"wecom", "z1"}};
        const auto zhang = edit("zhang", mention);
        REQUIRE(zhang.text);
        CHECK(*zhang.text == replaced("      feishu: ou_1\n", "      wecom: z1\n"));
    }

    TEST_CASE("edit refuses what the roster check refuses and leaves the text alone") {
        model::PersonChanges cycle;
        cycle.manager = "zhang";
        const auto cycled = edit("li", cycle); // zhang's manager is li
        CHECK_FALSE(cycled.text);
        REQUIRE(cycled.problems.size() == 2);
        CHECK(cycled.problems[0].find("the manager chain of 'li' comes back") != std::string::npos);

        model::PersonChanges dept;
        dept.department = "hr";
        CHECK_FALSE(edit("zhang", dept).text);

        const auto nobody = edit("wang", dept);
        CHECK_FALSE(nobody.text);
        REQUIRE(nobody.problems.size() == 1);
        CHECK(nobody.problems[0] == "people.yaml: error: no person 'wang' in people.yaml; add "
                                    "them with collab people add wang");

        const auto nothing = edit("li", {});
        CHECK_FALSE(nothing.text);
        REQUIRE(nothing.problems.size() == 1);
        CHECK(nothing.problems[0].find("nothing to change") != std::string::npos);

        model::PersonChanges unnamed;
        unnamed.name = "";
        CHECK_FALSE(edit("li", unnamed).text);
    }

    TEST_CASE("edit refuses a person written as a flow map") {
        const std::string flow =
            "departments: [{id: cs}]\npeople:\n  - {id: li, name: L, department: cs}\n";
        model::PersonChanges changes;
        changes.name = "Li";
        const auto edited = edit("li", changes, flow);
        CHECK_FALSE(edited.text);
        REQUIRE(edited.problems.size() == 1);
        CHECK(edited.problems[0].find("people.yaml:3:5: error: the entry of 'li'") == 0);
        CHECK_FALSE(add("chen", person("C", "cs"), flow).text);
    }
}

} // namespace test_roster_edit
