// collab progress TASK, collab blocker close|list: the daily update and its blockers.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/record_list.hpp"

#include <collab/model/request_id.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <random>

namespace collab::cli {

using i18n::msg;

namespace {

struct ProgressOptions {
    std::string task;
    std::string note;
    int percent = -1;
    std::string blocker;
    std::string from;
    std::string by;
};

struct BlockerOptions {
    std::string blocker;
    std::string note;
};

void run_progress(Session& session, const ProgressOptions& options) {
    session.lock_workspace();
    const auto [id, task_id] = session.resolve_task(options.task);
    const auto context = session.context();
    if (options.note.empty()) {
        session.fail(k_exit_usage, msg("progress.no_note"));
    }
    if (options.percent > 100) {
        session.fail(k_exit_usage, msg("progress.bad_percent", options.percent));
    }
    // An unknown person is a usage error, as for every other option naming someone.
    if (!options.from.empty() && context.roster.find(options.from) == nullptr) {
        session.fail(k_exit_usage, msg("form.unknown_person", options.from));
    }
    std::optional<rules::BlockerInput> blocker;
    if (!options.blocker.empty() || !options.from.empty() || !options.by.empty()) {
        blocker = rules::BlockerInput{options.blocker, options.from, options.by};
    }
    std::string blocker_id;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_progress(request, replayed, task_id, session.actor(),
                                                 blocker, context)) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::progress};
        entry.fields.set("task", text_node(task_id));
        entry.fields.set("note", text_node(options.note));
        if (options.percent >= 0) {
            entry.fields.set("percent", text_node(std::to_string(options.percent)));
        }
        if (blocker) {
            std::random_device random;
            blocker_id = model::make_short_id("B", random());
            const auto* from = context.roster.find(blocker->from);
            const auto by = time::parse_timestamp(blocker->by, context.zone);
            auto node = yaml::Node::make_map();
            node.set("id", text_node(blocker_id));
            node.set("text", text_node(blocker->text));
            node.set("from", text_node(from->id));
            node.set("by", text_node(context.zone.format(*by)));
            entry.fields.set("blocker", std::move(node));
        }
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("progress.done", id, task_id)) << '\n';
    if (blocker) {
        session.out() << session.tr(msg("progress.blocker", blocker_id,
                                        context.roster.display(blocker->from), blocker->by))
                      << '\n';
    }
}

void run_close(Session& session, const BlockerOptions& options) {
    session.lock_workspace();
    const auto [id, blocker_id] = session.resolve_record(options.blocker, "blocker");
    const auto context = session.context();
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal =
                rules::check_unblock(request, replayed, blocker_id, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::unblock};
        entry.fields.set("blocker", text_node(blocker_id));
        if (!options.note.empty()) {
            entry.fields.set("note", text_node(options.note));
        }
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("blocker.closed", blocker_id, id)) << '\n';
}

} // namespace

void register_progress(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<ProgressOptions>();
    auto* progress = app.add_subcommand("progress", tr("help.progress"));
    progress->add_option("TASK", options->task, tr("help.opt_task_ref"))->required();
    progress->add_option("--note", options->note, tr("help.opt_note"))->type_name("TEXT");
    progress->add_option("--percent", options->percent, tr("help.opt_percent"))
        ->type_name("0..100")
        ->range(0, 100);
    progress->add_option("--blocker", options->blocker, tr("help.opt_blocker"))->type_name("TEXT");
    progress->add_option("--from", options->from, tr("help.opt_blocker_from"))->type_name("PERSON");
    progress->add_option("--by", options->by, tr("help.opt_blocker_by"))->type_name("DATETIME");
    progress->callback([&session, options] { run_progress(session, *options); });

    auto* blocker = app.add_subcommand("blocker", tr("help.blocker"));
    blocker->require_subcommand(1);
    auto close_options = std::make_shared<BlockerOptions>();
    auto* close = blocker->add_subcommand("close", tr("help.blocker_close"));
    close->add_option("BLOCKER", close_options->blocker, tr("help.opt_blocker_id"))->required();
    close->add_option("--note", close_options->note, tr("help.opt_note"));
    close->callback([&session, close_options] { run_close(session, *close_options); });
    add_record_list(*blocker, session, rules::RecordKind::blocker);
}

} // namespace collab::cli
