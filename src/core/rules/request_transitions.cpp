#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/request_transitions.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

// `verb` names the action (submit, edit, withdraw): the catalog has a sentence for each,
// so no English verb ends up inside a Chinese one.
std::optional<Refusal> require_initiator(const std::string& rule, const std::string& verb,
                                         const model::Request& request, const std::string& actor,
                                         const Context& context) {
    // The initiator is who created the request; a hand edit of `initiator:` does not
    // hand the request to someone else.
    std::string creator;
    for (const auto& event : request.events) {
        if (event.kind == model::ActionKind::create) {
            creator = event.by;
            break;
        }
    }
    const auto* named = context.roster.find(request.form.initiator);
    const auto initiator = named != nullptr ? named->id : request.form.initiator;
    if (!creator.empty() && creator != initiator) {
        return Refusal{"form",
                       msg("refuse.initiator_changed", request.id, request.form.initiator, creator),
                       {msg("hint.restore_initiator", creator)},
                       {}};
    }
    if (actor == initiator) {
        return std::nullopt;
    }
    const auto& roster = context.roster;
    return Refusal{rule,
                   msg("refuse.only_initiator." + verb, request.id,
                       roster.display(request.form.initiator), roster.display(actor)),
                   {msg("hint.ask_initiator", roster.display(request.form.initiator))},
                   {}};
}

// `verb` is an action id: refuse.wrong_state.<verb> is the sentence in each language.
Refusal wrong_state(const std::string& rule, const std::string& verb, const model::Request& request,
                    RequestState state) {
    Refusal refusal{rule, msg("refuse.wrong_state." + verb, request.id, state_name(state)), {}, {}};
    if (state == RequestState::submitted) {
        refusal.hints.push_back(msg("hint.wait_review"));
    } else if (!is_terminal(state)) {
        refusal.hints.push_back(msg("hint.frozen_change", request.id));
    }
    return refusal;
}

} // namespace

std::optional<Refusal> check_submit(const model::Request& request, const RequestStatus& status,
                                    const std::string& actor, const Context& context) {
    if (auto refusal = require_initiator("submit", "submit", request, actor, context)) {
        return refusal;
    }
    if (status.state != RequestState::draft && status.state != RequestState::returned) {
        return wrong_state("submit", "submit", request, status.state);
    }
    // A returned form comes back changed (修改后重新提交): the same content again would
    // ask the reviewer to decide twice on what they already sent back.
    if (status.state == RequestState::returned && !status.submitted_content.empty() &&
        model::same_content(model::content_hash(request.form), status.submitted_content)) {
        return Refusal{"submit",
                       msg("refuse.resubmit_unchanged", request.id, status.submitted_content),
                       {msg("hint.edit_form", request.id)},
                       {}};
    }
    Diagnostics problems;
    check_form(request.form, context, problems);
    if (problems.has_errors()) {
        Refusal refusal{"form",
                        msg("refuse.form_incomplete", request.id, problems.size()),
                        {msg("hint.edit_form", request.id)},
                        {}};
        refusal.details = problems.items();
        return refusal;
    }
    if (supervisor_of(request.form, context.roster).empty()) {
        return Refusal{"submit",
                       msg("refuse.no_supervisor", context.roster.display(request.form.initiator)),
                       {msg("hint.add_manager", request.form.initiator)},
                       {}};
    }
    const auto due = time::parse_date(request.form.due);
    if (due && date::sys_days(*due) < date::sys_days(context.zone.local_date(context.now))) {
        return Refusal{"form",
                       msg("refuse.due_passed", request.form.due),
                       {msg("hint.edit_form", request.id)},
                       {}};
    }
    // The review's service level must be known when the clock starts on it.
    auto submitted = status;
    submitted.submitted_at = context.now;
    const auto review = review_due(request, submitted, context);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&review)) {
        return Refusal{"review", msg("refuse.review_due_uncovered", uncovered->year), {}, {}};
    }
    return std::nullopt;
}

std::optional<Refusal> check_edit(const model::Request& request, const RequestStatus& status,
                                  const std::string& actor, const Context& context) {
    if (auto refusal = require_initiator("form", "edit", request, actor, context)) {
        return refusal;
    }
    // After approval the initiator updates the form with the review's outcome; that
    // voids signatures given on the earlier text, which the signers then give again.
    if (status.state != RequestState::draft && status.state != RequestState::returned &&
        status.state != RequestState::approved) {
        return wrong_state(is_frozen(status.state) ? "frozen" : "form", "edit", request,
                           status.state);
    }
    return std::nullopt;
}

std::optional<Refusal> check_withdraw(const model::Request& request, const RequestStatus& status,
                                      const std::string& actor, const Context& context) {
    if (auto refusal = require_initiator("submit", "withdraw", request, actor, context)) {
        return refusal;
    }
    switch (status.state) {
    case RequestState::draft:
    case RequestState::submitted:
    case RequestState::returned:
    case RequestState::approved:
        return std::nullopt;
    case RequestState::final:
    case RequestState::in_progress: {
        Refusal refusal{"frozen",
                        msg("refuse.wrong_state.withdraw", request.id, state_name(status.state)),
                        {msg("hint.withdraw_by_change", request.id)},
                        {}};
        return refusal;
    }
    default:
        return wrong_state("submit", "withdraw", request, status.state);
    }
}

bool keeps_identity(const model::RequestForm& edited, const model::RequestForm& current) {
    return (edited.initiator.empty() || edited.initiator == current.initiator) &&
           (edited.created.empty() || edited.created == current.created);
}

std::optional<Refusal> check_edit_complete(const model::Request& request,
                                           const RequestStatus& status,
                                           const model::RequestForm& edited,
                                           const std::string& kept_at, const Context& context) {
    if (status.state != RequestState::approved) {
        return std::nullopt;
    }
    Diagnostics problems;
    check_form(edited, context, problems);
    if (!problems.has_errors()) {
        return std::nullopt;
    }
    Refusal refusal{"form",
                    msg("refuse.form_incomplete", request.id, problems.size()),
                    {msg("hint.edit_kept", kept_at)},
                    {}};
    refusal.details = problems.items();
    return refusal;
}

// Each guard with the status replayed here, for a caller that has not replayed it.
std::optional<Refusal> check_submit(const model::Request& request, const std::string& actor,
                                    const Context& context) {
    return check_submit(request, derive_status(request, context.roster), actor, context);
}

std::optional<Refusal> check_edit(const model::Request& request, const std::string& actor,
                                  const Context& context) {
    return check_edit(request, derive_status(request, context.roster), actor, context);
}

std::optional<Refusal> check_withdraw(const model::Request& request, const std::string& actor,
                                      const Context& context) {
    return check_withdraw(request, derive_status(request, context.roster), actor, context);
}

} // namespace collab::rules
