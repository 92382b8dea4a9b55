// collab blocker|risk|action|change list: the records of execution across requests.
#include "cli/record_list.hpp"

#include "cli/commands.hpp"
#include "cli/record_view.hpp"
#include "cli/request_digests.hpp"

#include <collab/rules/replay.hpp>
#include <memory>

namespace collab::cli {

using i18n::msg;

namespace {

struct RecordListOptions {
    std::string request;        // REQUEST
    std::string request_option; // --request
    bool all = false;
    bool mine = false;
    std::string person;
    std::string task;
    bool no_cache = false;
    OutputFormat format = OutputFormat::text;
};

// The filter the options ask for; a task given as REQUEST/TASK also names the request.
rules::RecordFilter filter_of(Session& session, rules::RecordKind kind,
                              RecordListOptions& options) {
    rules::RecordFilter filter{kind, options.all, {}, {}};
    if (options.mine) {
        filter.person = session.actor();
    } else if (!options.person.empty()) {
        const auto* person = session.workspace().roster().find(options.person);
        if (person == nullptr) {
            session.fail(k_exit_usage, msg("form.unknown_person", options.person));
        }
        filter.person = person->id;
    }
    if (options.task.find_first_of("/:") != std::string::npos) {
        const auto [request, task] = session.resolve_task(options.task);
        options.request = request;
        filter.task = task;
    } else {
        filter.task = options.task;
    }
    return filter;
}

// The rows to show: of the request named, read in full, else from the digests' index,
// which keeps what a listing shows of every record: no request is read in full.
std::vector<RecordRow> rows_to_show(Session& session, const RecordListOptions& options,
                                    const rules::RecordFilter& filter) {
    std::vector<RecordRow> rows;
    if (!options.request.empty()) {
        const auto request = session.load_request(session.resolve_request(options.request));
        const auto replayed = rules::replay(request, session.workspace().roster());
        add_record_rows(rows, request.id, request.form.title,
                        rules::record_entries(replayed.execution, replayed.status), filter);
        return rows;
    }
    store::DigestParts parts;
    parts.verdicts = false;
    parts.steps = false;
    parts.lookup = false;
    parts.tasks = false;
    parts.stats = false;
    return index_rows<RecordRow>(
        session, !options.no_cache, parts,
        [&](const rules::RequestDigest& digest, std::vector<RecordRow>& kept) {
            add_record_rows(kept, digest.id, digest.index.listing.title,
                            digest.index.record_entries, filter);
        });
}

void run_list(Session& session, rules::RecordKind kind, RecordListOptions options) {
    if (!options.request.empty() && !options.request_option.empty()) {
        session.fail(k_exit_usage, msg("record.request_twice"));
    }
    if (options.request.empty()) {
        options.request = options.request_option;
    }
    const auto filter = filter_of(session, kind, options);
    const auto context = session.context();
    const auto rows = rows_to_show(session, options, filter);
    session.out() << (options.format == OutputFormat::json
                          ? render_record_rows_json(kind, rows, context)
                          : render_record_rows_text(kind, rows, context, session.lang()));
}

const char* help_id(rules::RecordKind kind) {
    switch (kind) {
    case rules::RecordKind::blocker:
        return "help.blocker_list";
    case rules::RecordKind::risk:
        return "help.risk_list";
    case rules::RecordKind::action:
        return "help.action_list";
    case rules::RecordKind::change:
        return "help.change_list";
    }
    return "help.blocker_list";
}

} // namespace

void add_record_list(Command& group, Session& session, rules::RecordKind kind) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<RecordListOptions>();
    auto* list = group.add_subcommand("list", tr(help_id(kind)));
    list->add_option("REQUEST", options->request, tr("help.opt_record_request"));
    list->add_option("--request", options->request_option, tr("help.opt_record_request"))
        ->type_name("REQUEST");
    list->add_flag("--all", options->all, tr("help.opt_record_all"));
    auto* mine = list->add_flag("--mine", options->mine, tr("help.opt_record_mine"));
    auto* person = list->add_option("--person", options->person, tr("help.opt_record_person"))
                       ->type_name("PERSON");
    mine->excludes(person);
    // Blockers and risks belong to tasks; action items and changes to the request.
    if (kind == rules::RecordKind::blocker || kind == rules::RecordKind::risk) {
        list->add_option("--task", options->task, tr("help.opt_record_task"))->type_name("TASK");
    }
    list->add_flag("--no-cache", options->no_cache, tr("help.opt_no_cache"));
    add_format_option(*list, session, options->format);
    list->callback([&session, options, kind] { run_list(session, kind, *options); });
}

} // namespace collab::cli
