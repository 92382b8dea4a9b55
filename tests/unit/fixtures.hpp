// Shared inputs for the model and rules tests: a roster, settings, the official 2026
// China calendar, and requests whose event logs are built in memory.
//
// The roster, tests/fixtures/people.yaml (departments cs 客服部, tech 技术部, sales 销售部):
//
//   li     李华  cs     department-head, no manager, delegate chen
//   zhang  张敏  cs     manager li
//   chen   陈晨  cs     manager li
//   wang   王强  tech   department-head, no manager
//   zhao   赵磊  tech   manager wang
//   qian   钱峰  sales  department-head, no manager
//   sun    孙悦  sales  manager qian
//
// 2026-07-06 is a Monday; the calendar is templates/calendars/cn-2026.yaml (National
// Day 2026-10-01..07 with make-up days 2026-09-20 and 2026-10-10; Spring Festival
// 2026-02-15..23 with make-up days 2026-02-14 and 2026-02-28).
#pragma once

#include <chrono>
#include <collab/i18n/message.hpp>
#include <collab/model/config.hpp>
#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <collab/model/request_form.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/context.hpp>
#include <collab/time/calendar.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <doctest/doctest.h>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fixtures {

// A list of texts that doctest prints in full when a check fails.
struct Lines : std::vector<std::string> {
    using std::vector<std::string>::vector;
    Lines() = default;
    Lines(std::vector<std::string> lines) : std::vector<std::string>(std::move(lines)) {}
};

inline std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out << (i == 0 ? "\n  \"" : ",\n  \"") << lines[i] << "\"";
    }
    return out << (lines.empty() ? "}" : "\n}");
}

// Parses inline YAML that must be well-formed.
inline collab::yaml::Node parse_yaml(std::string_view text, const std::string& path = "f.yaml") {
    collab::Diagnostics out;
    auto node = collab::yaml::parse(text, path, out);
    REQUIRE(out.empty());
    REQUIRE(node.has_value());
    return *node;
}

// Every diagnostic as "path:line:col: error: text", in English.
inline Lines rendered(const collab::Diagnostics& diagnostics) {
    Lines out;
    for (const auto& item : diagnostics.items()) {
        out.push_back(collab::format_diagnostic(collab::i18n::Language::en, item));
    }
    return out;
}

inline Lines rendered(const std::vector<collab::Diagnostic>& items) {
    Lines out;
    for (const auto& item : items) {
        out.push_back(collab::format_diagnostic(collab::i18n::Language::en, item));
    }
    return out;
}

// A message in English words.
inline std::string en(const collab::i18n::Message& message) {
    return collab::i18n::render(collab::i18n::Language::en, message);
}

inline Lines en(const std::vector<collab::i18n::Message>& messages) {
    Lines out;
    for (const auto& message : messages) {
        out.push_back(en(message));
    }
    return out;
}

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The test roster, tests/fixtures/people.yaml: the one the end-to-end tests copy into
// their workspaces, so that every level of test knows the same people and delegates.
inline const std::string& people_yaml() {
    static const std::string text = read_text_file(COLLAB_SOURCE_DIR "/tests/fixtures/people.yaml");
    return text;
}

inline collab::model::Roster roster(std::string_view text = people_yaml()) {
    const auto node = parse_yaml(text, "people.yaml");
    collab::Diagnostics out;
    auto read = collab::model::read_roster(node, "people.yaml", out);
    REQUIRE(rendered(out) == Lines{});
    REQUIRE(read.has_value());
    return std::move(*read);
}

// The calendar shipped with collab: templates/calendars/cn-2026.yaml.
inline collab::time::CalendarYear china_2026() {
    const std::string relative = "calendars/cn-2026.yaml";
    const auto text = read_text_file(std::string(COLLAB_SOURCE_DIR) + "/templates/" + relative);
    const auto node = parse_yaml(text, relative);
    collab::Diagnostics out;
    auto year = collab::time::read_calendar_year(node, relative, out);
    REQUIRE(rendered(out) == Lines{});
    REQUIRE(year.has_value());
    return std::move(*year);
}

inline collab::time::Zone shanghai() {
    auto zone = collab::time::Zone::locate("Asia/Shanghai");
    REQUIRE(zone.has_value());
    return *zone;
}

// A local time in Asia/Shanghai (UTC+8 all year), written by hand as UTC.
inline collab::time::Timestamp cst(collab::time::Date day, int hour, int minute = 0) {
    return date::sys_days{day} + std::chrono::hours{hour - 8} + std::chrono::minutes{minute};
}

// Settings, people and time: what every rule consults. Keep it in one place (the
// Context refers to its members).
struct World {
    collab::model::Config config;
    collab::model::Roster roster;
    collab::time::Calendar calendar;
    collab::time::Zone zone;

    explicit World(collab::model::Config settings = {}, std::string_view people = people_yaml())
        : config(std::move(settings)), roster(fixtures::roster(people)),
          calendar(config.work_week, {china_2026()}, config.uncovered_years), zone(shanghai()) {}

    World(const World&) = delete;
    World& operator=(const World&) = delete;

