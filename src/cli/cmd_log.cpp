// collab log ID: the full history of a request, who did what when.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/log_lines.hpp"

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
            w.key("summary").value(log_headline(session, event, current));
            w.key("details").begin_array();
            for (const auto& line : log_details(session, event)) {
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
    for (const auto& line : log_lines(session, request, replayed)) {
        out << line.when << "  " << (line.who.empty() ? "" : line.who + "  ") << line.text << '\n';
        for (const auto& detail : line.details) {
            out << "    " << detail << '\n';
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
