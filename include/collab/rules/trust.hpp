#pragma once

// `collab check --trust-ref REF`: what a pull request may not do to the records, judged
// from texts and parsed records handed in (git is read by store/git_history). Pure.
#include <chrono>
#include <collab/model/event.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/finding.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::rules {

// The lines at which a log's entries start: each top-level sequence item ("- seq: ...")
// at column 0. Comments and the header are not entries.
std::vector<int> entry_lines(std::string_view log_text);

// Append-only: `base` (a log's text at the trusted base) must be a prefix of `now`
// ending at an entry boundary (what follows starts a new entry, after the newline
// `collab` adds to a text that lacks one). nullopt when it is; else the line of the
// first entry of `base` that was removed, reordered or rewritten (its line is the
// same in both texts, since everything before it is equal), or the line where the
// texts first differ when that is before the first entry.
std::optional<int> first_rewritten_line(std::string_view base, std::string_view now);

// One committed version of a log: the commit, its commit time and the file's text in
// it (nullopt when the commit deleted the file).
struct LogVersion {
    std::string commit;
    time::Timestamp committed{};
    std::optional<std::string> text;
};

// An entry added after the trusted base, with the commit that added it: the first
// version, oldest first, whose text holds the final text up to the end of that entry.
struct EntryCommit {
    int line = 0; // in the last version's text
    std::string commit;
    time::Timestamp committed{};
};

// The entries of the last version (`versions.back()`) beyond `base`, each with the
// commit that added it. Empty when there is no version or the last one deleted the file.
std::vector<EntryCommit> entry_commits(std::string_view base,
                                       const std::vector<LogVersion>& versions);

// How far an entry's `at` may lie after the commit time of the commit that added it:
// the clocks of the writer's machine and of the one that committed may disagree.
inline constexpr std::chrono::minutes k_commit_clock_skew{5};

// event.after-commit: an entry whose `at` is later than the commit that added it
// (plus k_commit_clock_skew). `events` are the entries of that log's last committed
// version, matched to `commits` by line.
std::vector<Finding> entries_after_commit(const std::vector<model::Event>& events,
                                          const std::vector<EntryCommit>& commits,
                                          const std::string& request, const time::Zone& zone);

// Who must review a change of people.yaml or collab.yaml, from the trusted roster:
// the heads of `departments` other than `changed_person`; when that leaves nobody
// (the person changed is the only head concerned, or no department is named), every
// other department head.
std::vector<std::string> reviewers_of(const model::Roster& trusted,
                                      const std::vector<std::string>& departments,
                                      const std::string& changed_person);

// trust.roster-changed: people.yaml at the base and now, as parsed YAML. One finding
// per person added, removed or changed (naming the fields that changed, e.g. roles,
// manager, delegate, keys), one for the departments, one for any other key; each names
// its reviewers (reviewers_of, with the person's departments before and after).
std::vector<Finding> roster_changes(const yaml::Node& base, const yaml::Node& now,
                                    const model::Roster& trusted, const std::string& ref,
                                    const std::string& path);

// The settings that differ between two collab.yaml texts, as dotted key paths
// ("rules.review.severity"), in the order of `now` then the keys `now` lost.
std::vector<std::string> changed_settings(const yaml::Node& base, const yaml::Node& now);

// trust.config-changed: one finding naming every changed setting and, as reviewers,
// every department head of the trusted roster. None when nothing changed.
std::vector<Finding> config_changes(const yaml::Node& base, const yaml::Node& now,
                                    const model::Roster& trusted, const std::string& ref,
                                    const std::string& path);

} // namespace collab::rules