    // The context as of a local time in the workspace's zone ("2026-07-06 10:00").
    collab::rules::Context at(std::string_view now) const {
        const auto parsed = collab::time::parse_timestamp(now, zone);
        REQUIRE(parsed.has_value());
        return collab::rules::Context{config, roster, calendar, zone, *parsed};
    }
};

inline const std::string k_request_id = "R-7KQ2XM";
inline const std::string k_form_path = "requests/R-7KQ2XM/request.yaml";

// A complete form over one department (cs): initiator zhang, participant chen.
inline const char* const k_one_department_form = R"(title: Faster replies to after-sales tickets
source: internal
initiator: zhang
created: 2026-07-06T09:30:00+08:00
due: 2026-09-30
departments: [cs]
participants: [chen]
background: Tickets wait 2.5 days for a first reply.
goal: A first reply within 4 working hours.
items:
  - action: Write the reply guide
    acceptance: Every agent passes the guide quiz
resources:
  - what: Training material
    amount: 500 CNY
)";

// A complete form over two departments (cs and tech): participants zhao and chen.
inline const char* const k_two_department_form =
    R"(title: Dispatch tickets to engineers automatically
source: internal
initiator: zhang
created: 2026-07-06T09:30:00+08:00
due: 2026-09-30
departments: [cs, tech]
participants: [zhao, chen]
background: Tickets wait 2.5 days for a first reply.
goal: A first reply within 4 working hours.
items:
  - action: Publish the ticket API document
    acceptance: Customer service reviews it
  - action: Dispatch tickets automatically
    acceptance: 95% of tickets reach a person within 5 minutes
resources:
  - what: Test environment access
  - what: Training material
    amount: 500 CNY
)";

inline collab::model::RequestForm form(std::string_view text,
                                       const std::string& path = k_form_path) {
    const auto node = parse_yaml(text, path);
    collab::Diagnostics out;
    auto read = collab::model::read_request_form(node, path, out);
    REQUIRE(rendered(out) == Lines{});
    REQUIRE(read.has_value());
    return std::move(*read);
}

inline collab::model::Request request(std::string_view form_text,
                                      const std::string& id = k_request_id) {
    collab::model::Request request;
    request.id = id;
    request.dir = "requests/" + id;
    request.form_path = request.dir + "/request.yaml";
    request.form = form(form_text, request.form_path);
    return request;
}

// Appends one event, as if read from `by`'s log. `at` is local time in Shanghai
// ("2026-07-06T10:00"); `extra` holds the action's own fields as inline YAML
// ("to: li", "decision: approve", "attendees: [li, wang]").
inline collab::model::Event& add_event(collab::model::Request& request, long long seq,
                                       const std::string& at, const std::string& by,
                                       const std::string& action, const std::string& content,
                                       std::string_view extra = "",
                                       const std::string& on_behalf_of = "") {
    using collab::yaml::Node;
    const auto zone = shanghai();
    const auto parsed = collab::time::parse_timestamp(at, zone);
    REQUIRE(parsed.has_value());
    collab::model::Event event;
    event.seq = seq;
    event.at = *parsed;
    event.at_text = zone.format(*parsed);
    event.by = by;
    event.on_behalf_of = on_behalf_of;
    event.action = action;
    event.kind = collab::model::action_by_name(action); // as read_log does
    event.content = content;
    event.where = {request.log_path(by), 1, 1};
    auto data = Node::make_map();
    data.set("seq", Node::make_scalar(std::to_string(seq)));
    data.set("at", Node::make_scalar(event.at_text));
    data.set("by", Node::make_scalar(by));
    if (!on_behalf_of.empty()) {
        data.set("on_behalf_of", Node::make_scalar(on_behalf_of));
    }
    data.set("action", Node::make_scalar(action));
    if (!content.empty()) {
        data.set("content", Node::make_scalar(content));
    }
    if (!extra.empty()) {
        const auto fields = parse_yaml(extra, "extra.yaml");
        REQUIRE(fields.is_map());
        for (const auto& [key, value] : fields.entries()) {
            data.set(key.scalar(), value);
        }
    }
    event.data = std::move(data);
    request.events.push_back(std::move(event));
    return request.events.back();
}

// A review's fields: the decision and every checklist answer.
inline std::string review_fields(const std::string& decision, const std::string& comment = "") {
    std::string text = "decision: " + decision +
                       "\nchecks: {goals: \"yes\", resources: \"yes\", breakdown: \"yes\"}\n";
    if (!comment.empty()) {
        text += "comment: " + comment + "\n";
    }
    return text;
}

// collab.yaml read from `text`: the settings (nullopt when refused) and every
// diagnostic, rendered.
struct ConfigRead {
    std::optional<collab::model::Config> config;
    Lines diagnostics;
};

inline ConfigRead read_config_text(std::string_view text) {
    const auto node = parse_yaml(text, "collab.yaml");
    collab::Diagnostics out;
    ConfigRead result;
    result.config = collab::model::read_config(node, "collab.yaml", out);
    result.diagnostics = rendered(out);
    return result;
}

} // namespace fixtures
