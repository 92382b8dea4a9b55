#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/finding.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// What every report renderer needs: the findings (problems of the files themselves
// included, as file.invalid) and how to word things.
struct CheckReport {
    std::vector<rules::Finding> findings;
    i18n::Language lang = i18n::Language::en;
    const model::Roster* roster = nullptr;
    std::string now; // the time the rules were applied, ISO 8601
    std::string version;
};

// Renderers return the whole report text; the command writes it to stdout or -o FILE.
std::string render_check_text(const CheckReport& report, bool colour);
std::string render_check_json(const CheckReport& report);
std::string render_check_junit(const CheckReport& report);
std::string render_check_github(const CheckReport& report);
std::string render_check_gitlab(const CheckReport& report);
std::string render_check_sarif(const CheckReport& report);
// A Markdown table of every finding, worst first, for $GITHUB_STEP_SUMMARY.
std::string render_check_step_summary(const CheckReport& report);

// Errors first, then the latest: the order of GitHub annotations and the summary.
std::vector<const rules::Finding*> worst_first(const std::vector<rules::Finding>& findings);

// A fingerprint of a finding that stays the same from run to run while the problem
// lasts: rule, file, request and person, never the days late.
std::string finding_fingerprint(const rules::Finding& finding);

} // namespace collab::cli
