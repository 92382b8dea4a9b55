#include "cli/check_report.hpp"

#include <algorithm>
#include <cctype>
#include <collab/util/json_writer.hpp>
#include <collab/util/sha256.hpp>
#include <collab/util/text.hpp>
#include <collab/util/utf8.hpp>
#include <fmt/format.h>
#include <map>

namespace collab::cli {

using i18n::msg;

namespace {

std::string severity_word(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

std::string message_of(const CheckReport& report, const rules::Finding& finding) {
    return i18n::render(report.lang, finding.message);
}

using util::xml_escape;

std::size_t count_errors(const CheckReport& report) {
    return static_cast<std::size_t>(
        std::count_if(report.findings.begin(), report.findings.end(),
                      [](const auto& f) { return f.severity == Severity::error; }));
}

// GitHub's workflow commands escape %, CR and LF everywhere, and ',' and ':' in
// property values.
std::string github_escape(std::string_view text, bool property) {
    std::string out;
    for (char c : text) {
        if (c == '%') {
            out += "%25";
        } else if (c == '\r') {
            out += "%0D";
        } else if (c == '\n') {
            out += "%0A";
        } else if (property && c == ':') {
            out += "%3A";
        } else if (property && c == ',') {
            out += "%2C";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

namespace {

// A relative URI reference for a path: unreserved characters and '/' as they are,
// everything else (spaces, non-ASCII bytes) percent-encoded, as SARIF requires.
std::string uri_of(std::string_view path) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += c;
        } else {
            out += '%';
            out += k_hex[byte >> 4];
            out += k_hex[byte & 15];
        }
    }
    return out;
}

// The process document as installed (CMake's docdir): absolute, as SARIF asks of
// informationUri and helpUri, and readable wherever collab is installed.
constexpr const char* k_rules_uri = "file://" COLLAB_DOC_DIR "/PROCESS.md";
constexpr const char* k_rules_section_uri = "file://" COLLAB_DOC_DIR "/PROCESS.md#the-rules";

// A rule's friendly name in SARIF's PascalCase: review.overdue -> ReviewOverdue.
std::string sarif_rule_name(std::string_view id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
        if (c == '.' || c == '-' || c == '_') {
            upper = true;
        } else {
            out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
    }
    return out;
}

} // namespace

std::string finding_fingerprint(const rules::Finding& finding) {
    // The line tells apart two findings of one rule in one file (two long syncs in one
    // log); it moves only when the file is edited above it.
    return util::sha256_hex(finding.rule + '\n' + finding.where.path + ':' +
                            std::to_string(finding.where.line) + '\n' + finding.request + '\n' +
                            finding.person + '\n' + finding.message.id + '\n' +
                            (finding.message.args.empty() ? "" : finding.message.args.front()))
        .substr(0, 32);
}

std::string render_check_text(const CheckReport& report, bool colour) {
    const auto lang = report.lang;
    const auto paint = [colour](const std::string& text, const char* code) {
        // What the text holds is shown escaped: only the colours act on the terminal.
        const auto safe = util::escape_controls(text);
        return colour ? std::string("\033[") + code + "m" + safe + "\033[0m" : safe;
    };
    // Grouped by the person who must act; most overdue first within each.
    std::map<std::string, std::vector<const rules::Finding*>> by_person;
    for (const auto& finding : report.findings) {
        by_person[finding.person].push_back(&finding);
    }
    std::vector<std::pair<std::string, std::vector<const rules::Finding*>>> groups(
        by_person.begin(), by_person.end());
    for (auto& [person, items] : groups) {
        std::stable_sort(items.begin(), items.end(),
                         [](const auto* a, const auto* b) { return a->late_days > b->late_days; });
    }
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        return a.second.front()->late_days > b.second.front()->late_days;
    });
    std::string out;
    for (const auto& [person, items] : groups) {
        out += paint(person.empty() ? i18n::text(lang, "check.nobody")
                                    : report.roster->display(person),
                     "1") +
               "\n";
        for (const auto* finding : items) {
            Diagnostic d{finding->severity, finding->where, finding->message};
            auto line = format_diagnostic(lang, d) + " [" + finding->rule + "]";
            out += "  " + paint(line, finding->severity == Severity::error ? "31" : "33") + "\n";
        }
    }
    const auto errors = count_errors(report);
    out += i18n::render(lang, msg("check.summary", errors, report.findings.size() - errors)) + "\n";
    return out;
}

std::string render_check_json(const CheckReport& report) {
    util::JsonWriter w;
    const auto errors = count_errors(report);
    w.begin_object().key("version").value(1).key("now").value(report.now);
    w.key("summary").begin_object();
    w.key("errors").value(static_cast<long long>(errors));
    w.key("warnings").value(static_cast<long long>(report.findings.size() - errors));
    w.end_object();
    w.key("findings").begin_array();
    for (const auto& finding : report.findings) {
        w.begin_object();
        w.key("rule").value(finding.rule);
        w.key("process_rule").value(rules::process_rule_of(finding.rule));
        w.key("severity").value(severity_word(finding.severity));
        w.key("file").value(finding.where.path);
        w.key("line").value(finding.where.line);
        w.key("column").value(finding.where.column);
        w.key("request").value(finding.request);
        w.key("person").value(finding.person);
        // -1: the count needs a year no calendar covers (calendar.uncovered): no number.
        if (finding.late_days < 0) {
            w.key("late_days").null();
        } else {
            w.key("late_days").value(finding.late_days);
        }
        w.key("message").value(message_of(report, finding));
        w.key("fingerprint").value(finding_fingerprint(finding));
        w.end_object();
    }
    w.end_array().end_object();
    return std::move(w).str();
}

std::string render_check_junit(const CheckReport& report) {
    // One test suite per rule; each finding is a test case, failed when it is an
    // error; a rule with no finding is one passing case, so the report counts rules.
    std::string suites;
    std::size_t total = 0;
    std::size_t failures = 0;
    for (const auto& rule : rules::check_rules()) {
        std::string cases;
        std::size_t tests = 0;
        std::size_t failed = 0;
        for (const auto& finding : report.findings) {
            if (finding.rule != rule.id) {
                continue;
            }
            ++tests;
            const auto where = fmt::format("{}:{}:{}", finding.where.path, finding.where.line,
                                           finding.where.column);
            // Only the attributes both the Jenkins xunit and the Surefire schemas allow on a
            // test case (name, classname, time): the file is in the name.
            cases +=
                fmt::format("    <testcase classname=\"collab.{}\" name=\"{} {}\" time=\"0\">\n",
                            xml_escape(rule.id), xml_escape(finding.request), xml_escape(where));
            if (finding.severity == Severity::error) {
                ++failed;
                cases += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                                     xml_escape(rule.id), xml_escape(message_of(report, finding)),
                                     xml_escape(where + ": " + message_of(report, finding)));
            } else {
                cases += fmt::format("      <system-out>{}</system-out>\n",
                                     xml_escape(where + ": " + message_of(report, finding)));
            }
            cases += "    </testcase>\n";
        }
        if (tests == 0) {
            tests = 1;
            cases = fmt::format(
                "    <testcase classname=\"collab.{}\" name=\"no findings\" time=\"0\"/>\n",
                xml_escape(rule.id));
        }
        total += tests;
        failures += failed;
        suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                              "skipped=\"0\" time=\"0\">\n{}  </testsuite>\n",
                              xml_escape(rule.id), tests, failed, cases);
    }
    return fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"collab check\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "time=\"0\">\n"
        "{}</testsuites>\n",
        total, failures, suites);
}

