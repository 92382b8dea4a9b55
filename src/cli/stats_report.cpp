// The figures of `collab stats` in words, as a document with charts: shared by `stats`
// and `site` (stats.html).
#include "cli/stats_report.hpp"

#include "cli/day_count_notes.hpp"
#include "cli/request_digests.hpp"

#include <collab/util/bar_chart_svg.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

namespace {

std::string stats_number(std::optional<double> value) {
    return value ? fmt::format("{:.1f}", *value) : std::string("-");
}

std::string stats_share(std::size_t part, std::size_t whole) {
    return whole == 0 ? std::string("-")
                      : fmt::format("{:.0f}% ({}/{})",
                                    100.0 * static_cast<double>(part) / static_cast<double>(whole),
                                    part, whole);
}

Figure count_figure(std::string key, std::string label, std::size_t count, FigureChart chart) {
    return {std::move(key),
            std::move(label),
            std::to_string(count),
            std::to_string(count),
            "",
            "",
            chart,
            static_cast<double>(count)};
}

// A mean or median of a sample, and how many values it is of.
Figure sample_figure(std::string key, std::string label, std::optional<double> value,
                     std::size_t count, std::string shown, FigureChart chart) {
    return {std::move(key),
            std::move(label),
            std::move(shown),
            value ? fmt::format("{:.2f}", *value) : "",
            std::to_string(count),
            "",
            chart,
            value};
}

Figure share_figure(std::string key, std::string label, std::size_t part, std::size_t whole) {
    std::optional<double> percent;
    if (whole != 0) {
        percent = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    }
    return {std::move(key),           std::move(label),
            stats_share(part, whole), percent ? fmt::format("{:.1f}%", *percent) : std::string(),
            std::to_string(part),     std::to_string(whole),
            FigureChart::shares,      percent};
}

// The charts in the order drawn, with their titles and full scales (0: the largest bar).
struct ChartKind {
    FigureChart chart;
    const char* id;
    const char* title;
    double max;
};
constexpr ChartKind k_chart_kinds[] = {
    {FigureChart::shares, "chart-shares", "stats.chart.shares", 100},
    {FigureChart::days, "chart-days", "stats.chart.days", 0},
    {FigureChart::blocker_hours, "chart-blocker-hours", "stats.chart.blocker_hours", 0},
    {FigureChart::feedback, "chart-feedback", "stats.chart.feedback", 5}, // scores are 1 to 5
    {FigureChart::overdue, "chart-overdue", "stats.chart.overdue", 0},
};

std::string chart_number(const Figure& figure) {
    if (figure.chart == FigureChart::shares) {
        return fmt::format("{:.0f}%", *figure.plotted);
    }
    if (figure.chart == FigureChart::overdue) {
        return figure.value;
    }
    return fmt::format("{:.1f}", *figure.plotted);
}

} // namespace

std::vector<Figure> stats_figures(Session& session, const rules::ProcessStats& s) {
    const auto t = [&](const char* id) {
        return session.tr(id);
    };
    const auto median = [](const rules::Sample& sample) {
        return sample.median();
    };
    const auto mean = [](const rules::Sample& sample) {
        return sample.mean();
    };
    const auto days = FigureChart::days;
    std::vector<Figure> out = {
        count_figure("requests", t("stats.requests"), s.requests, FigureChart::none),
        sample_figure("submit_to_final.median", t("stats.submit_to_final"),
                      median(s.submit_to_final), s.submit_to_final.count(),
                      stats_number(median(s.submit_to_final)), days),
        sample_figure("final_to_accepted.median", t("stats.final_to_accepted"),
                      median(s.final_to_accepted), s.final_to_accepted.count(),
                      stats_number(median(s.final_to_accepted)), days),
        sample_figure("review_latency.mean", t("stats.review_latency"), mean(s.review_latency),
                      s.review_latency.count(), stats_number(mean(s.review_latency)), days),
        share_figure("reviews_on_time", t("stats.reviews_on_time"), s.reviews_on_time,
                     s.reviews_decided),
        share_figure("tasks_on_time", t("stats.tasks_on_time"), s.tasks_on_time, s.tasks_delivered),
        share_figure("first_pass_acceptance", t("stats.first_pass"), s.tasks_first_pass,
                     s.tasks_accepted),
        count_figure("rework_rounds", t("stats.rework_rounds"), s.rework_rounds, FigureChart::none),
    };
    for (const auto& [dept, sample] : s.blocker_wait_hours) {
        const auto* found = session.workspace().roster().find_department(dept);
        out.push_back(sample_figure(
            "blocker_wait_hours." + dept,
            session.tr(msg("stats.blocker_wait", found ? found->name : dept)), mean(sample),
            sample.count(), stats_number(mean(sample)), FigureChart::blocker_hours));
    }
    for (const auto& [key, sample] : s.feedback) {
        out.push_back(sample_figure(
            "feedback." + key, session.tr(msg("stats.feedback", key)), mean(sample), sample.count(),
            fmt::format("{} (n={})", stats_number(mean(sample)), sample.count()),
            FigureChart::feedback));
    }
    for (const auto& [rule, count] : s.overdue_now) {
        out.push_back(count_figure("overdue_now." + rule, session.tr(msg("stats.overdue", rule)),
                                   count, FigureChart::overdue));
    }
    return out;
}

