#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/notify_settings.hpp>
#include <collab/time/calendar.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// How `collab check` treats one rule's findings.
enum class RuleSeverity { error, warning, off };

// The numbers of the process rules (docs/PROCESS.md), set under `rules:` in collab.yaml.
// Defaults are the process's own.
struct RuleNumbers {
    int review_days = 2;          // review: initial review due within N working days
    int customer_review_days = 1; // customer: a customer's request, within N
    int stale_after_days = 1;     // progress: an active task with no update for more than N
    int sync_every_days = 7;      // sync: a sync meeting at least every N working days
    int sync_max_minutes = 30;    // sync: a meeting lasts at most N minutes
    int reaccept_within_days = 3; // accept: re-acceptance at most N working days later
    int feedback_window_days = 5; // feedback: the survey window, N working days
};

// collab.yaml `signatures:`: whether log entries must be signed by their author's key.
// Without the key a workspace is `optional` (entries of older releases carry no
// signature); `collab init` writes `required`.
enum class SignaturePolicy { required, optional, off };

// The process's rule ids, in the order of docs/PROCESS.md's rule table.
const std::vector<std::string>& rule_ids();

// collab.yaml: the workspace's settings.
struct Config {
    std::string name;
    std::optional<i18n::Language> language; // unset: the environment decides
    std::string time_zone = "Asia/Shanghai";
    time::WorkWeek work_week = time::default_work_week();
    int work_day_start = 9 * 60;        // minutes since midnight
    int work_day_end = 18 * 60;         // service levels end at this time on their last day
    std::vector<std::string> calendars; // paths relative to the workspace root
    time::UncoveredYears uncovered_years = time::UncoveredYears::error;
    std::string id_prefix = "R";
    RuleNumbers numbers;
    std::map<std::string, RuleSeverity> severities; // rules whose severity was changed
    SignaturePolicy signatures = SignaturePolicy::optional;
    std::vector<NotifyChannel> notify; // `notify: channels:`, for collab notify
    // Where the workspace's static site is published (`site_url:`, http or https, no
    // trailing '/'): notifications link to its pages. Empty: no links.
    std::string site_url;
};

// The published page of a request and of a person's inbox on the workspace's site:
// `<site_url>/requests/<ID>.html`, `<site_url>/people/<id>.html`. Empty without a site.
std::string request_page(const Config& config, const std::string& request_id);
std::string person_page(const Config& config, const std::string& person_id);

// Reads collab.yaml. Unknown keys are warned about; bad values are errors with
// their position.
std::optional<Config> read_config(const yaml::Node& root, const std::string& path,
                                  Diagnostics& out);

// Parses "mon".."sun" (also "monday", "周一".."周日").
std::optional<int> parse_weekday(std::string_view text);

} // namespace collab::model
