// collab export --ics [REQUEST] [--person ID] [-o FILE]: the requests' dates as an
// iCalendar file that calendar programs import or subscribe to.
#include "cli/commands.hpp"
#include "cli/export_form.hpp"
#include "cli/export_gantt.hpp"

#include <algorithm>
#include <collab/rules/calendar_feed.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/replay.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/time/vtimezone.hpp>
#include <collab/util/icalendar.hpp>
#include <memory>

namespace collab::cli {

using i18n::msg;

namespace {

struct ExportOptions {
    bool ics = false;
    std::string gantt; // mermaid or svg
    std::string request;
    std::string person;
    std::string output;
    FormExportOptions form; // --form, --format: export_form.cpp
};

std::vector<rules::FeedEvent> feed_of(Session& session, const ExportOptions& options) {
    const auto context = session.context();
    std::vector<std::string> ids;
    if (!options.request.empty()) {
        ids.push_back(session.resolve_request(options.request));
    }
    std::vector<rules::FeedEvent> events;
    const auto add = [&](const model::Request& request) {
        const auto replayed = rules::replay(request, context.roster);
        auto feed = rules::calendar_feed(request, replayed.status, replayed.execution, context);
        events.insert(events.end(), std::make_move_iterator(feed.begin()),
                      std::make_move_iterator(feed.end()));
    };
    if (ids.empty()) {
        // One at a time: 10,000 requests held in full at once took gigabytes.
        session.visit_all_requests(add);
    } else {
        add(session.load_request(ids.front()));
    }
    if (!options.person.empty()) {
        if (context.roster.find(options.person) == nullptr) {
            session.fail(k_exit_usage, msg("export.unknown_person", options.person));
        }
        events = rules::events_of(std::move(events), options.person);
    }
    return events;
}

// The span of the events' times, for the VTIMEZONE.
std::pair<time::Timestamp, time::Timestamp> span_of(const std::vector<rules::FeedEvent>& events,
                                                    time::Timestamp now) {
    auto first = now;
    auto last = now;
    for (const auto& event : events) {
        const auto at = event.start ? *event.start
                                    : time::Timestamp{date::sys_days{*time::parse_date(event.day)}};
        first = std::min(first, at);
        last = std::max(last, event.end ? *event.end : at + std::chrono::hours(24));
    }
    return {first - std::chrono::hours(24), last + std::chrono::hours(24)};
}

void write_time(util::ICalendarWriter& out, const char* name, const time::Zone& zone,
                time::Timestamp at) {
    if (time::is_utc(zone)) {
        out.line(name, time::ical_utc(at));
    } else {
        out.line(std::string(name) + ";TZID=" + zone.name(), time::ical_local(zone, at));
    }
}

std::string render_ics(Session& session, const std::vector<rules::FeedEvent>& events) {
    const auto& zone = session.workspace().zone();
    const auto now = session.now();
    util::ICalendarWriter out;
    out.line("BEGIN", "VCALENDAR");
    out.line("VERSION", "2.0");
    out.line("PRODID", "-//collab//collab " COLLAB_VERSION "//" +
                           std::string(session.lang() == i18n::Language::zh ? "ZH" : "EN"));
    out.line("CALSCALE", "GREGORIAN");
    out.text("X-WR-CALNAME", session.workspace().config().name);
    out.text("X-WR-TIMEZONE", zone.name());
    if (!time::is_utc(zone)) {
        const auto [from, to] = span_of(events, now);
        time::write_vtimezone(out, zone, from, to);
    }
    for (const auto& event : events) {
        out.line("BEGIN", "VEVENT");
        out.line("UID", event.uid);
        out.line("DTSTAMP", time::ical_utc(now));
        if (event.start) {
            write_time(out, "DTSTART", zone, *event.start);
            write_time(out, "DTEND", zone, event.end ? *event.end : *event.start);
        } else {
            const auto day = *time::parse_date(event.day);
            out.line("DTSTART;VALUE=DATE", time::ical_date(day));
            out.line("DTEND;VALUE=DATE",
                     time::ical_date(date::year_month_day{date::sys_days{day} + date::days{1}}));
        }
        out.text("SUMMARY", session.tr(event.summary));
        out.text("CATEGORIES", event.kind);
        if (!event.people.empty()) {
            const auto people = session.workspace().roster().display_list(event.people);
            out.text("DESCRIPTION", session.tr(msg("export.ics_people", people)));
        }
        out.text("X-COLLAB-REQUEST", event.request);
        out.line("END", "VEVENT");
    }
    out.line("END", "VCALENDAR");
    return out.str();
}

void run_export(Session& session, const ExportOptions& options) {
    if (!options.form.form.empty()) {
        if (!options.gantt.empty()) {
            session.fail(k_exit_usage, msg("export.gantt_or_ics"));
        }
        run_form_export(session, options.form, options.request, options.output);
        return;
    }
    if (!options.gantt.empty() && (options.ics || !options.person.empty())) {
        session.fail(k_exit_usage, msg("export.gantt_or_ics"));
    }
    if (!options.ics && options.gantt.empty()) {
        session.fail(k_exit_usage, msg("export.what"));
    }
    const auto text = options.ics ? render_ics(session, feed_of(session, options))
                                  : export_gantt(session, options.request, options.gantt);
    if (options.output.empty()) {
        // As written: iCalendar lines end in CRLF, which the terminal filter would show
        // as "\r"; every text in it went through ical_text, which drops control characters.
        session.raw_out() << text;
    } else {
        store::write_output_file(session.user_path(options.output), text);
    }
}

} // namespace

void register_export(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<ExportOptions>();
    auto* command = app.add_subcommand("export", tr("help.export"));
    command->add_option("request", options->request, tr("help.arg_export_request"))
        ->type_name("REQUEST");
    auto* ics = command->add_flag("--ics", options->ics, tr("help.opt_ics"));
    command->add_option("--gantt", options->gantt, tr("help.opt_gantt"))
        ->type_name("mermaid|svg")
        ->one_of({"mermaid", "svg"});
    auto* form = add_form_options(*command, options->form, lang)->excludes(ics);
    command->add_option("--person", options->person, tr("help.opt_export_person"))
        ->type_name("PERSON")
        ->excludes(form);
    command->add_option("-o,--output", options->output, tr("help.opt_output"))->type_name("FILE");
    command->callback([&session, options] { run_export(session, *options); });
}

} // namespace collab::cli
