// The forms as documents (rules/form_document): what each form holds for a request
// taken through the whole process, which forms are refused before their stage, and the
// Markdown, CSV and HTML renderers of util/print_document.
#include "execution_story.hpp"

#include <collab/rules/form_document.hpp>
#include <collab/util/print_document.hpp>

namespace test_form_document {

namespace {
using namespace execution_story;

// The story of accepted_request() (execution_story.hpp) with a sync on Monday 09-14 (one
// action item, done 09-15) and the survey answered by li and wang on 10-14.
model::Request full_story() {
    auto r = confirmed_request();
    step(r, "2026-09-14T10:00", "zhang", "sync",
         "held_at: 2026-09-14T10:00:00+08:00\nduration_minutes: \"25\"\n"
         "attendees: [zhao, chen]\nminutes: On track | no blockers\n"
         "reports: [{owner: zhao, this_week: API draft, next_week: Review, risks: none}]\n"
         "actions: [{id: A-K7Q2, text: Book the test server, owner: chen, deadline: "
         "2026-09-16}]");
    step(r, "2026-09-15T10:00", "chen", "action-done", "item: A-K7Q2");
    deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
    pass(r, "2026-09-17T17:00", "chen", "T1");
    pass(r, "2026-09-18T09:00", "zhang", "T1");
    deliver(r, "2026-09-28T16:00", "zhao", "T2", "v1", false);
    for (const char* person : {"zhang", "wang", "chen"}) {
        pass(r, "2026-09-29T10:00", person, "T2");
    }
    deliver(r, "2026-10-12T09:00", "chen", "T3", "v1", false);
    pass(r, "2026-10-13T09:00", "zhao", "T3");
    pass(r, "2026-10-13T11:30", "zhang", "T3");
    step(r, "2026-10-14T09:00", "li", "feedback", feedback_fields(4, 3, 5, 4));
    step(r, "2026-10-14T10:00", "wang", "feedback", feedback_fields(5, 4, 4, 5));
    return r;
}

struct Built {
    rules::FormBuild build;
    util::PrintDocument en;
    util::PrintDocument zh;
};

Built build(const model::Request& r, FormKind kind, const std::string& now = "2026-10-15 09:00") {
    const fixtures::World world;
    const auto context = world.at(now);
    const auto replayed = replay(r, world.roster);
    Built out{build_form(kind, FormSource{r, replayed, context, nullptr}), {}, {}};
    if (out.build.document) {
        out.en = print_document(*out.build.document, i18n::Language::en);
        out.zh = print_document(*out.build.document, i18n::Language::zh);
    }
    return out;
}

const util::PrintSection& section(const util::PrintDocument& doc, const std::string& title) {
    for (const auto& s : doc.sections) {
        if (s.title == title) {
            return s;
        }
    }
    FAIL("no section " << title);
    return doc.sections.front();
}

std::string field(const std::vector<util::PrintField>& fields, const std::string& label) {
    for (const auto& [name, value] : fields) {
        if (name == label) {
            return value;
        }
    }
    return "(no " + label + ")";
}

using Row = std::vector<std::string>;
} // namespace

TEST_SUITE("collab::rules::form_document") {

    TEST_CASE("the approval form of a final request: review, meeting, every signature") {
        const auto r = full_story();
        const auto content = model::content_hash(r.form);
        const auto built = build(r, FormKind::approval);
        REQUIRE(built.build.document);
        const auto& doc = built.en;
        CHECK(doc.title == "Requirement approval form (final)");
        CHECK(built.zh.title == "需求审批表（终稿）");
        CHECK(field(doc.head, "Request") == "R-7KQ2XM");
        CHECK(field(doc.head, "State") == "accepted");
        CHECK(field(built.zh.head, "状态") == "已验收");
        const auto& request = section(doc, "Request");
        CHECK(field(request.fields, "Due") == "2026-10-16");
        CHECK(field(request.fields, "Participants").find(", ") != std::string::npos);
        CHECK(section(doc, "Action items").rows.size() == 2);
        CHECK(section(doc, "Action items").rows[1] ==
              Row{"2", "Dispatch tickets automatically",
                  "95% of tickets reach a person within 5 minutes"});
        const auto& review = section(doc, "Review");
        REQUIRE(review.rows.size() == 1);
        CHECK(review.rows[0][0] == "2026-09-08 10:00");
        CHECK(review.rows[0][2] == "approved");
        CHECK(review.rows[0][3] == "yes");
        CHECK(section(doc, "Review meeting").rows.size() == 1);
        const auto& signatures = section(doc, "Signatures");
        CHECK(signatures.header == Row{"Signer", "Role", "Signed", "Content signed", "Signature"});
        REQUIRE(signatures.rows.size() == 5);
        for (const auto& row : signatures.rows) {
            CHECK(row[2] == "2026-09-09 09:30");
            CHECK(row[3] == content);
            CHECK(row[4] == "valid");
        }
        const auto& version = section(doc, "Version");
        CHECK(field(version.fields, "Version") == "final (frozen)");
        CHECK(field(version.fields, "Content hash") == content);
        CHECK(field(version.fields, "Final since") == "2026-09-09 09:30");
        CHECK(version.note.empty());
    }

    TEST_CASE("the approval form of a draft: nothing signed, not final") {
        auto r = fixtures::request(k_form);
        step(r, "2026-09-07T09:00", "zhang", "create");
        const auto built = build(r, FormKind::approval, "2026-09-07 10:00");
        REQUIRE(built.build.document);
        CHECK(built.en.title == "Requirement approval form (draft)");
        CHECK(section(built.en, "Review").note == "Not reviewed yet.");
        for (const auto& row : section(built.en, "Signatures").rows) {
            CHECK(row[4] == "not signed");
        }
        CHECK(section(built.en, "Version").note.find("Not final") == 0);
    }

    TEST_CASE("a signature on other content is shown void") {
        auto approved = fixtures::request(k_form);
        step(approved, "2026-09-07T09:00", "zhang", "create");
        step(approved, "2026-09-07T10:00", "zhang", "submit", "to: li");
        step(approved, "2026-09-08T10:00", "li", "review", review_fields("approve"));
        add_event(approved, approved.next_seq(), "2026-09-08T11:00", "zhao", "sign",
                  std::string(64, 'a'));
        const auto early = build(approved, FormKind::approval, "2026-09-08 12:00");
        bool seen = false;
        for (const auto& row : section(early.en, "Signatures").rows) {
            if (row[0].find("zhao") != std::string::npos && row[4] != "not signed") {
                CHECK(row[4] == "void: signed other content");
                seen = true;
            }
        }
        CHECK(seen);
    }

    TEST_CASE("minutes: refused before the meeting, then the meeting's attendees") {
        auto r = fixtures::request(k_form);
        step(r, "2026-09-07T09:00", "zhang", "create");
        const auto before = build(r, FormKind::minutes, "2026-09-07 10:00");
        REQUIRE(before.build.refusal);
        CHECK(before.build.refusal->rule == "meeting");
        CHECK(en(before.build.refusal->reason) ==
              "R-7KQ2XM has no meeting minutes yet: no review meeting was recorded since the "
              "approval");
        const auto after = build(full_story(), FormKind::minutes);
        REQUIRE(after.build.document);
        REQUIRE(after.en.sections.size() == 1);
        const auto& meeting = after.en.sections[0];
        CHECK(field(meeting.fields, "Attendees").find("li") != std::string::npos);
        CHECK(field(meeting.fields, "Recorded by").find("zhang") != std::string::npos);
        CHECK(meeting.note == "No decisions recorded.");
    }

    TEST_CASE("tracking: refused before the split, then every task with its state") {
        const auto before = build(final_request(), FormKind::tracking, "2026-09-09 09:45");
        REQUIRE(before.build.refusal);
        CHECK(before.build.refusal->rule == "split");
        const auto after = build(full_story(), FormKind::tracking);
        REQUIRE(after.build.document);
        const auto& tasks = section(after.en, "Tasks");
        REQUIRE(tasks.rows.size() == 3);
        CHECK(tasks.rows[1][0] == "T2");
        CHECK(tasks.rows[1][1] == "Build the dispatcher");
        CHECK(tasks.rows[1][4] == "2026-09-28");
        CHECK(tasks.rows[1][5] == "T1");
        CHECK(tasks.rows[1][7] == "accepted");
        CHECK(section(after.zh, "任务").rows[1][7] == "已验收");
        CHECK(section(after.en, "Change requests").note == "No change requests.");
        CHECK(field(section(after.en, "Split").fields, "Split") == "2026-09-09 10:00");
        for (const auto& row : tasks.rows) {
            CHECK(row.size() == tasks.header.size());
        }
    }

    TEST_CASE("tracking: a change request in effect, its deadline in the table") {
        auto r = confirmed_request();
        step(r, "2026-09-10T10:00", "zhao", "change",
             "change: CR-0001\nreason: The vendor is late\nops: [{kind: task-deadline, target: "
             "T1, value: 2026-09-21}]");
        step(r, "2026-09-10T11:00", "li", "change-decision", "change: CR-0001\ndecision: approve");
        const auto approved = build(r, FormKind::tracking, "2026-09-10 11:30");
        REQUIRE(approved.build.document);
        const auto& waiting = section(approved.en, "Change requests");
        REQUIRE(waiting.rows.size() == 1);
        CHECK(waiting.rows[0][5] == "approved, waiting for re-confirmation");
        CHECK(section(approved.en, "Tasks").rows[0][4] == "2026-09-18");
        step(r, "2026-09-10T12:00", "zhao", "change-confirm", "change: CR-0001");
        const auto built = build(r, FormKind::tracking, "2026-09-10 13:00");
        const auto& changes = section(built.en, "Change requests");
        REQUIRE(changes.rows.size() == 1);
        CHECK(changes.rows[0][0] == "CR-0001");
        CHECK(changes.rows[0][3] == "The vendor is late");
        CHECK(changes.rows[0][5] == "in effect");
        CHECK(changes.rows[0][6].find("2026-09-18") != std::string::npos);
        CHECK(changes.rows[0][6].find("2026-09-21") != std::string::npos);
        CHECK(section(built.en, "Tasks").rows[0][4] == "2026-09-21");
    }

    TEST_CASE("tracking: every blocker and risk, who acts, since and by when, its state") {
        const auto none = build(full_story(), FormKind::tracking);
        CHECK(section(none.en, "Risks and blockers").note == "No risks or blockers recorded.");
        auto r = confirmed_request();
        step(r, "2026-09-10T09:00", "zhao", "progress",
             "task: T1\nnote: x\nblocker: {id: B-AAAA, text: Old tickets, from: chen, by: "
             "\"2026-09-11T17:00\"}");
        step(r, "2026-09-10T10:00", "zhao", "risk",
             "risk: RK-0002\ntarget: T1\ntext: Vendor late\nowner: zhao\ndue: 2026-09-15");
        const auto open = build(r, FormKind::tracking, "2026-09-10 12:00");
        const auto& rows = section(open.en, "Risks and blockers").rows;
        REQUIRE(rows.size() == 2);
        CHECK(rows[0] == std::vector<std::string>{"B-AAAA", "blocker", "T1", "陈晨 (chen)",
                                                  "Old tickets", "2026-09-10 09:00",
                                                  "2026-09-11 17:00", "open"});
        CHECK(rows[1] == std::vector<std::string>{"RK-0002", "risk", "T1", "赵磊 (zhao)",
                                                  "Vendor late", "2026-09-10 10:00", "2026-09-15",
                                                  "open"});
        step(r, "2026-09-10T15:00", "chen", "unblock", "blocker: B-AAAA");
        step(r, "2026-09-10T16:00", "zhao", "risk-update",
             "risk: RK-0002\nstatus: mitigating\nnote: Second vendor");
        const auto later = build(r, FormKind::tracking, "2026-09-10 17:00");
        const auto& zh = section(later.zh, "风险与阻塞");
        CHECK(zh.header[3] == "处理人");
        CHECK(zh.rows[0][1] == "阻塞");
        CHECK(zh.rows[0][7] == "已于 2026-09-10 15:00 解除");
        CHECK(zh.rows[1][7] == "缓解中");
        CHECK(section(later.en, "Risks and blockers").rows[0][7] == "closed 2026-09-10 15:00");
    }

    TEST_CASE("sync minutes: the reports, the action items with their state, the risks") {
        const auto before = build(accepted_request(), FormKind::sync);
        REQUIRE(before.build.refusal);
        CHECK(before.build.refusal->rule == "sync");
        const auto after = build(full_story(), FormKind::sync);
        REQUIRE(after.build.document);
        const auto& sync = section(after.en, "Sync of 2026-09-14 10:00");
        CHECK(field(sync.fields, "Duration") == "25 min");
        CHECK(field(sync.fields, "Minutes") == "On track | no blockers");
        REQUIRE(sync.rows.size() == 1);
        CHECK(sync.rows[0][1] == "API draft");
        const auto& actions = section(after.en, "Action items");
        REQUIRE(actions.rows.size() == 1);
        CHECK(actions.rows[0] ==
              Row{"A-K7Q2", "Book the test server", actions.rows[0][2], "2026-09-16", "done"});
        CHECK(section(after.en, "Risks").note == "No risks recorded.");
    }

    TEST_CASE("acceptance: one section per delivered task, a row per verdict") {
        const auto before = build(confirmed_request(), FormKind::acceptance, "2026-09-10 09:00");
        REQUIRE(before.build.refusal);
        CHECK(before.build.refusal->rule == "deliver");
        const auto after = build(full_story(), FormKind::acceptance);
        REQUIRE(after.build.document);
        REQUIRE(after.en.sections.size() == 3);
        const auto& t1 = after.en.sections[0];
        CHECK(t1.title == "T1 Write the API document");
        CHECK_FALSE(t1.new_page);
        CHECK(after.en.sections[1].new_page);
        CHECK(field(t1.fields, "Accepted") == "2026-09-18 09:00");
        REQUIRE(t1.rows.size() == 2);
        CHECK(t1.rows[0][0] == "v1");
        CHECK(t1.rows[0][1] == "2026-09-17 16:00");
        CHECK(t1.rows[0][2] == "on time");
        CHECK(t1.rows[0][4] == "pass");
        CHECK(t1.rows[1][5] == "2026-09-18 09:00");
    }

    TEST_CASE("acceptance: a failed round keeps its opinion and re-acceptance date") {
        auto r = confirmed_request();
        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        fail(r, "2026-09-17T17:00", "chen", "T1", "2026-09-21");
        deliver(r, "2026-09-18T16:00", "zhao", "T1", "v2", false);
        const auto built = build(r, FormKind::acceptance, "2026-09-18 17:00");
        REQUIRE(built.build.document);
        const auto& t1 = built.en.sections[0];
        REQUIRE(t1.rows.size() == 2);
        CHECK(t1.rows[0] == Row{"v1", "2026-09-17 16:00", "on time", t1.rows[0][3], "fail",
                                "2026-09-17 17:00", "Not yet", "2026-09-21"});
        CHECK(t1.rows[1][0] == "v2");
        CHECK(t1.rows[1][4] == "waiting");
    }

    TEST_CASE("feedback: refused before acceptance, then each answer and the averages") {
        const auto before = build(confirmed_request(), FormKind::feedback, "2026-09-10 09:00");
        REQUIRE(before.build.refusal);
        CHECK(before.build.refusal->rule == "feedback");
        const auto after = build(full_story(), FormKind::feedback);
        REQUIRE(after.build.document);
        const auto& survey = after.en.sections[0];
        CHECK(survey.header.size() == 7); // respondent, answered, 4 questions, comment
        REQUIRE(survey.rows.size() == 3);
        CHECK(survey.rows[0][2] == "4");
        CHECK(survey.rows[2][0] == "Average");
        CHECK(survey.rows[2][2] == "4.5");
        CHECK(survey.rows[2][3] == "3.5");
        CHECK(survey.note.find("Not answered yet: ") == 0);
    }

    TEST_CASE("form names") {
        CHECK(parse_form_kind("acceptance") == FormKind::acceptance);
        CHECK_FALSE(parse_form_kind("gantt"));
        CHECK(form_kind_name(FormKind::sync) == "sync");
        CHECK(form_kind_names().size() == 6);
    }
}

TEST_SUITE("collab::util::print_document") {

    util::PrintDocument sample() {
        util::PrintDocument doc;
        doc.lang = "en";
        doc.title = "Form <1>";
        doc.head = {{"Request", "R-1"}};
        doc.field_heading = "Field";
        doc.value_heading = "Value";
        util::PrintSection s;
        s.title = "Tasks";
        s.fields = {{"Note", "a | b\nc"}};
        s.header = {"Task", "Owner"};
        s.rows = {{"T1", "Zhang, \"Min\""}, {"=SUM(A1)", "x\x1b[31m"}};
        s.note = "{{body}}";
        doc.sections.push_back(s);
        doc.footer = "made";
        return doc;
    }

    TEST_CASE("Markdown: pipe tables with escaped bars and line breaks") {
        const auto md = util::render_markdown(sample());
        CHECK(md.find("# Form &lt;1>\n") == 0);
        CHECK(md.find("| Note | a \\| b<br>c |\n") != std::string::npos);
        CHECK(md.find("| Task | Owner |\n| --- | --- |\n| T1 | Zhang, \"Min\" |\n") !=
              std::string::npos);
        CHECK(md.find('\x1b') == std::string::npos);
    }

    TEST_CASE("CSV: BOM, CRLF, RFC 4180 quotes, no formulas") {
        const auto csv = util::render_csv(sample());
        CHECK(csv.rfind("\xEF\xBB\xBF"
                        "Form <1>\r\nRequest,R-1\r\n",
                        0) == 0);
        CHECK(csv.find("Note,\"a | b\nc\"\r\n") != std::string::npos);
        CHECK(csv.find("T1,\"Zhang, \"\"Min\"\"\"\r\n") != std::string::npos);
        CHECK(csv.find("'=SUM(A1),x[31m\r\n") != std::string::npos);
    }

    TEST_CASE("HTML: every text escaped, placeholders replaced once") {
        const auto html =
            util::render_html(sample(), "<html lang=\"{{lang}}\"><title>{{title}}</title>"
                                        "{{body}}<footer>{{footer}}</footer>{{other}}</html>");
        CHECK(html.find("<html lang=\"en\"><title>Form &lt;1&gt;</title>") == 0);
        CHECK(html.find("<td>Zhang, &quot;Min&quot;</td>") != std::string::npos);
        // A value that looks like a placeholder is text, not the body again.
        CHECK(html.find("<p class=\"note\">{{body}}</p>") != std::string::npos);
        CHECK(html.find("<footer>made</footer>{{other}}</html>") != std::string::npos);
        CHECK(html.find('\x1b') == std::string::npos);
    }
}

} // namespace test_form_document
