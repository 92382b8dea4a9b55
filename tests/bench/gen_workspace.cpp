// collab-gen-workspace: writes a deterministic synthetic workspace for benchmarks and
// large-scale tests.
//
//   collab-gen-workspace --requests N --seed S [--git] DIR
//
// DIR gets collab.yaml, people.yaml, the 2026 calendar and N requests in every state of
// the process, each written exactly as the collab commands write them: forms and task
// tables through the core library's writers, events through model::format_event with the
// content hashes the commands record. Every event is a legal transition by an allowed
// person, so `collab check` finds no file errors and no illegal transitions, only the time
// findings a real team would have (overdue tasks, late reviews, stale tasks, missed syncs).
//
// The same N and seed give byte-identical output: all randomness comes from splitmix64
// seeded by S (and the request's index), never from the clock.
#include "../split_mix64.hpp"

#include <algorithm>
#include <chrono>
#include <collab/i18n/message.hpp>
#include <collab/model/event.hpp>
#include <collab/model/request_form.hpp>
#include <collab/model/request_id.hpp>
#include <collab/model/task_table.hpp>
#include <collab/rules/execution.hpp>
#include <collab/store/templates.hpp>
#include <collab/time/calendar.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/yaml/node.hpp>
#include <collab/yaml/writer.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;
using namespace collab;
using time::Timestamp;
using Day = date::sys_days;

namespace {

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64 and integer ranges of our own, so output never depends on the
// standard library's distributions.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() { return collab::testing::split_mix64(m_state); }
    // 0 .. n-1 (n > 0).
    int below(int n) {
        return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }
    // lo .. hi inclusive.
    int range(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }
    std::uint32_t bits(int count) { return static_cast<std::uint32_t>(next() >> (64 - count)); }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }

private:
    std::uint64_t m_state;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    Rng rng(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull));
    rng.next();
    return rng.next();
}

// ---------------------------------------------------------------------------------------
// Time: working days of the 2026 China calendar in Asia/Shanghai, like the workspace.
constexpr int k_day_start = 9 * 60;
constexpr int k_day_end = 18 * 60;

struct Clock {
    time::Calendar calendar;
    time::Zone zone;

    Day add(Day from, int n) const {
        const auto result = calendar.add(time::Date(from), n);
        if (const auto* d = std::get_if<time::Date>(&result)) {
            return Day(*d);
        }
        return from; // outside 2026: callers clamp before this happens
    }
    int between(Day a, Day b) const {
        const auto result = calendar.between(time::Date(a), time::Date(b));
        return std::holds_alternative<int>(result) ? std::get<int>(result) : 0;
    }
    bool working(Day d) const {
        const auto result = calendar.is_working_day(time::Date(d));
        return std::holds_alternative<bool>(result) && std::get<bool>(result);
    }
    Timestamp at(Day d, int minutes) const { return zone.at_local(time::Date(d), minutes); }
    Day day_of(Timestamp t) const { return Day(zone.local_date(t)); }
    int minutes_of(Timestamp t) const { return zone.local_minutes(t); }
    // `minutes` of working time after t (09:00-18:00 on working days).
    Timestamp work_after(Timestamp t, int minutes) const {
        auto d = day_of(t);
        int m = minutes_of(t);
        if (!working(d) || m >= k_day_end) {
            d = add(d, 1);
            m = k_day_start;
        }
        m = std::max(m, k_day_start) + minutes;
        while (m > k_day_end) {
            m -= k_day_end - k_day_start;
            d = add(d, 1);
        }
        return at(d, m);
    }
    std::string format(Timestamp t) const { return zone.format(t); }
    static std::string date_text(Day d) { return time::format_date(time::Date(d)); }
};

Timestamp rand_time(const Clock& clock, Rng& rng, Day d, int lo = k_day_start + 10,
                    int hi = k_day_end - 20) {
    return clock.at(d, rng.range(lo, hi));
}

// ---------------------------------------------------------------------------------------
// The roster.
struct Dept {
    std::string id, name, topic;
};

const std::vector<Dept> k_departments = {
    {"cs", "客服部", "after-sales tickets"},   {"tech", "技术部", "platform services"},
    {"sales", "销售部", "key accounts"},       {"product", "产品部", "product roadmap"},
    {"ops", "运营部", "operations reporting"}, {"finance", "财务部", "expense approval"},
    {"hr", "人力资源部", "onboarding"},        {"legal", "法务部", "contract review"},
};

struct PersonRec {
    std::string id, name, dept, manager, delegate;
    bool head = false;
};

struct Roster {
    std::vector<PersonRec> people;
    std::map<std::string, std::size_t> index;
    std::map<std::string, std::string> heads;              // dept -> head id
    std::map<std::string, std::vector<std::string>> staff; // dept -> everyone but the head
    std::vector<std::string> initiators;                   // people with a manager
    const PersonRec& get(const std::string& id) const { return people[index.at(id)]; }
};

const std::vector<std::pair<std::string, std::string>> k_surnames = {
    {"zhang", "张"}, {"wang", "王"}, {"li", "李"},    {"zhao", "赵"}, {"chen", "陈"},
    {"liu", "刘"},   {"yang", "杨"}, {"huang", "黄"}, {"zhou", "周"}, {"wu", "吴"},
    {"xu", "徐"},    {"sun", "孙"},  {"ma", "马"},    {"zhu", "朱"},  {"hu", "胡"},
    {"guo", "郭"},   {"he", "何"},   {"lin", "林"},   {"luo", "罗"},  {"gao", "高"},
    {"qian", "钱"},  {"song", "宋"}, {"tang", "唐"},  {"han", "韩"},  {"feng", "冯"}};
const std::vector<std::pair<std::string, std::string>> k_given = {
    {"wei", "伟"},   {"fang", "芳"}, {"min", "敏"},  {"jing", "静"}, {"lei", "磊"},
    {"qiang", "强"}, {"yang", "洋"}, {"yan", "艳"},  {"jie", "杰"},  {"tao", "涛"},
    {"ming", "明"},  {"chao", "超"}, {"hua", "华"},  {"ping", "平"}, {"gang", "刚"},
    {"hui", "慧"},   {"yue", "悦"},  {"feng", "峰"}, {"chen", "晨"}, {"xin", "欣"},
    {"bo", "博"},    {"lin", "琳"},  {"ning", "宁"}, {"kai", "凯"},  {"yu", "宇"}};