std::vector<const rules::Finding*> worst_first(const std::vector<rules::Finding>& findings) {
    std::vector<const rules::Finding*> sorted;
    sorted.reserve(findings.size());
    for (const auto& finding : findings) {
        sorted.push_back(&finding);
    }
    // Errors before warnings, the latest first; a count no calendar covers (-1) last.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
        const bool a_error = a->severity == Severity::error;
        const bool b_error = b->severity == Severity::error;
        if (a_error != b_error) {
            return a_error;
        }
        return a->late_days > b->late_days;
    });
    return sorted;
}

std::string render_check_github(const CheckReport& report) {
    // GitHub annotates only the first few errors and warnings of a step: the worst go first.
    std::string out;
    for (const auto* each : worst_first(report.findings)) {
        const auto& finding = *each;
        std::string properties;
        if (!finding.where.path.empty()) {
            properties += "file=" + github_escape(finding.where.path, true);
            if (finding.where.line > 0) {
                properties += fmt::format(",line={}", finding.where.line);
                if (finding.where.column > 0) {
                    properties += fmt::format(",col={}", finding.where.column);
                }
            }
            properties += ",";
        }
        properties += "title=" + github_escape(finding.rule, true);
        out += fmt::format("::{} {}::{}\n", severity_word(finding.severity), properties,
                           github_escape(message_of(report, finding), false));
    }
    return out;
}

