// collab stats: the process in numbers — lead times, review latency against its
// service level, on-time delivery, first-pass acceptance, blocker waits, feedback.
#include "cli/commands.hpp"
#include "cli/day_count_notes.hpp"
#include "cli/request_digests.hpp"
#include "cli/xlsx_output.hpp"

#include <collab/rules/stats.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>
#include <set>

namespace collab::cli {

using i18n::msg;

namespace {

struct StatsOptions {
    std::string since;
    std::string until;
    std::string dept;
    std::string format = "text";
    std::string output;
    bool no_cache = false;
};

// One printed figure: a stable key (JSON and CSV), a label, a value; and for XLSX the
// value as cells a spreadsheet computes with: the number (a share as a percent, empty
// when there is none), the count behind it and, for a share, of how many.
struct Figure {
    std::string key;
    std::string label;
    std::string value;
    std::string amount;
    std::string count;
    std::string base;
};

std::string number(std::optional<double> value) {
    return value ? fmt::format("{:.1f}", *value) : std::string("-");
}

std::string share(std::size_t part, std::size_t whole) {
    return whole == 0 ? std::string("-")
                      : fmt::format("{:.0f}% ({}/{})",
                                    100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                    part, whole);
}

Figure count_figure(std::string key, std::string label, std::size_t count) {
    return {std::move(key), std::move(label), std::to_string(count), std::to_string(count), "", ""};
}

// A mean or median of a sample, and how many values it is of.
Figure sample_figure(std::string key, std::string label, std::optional<double> value,
                     std::size_t count, std::string shown) {
    return {std::move(key),        std::move(label),
            std::move(shown),      value ? fmt::format("{:.2f}", *value) : "",
            std::to_string(count), ""};
}

Figure share_figure(std::string key, std::string label, std::size_t part, std::size_t whole) {
    const auto percent = whole == 0 ? std::string()
                                    : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) /
                                                                 static_cast<double>(whole));
    return {std::move(key), std::move(label),     share(part, whole),
            percent,        std::to_string(part), std::to_string(whole)};
}

std::vector<Figure> figures(Session& session, const rules::ProcessStats& s) {
    const auto t = [&](const char* id) {
        return session.tr(id);
    };
    const auto median = [](const rules::Sample& sample) {
        return sample.median();
    };
    const auto mean = [](const rules::Sample& sample) {
        return sample.mean();
    };
    std::vector<Figure> out = {
        count_figure("requests", t("stats.requests"), s.requests),
        sample_figure("submit_to_final.median", t("stats.submit_to_final"),
                      median(s.submit_to_final), s.submit_to_final.count(),
                      number(median(s.submit_to_final))),
        sample_figure("final_to_accepted.median", t("stats.final_to_accepted"),
                      median(s.final_to_accepted), s.final_to_accepted.count(),
                      number(median(s.final_to_accepted))),
        sample_figure("review_latency.mean", t("stats.review_latency"), mean(s.review_latency),
                      s.review_latency.count(), number(mean(s.review_latency))),
        share_figure("reviews_on_time", t("stats.reviews_on_time"), s.reviews_on_time,
                     s.reviews_decided),
        share_figure("tasks_on_time", t("stats.tasks_on_time"), s.tasks_on_time, s.tasks_delivered),
        share_figure("first_pass_acceptance", t("stats.first_pass"), s.tasks_first_pass,
                     s.tasks_accepted),
        count_figure("rework_rounds", t("stats.rework_rounds"), s.rework_rounds),
    };
    for (const auto& [dept, sample] : s.blocker_wait_hours) {
        const auto* found = session.workspace().roster().find_department(dept);
        out.push_back(
            sample_figure("blocker_wait_hours." + dept,
                          session.tr(msg("stats.blocker_wait", found ? found->name : dept)),
                          mean(sample), sample.count(), number(mean(sample))));
    }
    for (const auto& [key, sample] : s.feedback) {
        out.push_back(sample_figure(
            "feedback." + key, session.tr(msg("stats.feedback", key)), mean(sample), sample.count(),
            fmt::format("{} (n={})", number(mean(sample)), sample.count())));
    }
    for (const auto& [rule, count] : s.overdue_now) {
        out.push_back(
            count_figure("overdue_now." + rule, session.tr(msg("stats.overdue", rule)), count));
    }
    return out;
}

// The figures as one table of a workbook: metric, value, count, out of.
util::PrintDocument stats_document(Session& session, const std::vector<Figure>& rows,
                                   const std::string& notes) {
    util::PrintDocument doc;
    doc.title = session.tr("stats.title");
    util::PrintSection section;
    section.title = doc.title;
    section.header = {session.tr("stats.col.metric"), session.tr("stats.col.value"),
                      session.tr("stats.col.count"), session.tr("stats.col.base")};
    for (const auto& figure : rows) {
        section.rows.push_back({figure.label, figure.amount, figure.count, figure.base});
    }
    section.note = notes;
    doc.sections.push_back(std::move(section));
    return doc;
}

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
    // From the digests: the stats inputs of their index and their findings at now, the
    // same numbers rules::compute_stats works out from the records.
    store::DigestParts parts;
    parts.steps = false;
    rules::ProcessStats stats;
    for (const auto& digest : index_digests(session, !options.no_cache, parts)) {
        if (rules::stats_count(digest.index.stats, digest.departments, filter, context)) {
            rules::add_stats(stats, digest.index.stats, rules::findings_at(digest, context),
                             context);
        }
    }
    const auto rows = figures(session, stats);
    if (options.format == "xlsx") {
        write_xlsx_output(
            session,
            stats_document(session, rows, day_count_notes(stats.calendar_gaps, session.lang())),
            options.output);
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
        ->one_of({"text", "json", "csv", "xlsx"})
        ->type_name("text|json|csv|xlsx");
    stats->add_option("-o,--output", options->output, tr("help.opt_stats_output"))
        ->type_name("FILE");
    stats->add_flag("--no-cache", options->no_cache, tr("help.opt_no_cache"));
    stats->callback([&session, options] { run_stats(session, *options); });
}

} // namespace collab::cli
