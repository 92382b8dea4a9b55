// collab check: re-derives every request from the files and applies the rules as
// of --now. Exit 0 when nothing is at or above --fail-on, 1 on findings, 4 when files
// cannot be read as a workspace (every such file is reported).
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/process.hpp"
#include "cli/request_digests.hpp"
#include "cli/trust_check.hpp"

#include <algorithm>
#include <collab/rules/finding.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/verdict.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/changed_scope.hpp>
#include <collab/store/git_history.hpp>
#include <collab/store/program.hpp>
#include <collab/store/recovery.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace collab::cli {

using i18n::msg;

namespace {

struct CheckOptions {
    std::string fail_on = "error";
    std::string format;
    std::string output;
    std::vector<std::string> requests;
    std::string owner;
    std::string dept;
    std::vector<std::string> rules;
    bool list_rules = false;
    std::string explain;
    bool no_cache = false;
    std::string trust_ref;
    std::string changed_since;
    bool committed_only = false;
};

std::string severity_setting(const model::Config& config, const rules::CheckRule& rule) {
    const auto found = config.severities.find(rule.process_rule);
    if (found == config.severities.end()) {
        return rule.severity == Severity::error ? "error" : "warning";
    }
    return found->second == model::RuleSeverity::off       ? "off"
           : found->second == model::RuleSeverity::warning ? "warning"
                                                           : "error";
}

void run_list_rules(Session& session, const std::string& format) {
    const auto& config = session.workspace().config();
    if (format == "json") {
        util::JsonWriter w;
        w.begin_array();
        for (const auto& rule : rules::check_rules()) {
            w.begin_object()
                .key("rule")
                .value(rule.id)
                .key("process_rule")
                .value(rule.process_rule);
            w.key("severity").value(severity_setting(config, rule));
            w.key("explanation").value(session.tr(rule.explanation)).end_object();
        }
        w.end_array();
        session.out() << std::move(w).str() << '\n';
        return;
    }
    std::vector<std::vector<std::string>> rows;
    rows.push_back({session.tr("check.col_rule"), session.tr("check.col_process"),
                    session.tr("check.col_severity")});
    for (const auto& rule : rules::check_rules()) {
        rows.push_back({rule.id, rule.process_rule, severity_setting(config, rule)});
    }
    session.out() << util::format_table(rows);
}

void run_explain(Session& session, const std::string& id) {
    for (const auto& rule : rules::check_rules()) {
        if (id == rule.id) {
            session.out() << rule.id << " (" << rule.process_rule << ")\n"
                          << session.tr(rule.explanation) << '\n';
            return;
        }
    }
    session.fail(k_exit_usage, msg("check.unknown_rule", id));
}

std::string person_id(Session& session, const std::string& typed) {
    const auto* person = session.workspace().roster().find(typed);
    if (person == nullptr) {
        session.fail(k_exit_usage, msg("form.unknown_person", typed));
    }
    return person->id;
}

std::string department_id(Session& session, const std::string& typed) {
    const auto* found = session.workspace().roster().find_department(typed);
    if (found == nullptr) {
        session.fail(k_exit_usage, msg("form.unknown_department", typed));
    }
    return found->id;
}

// A problem of a record file as a finding: its request is the folder it is in.
rules::Finding file_finding(const Diagnostic& problem) {
    std::string request;
    const std::string prefix = std::string(store::k_requests_dir) + "/";
    if (problem.where.path.rfind(prefix, 0) == 0) {
        request = problem.where.path.substr(prefix.size());
        request = request.substr(0, request.find('/'));
    }
    return {"file.invalid", problem.severity, problem.where, request, "", 0, problem.message};
}

bool rule_selected(const std::vector<std::string>& wanted, const std::string& rule) {
    if (wanted.empty()) {
        return true;
    }
    return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
        return rule == w || rule.rfind(w + ".", 0) == 0 || rules::process_rule_of(rule) == w;
    });
}

