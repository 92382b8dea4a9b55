// collab check: re-derives every request from the files and applies the rules as
// of --now. Fails (exit 1) on findings at or above --fail-on, 4 on unreadable files.
#include "cli/commands.hpp"

#include <collab/rules/finding.hpp>
#include <collab/util/json_writer.hpp>

#include <algorithm>
#include <map>

namespace collab::cli {

using i18n::msg;

namespace {

struct CheckOptions {
    std::string fail_on = "error";
    OutputFormat format = OutputFormat::text;
};

std::string severity_word(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

std::string render_text(Session& session, const std::vector<rules::Finding>& findings,
                        std::size_t file_warnings) {
    const auto lang = session.lang();
    const auto& roster = session.workspace().roster();
    // Grouped by the person who must act, most overdue first.
    std::map<std::string, std::vector<const rules::Finding*>> by_person;
    for (const auto& finding : findings) {
        by_person[finding.person].push_back(&finding);
    }
    std::string out;
    for (auto& [person, items] : by_person) {
        std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
            return a->late_days > b->late_days;
        });
        out += person.empty() ? i18n::text(lang, "check.nobody") + "\n"
                              : roster.display(person) + "\n";
        for (const auto* finding : items) {
            Diagnostic d{finding->severity, finding->where, finding->message};
            out += "  " + format_diagnostic(lang, d) + " [" + finding->rule + "]\n";
        }
    }
    const auto errors = std::count_if(findings.begin(), findings.end(),
                                      [](const auto& f) { return f.severity == Severity::error; });
    out += i18n::render(lang, msg("check.summary", errors,
                                  static_cast<long>(findings.size() + file_warnings) - errors)) +
           "\n";
    return out;
}

std::string render_json(Session& session, const std::vector<rules::Finding>& findings) {
    util::JsonWriter w;
    w.begin_object().key("findings").begin_array();
    for (const auto& finding : findings) {
        w.begin_object();
        w.key("rule").value(finding.rule);
        w.key("severity").value(severity_word(finding.severity));
        w.key("file").value(finding.where.path);
        w.key("line").value(finding.where.line);
        w.key("column").value(finding.where.column);
        w.key("request").value(finding.request);
        w.key("person").value(finding.person);
        w.key("late_days").value(finding.late_days);
        w.key("message").value(session.tr(finding.message));
        w.end_object();
    }
    w.end_array().end_object();
    return w.str();
}

// When the settings or roster cannot be read, still read every record file, so that
// one run names every broken file rather than the first.
void fail_with_every_file(Session& session) {
    const auto root = store::Workspace::find_root(session.start_directory());
    if (!root) {
        session.workspace(); // reports the missing workspace
        return;
    }
    Diagnostics problems;
    if (store::Workspace::open(*root, problems)) {
        return;
    }
    problems.append(store::scan_request_files(*root));
    session.fail(k_exit_invalid, problems);
}

void run_check(Session& session, const CheckOptions& options) {
    fail_with_every_file(session);
    const auto& workspace = session.workspace();
    const auto context = session.context();
    std::vector<rules::Finding> findings;
    Diagnostics file_problems;
    const auto scanned = store::scan_request_files(workspace.root());
    for (const auto& problem : scanned.items()) {
        if (problem.message.id == "store.no_form") {
            file_problems.add(problem);
        }
    }
    for (const auto& id : workspace.request_ids()) {
        Diagnostics problems;
        auto request = workspace.load_request(id, problems);
        file_problems.append(problems);
        if (request) {
            auto found = rules::check_request(*request, context);
            findings.insert(findings.end(), found.begin(), found.end());
        }
    }
    if (file_problems.has_errors()) {
        // Every unreadable file is reported, not just the first.
        session.fail(k_exit_invalid, file_problems);
    }
    session.print_diagnostics(file_problems);
    session.out() << (options.format == OutputFormat::json ? render_json(session, findings)
                                                           : render_text(session, findings, file_problems.size()));
    const bool fail = std::any_of(findings.begin(), findings.end(), [&](const auto& f) {
        return f.severity == Severity::error || options.fail_on == "warning";
    });
    if (fail) {
        throw Exit{k_exit_findings};
    }
}

} // namespace

void register_check(CLI::App& app, Session& session) {
    const auto lang = session.lang();
    auto options = std::make_shared<CheckOptions>();
    auto* check = app.add_subcommand("check", i18n::text(lang, "help.check"));
    check->add_option("--fail-on", options->fail_on, i18n::text(lang, "help.opt_fail_on"))
        ->check(CLI::IsMember({"error", "warning"}).description(""))
        ->type_name("error|warning");
    add_format_option(*check, session, options->format);
    check->callback([&session, options] { run_check(session, *options); });
}

} // namespace collab::cli
