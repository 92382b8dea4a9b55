// Stage 1 and 2 transitions: who signs, the meeting rule, and each refusal of submit,
// edit, withdraw, review, meeting, sign and ack with the rule it names. Events carry
// the form's real content hash, as collab records them.
#include "fixtures.hpp"

#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/request_transitions.hpp>
#include <collab/rules/review_transitions.hpp>
#include <collab/rules/signoff.hpp>
#include <doctest/doctest.h>

namespace test_review_rules {

namespace {

using namespace collab;
using namespace collab::rules;
using fixtures::add_event;
using fixtures::en;
using fixtures::Lines;
using fixtures::review_fields;

const std::string k_id = fixtures::k_request_id;

std::string hash(const model::Request& request) {
    return model::content_hash(request.form);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

model::Request created(const char* form = fixtures::k_one_department_form) {
    auto r = fixtures::request(form);
    add_event(r, 1, "2026-07-06T09:30", r.form.initiator, "create", hash(r));
    return r;
}

model::Request submitted(const char* form = fixtures::k_one_department_form) {
    auto r = created(form);
    add_event(r, 2, "2026-07-06T10:00", r.form.initiator, "submit", hash(r), "to: li");
    return r;
}

model::Request approved(const char* form = fixtures::k_one_department_form) {
    auto r = submitted(form);
    add_event(r, 3, "2026-07-06T11:00", "li", "review", hash(r), review_fields("approve"));
    return r;
}

// The one-department request with every signature in.
model::Request final_one() {
    auto r = approved();
    for (const char* person : {"zhang", "li", "chen"}) {
        add_event(r, 4, "2026-07-06T14:00", person, "sign", hash(r));
    }
    return r;
}

// The two-department request after its review meeting.
model::Request met() {
    auto r = approved(fixtures::k_two_department_form);
    add_event(r, 4, "2026-07-07T10:00", "zhang", "meeting", hash(r), "attendees: [li, wang]");
    return r;
}

struct Outcome {
    bool refused = false;
    std::string rule;
    std::string reason;
    Lines hints;
    Lines details;
};

Outcome outcome(const std::optional<Refusal>& refusal) {
    Outcome out;
    if (refusal) {
        out.refused = true;
        out.rule = refusal->rule;
        out.reason = en(refusal->reason);
        out.hints = en(refusal->hints);
        out.details = fixtures::rendered(refusal->details);
    }
    return out;
}

std::string signers_text(const std::vector<RequiredSigner>& signers) {
    std::string out;
    for (const auto& s : signers) {
        out += (out.empty() ? "" : ", ") + s.person + "/" + s.role;
    }
    return out;
}

ReviewDecision decision(const std::string& what, bool goals = true, bool resources = true,
                        bool breakdown = true, const std::string& comment = "") {
    ReviewDecision d;
    d.decision = what;
    d.checks["goals"] = {goals, ""};
    d.checks["resources"] = {resources, ""};
    d.checks["breakdown"] = {breakdown, ""};
    d.comment = comment;
    return d;
}

Outcome review(const model::Request& r, const std::string& actor, const ReviewDecision& d,
               std::string* on_behalf_of = nullptr) {
    const fixtures::World world;
    std::string behalf = "unchanged";
    const auto result = outcome(check_review(r, actor, d, world.at("2026-07-06 12:00"), behalf));
    if (on_behalf_of != nullptr) {
        *on_behalf_of = behalf;
    }
    return result;
}

} // namespace

TEST_SUITE("collab::rules::signoff") {

    TEST_CASE("required_signers: initiator, supervisor, heads, lead, participants, in that order") {
        const auto roster = fixtures::roster();
        const auto two = fixtures::form(fixtures::k_two_department_form);
        // li heads cs and is the supervisor: listed once, as supervisor.
        CHECK(signers_text(required_signers(two, "li", roster)) ==
              "zhang/initiator, li/supervisor, wang/department-head, zhao/participant, "
              "chen/participant");
        const auto one = fixtures::form(fixtures::k_one_department_form);
        CHECK(signers_text(required_signers(one, "li", roster)) ==
              "zhang/initiator, li/supervisor, chen/participant");
    }

    TEST_CASE("required_signers lists each person once, in their first role") {
        const auto roster = fixtures::roster();
        auto f = fixtures::form(fixtures::k_one_department_form);
        f.lead = "chen";
        f.departments = {"cs", "tech", "技术部", "sales", "finance"};
        f.participants = {"chen", "wang", "zhao", "chen", "nobody", "zhang"};
        CHECK(signers_text(required_signers(f, "li", roster)) ==
              "zhang/initiator, li/supervisor, wang/department-head, qian/department-head, "
              "chen/lead, zhao/participant");
        CHECK(collaborators(f, "li", roster) ==
              Lines{"zhang", "li", "wang", "qian", "chen", "zhao"});
        // Without a supervisor yet (a draft), the head of cs signs as head.
        CHECK(signers_text(required_signers(f, "", roster)) ==
              "zhang/initiator, li/department-head, wang/department-head, qian/department-head, "
              "chen/lead, zhao/participant");
    }

    TEST_CASE("needs_meeting: more than one involved department") {
        const auto roster = fixtures::roster();
        model::RequestForm f;
        f.departments = {"cs"};
        CHECK_FALSE(needs_meeting(f, roster));
        f.departments = {"cs", "客服部"}; // the same department twice
        CHECK_FALSE(needs_meeting(f, roster));
        f.departments = {"cs", "finance"}; // unknown departments are not involved
        CHECK_FALSE(needs_meeting(f, roster));
        f.departments = {"cs", "技术部"};
        CHECK(needs_meeting(f, roster));
    }

    TEST_CASE("heads_missing names the involved heads who did not attend") {
        const auto roster = fixtures::roster();
        const auto f = fixtures::form(fixtures::k_two_department_form);
        CHECK(heads_missing(f, roster, {}) == Lines{"li", "wang"});
        CHECK(heads_missing(f, roster, {"li", "zhao"}) == Lines{"wang"});
        CHECK(heads_missing(f, roster, {"zhao", "wang", "li"}).empty());
    }

    TEST_CASE("meeting_attendees reads the attendees list of a meeting event") {
        auto r = fixtures::request(fixtures::k_two_department_form);
        add_event(r, 1, "2026-07-07T10:00", "zhang", "meeting", "h", "attendees: [li, wang]");
        add_event(r, 2, "2026-07-07T10:00", "zhang", "meeting", "h", "attendees: li");
        add_event(r, 3, "2026-07-07T10:00", "zhang", "meeting", "h");
        CHECK(meeting_attendees(r.events[0]) == Lines{"li", "wang"});
        CHECK(meeting_attendees(r.events[1]) == Lines{"li"});
        CHECK(meeting_attendees(r.events[2]).empty());
    }

    TEST_CASE("meeting_satisfied and signatures_missing follow the status") {
        const auto roster = fixtures::roster();
        auto r = approved(fixtures::k_two_department_form);
        auto status = derive_status(r, roster);
        CHECK_FALSE(meeting_satisfied(r.form, status, roster));
        CHECK(signers_text(signatures_missing(r.form, status, roster, hash(r))) ==
              "zhang/initiator, li/supervisor, wang/department-head, zhao/participant, "
              "chen/participant");
        r = met();
        add_event(r, 5, "2026-07-07T11:00", "wang", "sign", hash(r));
        add_event(r, 5, "2026-07-07T11:00", "zhao", "sign", "0000000000000000");
        status = derive_status(r, roster);
        CHECK(meeting_satisfied(r.form, status, roster));
        CHECK(signers_text(signatures_missing(r.form, status, roster, hash(r))) ==
              "zhang/initiator, li/supervisor, zhao/participant, chen/participant");
        // A one-department request needs no meeting.
        const auto one = approved();
        CHECK(meeting_satisfied(one.form, derive_status(one, roster), roster));
    }
}

TEST_SUITE("collab::rules::review_transitions") {

    TEST_CASE("review_checklist asks goals, resources, breakdown") {
        CHECK(review_checklist() == Lines{"goals", "resources", "breakdown"});
    }

    TEST_CASE("check_review: the supervisor the request went to may decide") {
        std::string behalf;
        CHECK_FALSE(review(submitted(), "li", decision("approve"), &behalf).refused);
        CHECK(behalf.empty());
        CHECK_FALSE(
            review(submitted(), "li", decision("return", true, true, true, "Split it")).refused);
        CHECK_FALSE(review(submitted(), "li", decision("reject", true, true, true, "No")).refused);
        // Approving over a "no" with a reason is the supervisor's call.
        CHECK_FALSE(
            review(submitted(), "li", decision("approve", true, false, true, "Budget next month"))
                .refused);
    }

    TEST_CASE("check_review: the supervisor's delegate decides on their behalf") {
        std::string behalf;
        const auto result = review(submitted(), "chen", decision("approve"), &behalf);
        CHECK_FALSE(result.refused);
        CHECK(behalf == "li");
    }

    TEST_CASE("check_review refuses anyone else") {
        const auto result = review(submitted(), "zhao", decision("approve"));
        CHECK(result.rule == "review");
        CHECK(result.reason == "only 李华 (li), the supervisor R-7KQ2XM was submitted to, or their "
                               "delegate may review it; you are 赵磊 (zhao)");
        CHECK(result.hints == Lines{"ask 李华 (li); when they are away, the delegate named in "
                                    "people.yaml may act for them"});
        // The initiator may not review either.
        CHECK(review(submitted(), "zhang", decision("approve")).rule == "review");
    }

    TEST_CASE("check_review refuses a delegate reviewing their own request") {
        auto text = std::string(fixtures::k_one_department_form);
        text = replace(text, "initiator: zhang", "initiator: chen");
        text = replace(text, "participants: [chen]", "participants: [zhang]");
        const auto result = review(submitted(text.c_str()), "chen", decision("approve"));
        CHECK(result.rule == "review");
        CHECK(result.reason ==
              "you initiated R-7KQ2XM: a delegate may not review their own request");
    }

    TEST_CASE("check_review needs every checklist item answered") {
        auto d = decision("approve");
        d.checks.erase("breakdown");
        auto result = review(submitted(), "li", d);
        CHECK(result.rule == "review");
        CHECK(result.reason == "every checklist item must be answered; missing: breakdown");
        CHECK(result.hints ==
              Lines{"answer each with --check goals=yes|no, --check resources=yes|no, --check "
                    "breakdown=yes|no (add :note after the answer)"});
        d.checks.clear();
        result = review(submitted(), "li", d);
        CHECK(result.reason ==
              "every checklist item must be answered; missing: goals, resources, breakdown");
    }

    TEST_CASE("check_review: return and reject need a comment, and so does approving over a no") {
        auto result = review(submitted(), "li", decision("return"));
        CHECK(result.rule == "review");
        CHECK(result.reason == "to return a request, say why with --comment");
        CHECK(result.hints == Lines{"add --comment \"...\""});
        result = review(submitted(), "li", decision("reject", false, false, false));
        CHECK(result.reason == "to reject a request, say why with --comment");
        result = review(submitted(), "li", decision("approve", true, false, true));
        CHECK(result.rule == "review");
        CHECK(result.reason ==
              "approving with a \"no\" on the checklist needs a --comment saying why");
    }

    TEST_CASE("check_review refuses to approve a form changed since its submission") {
        auto r = submitted();
        const auto submitted_hash = hash(r);
        r.form.goal = "A first reply within 2 working hours.";
        const auto result = review(r, "li", decision("approve"));
        CHECK(result.rule == "frozen");
        CHECK(result.reason == "the form of R-7KQ2XM changed after it was submitted (submitted " +
                                   submitted_hash + ", now " + hash(r) +
                                   "); the review must see what was submitted");
        CHECK(result.hints == Lines{"restore the submitted text (git checkout), or return the "
                                    "request so the initiator can edit and resubmit"});
    }

    TEST_CASE("check_review lets the supervisor return a form changed since its submission") {
        // The refusal above says "return the request so the initiator can edit and
        // resubmit", and `collab check` says "return it for changes": returning must
        // stay possible when the form was changed by hand.
        auto r = submitted();
        r.form.goal = "A first reply within 2 working hours.";
        const auto result =
            review(r, "li", decision("return", true, true, true, "Your edit came too late"));
        CHECK_FALSE(result.refused);
        CHECK(result.reason == "");
    }

    TEST_CASE("check_review only while submitted") {
        auto result = review(created(), "li", decision("approve"));
        CHECK(result.rule == "review");
        CHECK(result.reason == "cannot review R-7KQ2XM: it is draft");
        CHECK(result.hints ==
              Lines{"`collab next R-7KQ2XM` says what step comes next and who takes it"});
        result = review(approved(), "li", decision("approve"));
        CHECK(result.reason == "cannot review R-7KQ2XM: it is approved");
    }

    TEST_CASE("check_meeting: the initiator or the supervisor, once approved") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 10:00");
        const auto r = approved(fixtures::k_two_department_form);
        CHECK_FALSE(check_meeting(r, "zhang", context));
        CHECK_FALSE(check_meeting(r, "li", context));
        auto result = outcome(check_meeting(r, "wang", context));
        CHECK(result.rule == "meeting");
        CHECK(result.reason == "the review meeting of R-7KQ2XM is recorded by the initiator 张敏 "
                               "(zhang) or the supervisor 李华 (li)");
        result =
            outcome(check_meeting(submitted(fixtures::k_two_department_form), "zhang", context));
        CHECK(result.rule == "meeting");
        CHECK(result.reason == "cannot record a meeting for R-7KQ2XM: it is submitted");
    }

