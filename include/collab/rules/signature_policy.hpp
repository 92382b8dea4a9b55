#pragma once

#include <collab/model/config.hpp>
#include <collab/model/request.hpp>
#include <optional>
#include <string>

namespace collab::rules {

// The trust rule (docs/PROCESS.md): what the workspace's `signatures:` policy makes
// of an entry's signature status. nullopt: the entry is applied and nothing is
// reported. Otherwise the finding's rule id (signature.missing, signature.invalid,
// signature.unknown_key): the entry is not applied.
//   required: only a verified signature is accepted;
//   optional: a missing signature is accepted, a bad or unknown one is not;
//   off:      nothing is checked.
std::optional<std::string> signature_rule(model::SignatureStatus status,
                                          model::SignaturePolicy policy);

// Moves the entries the policy does not accept from request.events to
// request.untrusted, so that no replay applies them.
void set_aside_untrusted(model::Request& request, model::SignaturePolicy policy);

// Whether a command may act as a person: under `required` only with one of their
// registered keys at hand. Pure: the caller says whether a key was found.
bool may_act_without_key(model::SignaturePolicy policy);

} // namespace collab::rules