// What a killed write left (`collab doctor`), found on disk at each run, never cached;
// nothing while another command is writing, whose temporary files are no leftovers. An
// empty request folder is a file.invalid finding already. The request folders the
// digests saw hold no temporary file (`known_clean`: listed now, or under the same
// trusted stamps as when the cache listed them) are not listed again.
void add_leftovers(const store::Workspace& workspace, const std::vector<std::string>& wanted,
                   const std::vector<std::string>& known_clean, std::vector<rules::Finding>& out) {
    if (store::writer_active(workspace.lock_path())) {
        return;
    }
    for (const auto& leftover : store::find_leftovers(workspace.root(), known_clean)) {
        if (leftover.kind == store::Leftover::Kind::temp_file &&
            rule_selected(wanted, "record.temp")) {
            out.push_back({"record.temp",
                           Severity::error,
                           {leftover.path, 0, 0},
                           leftover.request,
                           "",
                           0,
                           msg("finding.temp_file")});
        } else if (leftover.kind == store::Leftover::Kind::interrupted_edit &&
                   rule_selected(wanted, "record.interrupted")) {
            out.push_back(
                {"record.interrupted",
                 Severity::error,
                 {std::string(store::k_requests_dir) + "/" + leftover.request + "/request.yaml", 0,
                  0},
                 leftover.request,
                 "",
                 0,
                 msg("finding.interrupted_edit", leftover.request, leftover.path)});
        }
    }
}

std::string default_format() {
    const char* actions = std::getenv("GITHUB_ACTIONS");
    return actions != nullptr && std::string(actions) == "true" ? "github" : "text";
}

// In GitHub Actions, every finding as a table on the run's summary page: the
// annotations of a step stop after the first few.
void append_step_summary(Session& session, const CheckReport& report) {
    const char* path = std::getenv("GITHUB_STEP_SUMMARY");
    if (path == nullptr || *path == '\0') {
        return;
    }
    std::ofstream summary(path, std::ios::app | std::ios::binary);
    summary << render_check_step_summary(report);
    if (!summary.flush()) {
        session.warn(msg("check.step_summary_failed", path));
    }
}

// --changed-since REV: the workspace files that differ from the fork point of REV and
// HEAD (as a pull request's diff does), committed or not, tracked or new, and what they
// call for. A file that differs from HEAD is counted even when the branch changed it
// back: judging one request more gives what `check --request` gives for it.
// With `committed_only`, the working tree is not looked at: a CI checkout holds HEAD,
// and git would otherwise stat every file of the workspace to say so.
store::ChangedScope changed_since(Session& session, const std::string& ref, bool committed_only) {
    i18n::Message why;
    const auto base = store::GitBase::open(session.workspace().root(), ref, why);
    if (!base) {
        session.fail(k_exit_usage,
                     why.id == "trust.not_git"
                         ? msg("check.changed_not_git", session.workspace().root().string())
                         : msg("check.changed_no_ref", ref));
    }
    // Committed on the branch (tree to tree), then what the working tree holds besides.
    auto paths = base->committed_since_fork();
    if (!committed_only) {
        for (auto& path : base->uncommitted()) {
            paths.push_back(std::move(path));
        }
    }
    return store::changed_scope(paths);
}

// The requests of `ids` whose folders are still there: a deleted request has nothing
// left to judge (--trust-ref reports a deleted log).
std::vector<std::string> existing_requests(const store::Workspace& workspace,
                                           const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) {
        if (workspace.has_request(id)) {
            out.push_back(id);
        }
    }
    return out;
}