Roster make_roster(Rng& rng) {
    Roster roster;
    std::set<std::string> used;
    const auto new_person = [&](const std::string& dept, const std::string& manager) {
        const auto& [sid, sname] = rng.pick(k_surnames);
        const auto& [gid, gname] = rng.pick(k_given);
        std::string id = sid + "." + gid;
        for (int n = 2; used.count(id) != 0; ++n) {
            id = sid + "." + gid + std::to_string(n);
        }
        used.insert(id);
        PersonRec p{id, sname + gname, dept, manager, "", false};
        roster.index[id] = roster.people.size();
        roster.people.push_back(p);
        return id;
    };
    const auto gm = new_person("office", "");
    for (const auto& dept : k_departments) {
        const auto head = new_person(dept.id, gm);
        roster.people[roster.index[head]].head = true;
        roster.heads[dept.id] = head;
        const int teams = rng.range(2, 4);
        std::vector<std::string> leads;
        for (int t = 0; t < teams; ++t) {
            const auto lead = new_person(dept.id, head);
            leads.push_back(lead);
            roster.staff[dept.id].push_back(lead);
            const int size = rng.range(4, 8);
            std::vector<std::string> members;
            for (int s = 0; s < size; ++s) {
                const auto member = new_person(dept.id, lead);
                members.push_back(member);
                roster.staff[dept.id].push_back(member);
            }
            if (rng.chance(30)) {
                roster.people[roster.index[lead]].delegate = rng.pick(members);
            }
        }
        if (rng.chance(70)) {
            roster.people[roster.index[head]].delegate = rng.pick(leads);
        }
    }
    for (const auto& p : roster.people) {
        if (!p.manager.empty()) {
            roster.initiators.push_back(p.id);
        }
    }
    return roster;
}

std::string roster_text(const Roster& roster) {
    auto root = yaml::Node::make_map();
    auto depts = yaml::Node::make_sequence();
    const auto add_dept = [&](const std::string& id, const std::string& name) {
        auto d = yaml::Node::make_map();
        d.set("id", yaml::Node::make_scalar(id));
        d.set("name", yaml::Node::make_scalar(name));
        depts.push_back(std::move(d));
    };
    add_dept("office", "总经办");
    for (const auto& dept : k_departments) {
        add_dept(dept.id, dept.name);
    }
    root.set("departments", std::move(depts));
    auto people = yaml::Node::make_sequence();
    for (const auto& p : roster.people) {
        auto n = yaml::Node::make_map();
        n.set("id", yaml::Node::make_scalar(p.id));
        n.set("name", yaml::Node::make_scalar(p.name));
        n.set("email", yaml::Node::make_scalar(p.id + "@example.com"));
        n.set("department", yaml::Node::make_scalar(p.dept));
        if (!p.manager.empty()) {
            n.set("manager", yaml::Node::make_scalar(p.manager));
        }
        auto roles = yaml::Node::make_sequence();
        if (p.head) {
            roles.push_back(yaml::Node::make_scalar("department-head"));
        }
        n.set("roles", std::move(roles));
        if (!p.delegate.empty()) {
            n.set("delegate", yaml::Node::make_scalar(p.delegate));
        }
        people.push_back(std::move(n));
    }
    root.set("people", std::move(people));
    return "# The roster: who takes part, their departments, managers and roles.\n"
           "# Generated by collab-gen-workspace for benchmarks.\n\n" +
           yaml::emit(root);
}

// ---------------------------------------------------------------------------------------
// Words.
const std::vector<std::string> k_title_verbs = {"Speed up",    "Simplify", "Automate",
                                                "Standardise", "Improve",  "Consolidate",
                                                "Audit",       "Relaunch"};
const std::vector<std::string> k_phase_names[5] = {
    {"Survey the current process", "Collect requirements", "Analyse last quarter's data",
     "Interview key users"},
    {"Design the new flow", "Draft the specification", "Plan the data migration",
     "Agree on the interface"},
    {"Build the prototype", "Implement the changes", "Configure the system", "Migrate the data",
     "Write the scripts"},
    {"Test end to end", "Run the pilot", "Review security", "Measure the results"},
    {"Train the staff", "Roll out", "Write the handbook", "Hand over to operations"}};
const std::vector<std::string> k_phase_deliverables[5] = {
    {"Research report v1", "Requirements list v1", "Data analysis v1"},
    {"Design document v1.0", "Specification v1.0", "Interface sheet v1"},
    {"Prototype v0.9", "Release v1.0", "Configuration record", "Migration scripts"},
    {"Test report v1", "Pilot summary", "Security review"},
    {"Training slides", "Rollout checklist", "Handbook v1"}};
const std::vector<std::string> k_notes = {
    "Worked through the open items", "Drafted the first part",
    "Reviewed with the team",        "Fixed the issues found yesterday",
    "Waiting for comments",          "Finished the main part",
    "Collected the remaining data",  "Aligned with the other department"};
const std::vector<std::string> k_blockers = {
    "access to the production data", "last year's figures",
    "sign-off on the budget line",   "a test account",
    "the vendor's API key",          "the customer's contact list"};
const std::vector<std::string> k_risks = {
    "Vendor may deliver late", "Key person on leave next week", "Budget may not cover licences",
    "Data quality lower than expected", "Peak season may slow the pilot"};
const std::vector<std::string> k_actions = {"Share the data export", "Book the training room",
                                            "Confirm the budget",    "Send the draft to legal",
                                            "Update the risk list",  "Invite the vendor"};
const std::vector<std::string> k_customers = {"ACME Trading", "Hengda Logistics", "Blue Sky Retail",
                                              "Northwind Foods", "Jinhua Motors"};

// ---------------------------------------------------------------------------------------
// One request's life.
enum class Kind {
    draft,
    withdrawn,
    submitted,
    returned,
    rejected,
    approved,
    final_,
    in_progress,
    finished
};

struct Ev {
    Timestamp at;
    int order = 0;
    std::string by, on_behalf_of, action, content;
    yaml::Node extra;
    int form_version = 0; // 1 once the returned form was edited
};

yaml::Node scalar(const std::string& text) {
    return yaml::Node::make_scalar(text);
}
yaml::Node list(const std::vector<std::string>& items) {
    auto node = yaml::Node::make_sequence();
    for (const auto& item : items) {
        node.push_back(scalar(item));
    }
    return node;
}
bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}
void add_unique(std::vector<std::string>& v, const std::string& x) {
    if (!x.empty() && !contains(v, x)) {
        v.push_back(x);
    }
}

struct Totals {
    long long requests = 0, tasks = 0, events = 0, files = 0, bytes = 0;
    std::map<std::string, long long> states;
};

class RequestSim {
public:
    RequestSim(const Clock& clock, const Roster& roster, Rng& rng, std::string id, Kind kind,
               Timestamp cutoff)
        : m_clock(clock), m_roster(roster), m_rng(rng), m_id(std::move(id)), m_kind(kind),
          m_cutoff(cutoff) {}

