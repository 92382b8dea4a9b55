#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/finding.hpp>
#include <optional>
#include <vector>

namespace collab::rules {

// When a finding holds. Rules work a request out once, without the clock, into
// verdicts; a verdict is then judged for any `now` in a few instructions. This is
// what lets `collab check` keep its verdicts in a cache and still be right tomorrow.
struct Timing {
    std::optional<time::Timestamp> after; // holds once now is past this instant
    std::optional<time::Timestamp> until; // and as long as now is not past this one
    // The message argument that says how many working days have passed since
    // `count_from` (default: `after`), filled in when judged; -1 for none.
    int count_arg = -1;
    std::optional<time::Timestamp> count_from;

    friend bool operator==(const Timing&, const Timing&) = default;
};

// A finding and when it holds. `finding.late_days` is filled in when judged:
// working days past `timing.after`, at least 1.
struct Verdict {
    Finding finding;
    Timing timing;
};

// Every verdict of every rule on one request, before collab.yaml's severities.
// Reads nothing of context.now: the same records give the same verdicts at any time.
std::vector<Verdict> request_verdicts(const model::Request& request, const Context& context);

// The finding a verdict gives at context.now, or nullopt when it does not hold then.
std::optional<Finding> finding_at(const Verdict& verdict, const Context& context);

// Applies collab.yaml's severities (per PROCESS.md rule): changes them, or drops the
// findings of rules that are `off`.
void apply_severities(std::vector<Finding>& findings, const model::Config& config);

} // namespace collab::rules
