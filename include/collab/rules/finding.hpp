#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/util/diagnostic.hpp>
#include <string>
#include <vector>

namespace collab::rules {

// One thing `collab check` reports: a stable rule id ("review.overdue"), how bad it
// is, where it points, which request, who must act, and what to say.
struct Finding {
    std::string rule;
    Severity severity = Severity::error;
    SourceLocation where;
    std::string request;
    std::string person;
    int late_days = 0; // working days past the deadline, for time findings; -1 when no
                       // calendar covers a year the count needs (uncovered_years: error)
    i18n::Message message;
};

// A rule `collab check` knows: its id, the docs/PROCESS.md rule it belongs to, and an
// explanation.
struct CheckRule {
    const char* id;
    const char* process_rule;
    const char* explanation;             // a catalog id
    Severity severity = Severity::error; // before collab.yaml changes it
};
const std::vector<CheckRule>& check_rules();

// Applies every rule to one request as it stood at context.now (entries recorded
// later are not seen). Pure: records in, findings out.
// Severities set in collab.yaml (per docs/PROCESS.md rule) are applied; rules set to
// `off` report nothing.
std::vector<Finding> check_request(const model::Request& request, const Context& context);

// The docs/PROCESS.md rule a finding's rule id belongs to ("review.overdue" -> "review").
std::string process_rule_of(const std::string& finding_rule);

} // namespace collab::rules
