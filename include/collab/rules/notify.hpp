#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/inbox.hpp>
#include <collab/rules/next_step.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::rules {

// One thing a person is told by `collab notify`: what happened, what they must do, by
// when, and the command that does it. `event` keys the sent-log: the entry that caused
// the notice (`R-7KQ2XM/li#12`), or for the morning digest the day and the step.
struct Notice {
    std::string person;
    std::string request;
    std::string title;      // the request's title
    std::string event;      // what the sent-log remembers it by
    i18n::Message happened; // "li submitted R-7KQ2XM for review"; empty id in a digest
    i18n::Message what;     // the step: "review the request (goals, resources, breakdown)"
    std::string command;    // "collab review R-7KQ2XM --approve|--return|--reject"
    std::optional<time::Timestamp> due;
    bool overdue = false;
    std::string on_behalf_of; // a delegate's digest item: whose step it is

    friend bool operator==(const Notice&, const Notice&) = default;
};

// `R-7KQ2XM/li#12`: an entry's key, unique in a workspace.
std::string event_key(const std::string& request, const model::Event& event);

// The seqs of the entries in a log file's text as it stood at a base revision: the
// `- seq: N` lines collab writes. Entries of the log whose seq is not among them were
// recorded since (logs are append-only).
std::set<long long> seqs_in_log_text(std::string_view text);

// Who must act now because of the entries `fresh` (pointers into request.events,
// recorded since the base), and what: submitted -> the reviewer; returned or rejected ->
// the initiator; approved -> the department heads (and whoever records the meeting);
// signatures missing -> each signer; final -> every collaborator and head; split -> each
// owner; a blocker -> the person it waits on; a change request -> the supervisor, once
// approved -> the owners it affects; delivered -> the acceptors; acceptance failed ->
// the owner; every task accepted -> each collaborator for the survey. The request is
// read as it stands at context.now. One notice per person and step, in entry order.
std::vector<Notice> notices_for(const model::Request& request,
                                const std::vector<const model::Event*>& fresh,
                                const Context& context);

// A person's inbox as morning-digest notices (overdue first, as inbox_for orders them),
// keyed by the day so that a rerun that day sends nothing twice.
std::vector<Notice> digest_notices(const std::string& person, const std::vector<InboxItem>& items,
                                   const Context& context);

} // namespace collab::rules
