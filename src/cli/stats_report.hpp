#pragma once

#include "cli/session.hpp"

#include <collab/rules/request_digest.hpp>
#include <collab/rules/stats.hpp>
#include <collab/util/print_document.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::cli {

// Which chart a figure is drawn in (`stats --format html`, the site's stats page).
enum class FigureChart { none, shares, days, blocker_hours, feedback, overdue };

// One printed figure: a stable key (JSON and CSV), a label, a value; and for XLSX, Markdown
// and HTML the value as cells a spreadsheet computes with: the number (a share as a
// percent, empty when there is none), the count behind it and, for a share, of how many.
struct Figure {
    std::string key;
    std::string label;
    std::string value;
    std::string amount;
    std::string count;
    std::string base;
    FigureChart chart = FigureChart::none;
    std::optional<double> plotted; // the bar's length; none: no bar
};

// The figures of `stats`, labelled in the session's language.
std::vector<Figure> stats_figures(Session& session, const rules::ProcessStats& stats);

// The figures as one table (metric, value, count, out of; numbers as numbers) with the
// calendar notes; with `charts`, a section per chart after it, each an inline SVG bar
// chart (util/bar_chart_svg).
util::PrintDocument stats_document(Session& session, const rules::ProcessStats& stats,
                                   const std::vector<Figure>& rows, bool charts);

// The same as a page of its own (Markdown, HTML, the site): the table under a heading of
// its own, a footer naming collab.
util::PrintDocument stats_page_document(Session& session, const rules::ProcessStats& stats,
                                        const std::vector<Figure>& rows, bool charts);

// The stats of every request (stats_count and add_stats over the digests of the index),
// as of session.now(), filtered by `filter`.
rules::ProcessStats gather_stats(Session& session, const rules::StatsFilter& filter,
                                 bool use_cache);
// The same over digests already worked out (the site's).
rules::ProcessStats stats_of(const std::vector<rules::RequestDigest>& digests,
                             const rules::StatsFilter& filter, const rules::Context& context);

} // namespace collab::cli