    // Builds the form and every event from `created`. Returns the time of the last event.
    Timestamp run(Day created, int exec_days);
    void write(const fs::path& root, Totals& totals);

private:
    Ev& emit(Timestamp at, const std::string& by, const std::string& action,
             const std::string& content) {
        Ev ev;
        ev.at = at;
        ev.order = static_cast<int>(m_events.size());
        ev.by = by;
        ev.action = action;
        ev.content = content;
        ev.extra = yaml::Node::make_map();
        ev.form_version = m_form_version;
        m_events.push_back(std::move(ev));
        return m_events.back();
    }
    std::string short_id(const char* prefix) {
        for (;;) {
            auto id = model::make_short_id(prefix, m_rng.bits(20));
            if (m_short_ids.insert(id).second) {
                return id;
            }
        }
    }
    void make_form(Day created);
    bool review_phase(Timestamp& t);
    void execute(Timestamp split_at);
    std::string reviewer_or_delegate(std::string& on_behalf_of);

    const Clock& m_clock;
    const Roster& m_roster;
    Rng& m_rng;
    std::string m_id;
    Kind m_kind;
    Timestamp m_cutoff;

    model::RequestForm m_form, m_form0;
    int m_form_version = 0;
    std::string m_hash, m_hash0;
    std::string m_supervisor;
    std::vector<std::string> m_signers;
    std::vector<std::string> m_heads;
    int m_exec_days = 20;
    model::TaskTable m_table;
    bool m_split = false;
    std::vector<Ev> m_events;
    std::set<std::string> m_short_ids;
};

void RequestSim::make_form(Day created) {
    auto& f = m_form;
    f.initiator = m_rng.pick(m_roster.initiators);
    const auto& me = m_roster.get(f.initiator);
    m_supervisor = me.manager;
    std::vector<std::string> depts;
    if (me.dept != "office") {
        depts.push_back(me.dept);
    }
    const int extra_depts = m_rng.chance(40) ? 0 : m_rng.range(1, 2);
    while (static_cast<int>(depts.size()) < (me.dept == "office" ? 1 : 1) + extra_depts ||
           depts.empty()) {
        add_unique(depts, m_rng.pick(k_departments).id);
    }
    f.departments = depts;
    const Dept* main = nullptr;
    for (const auto& d : k_departments) {
        if (d.id == depts.front()) {
            main = &d;
        }
    }
    // Participants: one to four people of the departments involved.
    const int count = m_rng.range(1, 4);
    for (int i = 0; i < count * 2 && static_cast<int>(f.participants.size()) < count; ++i) {
        const auto& pool = m_roster.staff.at(m_rng.pick(depts));
        const auto& person = m_rng.pick(pool);
        if (person != f.initiator && person != m_supervisor) {
            add_unique(f.participants, person);
        }
    }
    if (!f.participants.empty() && m_rng.chance(20)) {
        f.lead = m_rng.pick(f.participants);
    }
    if (m_rng.chance(10)) {
        f.source = "customer";
        f.customer = m_rng.pick(k_customers);
    }
    const auto& verb = m_rng.pick(k_title_verbs);
    f.title = verb + " " + main->topic + " (" + std::to_string(m_rng.range(1, 999)) + ")";
    f.background = "The " + main->topic + " process takes " + std::to_string(m_rng.range(3, 9)) +
                   " days on average and needs several hand-overs.\nTeams ask for a " +
                   "clearer flow and fewer round trips.";
    f.goal = "Cut the average time of " + main->topic + " to " + std::to_string(m_rng.range(1, 3)) +
             " days by the due date.";
    const int items = m_rng.range(2, 4);
    const std::vector<std::pair<std::string, std::string>> k_items = {
        {"Map the current flow", "flow chart reviewed by every head"},
        {"Publish the new procedure", "procedure approved and published"},
        {"Automate the hand-over", "90% of cases handed over without email"},
        {"Train every team member", "every member passes the quiz"},
        {"Report the results weekly", "a report each Friday for 4 weeks"},
        {"Clean up the backlog", "backlog below 20 open cases"}};
    for (int i = 0; i < items; ++i) {
        const auto& [a, c] = k_items[static_cast<std::size_t>((i * 2 + m_rng.below(2)) % 6)];
        f.items.push_back({a, c});
    }
    f.resources.push_back({"Working time of the people named", ""});
    if (m_rng.chance(60)) {
        f.resources.push_back(
            {"Budget for tools", std::to_string(m_rng.range(2, 80) * 500) + " CNY"});
    }
    if (m_rng.chance(40)) {
        f.resources.push_back({"Access to the ticket system", ""});
    }
    // Due: review, sign-off and split take about two weeks, then the execution.
    auto due = m_clock.add(created, 8 + m_exec_days);
    const Day last = Day(date::year{2026} / date::December / 31);
    if (due > last) {
        due = last;
    }
    f.due = Clock::date_text(due);
    const auto created_at = rand_time(m_clock, m_rng, created, k_day_start, k_day_start + 240);
    f.created = m_clock.format(created_at);

    m_hash = model::content_hash(f);
    m_form0 = f;
    m_hash0 = m_hash;
    // Who must sign, and the department heads (for the meeting).
    add_unique(m_signers, f.initiator);
    add_unique(m_signers, m_supervisor);
    for (const auto& d : depts) {
        add_unique(m_heads, m_roster.heads.at(d));
        add_unique(m_signers, m_roster.heads.at(d));
    }
    add_unique(m_signers, f.lead);
    for (const auto& p : f.participants) {
        add_unique(m_signers, p);
    }
}

std::string RequestSim::reviewer_or_delegate(std::string& on_behalf_of) {
    on_behalf_of.clear();
    const auto& sup = m_roster.get(m_supervisor);
    if (!sup.delegate.empty() && sup.delegate != m_form.initiator && m_rng.chance(15)) {
        on_behalf_of = m_supervisor;
        return sup.delegate;
    }
    return m_supervisor;
}

yaml::Node checks_node(bool goals, bool resources, bool breakdown) {
    auto checks = yaml::Node::make_map();
    checks.set("goals", scalar(goals ? "yes" : "no"));
    checks.set("resources", scalar(resources ? "yes" : "no"));
    checks.set("breakdown", scalar(breakdown ? "yes" : "no"));
    return checks;
}

