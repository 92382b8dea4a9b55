// request.yaml: reading the form, where each field came from, the content hash that
// signatures bind to, writing it back, and the differences between two versions.
#include "fixtures.hpp"

#include <collab/model/request_form.hpp>
#include <collab/yaml/writer.hpp>
#include <doctest/doctest.h>
#include <set>

namespace test_request_form {

namespace {

using namespace collab;
using fixtures::Lines;

struct Read {
    std::optional<model::RequestForm> form;
    Lines diagnostics;
};

Read read(std::string_view text, const std::string& path = "request.yaml") {
    const auto node = fixtures::parse_yaml(text, path);
    Diagnostics out;
    Read result;
    result.form = model::read_request_form(node, path, out);
    result.diagnostics = fixtures::rendered(out);
    return result;
}

model::RequestForm form(std::string_view text) {
    auto result = read(text);
    REQUIRE(result.diagnostics == Lines{});
    REQUIRE(result.form.has_value());
    return *result.form;
}

std::string where(const model::RequestForm& form, const std::string& field) {
    const auto at = form.location_of(field);
    return at.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

// Every content field used, with both item and resource syntaxes. A one-line item is
// a quoted string, as collab(5) writes it: unquoted, YAML reads "a :: b" as a map
// with the key "a :".
const char* const k_rich = "# Requirement approval form\n"                                  // 1
                           "title: Faster replies\n"                                        // 2
                           "source: customer\n"                                             // 3
                           "customer: 华东客户\n"                                           // 4
                           "initiator: zhang\n"                                             // 5
                           "lead: chen\n"                                                   // 6
                           "created: 2026-07-06T09:30:00+08:00\n"                           // 7
                           "due: 2026-09-30\n"                                              // 8
                           "departments: [cs, 技术部]\n"                                    // 9
                           "participants:\n"                                                // 10
                           "  - zhao\n"                                                     // 11
                           "  - chen\n"                                                     // 12
                           "background: |\n"                                                // 13
                           "  Tickets wait 2.5 days.\n"                                     // 14
                           "  Customers complain.\n"                                        // 15
                           "goal: A first reply within 4 working hours.\n"                  // 16
                           "items:\n"                                                       // 17
                           "  - \"Write the reply guide :: every agent passes the quiz\"\n" // 18
                           "  - action: Dispatch tickets automatically\n"                   // 19
                           "    acceptance: 95% within 5 minutes\n"                         // 20
                           "  - action: Train the agents\n"                                 // 21
                           "resources:\n"                                                   // 22
                           "  - \"Training material :: 500 CNY\"\n"                         // 23
                           "  - what: Test environment access\n"                            // 24
                           "  - what: Travel\n"                                             // 25
                           "    amount: 1,200.50 USD\n";                                    // 26

// The base form for the content hash: one field per line, easy to vary.
const char* const k_base = "title: Faster replies\n"
                           "initiator: zhang\n"
                           "created: 2026-07-06T09:30:00+08:00\n"
                           "due: 2026-09-30\n"
                           "departments: [cs, tech]\n"
                           "participants: [zhao, chen]\n"
                           "background: Tickets wait 2.5 days.\n"
                           "goal: A first reply within 4 working hours.\n"
                           "items:\n"
                           "  - action: Write the reply guide\n"
                           "    acceptance: every agent passes the quiz\n"
                           "  - action: Train the agents\n"
                           "    acceptance: all pass\n"
                           "resources:\n"
                           "  - what: Training material\n"
                           "    amount: 500 CNY\n";

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

bool operator_equal(const model::RequestForm& a, const model::RequestForm& b) {
    const auto items = [](const model::RequestForm& f) {
        Lines out;
        for (const auto& item : f.items) {
            out.push_back(item.action + "|" + item.acceptance);
        }
        return out;
    };
    const auto resources = [](const model::RequestForm& f) {
        Lines out;
        for (const auto& line : f.resources) {
            out.push_back(line.what + "|" + line.amount);
        }
        return out;
    };
    return a.title == b.title && a.source == b.source && a.customer == b.customer &&
           a.initiator == b.initiator && a.lead == b.lead && a.created == b.created &&
           a.due == b.due && a.background == b.background && a.goal == b.goal &&
           a.departments == b.departments && a.participants == b.participants &&
           items(a) == items(b) && resources(a) == resources(b);
}

} // namespace

TEST_SUITE("collab::model::request_form") {

    TEST_CASE("read_request_form reads every field, scalar and map items, resources with amounts") {
        const auto f = form(k_rich);
        CHECK(f.title == "Faster replies");
        CHECK(f.source == "customer");
        CHECK(f.customer == "华东客户");
        CHECK(f.initiator == "zhang");
        CHECK(f.lead == "chen");
        CHECK(f.project_lead() == "chen");
        CHECK(f.created == "2026-07-06T09:30:00+08:00");
        CHECK(f.due == "2026-09-30");
        CHECK(f.departments == Lines{"cs", "技术部"});
        CHECK(f.participants == Lines{"zhao", "chen"});
        // A literal block's final newline is trimmed away.
        CHECK(f.background == "Tickets wait 2.5 days.\nCustomers complain.");
        CHECK(f.goal == "A first reply within 4 working hours.");
        REQUIRE(f.items.size() == 3);
        CHECK(f.items[0].action == "Write the reply guide");
        CHECK(f.items[0].acceptance == "every agent passes the quiz");
        CHECK(f.items[1].action == "Dispatch tickets automatically");
        CHECK(f.items[1].acceptance == "95% within 5 minutes");
        CHECK(f.items[2].action == "Train the agents");
        CHECK(f.items[2].acceptance == "");
        REQUIRE(f.resources.size() == 3);
        CHECK(f.resources[0].what == "Training material");
        CHECK(f.resources[0].amount == "500 CNY");
        CHECK(f.resources[1].what == "Test environment access");
        CHECK(f.resources[1].amount == "");
        CHECK(f.resources[2].what == "Travel");
        CHECK(f.resources[2].amount == "1,200.50 USD");
    }

    TEST_CASE("source defaults to internal, and the initiator leads unless a lead is named") {
        const auto f = form("title: T\ninitiator: zhang\n");
        CHECK(f.source == "internal");
        CHECK(f.lead.empty());
        CHECK(f.project_lead() == "zhang");
        CHECK(f.items.empty());
        CHECK(f.resources.empty());
    }

    TEST_CASE("location_of names the field, falling back to its parent and then the file") {
        const auto f = form(k_rich);
        CHECK(where(f, "title") == "request.yaml:2:8");
        CHECK(where(f, "due") == "request.yaml:8:6");
        CHECK(where(f, "departments.2") == "request.yaml:9:19"); // columns count characters
        CHECK(where(f, "participants.2") == "request.yaml:12:5");
        CHECK(where(f, "items.1.acceptance") == "request.yaml:18:5"); // the one-line item
        CHECK(where(f, "items.2.acceptance") == "request.yaml:20:17");
        CHECK(where(f, "items.3.acceptance") == "request.yaml:21:5"); // absent: the item
        CHECK(where(f, "items.3") == "request.yaml:21:5");
        CHECK(where(f, "items.9") == "request.yaml:18:3"); // no such item: the list
        CHECK(where(f, "resources.1.amount") == "request.yaml:23:5");
        CHECK(where(f, "resources.3.amount") == "request.yaml:26:13");
        CHECK(where(f, "lead") == "request.yaml:6:7");
        CHECK(where(f, "no_such_field") == "request.yaml:1:1"); // the file
        // A form built in memory knows no places.
        const model::RequestForm built;
        CHECK(where(built, "title") == ":0:0");
    }

    TEST_CASE("read_request_form reports shape errors and unknown keys, and keeps reading") {
        const auto result = read("title: [a, b]\n"      // 1
                                 "items: not a list\n"  // 2
                                 "resources:\n"         // 3
                                 "  - what: Training\n" // 4
                                 "    amout: 500 CNY\n" // 5
                                 "titel: x\n");         // 6
        CHECK(result.diagnostics ==
              Lines{
                  "request.yaml:1:8: error: field 'title' must be text",
                  "request.yaml:2:8: error: field 'items' must be a list",
                  "request.yaml:5:5: warning: unknown key 'amout' (did you mean 'amount'?); it is "
                  "kept",
                  "request.yaml:6:1: warning: unknown key 'titel' (did you mean 'title'?); it is "
                  "kept",
              });
        REQUIRE(result.form.has_value());
        CHECK(result.form->title.empty());
        CHECK(result.form->items.empty());
        REQUIRE(result.form->resources.size() == 1);
        CHECK(result.form->resources[0].amount.empty());
    }

    TEST_CASE("request_form_keys lists the fields in writing order") {
        CHECK(model::request_form_keys() ==
              Lines{"title", "source", "customer", "initiator", "lead", "created", "due",
                    "departments", "participants", "background", "goal", "items", "resources"});
    }

    TEST_CASE("content_hash is 64 hex digits and stable under reformatting and comments") {
        const auto base = form(k_base);
        const auto hash = model::content_hash(base);
        CHECK(hash.size() == 64);
        CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
        // The same content, written another way: keys reordered, comments, flow and
        // block lists, one-line items, quotes, surrounding white space, another
        // initiator and creation time (not content), source written out.
        const auto reformatted =
            form("# A request\n"
                 "goal: \"  A first reply within 4 working hours.  \"\n"
                 "title:   Faster replies      # trailing comment\n"
                 "background: |\n"
                 "  Tickets wait 2.5 days.\n"
                 "due: \"2026-09-30\"\n"
                 "departments:\n"
                 "  - cs\n"
                 "  - tech\n"
                 "participants:\n"
                 "  - zhao\n"
                 "  - \" chen \"\n"
                 "source: internal\n"
                 "items:\n"
                 "  - \"Write the reply guide   ::   every agent passes the quiz\"\n"
                 "  # the second item\n"
                 "  - \"Train the agents :: all pass\"\n"
                 "resources:\n"
                 "  - \"Training material :: 500 CNY\"\n"
                 "initiator: chen\n"
                 "created: 2026-07-07\n");
        CHECK(model::content_hash(reformatted) == hash);
        // The same content built in memory.
        model::RequestForm built;
        built.title = "Faster replies";
        built.due = "2026-09-30";
        built.departments = {"cs", "tech"};
        built.participants = {"zhao", "chen"};
        built.background = "Tickets wait 2.5 days.";
        built.goal = "A first reply within 4 working hours.";
        built.items = {{"Write the reply guide", "every agent passes the quiz"},
                       {"Train the agents", "all pass"}};
        built.resources = {{"Training material", "500 CNY"}};
        CHECK(model::content_hash(built) == hash);
        // Surrounding white space in memory is trimmed as well.
        built.title = "  Faster replies\n";
        built.items[0].acceptance = "every agent passes the quiz ";
        CHECK(model::content_hash(built) == hash);
    }

    TEST_CASE("content_hash changes with every content field, and with nothing else") {
        const std::string base_text = k_base;
        const auto hash = model::content_hash(form(base_text));
        struct Variant {
            const char* what;
            std::string text;
        };
        const std::vector<Variant> changed = {
            {"title", replace(base_text, "title: Faster replies", "title: Faster replies!")},
            {"due", replace(base_text, "due: 2026-09-30", "due: 2026-10-09")},
            {"an item's acceptance",
             replace(base_text, "acceptance: all pass", "acceptance: all pass twice")},
            {"a participant", replace(base_text, "[zhao, chen]", "[zhao, sun]")},
            {"one participant more", replace(base_text, "[zhao, chen]", "[zhao, chen, sun]")},
            {"the order of participants", replace(base_text, "[zhao, chen]", "[chen, zhao]")},
            {"the order of departments", replace(base_text, "[cs, tech]", "[tech, cs]")},
            {"the order of items", replace(base_text,
                                           "  - action: Write the reply guide\n"
                                           "    acceptance: every agent passes the quiz\n"
                                           "  - action: Train the agents\n"
                                           "    acceptance: all pass\n",
                                           "  - action: Train the agents\n"
                                           "    acceptance: all pass\n"
                                           "  - action: Write the reply guide\n"
                                           "    acceptance: every agent passes the quiz\n")},
            {"text moved between action and acceptance",
             replace(base_text, "action: Train the agents\n    acceptance: all pass",
                     "action: Train the agents all\n    acceptance: pass")},
            {"an amount", replace(base_text, "500 CNY", "5000 CNY")},
            {"a resource", replace(base_text, "what: Training material", "what: Training")},
            {"background", replace(base_text, "2.5 days.", "3 days.")},
            {"goal", replace(base_text, "4 working hours", "2 working hours")},
            {"source", replace(base_text, "title: Faster replies\n",
                               "title: Faster replies\nsource: customer\ncustomer: ACME\n")},
            {"lead", replace(base_text, "initiator: zhang\n", "initiator: zhang\nlead: chen\n")},
        };
        std::set<std::string> seen = {hash};
        for (const auto& variant : changed) {
            const std::string what = variant.what;
            CAPTURE(what);
            const auto other = model::content_hash(form(variant.text));
            CHECK(other != hash);
            CHECK(seen.insert(other).second); // and different from every other variant
        }
        // Not content: who created it and when.
        CHECK(model::content_hash(form(replace(base_text, "initiator: zhang", "initiator: li"))) ==
              hash);
        CHECK(model::content_hash(form(replace(base_text, "created: 2026-07-06T09:30:00+08:00",
                                               "created: 2026-08-01T10:00:00+08:00"))) == hash);
    }

    TEST_CASE("content_hash cannot be fooled by moving text between neighbouring fields") {
        model::RequestForm a;
        a.departments = {"cs tech"};
        model::RequestForm b;
        b.departments = {"cs", "tech"};
        CHECK(model::content_hash(a) != model::content_hash(b));
        model::RequestForm c;
        c.title = "A";
        c.background = "B";
        model::RequestForm d;
        d.title = "AB";
        CHECK(model::content_hash(c) != model::content_hash(d));
    }

    TEST_CASE("to_node writes the fields in order, leaving out empty optional ones") {
        model::RequestForm f;
        f.title = "Faster replies";
        f.initiator = "zhang";
        f.created = "2026-07-06T09:30:00+08:00";
        f.due = "2026-09-30";
        f.departments = {"cs"};
        f.background = "Line one\nLine two";
        f.goal = "Goal";
        f.items = {{"Write", "Passes"}};
        f.resources = {{"Material", "500 CNY"}, {"Access", ""}};
        CHECK(yaml::emit(model::to_node(f)) == "title: Faster replies\n"
                                               "source: internal\n"
                                               "initiator: zhang\n"
                                               "created: 2026-07-06T09:30:00+08:00\n"
                                               "due: 2026-09-30\n"
                                               "departments: [cs]\n"
                                               "participants: []\n"
                                               "background: |-\n"
                                               "  Line one\n"
                                               "  Line two\n"
                                               "goal: Goal\n"
                                               "items:\n"
                                               "  - action: Write\n"
                                               "    acceptance: Passes\n"
                                               "resources:\n"
                                               "  - what: Material\n"
                                               "    amount: 500 CNY\n"
                                               "  - what: Access\n");
    }

    TEST_CASE("to_node round-trips through yaml::emit and yaml::parse") {
        const auto original = form(k_rich);
        const auto text = yaml::emit(model::to_node(original));
        const auto again = form(text);
        CHECK(operator_equal(original, again));
        CHECK(model::content_hash(again) == model::content_hash(original));
        CHECK(yaml::emit(model::to_node(again)) == text);
        // Text YAML would read as something else survives too.
        model::RequestForm tricky = original;
        tricky.title = "no";
        tricky.goal = "- starts with a dash: and has a colon # and a hash";
        tricky.items[0].acceptance = "\"quoted\" and 'single'";
        tricky.resources[0].amount = "1,200.50 USD";
        tricky.departments = {"技术部", "a, b"};
        const auto tricky_again = form(yaml::emit(model::to_node(tricky)));
        CHECK(operator_equal(tricky, tricky_again));
    }

    TEST_CASE("split_pair splits at the first '::' and trims both sides") {
        using Pair = std::pair<std::string, std::string>;
        CHECK(model::split_pair("Write the guide :: passes review") ==
              Pair{"Write the guide", "passes review"});
        CHECK(model::split_pair("a::b") == Pair{"a", "b"});
        CHECK(model::split_pair("  only an action  ") == Pair{"only an action", ""});
        CHECK(model::split_pair(" a :: b :: c ") == Pair{"a", "b :: c"});
        CHECK(model::split_pair(":: b") == Pair{"", "b"});
        CHECK(model::split_pair("a ::") == Pair{"a", ""});
        CHECK(model::split_pair("Budget: 500 CNY") == Pair{"Budget: 500 CNY", ""});
        CHECK(model::split_pair("") == Pair{"", ""});
    }

    TEST_CASE("form_changes lists the content fields that differ, in form order") {
        const auto before = form(k_base);
        auto after = before;
        after.title = "Faster replies to tickets";
        after.participants = {"zhao"};
        after.items.push_back({"Measure", "weekly report"});
        after.initiator = "li";              // not content
        after.created = "2026-08-01";        // not content
        after.goal = " " + after.goal + " "; // white space only
        const auto changes = model::form_changes(before, after);
        REQUIRE(changes.size() == 3);
        CHECK(changes[0].field == "title");
        CHECK(changes[0].before == "Faster replies");
        CHECK(changes[0].after == "Faster replies to tickets");
        CHECK(changes[1].field == "participants");
        CHECK(changes[1].before == "zhao\nchen");
        CHECK(changes[1].after == "zhao");
        CHECK(changes[2].field == "items");
        CHECK(changes[2].before ==
              "Write the reply guide :: every agent passes the quiz\nTrain the agents :: all pass");
        CHECK(changes[2].after == "Write the reply guide :: every agent passes the quiz\n"
                                  "Train the agents :: all pass\nMeasure :: weekly report");
        CHECK(model::form_changes(before, before).empty());
    }

    TEST_CASE("form_changes shows resources as 'what :: amount', or just 'what'") {
        const auto before = form(k_base);
        auto after = before;
        after.resources.push_back({"Test access", ""});
        after.due = "2026-10-09";
        const auto changes = model::form_changes(before, after);
        REQUIRE(changes.size() == 2);
        CHECK(changes[0].field == "due");
        CHECK(changes[0].before == "2026-09-30");
        CHECK(changes[0].after == "2026-10-09");
        CHECK(changes[1].field == "resources");
        CHECK(changes[1].before == "Training material :: 500 CNY");
        CHECK(changes[1].after == "Training material :: 500 CNY\nTest access");
    }
}

} // namespace test_request_form