void run_check(Session& session, const CheckOptions& options) {
    if (!options.trust_ref.empty()) {
        session.trust_settings_from(options.trust_ref);
    }
    if (options.list_rules) {
        if (options.format != "" && options.format != "text" && options.format != "json") {
            session.fail(k_exit_usage, msg("check.list_rules_format", options.format));
        }
        run_list_rules(session, options.format);
        return;
    }
    if (!options.explain.empty()) {
        run_explain(session, options.explain);
        return;
    }
    for (const auto& rule : options.rules) {
        const bool known = std::any_of(rules::check_rules().begin(), rules::check_rules().end(),
                                       [&](const auto& r) { return rule_selected({rule}, r.id); });
        if (!known) {
            session.fail(k_exit_usage, msg("check.unknown_rule", rule));
        }
    }
    session.scan_records_when_broken();
    const auto& workspace = session.workspace();
    const auto context = session.context();
    std::vector<std::string> ids;
    for (const auto& typed : options.requests) {
        ids.push_back(session.resolve_request(typed));
    }
    bool every_request = ids.empty();
    if (!options.changed_since.empty()) {
        const auto scope = changed_since(session, options.changed_since, options.committed_only);
        every_request = scope.whole_workspace;
        if (!every_request) {
            ids = existing_requests(workspace, scope.requests);
        }
    }
    if (every_request) {
        ids = request_folders(workspace);
    }
    const auto owner = options.owner.empty() ? std::string() : person_id(session, options.owner);
    const auto dept = options.dept.empty() ? std::string() : department_id(session, options.dept);

    CheckReport report;
    report.lang = session.lang();
    report.roster = &context.roster;
    report.now = context.zone.format(context.now);
    report.version = COLLAB_VERSION;
    DigestOptions digest_options;
    digest_options.use_cache = !options.no_cache;
    digest_options.parts.steps = false;
    digest_options.parts.index = false;
    digest_options.fallback_cache_file = k_index_cache_file;
    // Judged where the digest is worked out, on every core; kept in request order.
    std::vector<std::vector<rules::Finding>> per_request(ids.size());
    const auto digests = visit_digests(
        session, ids, every_request, digest_options,
        [&](std::size_t i, const rules::RequestDigest& digest) {
            const auto& depts = digest.departments;
            if (!dept.empty() && std::find(depts.begin(), depts.end(), dept) == depts.end()) {
                return;
            }
            auto findings = rules::findings_at(digest, context);
            // A calendar note (no calendar for a year some counts needed) names nobody:
            // with --owner it stays whenever that person has a finding on the request.
            const auto is_calendar_note = [](const rules::Finding& finding) {
                return finding.person.empty() && finding.rule.rfind("calendar.", 0) == 0;
            };
            const auto mine = [&](const rules::Finding& finding) {
                return owner.empty() || finding.person == owner;
            };
            const bool any_mine = std::any_of(findings.begin(), findings.end(), [&](const auto& f) {
                return !is_calendar_note(f) && mine(f) && rule_selected(options.rules, f.rule);
            });
            for (auto& finding : findings) {
                if ((mine(finding) || (any_mine && is_calendar_note(finding))) &&
                    rule_selected(options.rules, finding.rule)) {
                    per_request[i].push_back(std::move(finding));
                }
            }
        });
    // What the files themselves broke comes first, as file.invalid findings; with
    // them what under requests/ is not a request folder (never read).
    Diagnostics file_problems;
    if (every_request) {
        file_problems.append(store::check_request_entries(workspace.root()));
    }
    file_problems.append(digests.problems);
    for (const auto& problem : file_problems.items()) {
        if (rule_selected(options.rules, "file.invalid") && owner.empty()) {
            report.findings.push_back(file_finding(problem));
        }
    }
    // The workspace's calendar running out: judged at this --now, never cached.
    if (auto ending = rules::calendar_ending(context)) {
        std::vector<rules::Finding> one{std::move(*ending)};
        rules::apply_severities(one, context.config);
        if (!one.empty() && rule_selected(options.rules, "calendar.ending") && owner.empty()) {
            report.findings.push_back(std::move(one.front()));
        }
    }
    // --trust-ref: what changed since the trusted base; judged per run, never cached.
    Diagnostics trust_problems;
    for (auto& finding : trust_findings(session, trust_problems)) {
        if (rule_selected(options.rules, finding.rule) &&
            (owner.empty() || finding.person == owner)) {
            report.findings.push_back(std::move(finding));
        }
    }
    for (const auto& problem : trust_problems.items()) {
        if (rule_selected(options.rules, "file.invalid") && owner.empty()) {
            report.findings.push_back(file_finding(problem));
        }
    }
    if (every_request && owner.empty() && dept.empty()) {
        add_leftovers(workspace, options.rules, digests.no_temp_files, report.findings);
    }
    for (auto& findings : per_request) {
        std::move(findings.begin(), findings.end(), std::back_inserter(report.findings));
    }
    session.print_diagnostics(file_problems);
    const bool unreadable = file_problems.has_errors();

    const auto format = options.format.empty() ? default_format() : options.format;
    if (format != "text" && format != "json") {
        // CI annotations and dashboards name files from the repository's root.
        const auto git = store::run_program(
            {"git", "-C", workspace.root().string(), "rev-parse", "--show-prefix"});
        const int status = git.status;
        auto prefix = git.output;
        while (!prefix.empty() && (prefix.back() == '\n' || prefix.back() == '\r')) {
            prefix.pop_back();
        }
        if (status == 0 && !prefix.empty()) {
            for (auto& finding : report.findings) {
                if (!finding.where.path.empty()) {
                    finding.where.path = prefix + finding.where.path;
                }
            }
        }
    }
    const bool colour = format == "text" && options.output.empty() && session.colour();
    std::string text;
    if (format == "json") {
        text = render_check_json(report);
    } else if (format == "junit") {
        text = render_check_junit(report);
    } else if (format == "github") {
        text = render_check_github(report);
    } else if (format == "gitlab") {
        text = render_check_gitlab(report);
    } else if (format == "sarif") {
        text = render_check_sarif(report);
    } else {
        text = render_check_text(report, colour);
    }
    if (unreadable && format == "text" && options.output.empty()) {
        // The broken files are on stderr; a report of the rest would read as complete.
        throw Exit{k_exit_invalid};
    }
    if (options.output.empty()) {
        // Coloured text is escaped by its renderer; its colours must reach the terminal.
        (colour ? session.raw_out() : session.out()) << text;
    } else {
        store::write_output_file(session.user_path(options.output), text);
    }
    if (format == "github") {
        append_step_summary(session, report);
    }
    if (unreadable) {
        throw Exit{k_exit_invalid};
    }
    const bool fail =
        std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& f) {
            return f.severity == Severity::error || options.fail_on == "warning";
        });
    if (fail) {
        throw Exit{k_exit_findings};
    }
}

} // namespace

