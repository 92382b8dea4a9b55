#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/request_status.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// The three questions of the initial review, in the order they are asked.
const std::vector<std::string>& review_checklist(); // goals, resources, breakdown

// One answer of the checklist.
struct CheckAnswer {
    bool yes = false;
    std::string note;
};

// A review decision as the supervisor gives it.
struct ReviewDecision {
    std::string decision; // approve, return, reject
    std::map<std::string, CheckAnswer> checks;
    std::string comment;
};

// Each guard also takes the status a caller already replayed (rules/replay).

// review: only the supervisor the request was submitted to, or their delegate from
// the roster (then `on_behalf_of` is set to the supervisor), while it is submitted;
// every checklist item answered; a comment to return or reject, or to approve with a
// "no"; the form must be what was submitted.
std::optional<Refusal> check_review(const model::Request& request, const std::string& actor,
                                    const ReviewDecision& decision, const Context& context,
                                    std::string& on_behalf_of);
std::optional<Refusal> check_review(const model::Request& request, const RequestStatus& status,
                                    const std::string& actor, const ReviewDecision& decision,
                                    const Context& context, std::string& on_behalf_of);

// meeting: recorded by the initiator or the supervisor once the request is approved.
std::optional<Refusal> check_meeting(const model::Request& request, const std::string& actor,
                                     const Context& context);
std::optional<Refusal> check_meeting(const model::Request& request, const RequestStatus& status,
                                     const std::string& actor, const Context& context);

// sign: by a required signer, once approved and (over several departments) after the
// review meeting; not twice on the same content.
std::optional<Refusal> check_sign(const model::Request& request, const std::string& actor,
                                  const Context& context);
std::optional<Refusal> check_sign(const model::Request& request, const RequestStatus& status,
                                  const std::string& actor, const Context& context);

// ack: a collaborator confirms receipt of the final version, once.
std::optional<Refusal> check_ack(const model::Request& request, const std::string& actor,
                                 const Context& context);
std::optional<Refusal> check_ack(const model::Request& request, const RequestStatus& status,
                                 const std::string& actor, const Context& context);

} // namespace collab::rules
