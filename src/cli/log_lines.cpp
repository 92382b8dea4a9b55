// A request's history in words (cli/log_lines.hpp): `collab log` and the site.
#include "cli/log_lines.hpp"

#include "cli/actions.hpp"

#include <collab/i18n/list.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

// A review checklist answer, "goals yes" in English and "目标明确 是" in Chinese (the
// words of the approval form); an item or answer the catalog does not know as written.
std::string check_text(i18n::Language lang, const std::string& item, const std::string& answer) {
    const auto word = [lang](const std::string& id, const std::string& fallback) {
        return lang == i18n::Language::zh && i18n::has_message(id) ? i18n::text(lang, id)
                                                                   : fallback;
    };
    return word("form.check." + item, item) + " " + word("form.check." + answer, answer);
}

} // namespace

std::vector<std::string> log_details(Session& session, const model::Event& event) {
    std::vector<std::string> lines;
    const auto& roster = session.workspace().roster();
    if (event.kind == model::ActionKind::review) {
        std::vector<std::string> checks;
        if (const auto* node = event.data.find("checks")) {
            for (const auto& [key, value] : node->entries()) {
                checks.push_back(check_text(session.lang(), key.scalar(), value.scalar()));
                const auto* notes = event.data.find("notes");
                if (const auto* note = notes ? notes->find(key.scalar()) : nullptr) {
                    checks.back() += " (" + note->scalar() + ")";
                }
            }
        }
        lines.push_back(session.tr(msg("log.checklist", i18n::list_argument(checks))));
    } else if (event.kind == model::ActionKind::edit) {
        if (const auto* changes = event.data.find("changes")) {
            for (const auto& change : changes->items()) {
                const auto field = change.find("field");
                const auto from = change.find("from");
                const auto to = change.find("to");
                if (field && from && to) {
                    lines.push_back(field->scalar() + ": " + from->scalar() + " -> " +
                                    to->scalar());
                }
            }
        }
    } else if (event.kind == model::ActionKind::meeting) {
        lines.push_back(
            session.tr(msg("log.attendees",
                           people_text(yaml::scalar_list(event.data.find("attendees")), roster))));
        for (const auto& decision : yaml::scalar_list(event.data.find("decisions"))) {
            lines.push_back(session.tr(msg("log.decision", decision)));
        }
    }
    if (const auto comment = event.field("comment"); !comment.empty()) {
        lines.push_back(session.tr(msg("log.comment", comment)));
    }
    return lines;
}

std::string log_headline(Session& session, const model::Event& event, const std::string& current) {
    using model::ActionKind;
    const auto& roster = session.workspace().roster();
    // Each action's headline is its catalog row in the action table.
    const std::string id(model::action_info(event.kind).catalog_id);
    switch (event.kind) {
    case ActionKind::submit:
        return session.tr(msg(id, roster.display(event.field("to"))));
    case ActionKind::review:
        return session.tr(msg(id + "." + event.field("decision")));
    case ActionKind::edit:
        return session.tr(msg(id, event.field("previous"), event.content));
    case ActionKind::meeting: {
        const auto& zone = session.workspace().zone();
        const auto held = time::parse_timestamp(event.field("held_at"), zone);
        return session.tr(msg(id, held ? zone.format_short(*held) : event.field("held_at"),
                              event.field("duration_minutes")));
    }
    case ActionKind::sign:
        return session.tr(
            msg(model::same_content(event.content, current) ? id : id + "_void", event.content));
    case ActionKind::confirm:
    case ActionKind::deliver:
        return session.tr(msg(id, event.field("task")));
    case ActionKind::progress:
        return session.tr(msg(id, event.field("task"), event.field("note")));
    case ActionKind::unblock:
        return session.tr(msg(id, event.field("blocker")));
    case ActionKind::risk:
        return session.tr(msg(id, event.field("risk"), event.field("text")));
    case ActionKind::risk_update:
        return session.tr(msg(id, event.field("risk"), event.field("status")));
    case ActionKind::sync:
        return session.tr(msg(id, event.field("duration_minutes")));
    case ActionKind::action_done:
        return session.tr(msg(id, event.field("item")));
    case ActionKind::change:
        return session.tr(msg(id, event.field("change"), event.field("reason")));
    case ActionKind::change_decision:
        return session.tr(msg(id, event.field("change"), event.field("decision")));
    case ActionKind::change_confirm:
        return session.tr(msg(id, event.field("change")));
    case ActionKind::accept:
        return session.tr(msg(id, event.field("task"), event.field("verdict")));
    case ActionKind::create:
    case ActionKind::withdraw:
    case ActionKind::ack:
    case ActionKind::split:
    case ActionKind::feedback:
        return session.tr(msg(id));
    case ActionKind::unknown:
        break;
    }
    return session.tr(msg(id, event.action));
}

std::vector<LogLine> log_lines(Session& session, const model::Request& request,
                               const rules::Replayed& replayed) {
    const auto& zone = session.workspace().zone();
    const auto& roster = session.workspace().roster();
    const auto& status = replayed.status;
    const auto current = model::content_hash(request.form);
    std::vector<LogLine> lines;
    for (const auto& event : request.events) {
        std::string who = roster.display(event.by);
        if (!event.on_behalf_of.empty()) {
            who += " " + session.tr(msg("inbox.for", roster.display(event.on_behalf_of)));
        }
        lines.push_back({zone.format_short(event.at), who, log_headline(session, event, current),
                         log_details(session, event)});
        for (const auto& change : replayed.execution.changes) {
            if (change.effective_event == &event) {
                LogLine line{zone.format_short(event.at),
                             "",
                             session.tr(msg("log.change_effective", change.id)),
                             {}};
                for (const auto& text : change.history) {
                    line.details.push_back(session.tr(text));
                }
                lines.push_back(std::move(line));
            }
        }
        if (&event == status.final_event) {
            const auto people = rules::collaborators(request.form, status.reviewer, roster);
            lines.push_back(
                {zone.format_short(event.at),
                 "",
                 session.tr(msg("log.final", status.final_content, people_text(people, roster))),
                 {}});
        }
    }
    return lines;
}

} // namespace collab::cli
