// collab inbox, collab next ID: what is waiting on whom, and by when.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/day_count_notes.hpp"
#include "cli/request_digests.hpp"

#include <collab/i18n/list.hpp>
#include <collab/i18n/state_label.hpp>
#include <collab/rules/inbox.hpp>
#include <collab/rules/replay.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

struct InboxOptions {
    std::string id;
    OutputFormat format = OutputFormat::text;
    bool no_cache = false;
};

// "due 2026-07-08 18:00 (1 working day left)", "... (2 working days late)", or "".
// The count is "?" or "n*" when a year it needs has no calendar (see the notes).
std::string due_text(Session& session, const std::optional<time::Timestamp>& due, bool overdue,
                     const time::DayCount& days_left) {
    if (!due) {
        return "";
    }
    const auto when = session.workspace().zone().format_short(*due);
    if (overdue) {
        return session.tr(
            msg("inbox.late", when, days_left.text_of(std::max(1, -days_left.value_or(0)))));
    }
    return session.tr(msg("inbox.left", when, days_left.text()));
}

// The counts a step shows: the days left to it, and a progress step's idle days.
void note_counts(std::vector<time::DayCount>& shown, const rules::NextStep& step,
                 const std::optional<time::DayCount>& left) {
    if (left) {
        shown.push_back(*left);
    }
    if (step.idle) {
        shown.push_back(*step.idle);
    }
}

void write_step_json(util::JsonWriter& w, Session& session, const rules::NextStep& step) {
    w.key("request").value(step.request);
    w.key("step").value(std::string(rules::step_kind_name(step.kind)));
    w.key("who").begin_array();
    for (const auto& person : step.who) {
        w.value(person);
    }
    w.end_array();
    w.key("on_behalf_of").value(step.on_behalf_of);
    w.key("what").value(session.tr(step.what));
    // The first choice, as before; `commands` has one complete command per choice.
    w.key("command").value(step.commands.empty() ? std::string() : step.commands.front());
    w.key("commands").begin_array();
    for (const auto& command : step.commands) {
        w.value(command);
    }
    w.end_array();
    w.key("due");
    if (step.due) {
        w.value(session.workspace().zone().format(*step.due));
    } else {
        w.null();
    }
}

void run_inbox(Session& session, const InboxOptions& options) {
    DigestOptions digest_options;
    digest_options.use_cache = !options.no_cache;
    digest_options.report_missing_forms = false;
    digest_options.parts.verdicts = false;
    digest_options.parts.index = false;
    digest_options.fallback_cache_file = k_index_cache_file;
    const auto ids = request_folders(session.workspace());
    const auto context = session.context();
    const auto& me = session.actor();
    // Only what waits on me is kept, as each digest is worked out: the rest is others'
    // work or history, and a cold run would otherwise hold every request's steps.
    std::vector<std::vector<rules::InboxItem>> mine(ids.size());
    const auto run = visit_digests(session, ids, true, digest_options,
                                   [&](std::size_t i, const rules::RequestDigest& digest) {
                                       mine[i] = rules::inbox_items(me, digest, context);
                                   });
    if (run.problems.has_errors()) {
        session.fail(k_exit_invalid, run.problems);
    }
    session.print_diagnostics(run.problems);
    std::vector<rules::InboxItem> items;
    for (auto& some : mine) {
        std::move(some.begin(), some.end(), std::back_inserter(items));
    }
    rules::sort_inbox(items);
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("person").value(me).key("items").begin_array();
        for (const auto& item : items) {
            w.begin_object();
            write_step_json(w, session, item.step);
            w.key("title").value(item.title);
            w.key("overdue").value(item.overdue);
            write_day_count(w, "working_days_left", item.working_days_left);
            w.end_object();
        }
        w.end_array().end_object();
        session.out() << w.str();
        return;
    }
    const auto& roster = context.roster;
    auto& out = session.out();
    out << session.tr(msg("inbox.header", roster.display(me), items.size())) << '\n';
    std::vector<time::DayCount> shown;
    for (const auto& item : items) {
        const auto& step = item.step;
        note_counts(shown, step,
                    step.due ? std::optional<time::DayCount>(item.working_days_left)
                             : std::nullopt);
        std::string line =
            "  " + std::string(item.overdue ? "! " : "  ") + step.request + "  " + item.title;
        out << line << '\n';
        std::string what = session.tr(step.what);
        if (!step.on_behalf_of.empty()) {
            what += " " + session.tr(msg("inbox.for", roster.display(step.on_behalf_of)));
        }
        out << "      " << what << '\n';
        const auto due = due_text(session, step.due, item.overdue, item.working_days_left);
        if (!due.empty()) {
            out << "      " << due << '\n';
        }
        for (const auto& command : step.commands) {
            out << "      $ " << command << '\n';
        }
    }
    out << day_count_notes(shown, session.lang());
}

void run_next(Session& session, const InboxOptions& options) {
    const auto id = session.resolve_request(options.id);
    const auto request = session.load_request(id);
    const auto context = session.context();
    const auto replayed = rules::replay(request, context.roster);
    const auto& status = replayed.status;
    const auto steps = rules::next_steps(request, replayed, context);
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("id").value(id);
        w.key("state").value(std::string(rules::state_name(status.state)));
        w.key("steps").begin_array();
        for (const auto& step : steps) {
            w.begin_object();
            write_step_json(w, session, step);
            w.key("overdue").value(step.due.has_value() && context.now > *step.due);
            w.end_object();
        }
        w.end_array().end_object();
        session.out() << w.str();
        return;
    }
    auto& out = session.out();
    out << session.tr(msg("next.header", id,
                          i18n::state_label(session.lang(), rules::state_name(status.state)),
                          request.form.title))
        << '\n';
    if (steps.empty()) {
        out << "  " << session.tr("next.nothing") << '\n';
    }
    std::vector<time::DayCount> shown;
    for (const auto& step : steps) {
        std::optional<time::DayCount> left;
        std::vector<std::string> who;
        for (const auto& person : step.who) {
            who.push_back(context.roster.display(person));
        }
        out << "  " << i18n::join_list(session.lang(), who) << ": " << session.tr(step.what)
            << '\n';
        if (step.due) {
            left = context.calendar.day_count(context.zone.local_date(context.now),
                                              context.zone.local_date(*step.due));
            out << "    " << due_text(session, step.due, context.now > *step.due, *left) << '\n';
        }
        note_counts(shown, step, left);
        for (const auto& command : step.commands) {
            out << "    $ " << command << '\n';
        }
    }
    out << day_count_notes(shown, session.lang());
}

} // namespace

void register_inbox(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto inbox_options = std::make_shared<InboxOptions>();
    auto* inbox = app.add_subcommand("inbox", tr("help.inbox"));
    add_format_option(*inbox, session, inbox_options->format);
    inbox->add_flag("--no-cache", inbox_options->no_cache, tr("help.opt_no_cache"));
    inbox->callback([&session, inbox_options] { run_inbox(session, *inbox_options); });

    auto next_options = std::make_shared<InboxOptions>();
    auto* next = app.add_subcommand("next", tr("help.next"));
    next->add_option("ID", next_options->id, tr("help.opt_id"))->required();
    add_format_option(*next, session, next_options->format);
    next->callback([&session, next_options] { run_next(session, *next_options); });
}

} // namespace collab::cli
