#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/refusal.hpp>

#include <optional>
#include <string>

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
std::optional<Refusal> check_risk_update(const model::Request& request,
                                         const Execution& execution, const std::string& risk,
                                         const std::string& status, const std::string& actor,
                                         const Context& context);

// sync: the project lead records the weekly sync of a request in progress.
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
std::optional<Refusal> check_action_done(const model::Request& request,
                                         const Execution& execution, const std::string& action,
                                         const std::string& actor, const Context& context);

} // namespace collab::rules
