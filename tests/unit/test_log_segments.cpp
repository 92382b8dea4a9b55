// Log segments (log/<person>.yaml, log/<person>+2.yaml, ...) read as one log, the
// names a log may have, and the free-text limit that keeps logs readable.
#include "fixtures.hpp"

#include <collab/store/log_segments.hpp>
#include <collab/store/workspace.hpp>
#include <collab/yaml/writer.hpp>
#include <doctest/doctest.h>

namespace test_log_segments {

using namespace collab;

namespace {

std::string entry(int seq, const std::string& by, const std::string& action) {
    return "- seq: " + std::to_string(seq) + "\n  at: 2026-07-06T1" + std::to_string(seq % 10) +
           ":00:00+08:00\n  by: " + by + "\n  action: " + action + "\n";
}

std::string log_text(const std::string& by, const std::string& entries) {
    return model::log_header(by, fixtures::k_request_id) + entries;
}

std::optional<model::Request> read(const std::vector<store::RecordText>& logs, Diagnostics& out) {
    std::vector<store::RecordText> files{{"request.yaml", fixtures::k_one_department_form}};
    files.insert(files.end(), logs.begin(), logs.end());
    return store::read_request(fixtures::k_request_id, files, fixtures::shanghai(), out);
}

} // namespace

TEST_SUITE("collab::store log segments") {

    TEST_CASE("a log's name is its owner, then +N from 2, then .yaml") {
        const auto first = store::parse_log_name("log/zhang.yaml");
        REQUIRE(first.has_value());
        CHECK(first->owner == "zhang");
        CHECK(first->segment == 1);
        const auto third = store::parse_log_name("log/li.wei+3.yaml");
        REQUIRE(third.has_value());
        CHECK(third->owner == "li.wei");
        CHECK(third->segment == 3);
        for (const char* bad :
             {"log/zhang+1.yaml", "log/zhang+02.yaml", "log/zhang+.yaml", "log/zhang+2x.yaml",
              "log/Zhang.yaml", "log/.zhang.yaml", "log/zhang.yml", "log/notes.txt", "zhang.yaml",
              "log/.yaml", "log/zhang+999999.yaml"}) {
            const std::string name = bad;
            CAPTURE(name);
            CHECK_FALSE(store::parse_log_name(bad).has_value());
        }
        CHECK(store::log_segment_name("zhang", 1) == "log/zhang.yaml");
        CHECK(store::log_segment_name("zhang", 12) == "log/zhang+12.yaml");
    }

    TEST_CASE("segments are read in order as one log") {
        Diagnostics problems;
        const auto request = read(
            {{"log/zhang.yaml", log_text("zhang", entry(1, "zhang", "create"))},
             {"log/zhang+2.yaml", log_text("zhang", entry(2, "zhang", "submit") + "  to: li\n")},
             {"log/zhang+3.yaml", log_text("zhang", entry(3, "zhang", "withdraw"))}},
            problems);
        CHECK(fixtures::rendered(problems) == fixtures::Lines{});
        REQUIRE(request.has_value());
        std::vector<std::string> actions;
        for (const auto& event : request->events) {
            actions.push_back(event.action);
            CHECK(event.by == "zhang");
        }
        CHECK(actions == std::vector<std::string>{"create", "submit", "withdraw"});
    }

    TEST_CASE("a missing segment and a name that is no log name are errors") {
        Diagnostics gap;
        CHECK_FALSE(read({{"log/zhang.yaml", log_text("zhang", entry(1, "zhang", "create"))},
                          {"log/zhang+3.yaml", log_text("zhang", entry(3, "zhang", "withdraw"))}},
                         gap)
                        .has_value());
        CHECK(fixtures::rendered(gap) ==
              fixtures::Lines{"requests/R-7KQ2XM/log/zhang+3.yaml: error: this log segment does "
                              "not follow on from the one before it (segments are "
                              "log/zhang.yaml, then +2, +3, ... with no gap); restore the missing "
                              "segment from git"});
        Diagnostics stray;
        CHECK_FALSE(read({{"log/zhang.yaml", log_text("zhang", entry(1, "zhang", "create"))},
                          {"log/notes.txt", "hello\n"}},
                         stray)
                        .has_value());
        CHECK(fixtures::rendered(stray).size() == 1);
        CHECK(fixtures::rendered(stray).front().rfind(
                  "requests/R-7KQ2XM/log/notes.txt: error: this is not "
                  "a log name",
                  0) == 0);
    }

    TEST_CASE("a log over the read limit says how to split it into segments") {
        Diagnostics problems;
        const std::string huge(yaml::Limits{}.max_bytes + 1, '#');
        CHECK_FALSE(store::parse_record(huge, "requests/R-7KQ2XM/log/zhang+2.yaml", problems));
        REQUIRE(problems.size() == 1);
        CHECK(fixtures::en(problems.items().front().message).find("log/zhang+3.yaml") !=
              std::string::npos);
    }

    TEST_CASE("free text over the limit is named by its key path") {
        auto node = yaml::Node::make_map();
        node.set("note", yaml::Node::make_scalar(std::string(store::k_max_text_bytes, 'x')));
        CHECK_NOTHROW(store::check_text_sizes(node));
        auto items = yaml::Node::make_sequence();
        items.push_back(yaml::Node::make_scalar("short"));
        items.push_back(yaml::Node::make_scalar(std::string(store::k_max_text_bytes + 1, 'x')));
        node.set("items", std::move(items));
        try {
            store::check_text_sizes(node);
            FAIL("no TextTooLarge");
        } catch (const store::TextTooLarge& error) {
            CHECK(error.field() == "items.2");
            CHECK(error.size() == store::k_max_text_bytes + 1);
        }
    }
}

} // namespace test_log_segments
