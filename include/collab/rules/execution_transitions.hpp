#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/refusal.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// Stage 3 and 4 transitions over a split request. Each returns the refusal, or
// nothing when `actor` may act now. None of them writes anything.

// confirm: the task's owner, once (签字确认); a task starts only once confirmed.
std::optional<Refusal> check_confirm(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const Context& context);

// progress: the owner or the project lead, on a task that is not removed or accepted.
// A blocker names what, from whom (a person in the roster) and by when.
struct BlockerInput {
    std::string text;
    std::string from;
    std::string by;
};
std::optional<Refusal> check_progress(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& actor,
                                      const std::optional<BlockerInput>& blocker,
                                      const Context& context);

// unblock: the task's owner, the person the blocker waits on, or the project lead.
std::optional<Refusal> check_unblock(const model::Request& request, const Execution& execution,
                                     const std::string& blocker, const std::string& actor,
                                     const Context& context);

// risk add: on a request in progress (or one of its tasks), with text, an owner in
// the roster and a due date.
std::optional<Refusal> check_risk_add(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& text,
                                      const std::string& owner, const std::string& due,
                                      const Context& context);

// risk update: the risk's owner or the project lead; status open, mitigating or resolved.
std::optional<Refusal> check_risk_update(const model::Request& request, const Execution& execution,
                                         const std::string& risk, const std::string& status,
                                         const std::string& actor, const Context& context);

// A due date (YYYY-MM-DD) of a task, a sync action item or a risk: it must be a working
// day of the calendar; a holiday or weekend is refused with the next working day as hint.
std::optional<Refusal> check_working_date(const std::string& rule, const std::string& text,
                                          const Context& context);

// sync: the project lead records the sync meeting of a request in progress.
std::optional<Refusal> check_sync(const model::Request& request, const Execution& execution,
                                  const std::string& actor, const Context& context);

// change: proposed by a collaborator of a request in progress, with a reason and
// operations that refer to tasks and items that exist and dates on working days.
std::optional<Refusal> check_change(const model::Request& request, const Execution& execution,
                                    const std::vector<ChangeOp>& ops, const std::string& reason,
                                    const std::string& actor, const Context& context);

// change approve/reject: the supervisor (or their delegate), once.
std::optional<Refusal> check_change_decision(const model::Request& request,
                                             const Execution& execution, const std::string& change,
                                             const std::string& actor, const Context& context,
                                             std::string& on_behalf_of);

// change confirm: an owner the change affects, once, after approval.
std::optional<Refusal> check_change_confirm(const model::Request& request,
                                            const Execution& execution, const std::string& change,
                                            const std::string& actor, const Context& context);

// action done: the action item's owner or the project lead.
std::optional<Refusal> check_action_done(const model::Request& request, const Execution& execution,
                                         const std::string& action, const std::string& actor,
                                         const Context& context);

// deliver: the owner submits the acceptance form (成果验收单) of an active task or one
// in rework: a deliverable name, a version different from earlier ones, and a
// self-check answering every action item the task covers. Late is allowed.
struct SelfCheck {
    int item = 0;
    bool done = false;
    std::string note;
};
std::optional<Refusal> check_deliver(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const std::string& version,
                                     const std::vector<SelfCheck>& self_check,
                                     const Context& context);

// accept: each acceptor (project lead and the task's collaborators) once per delivery;
// a fail needs comments and a re-acceptance date at most reaccept_within_days
// working days away (counted with the calendar, make-up days included).
std::optional<Refusal> check_accept(const model::Request& request, const Execution& execution,
                                    const std::string& task, const std::string& actor, bool pass,
                                    const std::string& comment, const std::string& reaccept_by,
                                    const Context& context);

// feedback: each collaborator but the initiator answers once, every scored question
// 1..5, while the request is accepted and the window is open.
std::optional<Refusal> check_feedback(const model::Request& request, const Execution& execution,
                                      const std::string& actor,
                                      const std::vector<std::string>& required_keys,
                                      const std::map<std::string, int>& answers,
                                      const Context& context);

} // namespace collab::rules