    TEST_CASE("check_sign: only required signers") {
        const fixtures::World world;
        const auto result = outcome(check_sign(met(), "sun", world.at("2026-07-07 12:00")));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "孙悦 (sun) is not among the signers of R-7KQ2XM: 张敏 (zhang), "
                               "李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)");
    }

    TEST_CASE("check_sign: two departments sign after the review meeting") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 12:00");
        const auto result =
            outcome(check_sign(approved(fixtures::k_two_department_form), "zhao", context));
        CHECK(result.rule == "meeting");
        CHECK(result.reason == "R-7KQ2XM involves more than one department: record the review "
                               "meeting, attended by 李华 (li), 王强 (wang), before signing");
        CHECK(result.hints == Lines{"collab meeting R-7KQ2XM --at DATETIME --duration MINUTES "
                                    "--attendee ... --minutes TEXT"});
        CHECK_FALSE(check_sign(met(), "zhao", context));
        // One department: signing follows the approval directly.
        CHECK_FALSE(check_sign(approved(), "chen", context));
    }

    TEST_CASE("check_sign: not twice on the same content; again after a recorded edit") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 12:00");
        auto r = met();
        add_event(r, 5, "2026-07-07T11:00", "zhao", "sign", hash(r));
        const auto result = outcome(check_sign(r, "zhao", context));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "you already signed this version of R-7KQ2XM (" + hash(r) + ")");
        r.form.goal = "A first reply within 2 working hours.";
        add_event(r, 6, "2026-07-07T11:30", "zhang", "edit", hash(r));
        CHECK_FALSE(check_sign(r, "zhao", context));
    }

    TEST_CASE("check_sign: a form changed by hand after approval cannot be signed") {
        const fixtures::World world;
        auto r = approved();
        r.form.title = "Something else";
        const auto result = outcome(check_sign(r, "chen", world.at("2026-07-07 12:00")));
        CHECK(result.rule == "frozen");
        CHECK(result.reason == "the form of R-7KQ2XM was changed by hand without `collab request "
                               "edit`; signatures must bind to a recorded version");
        CHECK(result.hints ==
              Lines{"fix the form with `collab request edit R-7KQ2XM`, then submit again"});
    }

    TEST_CASE("check_sign: only once approved") {
        const fixtures::World world;
        const auto result = outcome(check_sign(submitted(), "zhang", world.at("2026-07-07 12:00")));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "cannot sign R-7KQ2XM: it is submitted");
    }

    TEST_CASE("check_ack: each collaborator confirms the final version once") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 12:00");
        auto r = final_one();
        CHECK_FALSE(check_ack(r, "chen", context));
        CHECK_FALSE(check_ack(r, "zhang", context));
        auto result = outcome(check_ack(r, "sun", context));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "孙悦 (sun) is not a collaborator of R-7KQ2XM");
        add_event(r, 5, "2026-07-07T09:00", "chen", "ack", hash(r));
        result = outcome(check_ack(r, "chen", context));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "you already confirmed receipt of R-7KQ2XM");
        result = outcome(check_ack(approved(), "chen", context));
        CHECK(result.rule == "signoff");
        CHECK(result.reason == "cannot acknowledge R-7KQ2XM: it is approved");
    }
}