// Stage 1 and 2: create, submit, review (with a return round), meeting, signatures.
// Returns false when the request's life ends before the split.
bool RequestSim::review_phase(Timestamp& t) {
    const auto& ini = m_form.initiator;
    const bool returned_round = m_kind == Kind::returned || m_rng.chance(15);
    if (returned_round) {
        // The first version had one resource line less and a vaguer goal.
        m_form0.goal = "Make " + m_form.goal.substr(4);
        m_hash0 = model::content_hash(m_form0);
    }
    emit(t, ini, "create", m_hash0);
    if (m_kind == Kind::draft) {
        return false;
    }
    if (m_kind == Kind::withdrawn) {
        if (m_rng.chance(50)) {
            t = m_clock.work_after(t, m_rng.range(10, 300));
            emit(t, ini, "submit", m_hash0).extra.set("to", scalar(m_supervisor));
        }
        t = m_clock.work_after(t, m_rng.range(30, 900));
        emit(t, ini, "withdraw", m_hash0)
            .extra.set("comment", scalar("Handled in another request"));
        return false;
    }
    t = m_clock.work_after(t, m_rng.range(10, 600));
    emit(t, ini, "submit", m_hash0).extra.set("to", scalar(m_supervisor));
    if (m_kind == Kind::submitted) {
        return false;
    }
    std::string behalf;
    // Most reviews come within the service level; some are a day or two late.
    const auto review_delay = [&] {
        return m_rng.chance(80) ? m_rng.range(20, 700) : m_rng.range(1100, 2000);
    };
    if (returned_round) {
        t = m_clock.work_after(t, review_delay());
        const auto by = reviewer_or_delegate(behalf);
        auto& ev = emit(t, by, "review", m_hash0);
        ev.on_behalf_of = behalf;
        ev.extra.set("decision", scalar("return"));
        ev.extra.set("checks", checks_node(false, true, true));
        ev.extra.set("comment", scalar("The goal is not measurable: give a number and a date"));
        if (m_kind == Kind::returned) {
            return false;
        }
        t = m_clock.work_after(t, m_rng.range(60, 900));
        m_form_version = 1;
        auto& edit = emit(t, ini, "edit", m_hash);
        edit.extra.set("previous", scalar(m_hash0));
        edit.extra.set("changes", model::form_changes_node(m_form0, m_form));
        t = m_clock.work_after(t, m_rng.range(5, 120));
        emit(t, ini, "submit", m_hash).extra.set("to", scalar(m_supervisor));
    }
    t = m_clock.work_after(t, review_delay());
    {
        const auto by = reviewer_or_delegate(behalf);
        auto& ev = emit(t, by, "review", m_hash);
        ev.on_behalf_of = behalf;
        if (m_kind == Kind::rejected) {
            ev.extra.set("decision", scalar("reject"));
            ev.extra.set("checks", checks_node(false, m_rng.chance(50), true));
            ev.extra.set("comment", scalar("Does not fit this year's goals"));
            return false;
        }
        ev.extra.set("decision", scalar("approve"));
        ev.extra.set("checks", checks_node(true, true, true));
    }
    const bool partial = m_kind == Kind::approved;
    Timestamp approved = t;
    if (m_heads.size() > 1 && !(partial && m_rng.chance(50))) {
        const auto held = m_clock.work_after(approved, m_rng.range(60, 1000));
        const auto recorder = m_rng.chance(70) ? ini : m_supervisor;
        t = m_clock.work_after(held, m_rng.range(40, 180));
        auto& ev = emit(t, recorder, "meeting", m_hash);
        const int duration = m_rng.range(3, 8) * 10;
        ev.extra.set("held_at", scalar(m_clock.format(held)));
        ev.extra.set("duration_minutes", scalar(std::to_string(duration)));
        auto attendees = m_heads;
        add_unique(attendees, ini);
        add_unique(attendees, m_supervisor);
        ev.extra.set("attendees", list(attendees));
        ev.extra.set("minutes", scalar("Scope, owners and due date agreed.\nEach head names "
                                       "the people who take part."));
        ev.extra.set("decisions", list({"Go ahead", "Weekly sync on Mondays"}));
    }
    // Signatures: each signer within a few working hours or days.
    std::vector<std::pair<Timestamp, std::string>> signs;
    for (const auto& person : m_signers) {
        signs.emplace_back(m_clock.work_after(t, m_rng.range(10, 1500)), person);
    }
    std::sort(signs.begin(), signs.end());
    std::size_t keep = signs.size();
    if (partial) {
        keep = static_cast<std::size_t>(m_rng.below(static_cast<int>(signs.size())));
    }
    for (std::size_t i = 0; i < keep; ++i) {
        emit(signs[i].first, signs[i].second, "sign", m_hash);
        t = std::max(t, signs[i].first);
    }
    return !partial && m_kind != Kind::final_;
}

