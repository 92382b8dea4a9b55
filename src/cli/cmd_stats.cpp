// collab stats: the process in numbers — lead times, review latency against its
// service level, on-time delivery, first-pass acceptance, blocker waits, feedback — as
// text, JSON, CSV, Markdown, an HTML page with charts, or a workbook.
#include "cli/commands.hpp"
#include "cli/day_count_notes.hpp"
#include "cli/stats_report.hpp"
#include "cli/xlsx_output.hpp"

#include <collab/rules/stats.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/templates.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>
#include <set>

namespace collab::cli {

using i18n::msg;

namespace {

// The page of `stats --format html`: the export forms' page, restyled the same way.
const char* const k_stats_page_template = "forms/form.html";

struct StatsOptions {
    std::string since;
    std::string until;
    std::string dept;
    std::string format = "text";
    std::string output;
    bool no_cache = false;
};

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

void write_sample(util::JsonWriter& w, const rules::Sample& sample) {
    w.begin_object().key("count").value(static_cast<long long>(sample.count()));
    w.key("mean");
    sample.mean() ? w.value(*sample.mean()) : w.null();
    w.key("median");
    sample.median() ? w.value(*sample.median()) : w.null();
    w.end_object();
}

std::string render_json(const rules::ProcessStats& s) {
    util::JsonWriter w;
    const auto count = [](std::size_t n) {
        return static_cast<long long>(n);
    };
    w.begin_object().key("requests").value(count(s.requests));
    w.key("submit_to_final_working_days");
    write_sample(w, s.submit_to_final);
    w.key("final_to_accepted_working_days");
    write_sample(w, s.final_to_accepted);
    w.key("review_latency_working_days");
    write_sample(w, s.review_latency);
    w.key("reviews_decided").value(count(s.reviews_decided));
    w.key("reviews_on_time").value(count(s.reviews_on_time));
    w.key("tasks_delivered").value(count(s.tasks_delivered));
    w.key("tasks_on_time").value(count(s.tasks_on_time));
    w.key("tasks_accepted").value(count(s.tasks_accepted));
    w.key("tasks_first_pass").value(count(s.tasks_first_pass));
    w.key("rework_rounds").value(count(s.rework_rounds));
    w.key("blocker_wait_hours").begin_object();
    for (const auto& [dept, sample] : s.blocker_wait_hours) {
        w.key(dept);
        write_sample(w, sample);
    }
    w.end_object().key("feedback").begin_object();
    for (const auto& [key, sample] : s.feedback) {
        w.key(key);
        write_sample(w, sample);
    }
    w.end_object().key("overdue_now").begin_object();
    for (const auto& [rule, n] : s.overdue_now) {
        w.key(rule).value(count(n));
    }
    w.end_object();
    // Years no calendar covers that working-day counts needed: left out (unknown) or
    // counted weekends-only (guessed).
    std::set<int> unknown;
    std::set<int> guessed;
    for (const auto& gap : s.calendar_gaps) {
        (gap.unknown() ? unknown : guessed).insert(gap.year);
    }
    w.key("calendar_uncovered_years").begin_array();
    for (const int year : unknown) {
        w.value(year);
    }
    w.end_array().key("calendar_guessed_years").begin_array();
    for (const int year : guessed) {
        w.value(year);
    }
    w.end_array().end_object();
    return w.str();
}

std::optional<time::Date> date_option(Session& session, const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    const auto day = time::parse_date(text);
    if (!day) {
        session.fail(k_exit_usage, msg("calendar.bad_date", text));
    }
    return day;
}

std::string render_stats_text(Session& session, const rules::ProcessStats& stats,
                              const std::vector<Figure>& rows, const std::string& format) {
    if (format == "json") {
        return render_json(stats);
    }
    if (format == "md") {
        return util::render_markdown(stats_page_document(session, stats, rows, false));
    }
    if (format == "html") {
        const auto page = store::find_template(k_stats_page_template, session.workspace().root());
        if (!page) {
            session.fail(k_exit_invalid, msg("export.no_form_page", k_stats_page_template));
        }
        return util::render_html(stats_page_document(session, stats, rows, true), *page);
    }
    if (format == "csv") {
        std::string out = "metric,value\n";
        for (const auto& figure : rows) {
            out += fmt::format("{},{}\n", csv_field(figure.key), csv_field(figure.value));
        }
        return out;
    }
    std::vector<std::vector<std::string>> table;
    for (const auto& figure : rows) {
        table.push_back({figure.label, figure.value});
    }
    return util::format_table(table) + day_count_notes(stats.calendar_gaps, session.lang());
}

void run_stats(Session& session, const StatsOptions& options) {
    if (options.format == "xlsx" && options.output.empty()) {
        session.fail(k_exit_usage, msg("export.xlsx_output"));
    }
    rules::StatsFilter filter;
    filter.since = date_option(session, options.since);
    filter.until = date_option(session, options.until);
    if (const auto refused = rules::check_stats_period(filter)) {
        session.fail(k_exit_usage, *refused);
    }
    // Up to --until: every request as it stood at the end of that day.
    session.limit_now(rules::stats_instant(filter, session.workspace().zone(), session.now()));
    const auto context = session.context();
    if (!options.dept.empty()) {
        const auto* dept = context.roster.find_department(options.dept);
        if (dept == nullptr) {
            session.fail(k_exit_usage, msg("form.unknown_department", options.dept));
        }
        filter.department = dept->id;
    }
    const auto stats = gather_stats(session, filter, !options.no_cache);
    const auto rows = stats_figures(session, stats);
    if (options.format == "xlsx") {
        write_xlsx_output(session, stats_document(session, stats, rows, false), options.output);
        return;
    }
    const auto text = render_stats_text(session, stats, rows, options.format);
    if (options.output.empty()) {
        session.out() << text;
    } else {
        store::write_output_file(session.user_path(options.output), text);
    }
}

} // namespace

void register_stats(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<StatsOptions>();
    auto* stats = app.add_subcommand("stats", tr("help.stats"));
    stats->add_option("--since", options->since, tr("help.opt_since"))->type_name("DATE");
    stats->add_option("--until", options->until, tr("help.opt_until"))->type_name("DATE");
    stats->add_option("--dept", options->dept, tr("help.opt_stats_dept"))->type_name("DEPT");
    stats->add_option("--format", options->format, tr("help.opt_stats_format"))
        ->one_of({"text", "json", "csv", "md", "html", "xlsx"})
        ->type_name("text|json|csv|md|html|xlsx");
    stats->add_option("-o,--output", options->output, tr("help.opt_stats_output"))
        ->type_name("FILE");
    stats->add_flag("--no-cache", options->no_cache, tr("help.opt_no_cache"));
    stats->callback([&session, options] { run_stats(session, *options); });
}

} // namespace collab::cli
