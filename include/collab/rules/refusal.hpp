#pragma once

#include <collab/i18n/message.hpp>
#include <collab/util/diagnostic.hpp>
#include <string>
#include <vector>

namespace collab::rules {

// Why a transition is not allowed: the docs/PROCESS.md rule it breaks, the reason in
// words, how to proceed, and (for content rules) each problem at its place.
struct Refusal {
    std::string rule;
    i18n::Message reason;
    std::vector<i18n::Message> hints;
    std::vector<Diagnostic> details;
};

// Does the message say a date needs a calendar no file provides (uncovered_years:
// error)? A refusal for that is about the workspace's files (exit 4), not the process.
inline bool needs_calendar(const i18n::Message& message) {
    return message.id == "form.due_uncovered" || message.id == "refuse.review_due_uncovered";
}

} // namespace collab::rules
