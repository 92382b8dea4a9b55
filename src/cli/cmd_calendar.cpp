// collab calendar add|between|show: working-day arithmetic, the same module every
// deadline and service level uses.
#include "cli/commands.hpp"

#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

namespace {

struct CalendarOptions {
    std::string from;
    std::string to;
    int days = 0;
    int year = 0;
    OutputFormat format = OutputFormat::text;
};

time::Date parse_date_arg(Session& session, const std::string& text) {
    const auto date = time::parse_date(text);
    if (!date) {
        session.fail(k_exit_usage, msg("calendar.bad_date", text));
    }
    return *date;
}

template <typename T>
T covered(Session& session, const time::CalendarResult<T>& result) {
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&result)) {
        // The calendar reports year -1 when the work week has no working day at all.
        session.fail(k_exit_invalid, uncovered->year < 0
                                         ? msg("time.no_working_day")
                                         : msg("calendar.uncovered", uncovered->year));
    }
    return std::get<T>(result);
}

void run_add(Session& session, const CalendarOptions& options) {
    const auto& calendar = session.workspace().calendar();
    const auto from = parse_date_arg(session, options.from);
    const auto result = covered(session, calendar.add(from, options.days));
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("from").value(options.from).key("days").value(options.days);
        w.key("date").value(time::format_date(result)).end_object();
        session.out() << w.str();
    } else {
        session.out() << time::format_date(result) << '\n';
    }
}

void run_between(Session& session, const CalendarOptions& options) {
    const auto& calendar = session.workspace().calendar();
    const auto a = parse_date_arg(session, options.from);
    const auto b = parse_date_arg(session, options.to);
    const auto days = covered(session, calendar.between(a, b));
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("from").value(options.from).key("to").value(options.to);
        w.key("working_days").value(days).end_object();
        session.out() << w.str();
    } else {
        session.out() << days << '\n';
    }
}

void run_show(Session& session, const CalendarOptions& options) {
    const auto& workspace = session.workspace();
    const int year = options.year != 0
                         ? options.year
                         : static_cast<int>(workspace.zone().local_date(session.now()).year());
    const time::CalendarYear* found = nullptr;
    for (const auto& entry : workspace.calendar().years()) {
        if (entry.year == year) {
            found = &entry;
        }
    }
    if (found == nullptr) {
        session.fail(k_exit_invalid, msg("calendar.no_file", year));
    }
    const auto dates = [](const std::vector<time::Date>& days) {
        std::string out;
        for (const auto& day : days) {
            out += (out.empty() ? "" : ", ") + time::format_date(day);
        }
        return out;
    };
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("year").value(year).key("region").value(found->region);
        w.key("file").value(found->path).key("holidays").begin_array();
        for (const auto& holiday : found->holidays) {
            w.begin_object().key("name").value(holiday.name);
            w.key("from").value(time::format_date(holiday.from));
            w.key("to").value(time::format_date(holiday.to));
            w.key("workdays").begin_array();
            for (const auto& day : holiday.workdays) {
                w.value(time::format_date(day));
            }
            w.end_array().end_object();
        }
        w.end_array().end_object();
        session.out() << w.str();
        return;
    }
    const auto lang = session.lang();
    std::vector<std::vector<std::string>> rows;
    rows.push_back({i18n::text(lang, "calendar.holiday"), i18n::text(lang, "calendar.off"),
                    i18n::text(lang, "calendar.days"), i18n::text(lang, "calendar.workdays")});
    for (const auto& holiday : found->holidays) {
        const auto length = (date::sys_days(holiday.to) - date::sys_days(holiday.from)).count() + 1;
        rows.push_back(
            {holiday.name, time::format_date(holiday.from) + " .. " + time::format_date(holiday.to),
             std::to_string(length), holiday.workdays.empty() ? "-" : dates(holiday.workdays)});
    }
    session.out() << session.tr(msg("calendar.title", year, found->region, found->path)) << "\n"
                  << util::format_table(rows);
}

} // namespace

void register_calendar(CLI::App& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto* calendar = app.add_subcommand("calendar", tr("help.calendar"));
    calendar->require_subcommand(1);

    auto add_options = std::make_shared<CalendarOptions>();
    auto* add = calendar->add_subcommand("add", tr("help.calendar_add"));
    add->add_option("FROM", add_options->from, tr("help.opt_from"))->required();
    add->add_option("N", add_options->days, tr("help.opt_n"))->required();
    add_format_option(*add, session, add_options->format);
    add->callback([&session, add_options] { run_add(session, *add_options); });

    auto between_options = std::make_shared<CalendarOptions>();
    auto* between = calendar->add_subcommand("between", tr("help.calendar_between"));
    between->add_option("A", between_options->from, tr("help.opt_a"))->required();
    between->add_option("B", between_options->to, tr("help.opt_b"))->required();
    add_format_option(*between, session, between_options->format);
    between->callback([&session, between_options] { run_between(session, *between_options); });

    auto show_options = std::make_shared<CalendarOptions>();
    auto* show = calendar->add_subcommand("show", tr("help.calendar_show"));
    show->add_option("YEAR", show_options->year, tr("help.opt_year"));
    add_format_option(*show, session, show_options->format);
    show->callback([&session, show_options] { run_show(session, *show_options); });
}

} // namespace collab::cli