// Stages 3 to 5: split, confirmations, progress, blockers, syncs, risks, changes,
// deliveries, acceptance and feedback.
void RequestSim::execute(Timestamp after) {
    const auto& lead = m_form.project_lead();
    const auto split_at = m_clock.work_after(after, m_rng.range(30, 1200));
    const auto split_day = m_clock.day_of(split_at);
    const auto due = Day(*time::parse_date(m_form.due));
    const int window = std::max(1, m_clock.between(split_day, due));

    // The task table: phases research -> design -> build -> test -> rollout.
    const int k = m_rng.range(7, 15);
    const int phases = std::min(5, std::max(2, k / 2));
    std::vector<int> phase_of(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
        phase_of[static_cast<std::size_t>(i)] = i < phases ? i : m_rng.below(phases);
    }
    std::sort(phase_of.begin(), phase_of.end());
    std::vector<std::string> owners_pool = m_form.participants;
    add_unique(owners_pool, m_form.initiator);
    add_unique(owners_pool, lead);
    if (m_rng.chance(30)) {
        add_unique(owners_pool, m_rng.pick(m_heads));
    }
    std::vector<int> offset(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const int p = phase_of[ui];
        model::Task task;
        task.id = "T" + std::to_string(i + 1);
        // Deliverables show their place in the request.
        const auto p5 = static_cast<std::size_t>(p * 5 / phases);
        task.name = m_rng.pick(k_phase_names[p5]);
        task.deliverable = m_rng.pick(k_phase_deliverables[p5]);
        task.owner = m_rng.pick(owners_pool);
        const int collaborators = m_rng.range(0, 2);
        for (int c = 0; c < collaborators; ++c) {
            const auto& person = m_rng.pick(m_signers);
            if (person != task.owner) {
                add_unique(task.collaborators, person);
            }
        }
        if (task.owner == lead && task.collaborators.empty()) {
            for (const auto& person : m_signers) {
                if (person != task.owner) {
                    task.collaborators.push_back(person);
                    break;
                }
            }
        }
        int off = std::max(1, (p + 1) * window / phases - m_rng.below(2));
        off = std::min(off, window);
        if (p > 0) {
            std::vector<int> prev;
            for (int j = 0; j < i; ++j) {
                if (phase_of[static_cast<std::size_t>(j)] == p - 1) {
                    prev.push_back(j);
                }
            }
            const int deps = std::min(static_cast<int>(prev.size()), m_rng.range(1, 2));
            for (int d = 0; d < deps; ++d) {
                const int j =
                    prev[static_cast<std::size_t>(m_rng.below(static_cast<int>(prev.size())))];
                if (!contains(task.depends_on, "T" + std::to_string(j + 1))) {
                    task.depends_on.push_back("T" + std::to_string(j + 1));
                    off = std::max(off, offset[static_cast<std::size_t>(j)]);
                }
            }
        }
        offset[ui] = off;
        // A request split late keeps every deadline on or before its due date.
        task.deadline = Clock::date_text(std::min(m_clock.add(split_day, off), due));
        task.covers.push_back(i % static_cast<int>(m_form.items.size()) + 1);
        m_table.tasks.push_back(std::move(task));
    }
    m_table.path = "requests/" + m_id + "/tasks.yaml";
    m_split = true;
    {
        auto& ev = emit(split_at, lead, "split", model::table_hash(m_table));
        auto hashes = yaml::Node::make_map();
        for (const auto& task : m_table.tasks) {
            hashes.set(task.id, scalar(model::task_hash(task)));
        }
        ev.extra.set("tasks", std::move(hashes));
        auto deadlines = yaml::Node::make_map();
        for (const auto& task : m_table.tasks) {
            deadlines.set(task.id, scalar(task.deadline));
        }
        ev.extra.set("deadlines", std::move(deadlines));
    }

    // In-force state, for change requests and lateness.
    rules::Execution ex;
    for (const auto& task : m_table.tasks) {
        rules::TaskStatus status;
        status.task = task;
        status.state = rules::TaskState::active;
        ex.tasks.push_back(status);
    }
    std::string due_in_force = m_form.due;
    const auto end_of = [&](const std::string& day) {
        return m_clock.at(Day(*time::parse_date(day)), k_day_end);
    };

    std::vector<Timestamp> confirmed(static_cast<std::size_t>(k));
    std::vector<Timestamp> ready(static_cast<std::size_t>(k));
    std::vector<Timestamp> accepted(static_cast<std::size_t>(k));
    for (int i = 0; i < k; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const auto& task = m_table.tasks[ui];
        confirmed[ui] = m_clock.work_after(split_at, m_rng.range(5, 240));
        auto& ev = emit(confirmed[ui], task.owner, "confirm", model::task_hash(task));
        ev.extra.set("task", scalar(task.id));
    }
    int changes_left = m_rng.chance(35) ? m_rng.range(1, 2) : 0;
    for (int i = 0; i < k; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        auto& task = ex.tasks[ui].task;
        const auto& owner = task.owner;
        Timestamp start = confirmed[ui];
        for (const auto& dep : task.depends_on) {
            start =
                std::max(start, accepted[static_cast<std::size_t>(std::stoi(dep.substr(1)) - 1)]);
        }
        start += std::chrono::minutes(1);
        ready[ui] = start;
        const auto start_day = m_clock.day_of(start);
        // When the owner delivers: mostly by the deadline, about a fifth late.
        const auto deadline_day = Day(*time::parse_date(task.deadline));
        auto deliver_day = m_rng.chance(22) ? m_clock.add(deadline_day, m_rng.range(1, 4))
                                            : m_clock.add(deadline_day, -m_rng.range(0, 2));
        if (deliver_day <= start_day) {
            deliver_day = m_clock.add(start_day, m_rng.range(1, 2));
        }
        auto delivered = rand_time(m_clock, m_rng, deliver_day);

        // A change request for a task that will be late.
        if (changes_left > 0 && delivered > end_of(task.deadline) && m_rng.chance(60)) {
            Day limit = Day(*time::parse_date(due_in_force));
            for (const auto& other : ex.tasks) {
                if (contains(other.task.depends_on, task.id)) {
                    limit = std::min(limit, Day(*time::parse_date(other.task.deadline)));
                }
            }
            const auto wanted = std::min(deliver_day, limit);
            const auto proposed = m_clock.work_after(start, m_rng.range(30, 400));
            const auto decided = m_clock.work_after(proposed, m_rng.range(30, 500));
            const auto reconfirmed = m_clock.work_after(decided, m_rng.range(10, 120));
            if (wanted > deadline_day && reconfirmed < delivered) {
                --changes_left;
                std::vector<rules::ChangeOp> ops(1);
                ops[0].kind = "task-deadline";
                ops[0].target = task.id;
                ops[0].value = Clock::date_text(wanted);
                const auto impact = rules::downstream_impact(ex, ops, m_clock.calendar);
                const auto affected = rules::affected_owners(ex, ops);
                const auto cr = short_id("CR");
                auto& ev = emit(proposed, owner, "change", m_hash);
                ev.extra.set("change", scalar(cr));
                ev.extra.set("reason",
                             scalar("More time needed: " + m_rng.pick(k_blockers) + " came late"));
                auto op_node = yaml::Node::make_map();
                op_node.set("kind", scalar("task-deadline"));
                op_node.set("target", scalar(task.id));
                op_node.set("value", scalar(ops[0].value));
                auto ops_node = yaml::Node::make_sequence();
                ops_node.push_back(std::move(op_node));
                ev.extra.set("ops", std::move(ops_node));
                ev.extra.set("impact", list(impact));
                ev.extra.set("affected", list(affected));
                std::string behalf;
                const auto decider = reviewer_or_delegate(behalf);
                const bool approve = m_rng.chance(75);
                auto& dec = emit(decided, decider, "change-decision", m_hash);
                dec.on_behalf_of = behalf;
                dec.extra.set("change", scalar(cr));
                dec.extra.set("decision", scalar(approve ? "approve" : "reject"));
                if (!approve) {
                    dec.extra.set("comment", scalar("Keep the date; ask for help instead"));
                } else {
                    for (const auto& person : affected) {
                        emit(reconfirmed, person, "change-confirm", m_hash)
                            .extra.set("change", scalar(cr));
                    }
                    task.deadline = ops[0].value;
                }
            }
        }

        // Daily progress while working, with the odd blocker.
        const int days = m_clock.between(start_day, deliver_day);
        const bool with_blocker = m_rng.chance(10);
        const int blocker_day = days > 0 ? m_rng.below(days) : 0;
        Day d = start_day;
        for (int n = 0; n < days; ++n, d = m_clock.add(d, 1)) {
            if (!m_rng.chance(55) && !(with_blocker && n == blocker_day)) {
                continue;
            }
            auto at = rand_time(m_clock, m_rng, d, k_day_start + 300, k_day_end - 10);
            if (at <= start || at >= delivered) {
                continue;
            }
            const bool by_lead = owner != lead && m_rng.chance(5);
            auto& ev = emit(at, by_lead ? lead : owner, "progress", m_hash);
            ev.extra.set("task", scalar(task.id));
            ev.extra.set("note", scalar(m_rng.pick(k_notes)));
            ev.extra.set("percent", scalar(std::to_string(std::min(95, 10 + 85 * n / days))));
            if (with_blocker && n == blocker_day) {
                std::string from;
                for (int tries = 0; tries < 5 && (from.empty() || from == owner); ++tries) {
                    from = m_rng.pick(m_signers);
                }
                if (from != owner && !from.empty()) {
                    const auto id = short_id("B");
                    const auto by = m_clock.at(m_clock.add(d, 1), 17 * 60);
                    auto node = yaml::Node::make_map();
                    node.set("id", scalar(id));
                    node.set("text", scalar(m_rng.pick(k_blockers)));
                    node.set("from", scalar(from));
                    node.set("by", scalar(m_clock.format(by)));
                    ev.extra.set("blocker", std::move(node));
                    const int roll = m_rng.below(100);
                    if (roll < 92) {
                        const auto closed = roll < 80
                                                ? m_clock.work_after(at, m_rng.range(20, 500))
                                                : m_clock.work_after(by, m_rng.range(60, 900));
                        auto& un = emit(closed, from, "unblock", m_hash);
                        un.extra.set("blocker", scalar(id));
                        un.extra.set("note", scalar("Sent over"));
                    }
                }
            }
        }

        // Deliveries and acceptance, with a failed round now and then.
        const auto acceptors = [&] {
            std::vector<std::string> people;
            if (lead != owner) {
                people.push_back(lead);
            } else if (m_form.initiator != owner) {
                people.push_back(m_form.initiator);
            }
            for (const auto& person : task.collaborators) {
                if (person != owner) {
                    add_unique(people, person);
                }
            }
            if (people.empty()) {
                people.push_back(lead);
            }
            return people;
        }();
        int version = 0;
        bool failed_once = false;
        for (;;) {
            ++version;
            const bool will_fail = !failed_once && m_rng.chance(12);
            auto& ev = emit(delivered, owner, "deliver", m_hash);
            ev.extra.set("task", scalar(task.id));
            ev.extra.set("name", scalar(task.deliverable));
            ev.extra.set("version", scalar("v" + std::to_string(version)));
            ev.extra.set("late", scalar(delivered > end_of(task.deadline) ? "yes" : "no"));
            auto self_check = yaml::Node::make_sequence();
            for (int item : task.covers) {
                auto node = yaml::Node::make_map();
                node.set("item", scalar(std::to_string(item)));
                node.set("done", scalar(will_fail && m_rng.chance(50) ? "no" : "yes"));
                self_check.push_back(std::move(node));
            }
            ev.extra.set("self_check", std::move(self_check));
            std::vector<std::pair<Timestamp, std::string>> verdicts;
            for (const auto& person : acceptors) {
                verdicts.emplace_back(m_clock.work_after(delivered, m_rng.range(20, 900)), person);
            }
            std::sort(verdicts.begin(), verdicts.end());
            if (will_fail) {
                failed_once = true;
                const auto& [at, person] = verdicts.front();
                const auto fail_day = m_clock.day_of(at);
                const auto reaccept = m_clock.add(fail_day, m_rng.range(1, 3));
                auto& fail = emit(at, person, "accept", m_hash);
                fail.extra.set("task", scalar(task.id));
                fail.extra.set("verdict", scalar("fail"));
                fail.extra.set("comment", scalar("Does not meet the acceptance criterion yet"));
                fail.extra.set("reaccept_by", scalar(Clock::date_text(reaccept)));
                const auto redeliver_day =
                    m_rng.chance(88)
                        ? m_clock.add(fail_day, m_rng.range(1, m_clock.between(fail_day, reaccept)))
                        : m_clock.add(reaccept, m_rng.range(1, 2));
                delivered =
                    std::max(rand_time(m_clock, m_rng, redeliver_day), m_clock.work_after(at, 30));
                continue;
            }
            for (const auto& [at, person] : verdicts) {
                auto& pass = emit(at, person, "accept", m_hash);
                pass.extra.set("task", scalar(task.id));
                pass.extra.set("verdict", scalar("pass"));
            }
            accepted[ui] = verdicts.back().first;
            break;
        }
    }
    Timestamp all_accepted = *std::max_element(accepted.begin(), accepted.end());

    // A change of the request's due date or scope, decided by the supervisor.
    if (m_rng.chance(8)) {
        const auto proposed = m_clock.work_after(split_at, m_rng.range(600, 4000));
        if (proposed < all_accepted) {
            const bool scope = m_rng.chance(50);
            std::vector<rules::ChangeOp> ops(1);
            ops[0].kind = scope ? "scope" : "due";
            const auto later = m_clock.add(due, 5);
            ops[0].value = scope ? "Also cover the partner channel" : Clock::date_text(later);
            const bool approve =
                !scope && later.time_since_epoch() > due.time_since_epoch() && m_rng.chance(70);
            const auto cr = short_id("CR");
            auto& ev = emit(proposed, lead, "change", m_hash);
            ev.extra.set("change", scalar(cr));
            ev.extra.set("reason", scalar(scope ? "The partner channel asked to join"
                                                : "Peak season slowed every team"));
            auto op_node = yaml::Node::make_map();
            op_node.set("kind", scalar(ops[0].kind));
            op_node.set("value", scalar(ops[0].value));
            auto ops_node = yaml::Node::make_sequence();
            ops_node.push_back(std::move(op_node));
            ev.extra.set("ops", std::move(ops_node));
            ev.extra.set("impact", list(rules::downstream_impact(ex, ops, m_clock.calendar)));
            ev.extra.set("affected", list(rules::affected_owners(ex, ops)));
            std::string behalf;
            const auto decider = reviewer_or_delegate(behalf);
            auto& dec = emit(m_clock.work_after(proposed, m_rng.range(30, 600)), decider,
                             "change-decision", m_hash);
            dec.on_behalf_of = behalf;
            dec.extra.set("change", scalar(cr));
            dec.extra.set("decision", scalar(approve ? "approve" : "reject"));
            if (!approve) {
                dec.extra.set("comment", scalar("Not in this request: open a new one"));
            } else {
                due_in_force = ops[0].value;
            }
        }
    }

    // Weekly syncs by the lead, with reports, action items and risks.
    auto last_held = split_at;
    for (;;) {
        auto day = m_clock.day_of(last_held) +
                   date::days(m_rng.chance(8) ? m_rng.range(8, 10) : m_rng.range(5, 7));
        for (int back = 0; back < 7 && !m_clock.working(day); ++back) {
            day -= date::days(1);
        }
        const auto held = m_clock.at(day, m_rng.pick(std::vector<int>{600, 840, 960}));
        if (held <= last_held || held >= all_accepted || held > m_cutoff) {
            break;
        }
        last_held = held;
        const int duration = m_rng.chance(6) ? m_rng.range(35, 50) : m_rng.range(3, 6) * 5;
        std::vector<std::string> attendees = {lead};
        auto reports = yaml::Node::make_sequence();
        for (int i = 0; i < k && reports.items().size() < 6; ++i) {
            const auto ui = static_cast<std::size_t>(i);
            const auto& task = ex.tasks[ui].task;
            if (ready[ui] <= held && accepted[ui] > held && !contains(attendees, task.owner)) {
                attendees.push_back(task.owner);
                auto r = yaml::Node::make_map();
                r.set("owner", scalar(task.owner));
                r.set("this_week", scalar(task.name + ": " + m_rng.pick(k_notes)));
                r.set("next_week", scalar("Finish " + task.deliverable));
                r.set("risks", scalar(m_rng.chance(70) ? "none" : m_rng.pick(k_risks)));
                reports.push_back(std::move(r));
            }
        }
        auto actions = yaml::Node::make_sequence();
        std::vector<std::tuple<std::string, std::string, Day>> action_items;
        const int n_actions = m_rng.range(0, 2);
        for (int a = 0; a < n_actions; ++a) {
            const auto id = short_id("A");
            const auto& owner = m_rng.pick(attendees);
            const auto deadline = m_clock.add(day, m_rng.range(2, 5));
            auto node = yaml::Node::make_map();
            node.set("id", scalar(id));
            node.set("text", scalar(m_rng.pick(k_actions)));
            node.set("owner", scalar(owner));
            node.set("deadline", scalar(Clock::date_text(deadline)));
            actions.push_back(std::move(node));
            action_items.emplace_back(id, owner, deadline);
        }
        const auto recorded = held + std::chrono::minutes(duration + m_rng.range(5, 60));
        auto& ev = emit(recorded, lead, "sync", m_hash);
        ev.extra.set("held_at", scalar(m_clock.format(held)));
        ev.extra.set("duration_minutes", scalar(std::to_string(duration)));
        ev.extra.set("attendees", list(attendees));
        ev.extra.set("reports", std::move(reports));
        ev.extra.set("actions", std::move(actions));
        ev.extra.set("minutes", scalar("Went through every task and the risk list."));
        for (const auto& [id, owner, deadline] : action_items) {
            const int roll = m_rng.below(100);
            if (roll >= 93) {
                continue; // never closed
            }
            const auto done_day =
                roll < 85 ? m_clock.add(day, m_rng.range(0, m_clock.between(day, deadline)))
                          : m_clock.add(deadline, m_rng.range(1, 2));
            const auto done =
                std::max(rand_time(m_clock, m_rng, done_day), recorded + std::chrono::minutes(5));
            emit(done, owner, "action-done", m_hash).extra.set("item", scalar(id));
        }
        if (m_rng.chance(25)) {
            const auto id = short_id("RK");
            const auto& owner = m_rng.pick(attendees);
            const auto raised = recorded + std::chrono::minutes(m_rng.range(5, 90));
            auto& risk = emit(raised, owner, "risk", m_hash);
            risk.extra.set("risk", scalar(id));
            const auto& target = m_rng.chance(70)
                                     ? ex.tasks[static_cast<std::size_t>(m_rng.below(k))].task.id
                                     : m_id;
            risk.extra.set("target", scalar(target));
            risk.extra.set("text", scalar(m_rng.pick(k_risks)));
            risk.extra.set("owner", scalar(owner));
            const auto risk_due = m_clock.add(day, m_rng.range(3, 8));
            risk.extra.set("due", scalar(Clock::date_text(risk_due)));
            const int roll = m_rng.below(100);
            auto t = raised;
            if (roll < 50) {
                t = m_clock.work_after(t, m_rng.range(60, 900));
                auto& up = emit(t, owner, "risk-update", m_hash);
                up.extra.set("risk", scalar(id));
                up.extra.set("status", scalar("mitigating"));
                up.extra.set("note", scalar("Plan B agreed"));
            }
            if (roll < 80) {
                t = m_clock.work_after(t, m_rng.range(60, 1500));
                auto& up = emit(t, owner, "risk-update", m_hash);
                up.extra.set("risk", scalar(id));
                up.extra.set("status", scalar("resolved"));
                up.extra.set("note", scalar("No longer a risk"));
            }
        }
    }

    // The feedback survey: every collaborator but the initiator, within the window.
    const auto accepted_day = m_clock.day_of(all_accepted);
    const int skip = m_rng.chance(15) ? m_rng.range(1, 2) : 0;
    int skipped = 0;
    for (const auto& person : m_signers) {
        if (person == m_form.initiator) {
            continue;
        }
        if (skipped < skip && m_rng.chance(40)) {
            ++skipped;
            continue;
        }
        const auto day = m_clock.add(accepted_day, m_rng.range(0, 4));
        const auto at =
            std::max(rand_time(m_clock, m_rng, day), all_accepted + std::chrono::minutes(10));
        auto& ev = emit(at, person, "feedback", m_hash);
        auto answers = yaml::Node::make_map();
        answers.set("clarity", scalar(std::to_string(m_rng.range(2, 5))));
        answers.set("efficiency", scalar(std::to_string(m_rng.range(1, 5))));
        for (const auto& dept : m_form.departments) {
            answers.set("responsiveness." + dept, scalar(std::to_string(m_rng.range(2, 5))));
        }
        ev.extra.set("answers", std::move(answers));
        if (m_rng.chance(30)) {
            ev.extra.set("comment", scalar("Fewer status emails, more use of the sync"));
        }
    }
}

