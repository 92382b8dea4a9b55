#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>

#include <algorithm>

namespace collab::rules {

using i18n::msg;

const std::vector<CheckRule>& check_rules() {
    static const std::vector<CheckRule> rules = {
        {"file.invalid", "form", "explain.file_invalid"},
        {"form.incomplete", "form", "explain.form_incomplete"},
        {"form.changed-after-submit", "form", "explain.form_changed"},
        {"review.overdue", "review", "explain.review_overdue"},
        {"request.overdue", "form", "explain.request_overdue"},
        {"frozen.changed", "frozen", "explain.frozen_changed"},
        {"form.initiator-changed", "submit", "explain.initiator_changed"},
        {"transition.illegal", "form", "explain.transition_illegal"},
        {"review.conflict", "review", "explain.review_conflict"},
    };
    return rules;
}

namespace {

// Working days from the deadline's day to today's, at least 1 once it has passed.
int days_late(time::Timestamp due, const Context& context) {
    const auto days = context.calendar.between(context.zone.local_date(due),
                                               context.zone.local_date(context.now));
    const int count = std::holds_alternative<int>(days) ? std::get<int>(days) : 0;
    return std::max(count, 1);
}

void check_review(const model::Request& request, const RequestStatus& status,
                  const Context& context, std::vector<Finding>& out) {
    if (status.state != RequestState::submitted) {
        return;
    }
    const auto due = review_due(request, status, context);
    if (!std::holds_alternative<time::Timestamp>(due)) {
        return;
    }
    const auto at = std::get<time::Timestamp>(due);
    if (context.now <= at) {
        return;
    }
    const int late = days_late(at, context);
    out.push_back({"review.overdue", Severity::error, {request.form_path, 1, 1}, request.id,
                   status.reviewer, late,
                   msg("finding.review_overdue", request.id, context.roster.display(status.reviewer),
                       context.zone.format_short(at), late)});
}

void check_content(const model::Request& request, const RequestStatus& status,
                   std::vector<Finding>& out) {
    if (status.state != RequestState::submitted || status.submitted_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (now_hash != status.submitted_content) {
        out.push_back({"form.changed-after-submit", Severity::error, {request.form_path, 1, 1},
                       request.id, request.form.initiator, 0,
                       msg("finding.form_changed", request.id, status.submitted_content,
                           now_hash)});
    }
}

void check_due(const model::Request& request, const RequestStatus& status,
               const Context& context, std::vector<Finding>& out) {
    if (is_terminal(status.state) || status.state == RequestState::accepted ||
        status.state == RequestState::draft) {
        return;
    }
    const auto due = time::parse_date(request.form.due);
    if (!due) {
        return;
    }
    const auto end = context.zone.at_local(*due, context.config.work_day_end);
    if (context.now <= end) {
        return;
    }
    const int late = days_late(end, context);
    out.push_back({"request.overdue", Severity::error, request.form.location_of("due"), request.id,
                   request.form.project_lead(), late,
                   msg("finding.request_overdue", request.id, request.form.due, late)});
}

void check_frozen(const model::Request& request, const RequestStatus& status,
                  std::vector<Finding>& out) {
    if (!is_frozen(status.state) || status.final_content.empty()) {
        return;
    }
    const auto now_hash = model::content_hash(request.form);
    if (now_hash != status.final_content) {
        out.push_back({"frozen.changed", Severity::error, {request.form_path, 1, 1}, request.id,
                       request.form.initiator, 0,
                       msg("finding.frozen_changed", request.id, status.final_content, now_hash)});
    }
}

// Events that did not apply where they stand. Two decisions on one submission made
// at the same time in two clones are a merge conflict the team must settle.
void check_ignored(const model::Request& request, const RequestStatus& status,
                   std::vector<Finding>& out) {
    for (const auto* event : status.ignored) {
        const model::Event* rival = nullptr;
        if (event->action == "review") {
            for (const auto& other : request.events) {
                if (&other != event && other.action == "review" && other.seq == event->seq &&
                    std::find(status.ignored.begin(), status.ignored.end(), &other) ==
                        status.ignored.end()) {
                    rival = &other;
                }
            }
        }
        if (rival != nullptr) {
            out.push_back({"review.conflict", Severity::error, event->where, request.id,
                           rival->on_behalf_of.empty() ? rival->by : rival->on_behalf_of, 0,
                           msg("finding.review_conflict", request.id, rival->field("decision"),
                               rival->by, event->field("decision"), event->by,
                               rival->where.path, event->where.path)});
            continue;
        }
        out.push_back({"transition.illegal", Severity::error, event->where, request.id, event->by,
                       0, msg("finding.transition_illegal", event->action, event->by, request.id)});
    }
}

} // namespace

std::string process_rule_of(const std::string& finding_rule) {
    for (const auto& rule : check_rules()) {
        if (finding_rule == rule.id) {
            return rule.process_rule;
        }
    }
    return finding_rule.substr(0, finding_rule.find('.'));
}

namespace {

void apply_severities(std::vector<Finding>& findings, const model::Config& config) {
    std::vector<Finding> kept;
    for (auto& finding : findings) {
        const auto found = config.severities.find(process_rule_of(finding.rule));
        if (found == config.severities.end()) {
            kept.push_back(std::move(finding));
        } else if (found->second != model::RuleSeverity::off) {
            finding.severity =
                found->second == model::RuleSeverity::warning ? Severity::warning : Severity::error;
            kept.push_back(std::move(finding));
        }
    }
    findings = std::move(kept);
}

} // namespace

std::vector<Finding> check_request(const model::Request& request, const Context& context) {
    std::vector<Finding> out;
    const auto status = derive_status(request, context.roster);
    if (status.state == RequestState::submitted) {
        Diagnostics problems;
        check_form(request.form, context, problems);
        for (const auto& problem : problems.items()) {
            out.push_back({"form.incomplete", problem.severity, problem.where, request.id,
                           request.form.initiator, 0, problem.message});
        }
    }
    if (!status.creator.empty()) {
        const auto* named = context.roster.find(request.form.initiator);
        if ((named != nullptr ? named->id : request.form.initiator) != status.creator) {
            out.push_back({"form.initiator-changed", Severity::error,
                           request.form.location_of("initiator"), request.id, status.creator, 0,
                           msg("finding.initiator_changed", request.id, request.form.initiator,
                               status.creator)});
        }
    }
    check_content(request, status, out);
    check_frozen(request, status, out);
    check_ignored(request, status, out);
    check_review(request, status, context, out);
    check_due(request, status, context, out);
    apply_severities(out, context.config);
    return out;
}

} // namespace collab::rules
