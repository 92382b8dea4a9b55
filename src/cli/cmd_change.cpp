// collab change ID, collab change approve|reject|confirm CR, change list: change control. Nothing
// moves "while executing" without a change request approved by the supervisor and
// re-confirmed by the owners it affects.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/record_list.hpp"

#include <algorithm>
#include <collab/i18n/list.hpp>
#include <collab/model/request_id.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <random>

namespace collab::cli {

using i18n::msg;

namespace {

struct ChangeOptions {
    std::string id;
    std::string reason;
    std::vector<std::string> task_deadlines; // T2=2026-07-20
    std::string due;
    std::vector<std::string> add_tasks;
    std::vector<std::string> remove_tasks;
    std::vector<std::string> add_items;
    std::vector<std::string> remove_items;
    std::string scope;
    bool withdraw = false;
};

struct DecisionOptions {
    std::string change;
    std::string comment;
};

// The name an op is written under in the log (model/actions).
std::string op_name(model::ChangeOpKind kind) {
    return std::string(model::change_op_name(kind));
}

std::vector<rules::ChangeOp> ops_from_options(Session& session, const ChangeOptions& options,
                                              const rules::Execution& execution) {
    std::vector<rules::ChangeOp> ops;
    for (const auto& text : options.task_deadlines) {
        const auto equals = text.find('=');
        if (equals == std::string::npos) {
            session.fail(k_exit_usage, msg("change.bad_deadline_flag", text));
        }
        ops.push_back({op_name(model::ChangeOpKind::task_deadline),
                       text.substr(0, equals),
                       text.substr(equals + 1),
                       {}});
    }
    if (!options.due.empty()) {
        ops.push_back({op_name(model::ChangeOpKind::due), "", options.due, {}});
    }
    int next = static_cast<int>(execution.tasks.size()) + 1;
    for (const auto& text : options.add_tasks) {
        std::string error;
        auto task = model::parse_task_flag(text, error);
        if (!task) {
            session.fail(k_exit_usage, msg("split.bad_task_flag", text, error));
        }
        if (task->id.empty()) {
            while (execution.find_task("T" + std::to_string(next)) != nullptr) {
                ++next;
            }
            task->id = "T" + std::to_string(next++);
        }
        ops.push_back({op_name(model::ChangeOpKind::add_task), task->id, "", *task});
    }
    for (const auto& task : options.remove_tasks) {
        ops.push_back({op_name(model::ChangeOpKind::remove_task), task, "", {}});
    }
    for (const auto& item : options.add_items) {
        ops.push_back({op_name(model::ChangeOpKind::add_item), "", item, {}});
    }
    for (const auto& item : options.remove_items) {
        ops.push_back({op_name(model::ChangeOpKind::remove_item), item, "", {}});
    }
    if (!options.scope.empty()) {
        ops.push_back({op_name(model::ChangeOpKind::scope), "", options.scope, {}});
    }
    if (options.withdraw) {
        ops.push_back({op_name(model::ChangeOpKind::withdraw), "", "", {}});
    }
    return ops;
}

yaml::Node ops_node(const std::vector<rules::ChangeOp>& ops) {
    auto list = yaml::Node::make_sequence();
    for (const auto& op : ops) {
        auto node = yaml::Node::make_map();
        node.set("kind", text_node(op.kind));
        if (!op.target.empty()) {
            node.set("target", text_node(op.target));
        }
        if (!op.value.empty()) {
            node.set("value", text_node(op.value));
        }
        if (op.type() == model::ChangeOpKind::add_task) {
            model::TaskTable table;
            table.tasks.push_back(op.task);
            node.set("task", model::to_node(table).find("tasks")->items().front());
        }
        list.push_back(std::move(node));
    }
    return list;
}

void report_change(Session& session, const rules::Execution& execution, const std::string& id,
                   const std::string& what) {
    const auto& roster = session.workspace().roster();
    for (const auto& change : execution.changes) {
        if (change.id != id) {
            continue;
        }
        if (change.decision == "reject") {
            session.out() << session.tr(msg("change.rejected", id)) << '\n';
        } else if (change.effective) {
            session.out() << session.tr(msg("change.effective", id)) << '\n';
            for (const auto& line : change.history) {
                session.out() << "  " << session.tr(line) << '\n';
            }
        } else {
            std::vector<std::string> waiting;
            for (const auto& owner : change.affected_owners) {
                if (std::find(change.confirmed_by.begin(), change.confirmed_by.end(), owner) ==
                    change.confirmed_by.end()) {
                    waiting.push_back(owner);
                }
            }
            session.out() << session.tr(
                                 msg(what == "confirm" ? "change.confirmed" : "change.approved", id,
                                     people_text(waiting, roster)))
                          << '\n';
        }
    }
}

void run_propose(Session& session, const ChangeOptions& options) {
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    std::vector<rules::ChangeOp> ops;
    std::vector<i18n::Message> described;
    std::vector<std::string> impact;
    std::vector<std::string> owners;
    std::string supervisor;
    std::string change_id;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        const auto& execution = replayed.execution;
        ops = ops_from_options(session, options, execution);
        if (auto refusal = rules::check_change(request, replayed, ops, options.reason,
                                               session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        impact = rules::downstream_impact(execution, ops, context.calendar);
        owners = rules::affected_owners(execution, ops);
        for (const auto& op : ops) {
            described.push_back(rules::describe_change_op(op, execution));
        }
        supervisor = replayed.status.reviewer;
        std::random_device random;
        change_id = model::make_short_id("CR", random());
        txn::Entry entry{model::ActionKind::change};
        entry.fields.set("change", text_node(change_id));
        entry.fields.set("reason", text_node(options.reason));
        entry.fields.set("ops", ops_node(ops));
        entry.fields.set("impact", list_node(impact));
        entry.fields.set("affected", list_node(owners));
        return txn::Decision{std::move(entry)};
    });
    std::vector<std::string> dates;
    for (const auto& op : ops) {
        dates.push_back(op.type() == model::ChangeOpKind::add_task ? op.task.deadline : op.value);
    }
    session.warn_if_guessed(dates);

    auto& out = session.out();
    out << session.tr(msg("change.proposed", change_id, id)) << '\n';
    for (const auto& line : described) {
        out << "  " << session.tr(line) << '\n';
    }
    if (!impact.empty()) {
        out << session.tr(msg("change.impact", i18n::list_argument(impact))) << '\n';
    }
    out << session.tr(msg("change.next", context.roster.display(supervisor),
                          owners.empty() ? "-" : people_text(owners, context.roster)))
        << '\n';
}

void run_decide(Session& session, const DecisionOptions& options, const std::string& decision) {
    session.lock_workspace();
    const auto [id, change_id] = session.resolve_record(options.change, "change");
    const auto context = session.context();
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            std::string on_behalf_of;
            if (auto refusal = rules::check_change_decision(
                    request, replayed, change_id, session.actor(), context, on_behalf_of)) {
                return txn::Decision{*refusal};
            }
            if (decision == "reject" && options.comment.empty()) {
                return txn::Decision{rules::Refusal{
                    "change", msg("refuse.need_comment", decision), {msg("hint.comment")}, {}}};
            }
            txn::Entry entry{model::ActionKind::change_decision};
            entry.on_behalf_of = on_behalf_of;
            entry.fields.set("change", text_node(change_id));
            entry.fields.set("decision", text_node(decision));
            if (!options.comment.empty()) {
                entry.fields.set("comment", text_node(options.comment));
            }
            return txn::Decision{std::move(entry)};
        });
    // The request with the decision just written.
    const auto after = replay_of(session, outcome.request);
    if (after.status.state == rules::RequestState::withdrawn) {
        session.out() << session.tr(msg("change.withdrawn", change_id, id)) << '\n';
        return;
    }
    report_change(session, after.execution, change_id, decision);
}