util::PrintDocument stats_document(Session& session, const rules::ProcessStats& stats,
                                   const std::vector<Figure>& rows, bool charts) {
    util::PrintDocument doc;
    doc.lang = session.lang() == i18n::Language::zh ? "zh-CN" : "en";
    doc.title = session.tr("stats.title");
    doc.field_heading = session.tr("stats.col.metric");
    doc.value_heading = session.tr("stats.col.value");
    util::PrintSection section;
    section.title = doc.title;
    section.header = {session.tr("stats.col.metric"), session.tr("stats.col.value"),
                      session.tr("stats.col.count"), session.tr("stats.col.base")};
    section.numeric = {false, true, true, true};
    for (const auto& figure : rows) {
        section.rows.push_back({figure.label, figure.amount, figure.count, figure.base});
    }
    section.note = day_count_notes(stats.calendar_gaps, session.lang());
    doc.sections.push_back(std::move(section));
    if (!charts) {
        return doc;
    }
    for (const auto& kind : k_chart_kinds) {
        util::BarChart chart;
        chart.id = kind.id;
        chart.title = session.tr(kind.title);
        chart.max = kind.max;
        for (const auto& figure : rows) {
            if (figure.chart == kind.chart && figure.plotted) {
                chart.bars.push_back({figure.label, *figure.plotted, chart_number(figure)});
            }
        }
        if (chart.bars.empty()) {
            continue;
        }
        util::PrintSection drawn;
        drawn.title = chart.title;
        drawn.svg = util::bar_chart_svg(chart);
        doc.sections.push_back(std::move(drawn));
    }
    return doc;
}

util::PrintDocument stats_page_document(Session& session, const rules::ProcessStats& stats,
                                        const std::vector<Figure>& rows, bool charts) {
    auto doc = stats_document(session, stats, rows, charts);
    doc.sections.front().title = session.tr("stats.figures");
    doc.footer = session.tr(msg("form.generated", COLLAB_VERSION));
    return doc;
}

rules::ProcessStats stats_of(const std::vector<rules::RequestDigest>& digests,
                             const rules::StatsFilter& filter, const rules::Context& context) {
    // From the digests: the stats inputs of their index and their findings at now, the
    // same numbers rules::compute_stats works out from the records.
    rules::ProcessStats stats;
    for (const auto& digest : digests) {
        if (rules::stats_count(digest.index.stats, digest.departments, filter, context)) {
            rules::add_stats(stats, digest.index.stats, rules::findings_at(digest, context),
                             context);
        }
    }
    return stats;
}

namespace {

// What the stats keep of one request counted: its inputs and its findings at now.
struct CountedRequest {
    rules::StatsInputs inputs;
    std::vector<rules::Finding> findings;
};

} // namespace

rules::ProcessStats gather_stats(Session& session, const rules::StatsFilter& filter,
                                 bool use_cache) {
    store::DigestParts parts;
    parts.steps = false;
    parts.lookup = false;
    parts.tasks = false;
    parts.record_entries = false;
    const auto context = session.context();
    // Each request's share is worked out as its digest is decoded; only what the
    // numbers fold is kept, and folded in request id order as stats_of does.
    const auto counted = index_rows<CountedRequest>(
        session, use_cache, parts,
        [&](rules::RequestDigest& digest, std::vector<CountedRequest>& kept) {
            if (rules::stats_count(digest.index.stats, digest.departments, filter, context)) {
                auto findings = rules::findings_at(digest, context);
                kept.push_back({std::move(digest.index.stats), std::move(findings)});
            }
        });
    rules::ProcessStats stats;
    for (const auto& request : counted) {
        rules::add_stats(stats, request.inputs, request.findings, context);
    }
    return stats;
}

} // namespace collab::cli
