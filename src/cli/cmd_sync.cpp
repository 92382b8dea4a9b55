// collab sync ID [--agenda], collab action done|list: the weekly sync meeting
// (进度同步会), its agenda and its action items.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/day_count_notes.hpp"
#include "cli/record_list.hpp"
#include "cli/task_view.hpp"

#include <collab/model/request_id.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/sync_rule.hpp>
#include <collab/store/atomic_file.hpp>
#include <fmt/format.h>
#include <map>
#include <random>

namespace collab::cli {

using i18n::msg;

namespace {

struct SyncOptions {
    std::string id;
    bool agenda = false;
    std::string at;
    int duration = 0;
    std::vector<std::string> attendees;
    std::vector<std::string> reports;
    std::vector<std::string> actions;
    std::string minutes;
    std::string minutes_file;
};

struct ActionOptions {
    std::string action;
};

std::string agenda_markdown(Session& session, const model::Request& request,
                            const rules::Execution& execution, const rules::Context& context) {
    const auto lang = session.lang();
    const auto& roster = context.roster;
    const auto& zone = context.zone;
    const auto rows = task_rows(request, context);
    const auto week_ago = context.now - std::chrono::hours(24 * 7);
    std::string md =
        "# " + i18n::render(lang, msg("agenda.title", request.id, request.form.title)) + "\n\n";
    std::string last_sync = i18n::text(lang, "agenda.never");
    if (!execution.syncs.empty()) {
        last_sync = zone.format_short(*execution.last_sync_or_split());
    }
    md += i18n::render(lang, msg("agenda.meta", zone.format_short(context.now),
                                 context.config.numbers.sync_max_minutes, last_sync)) +
          "\n";

    // Overdue first: tasks past their deadline, blockers past their "by", action items.
    std::string overdue;
    for (const auto& row : rows) {
        if (row.timing.overdue) {
            overdue +=
                "- " +
                i18n::render(lang,
                             msg("agenda.task_late", row.request + "/" + row.status.task.id,
                                 row.status.task.name, roster.display(row.status.task.owner),
                                 row.timing.deadline,
                                 row.timing.days_left.text_of(-row.timing.days_left.value_or(0)))) +
                "\n";
        }
    }
    const auto late = rules::agenda_late(execution, context);
    for (const auto* blocker : late.blockers) {
        const auto by = time::parse_timestamp(blocker->by_text, zone);
        overdue += "- " +
                   i18n::render(lang, msg("agenda.blocker_late", blocker->id, blocker->text,
                                          roster.display(blocker->from), zone.format_short(*by))) +
                   "\n";
    }
    for (const auto* action : late.actions) {
        overdue += "- " +
                   i18n::render(lang, msg("agenda.action_late", action->id, action->text,
                                          roster.display(action->owner), action->deadline)) +
                   "\n";
    }
    if (!overdue.empty()) {
        md += "\n## " + i18n::text(lang, "agenda.overdue") + "\n\n" + overdue;
    }

    // One section per owner: what they did, what is due, what blocks them.
    std::map<std::string, std::vector<const TaskRow*>> by_owner;
    for (const auto& row : rows) {
        if (row.status.state != rules::TaskState::removed) {
            by_owner[row.status.task.owner].push_back(&row);
        }
    }
    for (const auto& [owner, owned] : by_owner) {
        md += "\n## " + roster.display(owner) + "\n";
        std::string updates;
        std::string due;
        std::string blockers;
        std::string risks;
        for (const auto* row : owned) {
            const auto& task = row->status.task;
            for (const auto& [at, note] : row->updates) {
                if (at >= week_ago) {
                    updates += "- " + zone.format_short(at) + " " + task.id + ": " + note + "\n";
                }
            }
            if (rules::due_within_week(row->status, context)) {
                due += "- " + task.id + " " + task.name + " (" + task.deliverable +
                       "): " + task.deadline + "\n";
            }
            for (const auto& blocker : row->open_blockers) {
                blockers += "- " + blocker.id + " " + blocker.text + " — " +
                            i18n::render(lang, msg("task.blocker_from",
                                                   roster.display(blocker.from), blocker.by_text)) +
                            "\n";
            }
            for (const auto& risk : row->risks) {
                risks += "- " + risk.id + " [" + risk.status + "] " + risk.text + "\n";
            }
        }
        const auto section = [&](const char* title, const std::string& body) {
            md += "\n### " + i18n::text(lang, title) + "\n\n" +
                  (body.empty() ? "- " + i18n::text(lang, "agenda.none") + "\n" : body);
        };
        section("agenda.updates", updates);
        section("agenda.due_next_week", due);
        section("agenda.blockers", blockers);
        if (!risks.empty()) {
            section("agenda.risks", risks);
        }
    }
    std::string request_risks;
    for (const auto& risk : execution.risks) {
        if (risk.target == request.id && risk.status != "resolved") {
            request_risks += "- " + risk.id + " [" + risk.status + "] " + risk.text + " — " +
                             roster.display(risk.owner) + ", " + risk.due + "\n";
        }
    }
    if (!request_risks.empty()) {
        md += "\n## " + i18n::text(lang, "agenda.request_risks") + "\n\n" + request_risks;
    }
    std::string open_actions;
    for (const auto& action : execution.actions) {
        if (!action.done) {
            open_actions += "- " + action.id + " " + action.text + " — " +
                            roster.display(action.owner) + ", " + action.deadline + "\n";
        }
    }
    if (!open_actions.empty()) {
        md += "\n## " + i18n::text(lang, "agenda.open_actions") + "\n\n" + open_actions;
    }
    std::vector<time::DayCount> shown;
    for (const auto& row : rows) {
        if (row.timing.overdue) {
            shown.push_back(row.timing.days_left);
        }
    }
    if (const auto notes = day_count_notes(shown, lang); !notes.empty()) {
        md += "\n" + notes;
    }
    return md;
}

// "zhao: this week | next week | risks"
yaml::Node parse_report(Session& session, const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        session.fail(k_exit_usage, msg("sync.bad_report", text));
    }
    const auto* person = session.workspace().roster().find(text.substr(0, colon));
    if (person == nullptr) {
        session.fail(k_exit_usage, msg("form.unknown_person", text.substr(0, colon)));
    }
    std::vector<std::string> parts;
    std::string rest = text.substr(colon + 1);
    std::size_t start = 0;
    while (true) {
        const auto bar = rest.find('|', start);
        auto part = rest.substr(start, bar == std::string::npos ? bar : bar - start);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        parts.push_back(part);
        if (bar == std::string::npos) {
            break;
        }
        start = bar + 1;
    }
    parts.resize(3);
    auto node = yaml::Node::make_map();
    node.set("owner", text_node(person->id));
    node.set("this_week", text_node(parts[0]));
    node.set("next_week", text_node(parts[1]));
    node.set("risks", text_node(parts[2]));
    return node;
}

// "text :: owner :: deadline"
yaml::Node parse_action(Session& session, const std::string& text, const rules::Context& context,
                        std::string& id) {
    const auto [what, rest] = model::split_pair(text);
    const auto [owner, deadline] = model::split_pair(rest);
    const auto* person = session.workspace().roster().find(owner);
    if (what.empty() || person == nullptr || !time::parse_date(deadline)) {
        session.fail(k_exit_usage, msg("sync.bad_action", text));
    }
    // Like task deadlines, an action item falls due on a working day.
    if (auto refusal = rules::check_working_date("sync", deadline, context)) {
        session.refuse(*refusal);
    }
    session.warn_if_guessed({deadline});
    std::random_device random;
    id = model::make_short_id("A", random());
    auto node = yaml::Node::make_map();
    node.set("id", text_node(id));
    node.set("text", text_node(what));
    node.set("owner", text_node(person->id));
    node.set("deadline", text_node(deadline));
    return node;
}

void run_sync(Session& session, const SyncOptions& options) {
    if (options.agenda) {
        session.show_past(); // printing the agenda only reads
        const auto id = session.resolve_request(options.id);
        const auto request = session.load_request(id);
        const auto context = session.context();
        const auto replayed = replay_of(session, request);
        if (!replayed.execution.split) {
            session.fail(k_exit_usage, msg("sync.not_split", id));
        }
        session.out() << agenda_markdown(session, request, replayed.execution, context);
        return;
    }
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    std::vector<std::string> attendees;
    std::vector<std::string> action_ids;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_sync(request, replayed, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        // The options are judged once the command may record a sync at all; the minutes
        // file is read once the duration and attendees are right.
        if (auto problem = rules::sync_record_problem(options.duration, options.attendees.size())) {
            session.fail(k_exit_usage, *problem);
        }
        std::string minutes = options.minutes;
        if (!options.minutes_file.empty()) {
            try {
                minutes = store::read_file(session.user_path(options.minutes_file));
            } catch (const std::system_error& error) {
                session.fail(k_exit_usage, msg("request.cannot_read", options.minutes_file,
                                               error.code().message()));
            }
        }
        if (auto problem =
                rules::sync_record_problem(options.duration, options.attendees.size(), minutes)) {
            session.fail(k_exit_usage, *problem);
        }
        attendees = person_ids(session, options.attendees);
        const auto held = held_at(session, options.at);
        auto reports = yaml::Node::make_sequence();
        for (const auto& report : options.reports) {
            reports.push_back(parse_report(session, report));
        }
        auto actions = yaml::Node::make_sequence();
        for (const auto& action : options.actions) {
            std::string action_id;
            actions.push_back(parse_action(session, action, context, action_id));
            action_ids.push_back(action_id);
        }
        txn::Entry entry{model::ActionKind::sync};
        entry.fields.set("held_at", text_node(context.zone.format(held)));
        entry.fields.set("duration_minutes", text_node(std::to_string(options.duration)));
        entry.fields.set("attendees", list_node(attendees));
        entry.fields.set("reports", std::move(reports));
        entry.fields.set("actions", std::move(actions));
        entry.fields.set("minutes", text_node(minutes));
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("sync.recorded", id, options.duration, attendees.size()))
                  << '\n';
    for (std::size_t i = 0; i < action_ids.size(); ++i) {
        session.out() << "  " << action_ids[i] << "  " << options.actions[i] << '\n';
    }
    if (rules::sync_too_long(options.duration, context.config)) {
        session.warn(
            msg("sync.too_long", options.duration, context.config.numbers.sync_max_minutes));
    }
}

void run_action_done(Session& session, const ActionOptions& options) {
    session.lock_workspace();
    const auto [id, action_id] = session.resolve_record(options.action, "actions");
    const auto context = session.context();
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal =
                rules::check_action_done(request, replayed, action_id, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::action_done};
        entry.fields.set("item", text_node(action_id));
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("action.done", action_id, id)) << '\n';
}

} // namespace

