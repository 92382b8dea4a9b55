// collab sign ID, collab ack ID: signatures on the form, and receipt of the final.
#include "cli/actions.hpp"
#include "cli/commands.hpp"

#include <collab/rules/review_transitions.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

struct SignOptions {
    std::string id;
    std::string comment;
};

void run_sign(Session& session, const SignOptions& options) {
    const auto& workspace = session.workspace();
    const auto& roster = workspace.roster();
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    auto request = session.load_request(id);
    const auto context = session.context();
    if (auto refusal = rules::check_sign(request, session.actor(), context)) {
        session.refuse(*refusal);
    }
    auto event = new_event(session, request, model::ActionKind::sign);
    auto extra = yaml::Node::make_map();
    if (!options.comment.empty()) {
        extra.set("comment", text_node(options.comment));
    }
    workspace.append_event(request, event, extra);
    request.events.push_back(event);
    const auto status = rules::derive_status(request, roster);
    session.out() << session.tr(msg("sign.done", id, event.content)) << '\n';
    if (status.state == rules::RequestState::final) {
        const auto people = rules::collaborators(request.form, status.reviewer, roster);
        session.out() << session.tr(msg("sign.final", id, people_text(people, roster))) << '\n';
        return;
    }
    std::vector<std::string> waiting;
    for (const auto& signer :
         rules::signatures_missing(request.form, status, roster, status.content)) {
        waiting.push_back(signer.person);
    }
    session.out() << session.tr(msg("sign.waiting", people_text(waiting, roster))) << '\n';
}

void run_ack(Session& session, const SignOptions& options) {
    const auto& workspace = session.workspace();
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto request = session.load_request(id);
    if (auto refusal = rules::check_ack(request, session.actor(), session.context())) {
        session.refuse(*refusal);
    }
    auto event = new_event(session, request, model::ActionKind::ack);
    workspace.append_event(request, event, yaml::Node::make_map());
    const bool table = rules::derive_status(request, session.workspace().roster()).state !=
                       rules::RequestState::final;
    session.out() << session.tr(msg(table ? "ack.table_done" : "ack.done", id)) << '\n';
}

} // namespace

void register_sign(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto sign_options = std::make_shared<SignOptions>();
    auto* sign = app.add_subcommand("sign", tr("help.sign"));
    sign->add_option("ID", sign_options->id, tr("help.opt_id"))->required();
    sign->add_option("--comment", sign_options->comment, tr("help.opt_comment"));
    sign->callback([&session, sign_options] { run_sign(session, *sign_options); });

    auto ack_options = std::make_shared<SignOptions>();
    auto* ack = app.add_subcommand("ack", tr("help.ack"));
    ack->add_option("ID", ack_options->id, tr("help.opt_id"))->required();
    ack->callback([&session, ack_options] { run_ack(session, *ack_options); });
}

} // namespace collab::cli