Timestamp RequestSim::run(Day created, int exec_days) {
    m_exec_days = exec_days;
    make_form(created);
    auto t = m_clock.at(created, k_day_start); // replaced by the create time below
    t = *time::parse_timestamp(m_form.created, m_clock.zone);
    if (review_phase(t)) {
        execute(t);
    }
    std::stable_sort(m_events.begin(), m_events.end(), [](const Ev& a, const Ev& b) {
        return a.at < b.at || (a.at == b.at && a.order < b.order);
    });
    return m_events.empty() ? t : m_events.back().at;
}

void write_file(const fs::path& path, const std::string& text, Totals& totals) {
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) {
        std::cerr << "collab-gen-workspace: cannot write " << path.string() << '\n';
        std::exit(1);
    }
    totals.files += 1;
    totals.bytes += static_cast<long long>(text.size());
}

void RequestSim::write(const fs::path& root, Totals& totals) {
    // What the files hold at the cut-off: the events up to then, in order.
    while (!m_events.empty() && m_events.back().at > m_cutoff) {
        m_events.pop_back();
    }
    bool split_kept = false;
    bool edit_kept = false;
    std::map<std::string, std::string> logs;
    long long seq = 0;
    for (const auto& ev : m_events) {
        model::Event event;
        event.seq = ++seq;
        event.at = ev.at;
        event.at_text = m_clock.format(ev.at);
        event.by = ev.by;
        event.on_behalf_of = ev.on_behalf_of;
        event.action = ev.action;
        event.content = ev.content;
        auto& log = logs[ev.by];
        if (log.empty()) {
            log = model::log_header(ev.by, m_id);
        }
        log += model::format_event(event, ev.extra);
        split_kept = split_kept || ev.action == "split";
        edit_kept = edit_kept || ev.form_version == 1;
    }
    totals.events += seq;
    const auto dir = root / "requests" / m_id;
    fs::create_directories(dir / "log");
    const auto& form = edit_kept ? m_form : m_form0;
    write_file(dir / "request.yaml",
               i18n::text(i18n::Language::en, "request.file_header") + "\n" +
                   yaml::emit(model::to_node(form)),
               totals);
    if (split_kept) {
        write_file(dir / "tasks.yaml",
                   i18n::render(i18n::Language::en, i18n::msg("split.file_header", m_id)) + "\n" +
                       yaml::emit(model::to_node(m_table)),
                   totals);
        totals.tasks += static_cast<long long>(m_table.tasks.size());
    }
    for (const auto& [person, text] : logs) {
        write_file(dir / "log" / (person + ".yaml"), text, totals);
    }
    totals.requests += 1;
}

