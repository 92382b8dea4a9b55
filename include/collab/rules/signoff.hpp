#pragma once

#include <collab/model/request.hpp>
#include <collab/model/roster.hpp>
#include <collab/rules/request_status.hpp>
#include <string>
#include <vector>

namespace collab::rules {

// A person whose signature the final version needs, and why.
struct RequiredSigner {
    std::string person;
    std::string role; // "initiator", "supervisor", "department-head", "participant", "lead"
};

// The signoff rule: the initiator, the supervisor (who reviewed it), every involved
// department's head, the project lead and every named participant; each once.
std::vector<RequiredSigner> required_signers(const model::RequestForm& form,
                                             const std::string& supervisor,
                                             const model::Roster& roster);

// Everyone the final version is distributed to: the required signers.
std::vector<std::string> collaborators(const model::RequestForm& form,
                                       const std::string& supervisor, const model::Roster& roster);

// The meeting rule: does a request over more than one department need a review meeting?
bool needs_meeting(const model::RequestForm& form, const model::Roster& roster);

// The heads of the involved departments missing from a meeting's attendees.
std::vector<std::string> heads_missing(const model::RequestForm& form, const model::Roster& roster,
                                       const std::vector<std::string>& attendees);

// True when a meeting satisfying the rule was recorded since the approval (or none is
// needed).
bool meeting_satisfied(const model::RequestForm& form, const RequestStatus& status,
                       const model::Roster& roster);

// Required signers whose signature on `content` is missing (never signed, or signed
// another version).
std::vector<RequiredSigner> signatures_missing(const model::RequestForm& form,
                                               const RequestStatus& status,
                                               const model::Roster& roster,
                                               const std::string& content);

// A meeting event's attendees (its `attendees` list).
std::vector<std::string> meeting_attendees(const model::Event& meeting);

} // namespace collab::rules