void register_sync(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<SyncOptions>();
    auto* sync = app.add_subcommand("sync", tr("help.sync"));
    sync->add_option("ID", options->id, tr("help.opt_id"))->required();
    sync->add_flag("--agenda", options->agenda, tr("help.opt_agenda"));
    sync->add_option("--at", options->at, tr("help.opt_meeting_at"))->type_name("DATETIME");
    sync->add_option("--duration", options->duration, tr("help.opt_duration"))
        ->type_name("MINUTES");
    sync->add_option("--attendee", options->attendees, tr("help.opt_attendee"))
        ->type_name("PERSON");
    sync->add_option("--report", options->reports, tr("help.opt_report"))
        ->type_name("\"OWNER: THIS WEEK | NEXT WEEK | RISKS\"");
    sync->add_option("--action", options->actions, tr("help.opt_action"))
        ->type_name("\"TEXT :: OWNER :: DEADLINE\"");
    sync->add_option("--minutes", options->minutes, tr("help.opt_minutes"))->type_name("TEXT");
    sync->add_option("--minutes-file", options->minutes_file, tr("help.opt_minutes_file"))
        ->type_name("FILE");
    sync->callback([&session, options] { run_sync(session, *options); });

    auto* action = app.add_subcommand("action", tr("help.action"));
    action->require_subcommand(1);
    auto done_options = std::make_shared<ActionOptions>();
    auto* done = action->add_subcommand("done", tr("help.action_done"));
    done->add_option("ACTION", done_options->action, tr("help.opt_action_id"))->required();
    done->callback([&session, done_options] { run_action_done(session, *done_options); });
    add_record_list(*action, session, rules::RecordKind::action);
}

} // namespace collab::cli
