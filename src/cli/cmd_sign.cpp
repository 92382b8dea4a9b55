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
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    const auto& roster = context.roster;
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal =
                    rules::check_sign(request, replayed.status, session.actor(), context)) {
                return txn::Decision{*refusal};
            }
            txn::Entry entry{model::ActionKind::sign};
            if (!options.comment.empty()) {
                entry.fields.set("comment", text_node(options.comment));
            }
            return txn::Decision{std::move(entry)};
        });
    // The request with the signature just written.
    const auto& request = outcome.request;
    const auto status = rules::derive_status(request, roster);
    session.out() << session.tr(msg("sign.done", id, outcome.event.content)) << '\n';
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
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    bool table = false;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_ack(request, replayed.status, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        // A receipt of the task table once the request is split, else of the final form.
        table = replayed.status.state != rules::RequestState::final;
        return txn::Decision{txn::Entry{model::ActionKind::ack}};
    });
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
