#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/finding.hpp>
#include <optional>
#include <vector>

namespace collab::rules {

struct Replayed; // rules/replay

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
    // The year no calendar covers whose working days were counted weekends-only
    // to find `after` (uncovered_years: weekends-only), 0 when none was guessed.
    int guessed_year = 0;

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
// The same on the request's replay (rules/replay), worked out once by the caller.
std::vector<Verdict> request_verdicts(const model::Request& request, const Replayed& replayed,
                                      const Context& context);

// An entry dated later than the instant it is judged at (event.future): each holds until
// its entry's `at`. The replay at that instant leaves such entries out (rules::as_of), so
// a date in the far future stalls nothing.
std::vector<Verdict> future_entry_verdicts(const model::Request& request);

// A year no calendar covers that a judged finding needed: either its working days
// were counted weekends-only (`guessed`, the count marked "*"), or, with
// `uncovered_years: error`, not counted at all (the count shown as "?", late_days -1).
struct CalendarGap {
    int year = 0; // 0: every count was made from calendars
    bool guessed = false;

    friend bool operator==(const CalendarGap&, const CalendarGap&) = default;
};

// The finding a verdict gives at context.now, or nullopt when it does not hold then.
// Never makes up a count: `gap`, when given, says which year it could not count.
std::optional<Finding> finding_at(const Verdict& verdict, const Context& context,
                                  CalendarGap* gap = nullptr);

// The calendar.uncovered (error) or calendar.weekends-only (warning) finding that goes
// with the findings of one request whose counts met `gap`; `first` is one of them.
Finding calendar_gap_finding(const Finding& first, const CalendarGap& gap, int findings);

// calendar.ending: from 1 December (in the workspace zone) of context.now's year, a
// warning when no calendar covers the next year. Workspace-wide, judged at each now.
std::optional<Finding> calendar_ending(const Context& context);

// Applies collab.yaml's severities (per docs/PROCESS.md rule): changes them, or drops the
// findings of rules that are `off`.
void apply_severities(std::vector<Finding>& findings, const model::Config& config);

} // namespace collab::rules