namespace {

// A Markdown table cell: pipes escaped, line breaks as <br>.
std::string markdown_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += "<br>";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string render_check_step_summary(const CheckReport& report) {
    const auto lang = report.lang;
    const auto errors = count_errors(report);
    std::string out =
        "### collab check\n\n" +
        i18n::render(lang, msg("check.summary", errors, report.findings.size() - errors)) + "\n";
    if (report.findings.empty()) {
        return out;
    }
    out += fmt::format("\n| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- | --- |\n",
                       i18n::text(lang, "check.col_severity"), i18n::text(lang, "check.col_rule"),
                       i18n::text(lang, "check.col_request"), i18n::text(lang, "check.col_person"),
                       i18n::text(lang, "check.col_where"), i18n::text(lang, "check.col_message"));
    for (const auto* finding : worst_first(report.findings)) {
        const auto where = finding->where.path.empty()
                               ? std::string()
                               : fmt::format("`{}:{}`", finding->where.path, finding->where.line);
        out += fmt::format(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            i18n::text(lang, finding->severity == Severity::error ? "check.severity_error"
                                                                  : "check.severity_warning"),
            finding->rule, markdown_cell(finding->request),
            markdown_cell(finding->person.empty() ? std::string()
                                                  : report.roster->display(finding->person)),
            markdown_cell(where), markdown_cell(message_of(report, *finding)));
    }
    return out;
}

std::string render_check_gitlab(const CheckReport& report) {
    util::JsonWriter w;
    w.begin_array();
    for (const auto& finding : report.findings) {
        w.begin_object();
        w.key("description").value(message_of(report, finding));
        w.key("check_name").value(finding.rule);
        w.key("fingerprint").value(finding_fingerprint(finding));
        w.key("severity").value(finding.severity == Severity::error ? "major" : "minor");
        w.key("location").begin_object().key("path").value(finding.where.path);
        w.key("lines").begin_object().key("begin").value(std::max(1, finding.where.line));
        w.end_object().end_object();
        w.end_object();
    }
    w.end_array();
    return std::move(w).str();
}

std::string render_check_sarif(const CheckReport& report) {
    util::JsonWriter w;
    w.begin_object();
    w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
    w.key("version").value("2.1.0");
    w.key("runs").begin_array().begin_object();
    w.key("tool").begin_object().key("driver").begin_object();
    w.key("name").value("collab").key("version").value(report.version);
    w.key("informationUri").value(k_rules_uri);
    w.key("rules").begin_array();
    const auto& all = rules::check_rules();
    for (const auto& rule : all) {
        const auto explanation = i18n::text(report.lang, rule.explanation);
        w.begin_object().key("id").value(rule.id).key("name").value(sarif_rule_name(rule.id));
        w.key("shortDescription").begin_object().key("text").value(rule.id).end_object();
        w.key("fullDescription").begin_object().key("text").value(explanation).end_object();
        // What `collab check --explain` says, and where the rule is written down.
        w.key("help").begin_object().key("text").value(explanation).end_object();
        w.key("helpUri").value(k_rules_section_uri);
        w.key("properties").begin_object().key("processRule").value(rule.process_rule).end_object();
        w.end_object();
    }
    w.end_array().end_object().end_object();
    w.key("results").begin_array();
    for (const auto& finding : report.findings) {
        const auto index = std::find_if(all.begin(), all.end(),
                                        [&](const auto& r) { return finding.rule == r.id; }) -
                           all.begin();
        w.begin_object();
        w.key("ruleId").value(finding.rule);
        if (index < static_cast<long>(all.size())) {
            w.key("ruleIndex").value(static_cast<long long>(index));
        }
        w.key("level").value(severity_word(finding.severity));
        w.key("message").begin_object().key("text").value(message_of(report, finding)).end_object();
        if (!finding.where.path.empty()) {
            w.key("locations").begin_array().begin_object();
            w.key("physicalLocation").begin_object();
            w.key("artifactLocation")
                .begin_object()
                .key("uri")
                .value(uri_of(finding.where.path))
                .end_object();
            if (finding.where.line > 0) {
                w.key("region").begin_object().key("startLine").value(finding.where.line);
                if (finding.where.column > 0) {
                    w.key("startColumn").value(finding.where.column);
                }
                w.end_object();
            }
            w.end_object().end_object().end_array();
        }
        w.key("partialFingerprints").begin_object();
        w.key("collabFinding/v1").value(finding_fingerprint(finding)).end_object();
        w.end_object();
    }
    w.end_array().end_object().end_array().end_object();
    return std::move(w).str();
}

} // namespace collab::cli
