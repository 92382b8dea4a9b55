// collab calendar add|between|show: working-day arithmetic, the same module every
// deadline and service level uses; collab calendar import: a year's official data.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/shipped_calendars.hpp"

#include <collab/i18n/list.hpp>
#include <collab/model/config_edit.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/templates.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/calendar_file.hpp>
#include <collab/time/holiday_import.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <system_error>

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

struct ImportOptions {
    std::vector<std::string> files;
    std::string shipped;
    bool replace = false;
};

// An official holiday file is a few kilobytes; anything far larger is not one.
constexpr std::uintmax_t k_max_import_bytes = 1024 * 1024;

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
    const auto dates = [&session](const std::vector<time::Date>& days) {
        std::vector<std::string> shown;
        for (const auto& day : days) {
            shown.push_back(time::format_date(day));
        }
        return i18n::join_list(session.lang(), shown);
    };
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("year").value(year).key("region").value(found->region);
        w.key("file").value(found->path).key("source");
        if (found->source.empty()) {
            w.null();
        } else {
            w.value(found->source);
        }
        w.key("papers").begin_array();
        for (const auto& paper : found->papers) {
            w.value(paper);
        }
        w.end_array().key("holidays").begin_array();
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
                  << session.tr(found->source.empty() ? msg("calendar.source_hand")
                                                      : msg("calendar.source", found->source))
                  << "\n";
    for (const auto& paper : found->papers) {
        session.out() << session.tr(msg("calendar.paper", paper)) << "\n";
    }
    session.out() << util::format_table(rows);
}

// One calendar file the import will write (or finds already written).
struct PlannedYear {
    int year = 0;
    std::string relative; // in the workspace
    std::string text;
    std::string from; // the file or shipped year it came from, for messages
    bool write = false;
    bool list = false; // add to collab.yaml's calendars
};

// Reads and imports the user's files; every problem of every file is reported
// before anything is written.
std::vector<std::pair<time::CalendarYear, std::string>>
import_files(Session& session, const std::vector<std::string>& files, Diagnostics& problems) {
    namespace fs = std::filesystem;
    std::vector<std::pair<time::CalendarYear, std::string>> years;
    for (const auto& file : files) {
        fs::path path(file);
        if (path.is_relative()) {
            path = session.start_directory() / path;
        }
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (ec) {
            problems.error({file, 0, 0}, msg("calendar.import_unreadable", ec.message()));
            continue;
        }
        if (size > k_max_import_bytes) {
            problems.error({file, 0, 0}, msg("time.import.too_big", k_max_import_bytes));
            continue;
        }
        std::string text;
        try {
            text = store::read_file(path);
        } catch (const std::system_error& error) {
            problems.error({file, 0, 0}, msg("calendar.import_unreadable", error.code().message()));
            continue;
        }
        if (auto year = time::import_holidays(text, file, path.filename().string(), problems)) {
            years.emplace_back(std::move(*year), file);
        }
    }
    return years;
}

void run_import(Session& session, const ImportOptions& options) {
    const auto& workspace = session.workspace();
    if (options.files.empty() && options.shipped.empty()) {
        session.fail(k_exit_usage, msg("calendar.import_nothing"));
    }
    // Held from the first read to the last write: what is compared is what is replaced.
    session.lock_workspace();
    Diagnostics problems;
    std::vector<PlannedYear> planned;
    for (auto& [year, file] : import_files(session, options.files, problems)) {
        planned.push_back({year.year, "", time::render_calendar_year(year), file});
    }
    if (!options.shipped.empty()) {
        std::vector<int> unshipped;
        const auto years = parse_shipped_years(options.shipped, unshipped);
        if (!years) {
            const auto shipped = shipped_calendar_years();
            session.fail(k_exit_usage, msg("calendar.not_shipped", options.shipped, shipped.front(),
                                           shipped.back()));
        }
        for (const int year : *years) {
            planned.push_back({year, "", *store::find_template(shipped_calendar_path(year)),
                               fmt::format("--shipped {}", year)});
        }
    }
    if (problems.has_errors()) {
        session.print_diagnostics(problems);
        session.fail(k_exit_invalid, msg("calendar.import_refused"));
    }
    session.print_diagnostics(problems); // warnings only

    std::map<int, std::string> seen;
    std::vector<std::string> refusals;
    for (auto& plan : planned) {
        if (const auto [at, fresh] = seen.emplace(plan.year, plan.from); !fresh) {
            session.fail(k_exit_usage,
                         msg("calendar.import_year_twice", plan.year, at->second, plan.from));
        }
        // The workspace's calendar of that year, else the standard file name.
        plan.relative = shipped_calendar_path(plan.year);
        plan.list = true;
        for (const auto& loaded : workspace.calendar().years()) {
            if (loaded.year == plan.year) {
                plan.relative = loaded.path;
                plan.list = false;
            }
        }
        const bool exists = workspace.exists(plan.relative);
        if (exists && workspace.read_text(plan.relative) == plan.text) {
            if (!plan.list) {
                session.info(msg("calendar.import_same", plan.year, plan.relative));
            }
            continue;
        }
        if (exists && !options.replace) {
            refusals.push_back(
                session.tr(msg("calendar.import_differs", plan.year, plan.relative)));
            continue;
        }
        plan.write = true;
    }
    if (!refusals.empty()) {
        for (const auto& refusal : refusals) {
            session.err() << "collab: " << session.tr("severity.error") << ": " << refusal << '\n';
        }
        session.fail(k_exit_invalid, msg("calendar.import_refused"));
    }

    std::optional<std::string> config = workspace.read_text(store::k_config_file);
    const auto original = *config;
    for (const auto& plan : planned) {
        if (plan.list) {
            config = model::add_calendar_to_config(*config, plan.relative);
            if (!config) {
                session.fail(k_exit_invalid, msg("calendar.config_not_editable", plan.relative));
            }
        }
    }
    // Calendars first, collab.yaml last: a calendar nobody lists yet changes nothing.
    for (const auto& plan : planned) {
        if (plan.write) {
            workspace.write(plan.relative, plan.text);
            session.out() << session.tr(
                                 msg("calendar.imported", plan.year, plan.relative, plan.from))
                          << '\n';
        }
        if (plan.list) {
            session.out() << session.tr(msg("calendar.listed", plan.relative)) << '\n';
        }
    }
    if (*config != original) {
        workspace.write(store::k_config_file, *config);
    }
}

} // namespace

void register_calendar(Command& app, Session& session) {
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

    auto import_options = std::make_shared<ImportOptions>();
    auto* import = calendar->add_subcommand("import", tr("help.calendar_import"));
    import->add_option("FILE", import_options->files, tr("help.opt_import_file"));
    import->add_option("--shipped", import_options->shipped, tr("help.opt_shipped"));
    import->add_flag("--replace", import_options->replace, tr("help.opt_replace"));
    import->callback([&session, import_options] { run_import(session, *import_options);
});
} // namespace collab::cli

} // namespace collab::cli
