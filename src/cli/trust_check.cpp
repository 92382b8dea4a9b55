#include "cli/trust_check.hpp"

#include <collab/model/config.hpp>
#include <collab/model/event.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/trust.hpp>
#include <collab/store/git_history.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/store/workspace.hpp>
#include <exception>
#include <optional>

namespace collab::cli {

using i18n::msg;

namespace {

// requests/<id>/log/<person>.yaml (or a segment): the request id and the person.
std::optional<std::pair<std::string, std::string>> log_of(const std::string& path) {
    const std::string prefix = std::string(store::k_requests_dir) + "/";
    if (path.rfind(prefix, 0) != 0 || path.size() < 5 ||
        path.compare(path.size() - 5, 5, ".yaml") != 0) {
        return std::nullopt;
    }
    const auto rest = path.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos || rest.compare(slash, 5, "/log/") != 0) {
        return std::nullopt;
    }
    // A segment (log/<person>+2.yaml) is a log of its person too.
    const auto log = store::parse_log_name(rest.substr(slash + 1));
    if (!log) {
        return std::nullopt;
    }
    return std::make_pair(rest.substr(0, slash), log->owner);
}

std::optional<std::string> working_text(const store::Workspace& workspace,
                                        const std::string& relative) {
    if (!workspace.exists(relative)) {
        return std::nullopt;
    }
    try {
        return workspace.read_text(relative);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// people.yaml and collab.yaml: the check used REF's; a change is for review.
void settings_changes(const store::GitBase& base, const store::Workspace& workspace,
                      std::vector<rules::Finding>& out, Diagnostics& problems) {
    for (const char* file : {store::k_roster_file, store::k_config_file}) {
        const auto before = base.read_at_fork(file);
        const auto now = working_text(workspace, file);
        if (before == now) {
            continue;
        }
        Diagnostics ignored; // the base's own problems: the check read REF's copy already
        const auto old_node =
            before ? store::parse_record(*before, base.ref() + ":" + file, ignored) : std::nullopt;
        auto new_node = now ? store::parse_record(*now, file, problems) : yaml::Node();
        if (!new_node) {
            continue;
        }
        // Checked as it will be read once merged.
        const bool roster = std::string(file) == store::k_roster_file;
        if (roster) {
            (void)model::read_roster(*new_node, file, problems);
        } else {
            (void)model::read_config(*new_node, file, problems);
        }
        const auto& old_value = old_node ? *old_node : yaml::Node();
        auto found =
            roster
                ? rules::roster_changes(old_value, *new_node, workspace.roster(), base.ref(), file)
                : rules::config_changes(old_value, *new_node, workspace.roster(), base.ref(), file);
        std::move(found.begin(), found.end(), std::back_inserter(out));
    }
}

// Committed entries of a log dated after the commit that added them.
void after_commit(const store::GitBase& base, const store::Workspace& workspace,
                  const std::string& path, const std::string& request, const std::string& person,
                  const std::string& before, std::vector<rules::Finding>& out) {
    const auto versions = base.commits_since_fork(path);
    const auto commits = rules::entry_commits(before, versions);
    if (commits.empty()) {
        return;
    }
    Diagnostics ignored; // the working tree's copy is what the check reports on
    const auto node = store::parse_record(*versions.back().text, path, ignored);
    if (!node) {
        return;
    }
    const auto events = model::read_log(*node, path, request, person, workspace.zone(),
                                        model::event_action_keys(), ignored);
    auto found = rules::entries_after_commit(events, commits, request, workspace.zone());
    std::move(found.begin(), found.end(), std::back_inserter(out));
}

} // namespace

std::vector<rules::Finding> trust_findings(Session& session, Diagnostics& problems) {
    std::vector<rules::Finding> out;
    const auto& workspace = session.workspace();
    const auto* base = session.trusted_base();
    if (base == nullptr) {
        return out;
    }
    settings_changes(*base, workspace, out, problems);
    for (const auto& file : base->changed_since_fork(store::k_requests_dir)) {
        const auto log = log_of(file.path);
        if (!log) {
            continue;
        }
        const auto& [request, person] = *log;
        const auto before = base->read_at_fork(file.path);
        const auto now = working_text(workspace, file.path);
        if (before && !now) {
            out.push_back({"log.rewritten",
                           Severity::error,
                           {file.path, 0, 0},
                           request,
                           person,
                           0,
                           msg("finding.log_deleted", file.path, base->ref())});
            continue;
        }
        if (before && now) {
            if (const auto line = rules::first_rewritten_line(*before, *now)) {
                out.push_back({"log.rewritten",
                               Severity::error,
                               {file.path, *line, 1},
                               request,
                               person,
                               0,
                               msg("finding.log_rewritten", file.path, *line, base->ref())});
            }
        }
        after_commit(*base, workspace, file.path, request, person, before.value_or(""), out);
    }
    return out;
}

} // namespace collab::cli
