// collab review ID --approve|--return|--reject: the supervisor's initial review.
#include "cli/actions.hpp"
#include "cli/commands.hpp"

#include <collab/rules/request_status.hpp>
#include <collab/rules/review_transitions.hpp>
#include <collab/yaml/node.hpp>
#include <optional>

namespace collab::cli {

using i18n::msg;

namespace {

struct ReviewOptions {
    std::string id;
    bool approve = false;
    bool send_back = false;
    bool reject = false;
    std::vector<std::string> checks;
    std::string comment;
};

// Parses "goals=yes", "resources=no:budget unclear".
rules::ReviewDecision parse_decision(Session& session, const ReviewOptions& options) {
    rules::ReviewDecision decision;
    const int chosen = int(options.approve) + int(options.send_back) + int(options.reject);
    if (chosen != 1) {
        session.fail(k_exit_usage, msg("review.one_decision"));
    }
    decision.decision = options.approve ? "approve" : options.send_back ? "return" : "reject";
    decision.comment = options.comment;
    const auto& items = rules::review_checklist();
    for (const auto& check : options.checks) {
        const auto equals = check.find('=');
        const auto key = check.substr(0, equals);
        if (equals == std::string::npos ||
            std::find(items.begin(), items.end(), key) == items.end()) {
            session.fail(k_exit_usage, msg("review.bad_check", check));
        }
        auto rest = check.substr(equals + 1);
        const auto colon = rest.find(':');
        const auto answer = rest.substr(0, colon);
        if (answer != "yes" && answer != "no") {
            session.fail(k_exit_usage, msg("review.bad_check", check));
        }
        rules::CheckAnswer value{answer == "yes",
                                 colon == std::string::npos ? "" : rest.substr(colon + 1)};
        decision.checks[key] = value;
    }
    return decision;
}

void run_review(Session& session, const ReviewOptions& options) {
    session.lock_workspace();
    const auto decision = parse_decision(session, options);
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    std::string on_behalf_of;
    std::optional<rules::RequestStatus> before; // the status the review decided on
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal = rules::check_review(request, replayed.status, session.actor(),
                                                   decision, context, on_behalf_of)) {
                return txn::Decision{*refusal};
            }
            before = replayed.status;
            txn::Entry entry{model::ActionKind::review};
            entry.on_behalf_of = on_behalf_of;
            auto& extra = entry.fields;
            extra.set("decision", text_node(decision.decision));
            auto checks = yaml::Node::make_map();
            auto notes = yaml::Node::make_map();
            for (const auto& item : rules::review_checklist()) {
                const auto& answer = decision.checks.at(item);
                checks.set(item, text_node(answer.yes ? "yes" : "no"));
                if (!answer.note.empty()) {
                    notes.set(item, text_node(answer.note));
                }
            }
            extra.set("checks", std::move(checks));
            if (!notes.entries().empty()) {
                extra.set("notes", std::move(notes));
            }
            if (!decision.comment.empty()) {
                extra.set("comment", text_node(decision.comment));
            }
            return txn::Decision{std::move(entry)};
        });
    const auto& request = outcome.request;
    const auto due = rules::review_due(request, *before, context);
    const bool late = std::holds_alternative<time::Timestamp>(due) &&
                      outcome.event.at > std::get<time::Timestamp>(due);
    session.out() << session.tr(msg("review.done." + decision.decision, id,
                                    context.roster.display(request.form.initiator)))
                  << '\n';
    if (late) {
        session.warn(msg("review.late", context.zone.format_short(std::get<time::Timestamp>(due))));
    }
    if (!on_behalf_of.empty()) {
        session.info(msg("review.delegate", context.roster.display(on_behalf_of)));
    }
}

} // namespace

void register_review(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<ReviewOptions>();
    auto* review = app.add_subcommand("review", tr("help.review"));
    review->add_option("ID", options->id, tr("help.opt_id"))->required();
    auto* approve = review->add_flag("--approve", options->approve, tr("help.opt_approve"));
    auto* send_back = review->add_flag("--return", options->send_back, tr("help.opt_return"));
    auto* reject = review->add_flag("--reject", options->reject, tr("help.opt_reject"));
    approve->excludes(send_back)->excludes(reject);
    send_back->excludes(reject);
    review->add_option("--check", options->checks, tr("help.opt_check"))
        ->type_name("ITEM=yes|no[:NOTE]");
    review->add_option("--comment", options->comment, tr("help.opt_review_comment"));
    review->callback([&session, options] { run_review(session, *options); });
}

} // namespace collab::cli