std::string template_text(const std::string& name) {
    auto text = store::find_template(name);
    if (!text) {
        std::cerr << "collab-gen-workspace: no embedded template " << name << '\n';
        std::exit(1);
    }
    return *text;
}

std::string fill(std::string text, const std::string& key, const std::string& value) {
    const auto placeholder = "{{" + key + "}}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
    }
    return text;
}

int usage() {
    std::cerr << "usage: collab-gen-workspace --requests N --seed S [--git] DIR\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    long long requests = -1;
    std::uint64_t seed = 1;
    bool git = false;
    std::string dir;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--requests" || arg == "--seed") && i + 1 < argc) {
            const std::string value = argv[++i];
            char* end = nullptr;
            const auto number = std::strtoull(value.c_str(), &end, 10);
            if (end == value.c_str() || *end != '\0') {
                return usage();
            }
            if (arg == "--requests") {
                requests = static_cast<long long>(number);
            } else {
                seed = number;
            }
        } else if (arg == "--git") {
            git = true;
        } else if (arg == "-h" || arg == "--help") {
            usage();
            return 0;
        } else if (!arg.empty() && arg[0] != '-' && dir.empty()) {
            dir = arg;
        } else {
            return usage();
        }
    }
    if (requests < 0 || dir.empty()) {
        return usage();
    }
    const fs::path root(dir);
    if (fs::exists(root / "collab.yaml")) {
        std::cerr << "collab-gen-workspace: " << dir << " already holds a workspace\n";
        return 2;
    }
    fs::create_directories(root / "requests");
    fs::create_directories(root / "calendars");

    // The calendar and zone the workspace uses.
    const auto calendar_text = template_text("calendars/cn-2026.yaml");
    Diagnostics diags;
    const auto node = yaml::parse(calendar_text, "calendars/cn-2026.yaml", diags);
    const auto year =
        node ? time::read_calendar_year(*node, "calendars/cn-2026.yaml", diags) : std::nullopt;
    const auto zone = time::Zone::locate("Asia/Shanghai");
    if (!year || !zone) {
        std::cerr << "collab-gen-workspace: cannot read the 2026 calendar or time zone\n";
        return 1;
    }
    const Clock clock{
        time::Calendar(time::default_work_week(), {*year}, time::UncoveredYears::error), *zone};

    Totals totals;
    write_file(root / "calendars" / "cn-2026.yaml", calendar_text, totals);
    write_file(root / ".gitignore", template_text("workspace/gitignore"), totals);
    write_file(root / ".gitattributes", template_text("workspace/gitattributes"), totals);
    Rng rng(mix(seed, 0xC011AB));
    const auto roster = make_roster(rng);
    write_file(root / "people.yaml", roster_text(roster), totals);
    // The generated logs are unsigned, like those of a release before signatures.
    auto settings = template_text("workspace/collab.en.yaml");
    if (const auto at = settings.find("signatures: required"); at != std::string::npos) {
        settings.replace(at, std::string_view("signatures: required").size(),
                         "signatures: optional");
    }
    write_file(root / "collab.yaml",
               fill(fill(fill(settings, "name",
                              yaml::quote_scalar("bench-" + std::to_string(requests) + "-" +
                                                 std::to_string(seed))),
                         "language", "en"),
                    "calendars", "calendars/cn-2026.yaml"),
               totals);

    // The clock of the workspace: files as they stand on 2026-11-26 at 09:30.
    const Day now_day = Day(date::year{2026} / date::November / 26);
    const auto cutoff = clock.at(now_day, 9 * 60 + 30);
    const Day first_day = clock.add(Day(date::year{2026} / date::January / 5), 0);
    const int year_span = clock.between(first_day, now_day);

    std::set<std::string> ids;
    for (long long r = 0; r < requests; ++r) {
        Rng rr(mix(seed, static_cast<std::uint64_t>(r) + 1));
        std::string id;
        do {
            id = model::make_request_id("R", rr.bits(30));
        } while (!ids.insert(id).second);
        const int roll = rr.below(1000);
        Kind kind = Kind::finished;
        if (roll < 50) {
            kind = Kind::draft;
        } else if (roll < 55) {
            kind = Kind::withdrawn;
        } else if (roll < 85) {
            kind = Kind::submitted;
        } else if (roll < 100) {
            kind = Kind::returned;
        } else if (roll < 115) {
            kind = Kind::rejected;
        } else if (roll < 135) {
            kind = Kind::approved;
        } else if (roll < 150) {
            kind = Kind::final_;
        } else if (roll < 500) {
            kind = Kind::in_progress;
        }
        const int exec_days = rr.range(15, 55);
        // When the request was created: recent for early states, spread over the year
        // for finished ones, so that the cut-off falls inside the execution for those
        // in progress.
        Day created;
        switch (kind) {
        case Kind::draft:
        case Kind::submitted:
        case Kind::returned:
        case Kind::approved:
        case Kind::final_:
            created = clock.add(now_day, -rr.range(1, 9));
            break;
        case Kind::in_progress:
            created = clock.add(now_day, -(8 + exec_days * rr.range(10, 110) / 100));
            break;
        default:
            created = clock.add(first_day, rr.below(std::max(1, year_span - exec_days - 25)));
            break;
        }
        for (int attempt = 0;; ++attempt) {
            Rng sim_rng(mix(rr.next(), static_cast<std::uint64_t>(attempt)));
            RequestSim sim(clock, roster, sim_rng, id, kind, cutoff);
            const auto last = sim.run(created, exec_days);
            if (kind == Kind::finished && last > cutoff && attempt < 6 && created > first_day) {
                created = std::max(first_day, clock.add(created, -(exec_days / 2 + 10)));
                continue;
            }
            sim.write(root, totals);
            break;
        }
    }
    std::cout << "requests " << totals.requests << "\n"
              << "tasks " << totals.tasks << "\n"
              << "events " << totals.events << "\n"
              << "files " << totals.files << "\n"
              << "bytes " << totals.bytes << "\n";
    if (git) {
        const auto q = "'" + root.string() + "'";
        const auto cmd = "git -C " + q + " init -q && git -C " + q + " add -A && git -C " + q +
                         " -c user.name=bench -c user.email=bench@localhost commit -qm "
                         "'generated workspace' >/dev/null";
        if (std::system(cmd.c_str()) != 0) {
            std::cerr << "collab-gen-workspace: git failed\n";
            return 1;
        }
    }
    return 0;
}
