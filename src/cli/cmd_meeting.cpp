// collab meeting ID: records the review meeting (需求评审会) of an approved request.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/form_input.hpp"
#include "cli/process.hpp"

#include <collab/rules/review_transitions.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/store/atomic_file.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

struct MeetingOptions {
    std::string id;
    std::string at;
    int duration = 0;
    std::vector<std::string> attendees;
    std::string minutes;
    std::string minutes_file;
    std::vector<std::string> decisions;
};

std::string read_minutes(Session& session, const MeetingOptions& options) {
    if (!options.minutes.empty() && !options.minutes_file.empty()) {
        session.fail(k_exit_usage, msg("meeting.minutes_twice"));
    }
    if (!options.minutes.empty()) {
        return options.minutes;
    }
    if (!options.minutes_file.empty()) {
        try {
            return store::read_file(session.user_path(options.minutes_file));
        } catch (const std::system_error& error) {
            session.fail(k_exit_usage,
                         msg("request.cannot_read", options.minutes_file, error.code().message()));
        }
    }
    if (!interactive() && std::getenv("VISUAL") == nullptr && std::getenv("EDITOR") == nullptr) {
        session.fail(k_exit_usage, msg("meeting.no_minutes"));
    }
    const auto initial = session.tr("meeting.minutes_template") + "\n";
    EditBuffer buffer(session, "MEETING_MINUTES", "md", initial);
    const auto text = strip_template_comments(buffer.edit(), initial);
    if (is_blank_yaml(text)) {
        buffer.discard();
        session.fail(k_exit_usage, msg("meeting.no_minutes"));
    }
    buffer.discard();
    return text;
}

void run_meeting(Session& session, const MeetingOptions& options) {
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    const auto& roster = context.roster;
    std::vector<std::string> attendees;
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal =
                    rules::check_meeting(request, replayed.status, session.actor(), context)) {
                return txn::Decision{*refusal};
            }
            // The options are judged once the meeting may be recorded at all.
            if (options.duration <= 0) {
                session.fail(k_exit_usage, msg("meeting.bad_duration"));
            }
            if (options.attendees.empty()) {
                session.fail(k_exit_usage, msg("meeting.no_attendees"));
            }
            attendees = person_ids(session, options.attendees);
            const auto held = held_at(session, options.at);
            const auto minutes = read_minutes(session, options);
            txn::Entry entry{model::ActionKind::meeting};
            entry.fields.set("held_at", text_node(context.zone.format(held)));
            entry.fields.set("duration_minutes", text_node(std::to_string(options.duration)));
            entry.fields.set("attendees", list_node(attendees));
            entry.fields.set("minutes", text_node(minutes));
            if (!options.decisions.empty()) {
                entry.fields.set("decisions", list_node(options.decisions));
            }
            return txn::Decision{std::move(entry)};
        });
    const auto& form = outcome.request.form;
    session.out() << session.tr(msg("meeting.recorded", id, people_text(attendees, roster)))
                  << '\n';
    const auto missing = rules::heads_missing(form, roster, attendees);
    if (!missing.empty()) {
        session.warn(msg("meeting.heads_missing", people_text(missing, roster)));
    } else if (!rules::needs_meeting(form, roster)) {
        session.info(msg("meeting.not_needed"));
    }
}

} // namespace

void register_meeting(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<MeetingOptions>();
    auto* meeting = app.add_subcommand("meeting", tr("help.meeting"));
    meeting->add_option("ID", options->id, tr("help.opt_id"))->required();
    meeting->add_option("--at", options->at, tr("help.opt_meeting_at"))->type_name("DATETIME");
    meeting->add_option("--duration", options->duration, tr("help.opt_duration"))
        ->type_name("MINUTES");
    meeting->add_option("--attendee", options->attendees, tr("help.opt_attendee"))
        ->type_name("PERSON");
    meeting->add_option("--minutes", options->minutes, tr("help.opt_minutes"))->type_name("TEXT");
    meeting->add_option("--minutes-file", options->minutes_file, tr("help.opt_minutes_file"))
        ->type_name("FILE");
    meeting->add_option("--decision", options->decisions, tr("help.opt_decision"))
        ->type_name("TEXT");
    meeting->callback([&session, options] { run_meeting(session, *options); });
}

} // namespace collab::cli
