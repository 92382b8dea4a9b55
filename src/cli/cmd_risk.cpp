// collab risk add|update|list: the risk list (风险点) and its resolution status.
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

struct RiskOptions {
    std::string target;
    std::string text;
    std::string owner;
    std::string due;
    std::string risk;
    std::string status;
    std::string note;
};

void run_add(Session& session, const RiskOptions& options) {
    session.lock_workspace();
    std::string id;
    std::string task;
    if (options.target.find_first_of("/:") != std::string::npos) {
        std::tie(id, task) = session.resolve_task(options.target);
    } else {
        id = session.resolve_request(options.target);
    }
    const auto context = session.context();
    std::string risk_id;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_risk_add(request, replayed, task, options.text,
                                                 options.owner, options.due, context)) {
            return txn::Decision{*refusal};
        }
        std::random_device random;
        risk_id = model::make_short_id("RK", random());
        txn::Entry entry{model::ActionKind::risk};
        entry.fields.set("risk", text_node(risk_id));
        entry.fields.set("target", text_node(task.empty() ? id : task));
        entry.fields.set("text", text_node(options.text));
        entry.fields.set("owner", text_node(context.roster.find(options.owner)->id));
        entry.fields.set("due", text_node(options.due));
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("risk.added", risk_id, id)) << '\n';
    session.warn_if_guessed({options.due});
}

void run_update(Session& session, const RiskOptions& options) {
    session.lock_workspace();
    const auto [id, risk_id] = session.resolve_record(options.risk, "risk");
    const auto context = session.context();
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_risk_update(request, replayed, risk_id, options.status,
                                                    session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::risk_update};
        entry.fields.set("risk", text_node(risk_id));
        entry.fields.set("status", text_node(options.status));
        if (!options.note.empty()) {
            entry.fields.set("note", text_node(options.note));
        }
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("risk.updated", risk_id, options.status)) << '\n';
}

} // namespace

void register_risk(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto* risk = app.add_subcommand("risk", tr("help.risk"));
    risk->require_subcommand(1);
    auto add_options = std::make_shared<RiskOptions>();
    auto* add = risk->add_subcommand("add", tr("help.risk_add"));
    add->add_option("TARGET", add_options->target, tr("help.opt_risk_target"))->required();
    add->add_option("--text", add_options->text, tr("help.opt_risk_text"));
    add->add_option("--owner", add_options->owner, tr("help.opt_risk_owner"))->type_name("PERSON");
    add->add_option("--due", add_options->due, tr("help.opt_risk_due"))->type_name("DATE");
    add->callback([&session, add_options] { run_add(session, *add_options); });

    auto update_options = std::make_shared<RiskOptions>();
    auto* update = risk->add_subcommand("update", tr("help.risk_update"));
    update->add_option("RISK", update_options->risk, tr("help.opt_risk_id"))->required();
    update->add_option("--status", update_options->status, tr("help.opt_risk_status"))
        ->required()
        ->one_of({"open", "mitigating", "resolved"})
        ->type_name("open|mitigating|resolved");
    update->add_option("--note", update_options->note, tr("help.opt_note"));
    update->callback([&session, update_options] { run_update(session, *update_options); });
    add_record_list(*risk, session, rules::RecordKind::risk);
}

} // namespace collab::cli
