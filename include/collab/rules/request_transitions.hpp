#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>

namespace collab::rules {

// Stage 1 transitions. Each returns nothing when `actor` may do it now, else the
// refusal: which rule, why, and how to proceed. None of them writes anything.

// submit: only the initiator, from draft or returned; the form rule must hold; the
// initiator must have a supervisor to send it to; the due date must not have passed.
std::optional<Refusal> check_submit(const model::Request& request, const std::string& actor,
                                    const Context& context);
std::optional<Refusal> check_submit(const model::Request& request, const RequestStatus& status,
                                    const std::string& actor, const Context& context);

// edit: only the initiator, while the request is a draft, returned, or approved but not
// yet final (an edit then voids the signatures given so far).
std::optional<Refusal> check_edit(const model::Request& request, const std::string& actor,
                                  const Context& context);
std::optional<Refusal> check_edit(const model::Request& request, const RequestStatus& status,
                                  const std::string& actor, const Context& context);

// edit: the form keeps the request's identity. An edited form that leaves initiator or
// created out keeps the request's own; one that names another is refused.
bool keeps_identity(const model::RequestForm& edited, const model::RequestForm& current);

// edit of an approved request: the edited form must stay complete, since the signers
// sign what becomes final. The refusal lists the form's problems and says the edit is
// kept at `kept_at`.
std::optional<Refusal> check_edit_complete(const model::Request& request,
                                           const RequestStatus& status,
                                           const model::RequestForm& edited,
                                           const std::string& kept_at, const Context& context);

// withdraw: only the initiator, before the request is final.
std::optional<Refusal> check_withdraw(const model::Request& request, const std::string& actor,
                                      const Context& context);
std::optional<Refusal> check_withdraw(const model::Request& request, const RequestStatus& status,
                                      const std::string& actor, const Context& context);

} // namespace collab::rules
