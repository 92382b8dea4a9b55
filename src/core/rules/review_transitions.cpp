#include <algorithm>
#include <collab/i18n/list.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/review_transitions.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

// `verb` is an action id: refuse.wrong_state.<verb> is the sentence in each language.
Refusal not_now(const std::string& rule, const std::string& verb, const model::Request& request,
                RequestState state) {
    Refusal refusal{rule, msg("refuse.wrong_state." + verb, request.id, state_name(state)), {}, {}};
    refusal.hints.push_back(msg("hint.see_next", request.id));
    return refusal;
}

} // namespace

const std::vector<std::string>& review_checklist() {
    static const std::vector<std::string> items = {"goals", "resources", "breakdown"};
    return items;
}

std::optional<Refusal> check_review(const model::Request& request, const RequestStatus& status,
                                    const std::string& actor, const ReviewDecision& decision,
                                    const Context& context, std::string& on_behalf_of) {
    const auto& roster = context.roster;
    if (status.state != RequestState::submitted) {
        return not_now("review", "review", request, status.state);
    }
    on_behalf_of.clear();
    if (actor != status.reviewer) {
        const auto* reviewer = roster.find(status.reviewer);
        if (reviewer == nullptr || reviewer->delegate != actor) {
            return Refusal{"review",
                           msg("refuse.not_reviewer", request.id, roster.display(status.reviewer),
                               roster.display(actor)),
                           {msg("hint.ask_reviewer", roster.display(status.reviewer))},
                           {}};
        }
        // A delegate reviews for the supervisor, never their own request.
        if (actor == request.form.initiator) {
            return Refusal{"review", msg("refuse.self_review", request.id), {}, {}};
        }
        on_behalf_of = status.reviewer;
    }
    std::vector<std::string> unanswered;
    bool any_no = false;
    for (const auto& item : review_checklist()) {
        const auto found = decision.checks.find(item);
        if (found == decision.checks.end()) {
            unanswered.push_back(item);
        } else if (!found->second.yes) {
            any_no = true;
        }
    }
    if (!unanswered.empty()) {
        return Refusal{"review",
                       msg("refuse.checklist", i18n::list_argument(unanswered)),
                       {msg("hint.checklist")},
                       {}};
    }
    if (decision.comment.empty() && (decision.decision != "approve" || any_no)) {
        return Refusal{"review",
                       msg(decision.decision == "approve" ? "refuse.approve_no_comment"
                                                          : "refuse.need_comment",
                           decision.decision),
                       {msg("hint.comment")},
                       {}};
    }
    // Returning or rejecting a form changed since submission is how it gets fixed;
    // approving it would approve text the supervisor was never sent.
    if (decision.decision == "approve" &&
        !model::same_content(model::content_hash(request.form), status.submitted_content)) {
        return Refusal{"frozen",
                       msg("refuse.changed_since_submit", request.id, status.submitted_content,
                           model::content_hash(request.form)),
                       {msg("hint.restore_or_return")},
                       {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_meeting(const model::Request& request, const RequestStatus& status,
                                     const std::string& actor, const Context& context) {
    const auto& roster = context.roster;
    if (status.state != RequestState::approved) {
        return not_now("meeting", "meeting", request, status.state);
    }
    if (actor != request.form.initiator && actor != status.reviewer) {
        return Refusal{"meeting",
                       msg("refuse.meeting_who", request.id, roster.display(request.form.initiator),
                           roster.display(status.reviewer)),
                       {},
                       {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_sign(const model::Request& request, const RequestStatus& status,
                                  const std::string& actor, const Context& context) {
    const auto& roster = context.roster;
    if (status.state != RequestState::approved) {
        return not_now("signoff", "sign", request, status.state);
    }
    const auto signers = required_signers(request.form, status.reviewer, roster);
    const bool required = std::any_of(signers.begin(), signers.end(),
                                      [&](const auto& s) { return s.person == actor; });
    if (!required) {
        std::vector<std::string> ids;
        for (const auto& signer : signers) {
            ids.push_back(signer.person);
        }
        return Refusal{
            "signoff",
            msg("refuse.not_signer", roster.display(actor), request.id, roster.display_list(ids)),
            {},
            {}};
    }
    if (!meeting_satisfied(request.form, status, roster)) {
        const auto heads = heads_missing(request.form, roster, {});
        return Refusal{"meeting",
                       msg("refuse.meeting_first", request.id, roster.display_list(heads)),
                       {msg("hint.record_meeting", request.id)},
                       {}};
    }
    const auto content = model::content_hash(request.form);
    if (!model::same_content(content, status.content)) {
        return Refusal{"frozen",
                       msg("refuse.unrecorded_edit", request.id),
                       {msg("hint.edit_form", request.id)},
                       {}};
    }
    const auto found = status.signatures.find(actor);
    if (found != status.signatures.end() && model::same_content(found->second.content, content)) {
        return Refusal{"signoff", msg("refuse.already_signed", request.id, content), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_ack(const model::Request& request, const RequestStatus& status,
                                 const std::string& actor, const Context& context) {
    const auto& roster = context.roster;
    if (!is_frozen(status.state)) {
        return not_now("signoff", "ack", request, status.state);
    }
    const auto people = collaborators(request.form, status.reviewer, roster);
    if (std::find(people.begin(), people.end(), actor) == people.end()) {
        return Refusal{
            "signoff", msg("refuse.not_collaborator", roster.display(actor), request.id), {}, {}};
    }
    if (std::find(status.acknowledged.begin(), status.acknowledged.end(), actor) !=
        status.acknowledged.end()) {
        return Refusal{"signoff", msg("refuse.already_acked", request.id), {}, {}};
    }
    return std::nullopt;
}

// Each guard with the status replayed here, for a caller that has not replayed it.
std::optional<Refusal> check_review(const model::Request& request, const std::string& actor,
                                    const ReviewDecision& decision, const Context& context,
                                    std::string& on_behalf_of) {
    return check_review(request, derive_status(request, context.roster), actor, decision, context,
                        on_behalf_of);
}

std::optional<Refusal> check_meeting(const model::Request& request, const std::string& actor,
                                     const Context& context) {
    return check_meeting(request, derive_status(request, context.roster), actor, context);
}

std::optional<Refusal> check_sign(const model::Request& request, const std::string& actor,
                                  const Context& context) {
    return check_sign(request, derive_status(request, context.roster), actor, context);
}

std::optional<Refusal> check_ack(const model::Request& request, const std::string& actor,
                                 const Context& context) {
    return check_ack(request, derive_status(request, context.roster), actor, context);
}

} // namespace collab::rules