TEST_SUITE("collab::rules::request_transitions") {

    TEST_CASE("check_submit: the initiator submits a complete draft, or a returned request") {
        const fixtures::World world;
        const auto context = world.at("2026-07-06 10:00");
        CHECK_FALSE(check_submit(created(), "zhang", context));
        auto r = submitted();
        add_event(r, 3, "2026-07-06T11:00", "li", "review", hash(r),
                  review_fields("return", "Split it"));
        // Returned: it is changed (修改后重新提交) before it goes back.
        const auto unchanged = outcome(check_submit(r, "zhang", context));
        CHECK(unchanged.rule == "submit");
        CHECK(unchanged.reason == "R-7KQ2XM was returned and has not been changed since (content " +
                                      hash(r) +
                                      "): change the form as the review asked, then submit it "
                                      "again");
        CHECK(unchanged.hints ==
              Lines{"fix the form with `collab request edit R-7KQ2XM`, then submit again"});
        r.form.goal = "A first reply within 2 working hours.";
        CHECK_FALSE(check_submit(r, "zhang", context));
        // Due today is not yet passed.
        CHECK_FALSE(check_submit(created(), "zhang", world.at("2026-09-30 17:00")));
    }

    TEST_CASE("check_submit refuses anyone but the initiator") {
        const fixtures::World world;
        const auto result = outcome(check_submit(created(), "li", world.at("2026-07-06 10:00")));
        CHECK(result.rule == "submit");
        CHECK(result.reason ==
              "only the initiator 张敏 (zhang) may submit R-7KQ2XM; you are 李华 (li)");
        CHECK(result.hints ==
              Lines{"ask 张敏 (zhang) to do it, or act as them with --as if you are"});
    }

    TEST_CASE("check_submit refuses a request that is not a draft or returned") {
        const fixtures::World world;
        const auto context = world.at("2026-07-06 12:00");
        auto result = outcome(check_submit(submitted(), "zhang", context));
        CHECK(result.rule == "submit");
        CHECK(result.reason == "cannot submit R-7KQ2XM: it is submitted");
        CHECK(result.hints == Lines{"it is waiting for the supervisor's review"});
        result = outcome(check_submit(approved(), "zhang", context));
        CHECK(result.rule == "submit");
        CHECK(result.reason == "cannot submit R-7KQ2XM: it is approved");
    }

    TEST_CASE("check_submit refuses an incomplete form with every problem") {
        const fixtures::World world;
        const auto text = replace(replace(fixtures::k_one_department_form,
                                          "title: Faster replies to after-sales tickets", "title:"),
                                  "due: 2026-09-30", "due: 2026-10-01");
        const auto result =
            outcome(check_submit(created(text.c_str()), "zhang", world.at("2026-07-06 10:00")));
        CHECK(result.rule == "form");
        CHECK(result.reason == "R-7KQ2XM does not satisfy the form rule (2 problems)");
        CHECK(result.hints ==
              Lines{"fix the form with `collab request edit R-7KQ2XM`, then submit again"});
        CHECK(
            result.details ==
            Lines{"requests/R-7KQ2XM/request.yaml:1:1: error: the form has no 'title'; fill it in",
                  "requests/R-7KQ2XM/request.yaml:5:6: error: due 2026-10-01 falls on 国庆节 "
                  "National Day, not a working day; the next working day is 2026-10-08"});
    }

    TEST_CASE(
        "a form naming its initiator by email either breaks the form rule or can be submitted") {
        // check_form looks people up with Roster::find, which also takes emails, so an
        // initiator written as "zhang.min@example.com" passes the form rule. The form
        // must then be submittable by that person (zhang), or the rule must say the
        // field wants an id; refusing zhang as "not the initiator" is neither.
        const fixtures::World world;
        const auto context = world.at("2026-07-06 10:00");
        const auto text = replace(fixtures::k_one_department_form, "initiator: zhang",
                                  "initiator: zhang.min@example.com");
        const auto r = created(text.c_str());
        Diagnostics problems;
        check_form(r.form, context, problems);
        const auto result = outcome(check_submit(r, "zhang", context));
        CAPTURE(result.reason);
        CHECK((!result.refused || result.rule == "form"));
        CHECK(problems.has_errors() == result.refused);
    }

    TEST_CASE("a form naming its lead by email either breaks the form rule or can become final") {
        // The same for the lead: required_signers lists form.lead as written, so with an
        // email there the lead's signature (given as "zhao") never matches and the
        // request could never become final.
        const fixtures::World world;
        const auto context = world.at("2026-07-06 10:00");
        const auto text = replace(fixtures::k_one_department_form, "initiator: zhang",
                                  "initiator: zhang\nlead: zhao.lei@example.com");
        auto r = approved(text.c_str());
        Diagnostics problems;
        check_form(r.form, context, problems);
        if (problems.has_errors()) {
            CHECK(fixtures::rendered(problems).size() == 1); // the lead line, nothing else
            return;
        }
        for (const char* person : {"zhang", "li", "zhao", "chen"}) {
            add_event(r, 4, "2026-07-06T14:00", person, "sign", hash(r));
        }
        const auto status = derive_status(r, world.roster);
        CHECK(state_name(status.state) == "final");
        CHECK(signers_text(required_signers(r.form, "li", world.roster)) ==
              "zhang/initiator, li/supervisor, zhao/lead, chen/participant");
    }

    TEST_CASE("check_submit refuses when the initiator has no supervisor") {
        const fixtures::World world;
        auto text = replace(fixtures::k_one_department_form, "initiator: zhang", "initiator: li");
        const auto result =
            outcome(check_submit(created(text.c_str()), "li", world.at("2026-07-06 10:00")));
        CHECK(result.rule == "submit");
        CHECK(result.reason ==
              "李华 (li) has no manager in people.yaml, so there is nobody to review the request");
        CHECK(result.hints == Lines{"set 'manager' for li in people.yaml"});
    }

    TEST_CASE("check_submit refuses once the due date has passed") {
        const fixtures::World world;
        const auto result = outcome(check_submit(created(), "zhang", world.at("2026-10-08 09:00")));
        CHECK(result.rule == "form");
        CHECK(result.reason == "the due date 2026-09-30 has already passed");
    }

    TEST_CASE("check_edit: the initiator edits a draft, a returned or an approved request") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 10:00");
        CHECK_FALSE(check_edit(created(), "zhang", context));
        CHECK_FALSE(check_edit(approved(), "zhang", context));
        auto result = outcome(check_edit(created(), "li", context));
        CHECK(result.rule == "form");
        CHECK(result.reason ==
              "only the initiator 张敏 (zhang) may edit R-7KQ2XM; you are 李华 (li)");
        result = outcome(check_edit(submitted(), "zhang", context));
        CHECK(result.rule == "form");
        CHECK(result.reason == "cannot edit R-7KQ2XM: it is submitted");
        CHECK(result.hints == Lines{"it is waiting for the supervisor's review"});
        result = outcome(check_edit(final_one(), "zhang", context));
        CHECK(result.rule == "frozen");
        CHECK(result.reason == "cannot edit R-7KQ2XM: it is final");
        CHECK(result.hints ==
              Lines{"after final, changes go through a change request: collab change R-7KQ2XM"});
        auto rejected = submitted();
        add_event(rejected, 3, "2026-07-06T11:00", "li", "review", hash(rejected),
                  review_fields("reject", "No"));
        result = outcome(check_edit(rejected, "zhang", context));
        CHECK(result.rule == "form");
        CHECK(result.reason == "cannot edit R-7KQ2XM: it is rejected");
        CHECK(result.hints.empty());
    }

    TEST_CASE("check_withdraw: the initiator, before final") {
        const fixtures::World world;
        const auto context = world.at("2026-07-07 10:00");
        CHECK_FALSE(check_withdraw(created(), "zhang", context));
        CHECK_FALSE(check_withdraw(submitted(), "zhang", context));
        CHECK_FALSE(check_withdraw(approved(), "zhang", context));
        auto result = outcome(check_withdraw(submitted(), "li", context));
        CHECK(result.rule == "submit");
        CHECK(result.reason ==
              "only the initiator 张敏 (zhang) may withdraw R-7KQ2XM; you are 李华 (li)");
        result = outcome(check_withdraw(final_one(), "zhang", context));
        CHECK(result.rule == "frozen");
        CHECK(result.reason == "cannot withdraw R-7KQ2XM: it is final");
        auto withdrawn = submitted();
        add_event(withdrawn, 3, "2026-07-06T11:00", "zhang", "withdraw", hash(withdrawn));
        result = outcome(check_withdraw(withdrawn, "zhang", context));
        CHECK(result.rule == "submit");
        CHECK(result.reason == "cannot withdraw R-7KQ2XM: it is withdrawn");
        CHECK(result.hints.empty());
    }
}

} // namespace test_review_rules
