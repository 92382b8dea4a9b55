// collab log ID: the full history of a request, who did what when.
#include "cli/actions.hpp"
#include "cli/commands.hpp"

#include <collab/i18n/list.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/util/json_writer.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

struct LogOptions {
    std::string id;
    OutputFormat format = OutputFormat::text;
};

std::vector<std::string> scalars(const yaml::Node* node) {
    std::vector<std::string> out;
    if (node == nullptr) {
        return out;
    }
    if (node->is_scalar()) {
        out.push_back(node->scalar());
    }
    for (const auto& item : node->items()) {
        out.push_back(item.scalar());
    }
    return out;
}

// A review checklist answer, "goals yes" in English and "目标明确 是" in Chinese (the
// words of the approval form); an item or answer the catalog does not know as written.
std::string check_text(i18n::Language lang, const std::string& item, const std::string& answer) {
    const auto word = [lang](const std::string& id, const std::string& fallback) {
        return lang == i18n::Language::zh && i18n::has_message(id) ? i18n::text(lang, id)
                                                                   : fallback;
    };
    return word("form.check." + item, item) + " " + word("form.check." + answer, answer);
}

// The lines that describe one event, beyond its headline.
std::vector<std::string> event_details(Session& session, const model::Event& event) {
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
        lines.push_back(session.tr(
            msg("log.attendees", people_text(scalars(event.data.find("attendees")), roster))));
        for (const auto& decision : scalars(event.data.find("decisions"))) {
            lines.push_back(session.tr(msg("log.decision", decision)));
        }
    }
    if (const auto comment = event.field("comment"); !comment.empty()) {
        lines.push_back(session.tr(msg("log.comment", comment)));
    }
    return lines;
}

std::string headline(Session& session, const model::Event& event, const std::string& current) {
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

void run_log(Session& session, const LogOptions& options) {
    const auto id = session.resolve_request(options.id);
    const auto request = session.load_request(id);
    const auto& zone = session.workspace().zone();
    const auto& roster = session.workspace().roster();
    const auto replayed = rules::replay(request, roster);
    const auto& status = replayed.status;
    const auto current = model::content_hash(request.form);
    const auto& execution = replayed.execution;
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("id").value(id);
        w.key("state").value(std::string(rules::state_name(status.state)));
        w.key("events").begin_array();
        for (const auto& event : request.events) {
            w.begin_object();
            w.key("seq").value(event.seq).key("at").value(zone.format(event.at));
            w.key("by").value(event.by).key("on_behalf_of").value(event.on_behalf_of);
            w.key("action").value(event.action).key("content").value(event.content);
            w.key("summary").value(headline(session, event, current));
            w.key("details").begin_array();
            for (const auto& line : event_details(session, event)) {
                w.value(line);
            }
            w.end_array().end_object();
        }
        w.end_array();
        w.key("changes").begin_array();
        for (const auto& change : execution.changes) {
            w.begin_object().key("id").value(change.id).key("effective").value(change.effective);
            w.key("history").begin_array();
            for (const auto& line : change.history) {
                w.value(session.tr(line));
            }
            w.end_array().end_object();
        }
        w.end_array();
        w.key("final_at");
        if (status.final_at) {
            w.value(zone.format(*status.final_at));
        } else {
            w.null();
        }
        w.key("distributed_to").begin_array();
        if (status.final_at) {
            for (const auto& person : rules::collaborators(request.form, status.reviewer, roster)) {
                w.value(person);
            }
        }
        w.end_array();
        w.end_object();
        session.out() << w.str();
        return;
    }
    auto& out = session.out();
    for (const auto& event : request.events) {
        std::string who = roster.display(event.by);
        if (!event.on_behalf_of.empty()) {
            who += " " + session.tr(msg("inbox.for", roster.display(event.on_behalf_of)));
        }
        out << zone.format_short(event.at) << "  " << who << "  "
            << headline(session, event, current) << '\n';
        for (const auto& line : event_details(session, event)) {
            out << "    " << line << '\n';
        }
        for (const auto& change : execution.changes) {
            if (change.effective_event == &event) {
                out << zone.format_short(event.at) << "  "
                    << session.tr(msg("log.change_effective", change.id)) << '\n';
                for (const auto& line : change.history) {
                    out << "    " << session.tr(line) << '\n';
                }
            }
        }
        if (&event == status.final_event) {
            const auto people = rules::collaborators(request.form, status.reviewer, roster);
            out << zone.format_short(event.at) << "  "
                << session.tr(msg("log.final", status.final_content, people_text(people, roster)))
                << '\n';
        }
    }
}

} // namespace

void register_log(Command& app, Session& session) {
    const auto lang = session.lang();
    auto options = std::make_shared<LogOptions>();
    auto* log = app.add_subcommand("log", i18n::text(lang, "help.log"));
    log->add_option("ID", options->id, i18n::text(lang, "help.opt_id"))->required();
    add_format_option(*log, session, options->format);
    log->callback([&session, options] { run_log(session, *options); });
}

} // namespace collab::cli