void register_check(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<CheckOptions>();
    auto* check = app.add_subcommand("check", tr("help.check"));
    check->add_option("--fail-on", options->fail_on, tr("help.opt_fail_on"))
        ->one_of({"error", "warning"})
        ->type_name("error|warning");
    check->add_option("--format", options->format, tr("help.opt_check_format"))
        ->one_of({"text", "json", "junit", "github", "gitlab", "sarif"})
        ->type_name("text|json|junit|github|gitlab|sarif");
    check->add_option("-o,--output", options->output, tr("help.opt_output"))->type_name("FILE");
    auto* request = check->add_option("--request", options->requests, tr("help.opt_check_request"))
                        ->type_name("ID");
    auto* changed =
        check->add_option("--changed-since", options->changed_since, tr("help.opt_changed_since"))
            ->type_name("REV")
            ->excludes(request);
    check->add_flag("--committed-only", options->committed_only, tr("help.opt_committed_only"))
        ->needs(changed);
    check->add_option("--owner", options->owner, tr("help.opt_check_owner"))->type_name("PERSON");
    check->add_option("--dept", options->dept, tr("help.opt_check_dept"))->type_name("DEPT");
    check->add_option("--rule", options->rules, tr("help.opt_check_rule"))->type_name("RULE");
    check->add_flag("--no-cache", options->no_cache, tr("help.opt_no_cache"));
    check->add_flag("--list-rules", options->list_rules, tr("help.opt_list_rules"));
    check->add_option("--explain", options->explain, tr("help.opt_explain"))->type_name("RULE");
    check->add_option("--trust-ref", options->trust_ref, tr("help.opt_trust_ref"))
        ->type_name("REF")
        ->envname("COLLAB_TRUST_REF");
    check->callback([&session, options] { run_check(session, *options); });
}

} // namespace collab::cli