void run_confirm(Session& session, const DecisionOptions& options) {
    session.lock_workspace();
    const auto [id, change_id] = session.resolve_record(options.change, "change");
    const auto context = session.context();
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal = rules::check_change_confirm(request, replayed, change_id,
                                                           session.actor(), context)) {
                return txn::Decision{*refusal};
            }
            txn::Entry entry{model::ActionKind::change_confirm};
            entry.fields.set("change", text_node(change_id));
            return txn::Decision{std::move(entry)};
        });
    report_change(session, replay_of(session, outcome.request).execution, change_id, "confirm");
}

} // namespace

void register_change(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<ChangeOptions>();
    auto* change = app.add_subcommand("change", tr("help.change"));
    change->add_option("ID", options->id, tr("help.opt_id"));
    change->add_option("--reason", options->reason, tr("help.opt_reason"));
    change->add_option("--task-deadline", options->task_deadlines, tr("help.opt_task_deadline"))
        ->type_name("TASK=DATE");
    change->add_option("--due", options->due, tr("help.opt_change_due"))->type_name("DATE");
    change->add_option("--add-task", options->add_tasks, tr("help.opt_add_task"))
        ->type_name("\"name=..;owner=..;deadline=..\"");
    change->add_option("--remove-task", options->remove_tasks, tr("help.opt_remove_task"))
        ->type_name("TASK");
    change->add_option("--add-item", options->add_items, tr("help.opt_add_item"))
        ->type_name("\"ACTION :: CRITERION\"");
    change->add_option("--remove-item", options->remove_items, tr("help.opt_remove_item"))
        ->type_name("N");
    change->add_option("--scope", options->scope, tr("help.opt_scope"))->type_name("TEXT");
    change->add_flag("--withdraw", options->withdraw, tr("help.opt_change_withdraw"));

    auto approve_options = std::make_shared<DecisionOptions>();
    auto* approve = change->add_subcommand("approve", tr("help.change_approve"));
    approve->add_option("CR", approve_options->change, tr("help.opt_change_id"))->required();
    approve->add_option("--comment", approve_options->comment, tr("help.opt_comment"));
    approve->callback(
        [&session, approve_options] { run_decide(session, *approve_options, "approve"); });

    auto reject_options = std::make_shared<DecisionOptions>();
    auto* reject = change->add_subcommand("reject", tr("help.change_reject"));
    reject->add_option("CR", reject_options->change, tr("help.opt_change_id"))->required();
    reject->add_option("--comment", reject_options->comment, tr("help.opt_comment"));
    reject->callback(
        [&session, reject_options] { run_decide(session, *reject_options, "reject"); });

    auto confirm_options = std::make_shared<DecisionOptions>();
    auto* confirm = change->add_subcommand("confirm", tr("help.change_confirm"));
    confirm->add_option("CR", confirm_options->change, tr("help.opt_change_id"))->required();
    confirm->callback([&session, confirm_options] { run_confirm(session, *confirm_options); });
    add_record_list(*change, session, rules::RecordKind::change);

    change->callback([&session, options, change] {
        if (!change->ran_subcommand()) {
            if (options->id.empty()) {
                session.fail(k_exit_usage, msg("change.no_id"));
            }
            run_propose(session, *options);
        }
    });
}

} // namespace collab::cli
