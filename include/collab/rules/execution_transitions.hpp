#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/replay.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// Stage 3 and 4 transitions over a split request. Each returns the refusal, or
// nothing when `actor` may act now. None of them writes anything.
//
// Each check_* guard is in two parts. The `*_refusal` part reads only the request,
// the execution as it stands and the roster: who acts, on what, in what state, with
// which fields. rules::derive_execution calls the same function on every recorded
// entry against the execution replayed up to it, so an entry a command would have
// refused (written by hand, or merged from another clone) does not apply: it lands
// in Execution::ignored, and check reports it as transition.illegal. The rest of a
// guard (the request's state at now, dates against the calendar, the survey's
// questions) needs the clock or the settings and is for commands only.
//
// A command passes the request's replay (rules/replay), which it worked out once; the
// overloads with the execution alone replay the status again, for the rule tests.

// confirm: the task's owner, once (签字确认); a task starts only once confirmed.
std::optional<Refusal> check_confirm(const model::Request& request, const Replayed& replayed,
                                     const std::string& task, const std::string& actor,
                                     const Context& context);
std::optional<Refusal> check_confirm(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const Context& context);
std::optional<Refusal> confirm_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& task, const std::string& actor,
                                       const model::Roster& roster);

// progress: the owner or the project lead, on a task that is not removed or accepted.
// A blocker names what, from whom (a person in the roster) and by when.
struct BlockerInput {
    std::string text;
    std::string from;
    std::string by;
};
std::optional<Refusal> check_progress(const model::Request& request, const Replayed& replayed,
                                      const std::string& task, const std::string& actor,
                                      const std::optional<BlockerInput>& blocker,
                                      const Context& context);
std::optional<Refusal> check_progress(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& actor,
                                      const std::optional<BlockerInput>& blocker,
                                      const Context& context);
// On a confirmed task that is not removed or accepted; a blocker with its three parts
// and a `from` in the roster.
std::optional<Refusal> progress_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& task, const std::string& actor,
                                        const std::optional<BlockerInput>& blocker,
                                        const model::Roster& roster);

// unblock: the task's owner, the person the blocker waits on, or the project lead.
std::optional<Refusal> check_unblock(const model::Request& request, const Replayed& replayed,
                                     const std::string& blocker, const std::string& actor,
                                     const Context& context);
std::optional<Refusal> check_unblock(const model::Request& request, const Execution& execution,
                                     const std::string& blocker, const std::string& actor,
                                     const Context& context);
std::optional<Refusal> unblock_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& blocker, const std::string& actor,
                                       const model::Roster& roster);

// risk add: on a request in progress (or one of its tasks), with text, an owner in
// the roster and a due date.
std::optional<Refusal> check_risk_add(const model::Request& request, const Replayed& replayed,
                                      const std::string& task, const std::string& text,
                                      const std::string& owner, const std::string& due,
                                      const Context& context);
std::optional<Refusal> check_risk_add(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& text,
                                      const std::string& owner, const std::string& due,
                                      const Context& context);
// `task` empty for a risk on the whole request; the due date's calendar is the guard's.
std::optional<Refusal> risk_add_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& task, const std::string& text,
                                        const std::string& owner, const std::string& due,
                                        const model::Roster& roster);

// risk update: the risk's owner or the project lead; status open, mitigating or resolved.
std::optional<Refusal> check_risk_update(const model::Request& request, const Replayed& replayed,
                                         const std::string& risk, const std::string& status,
                                         const std::string& actor, const Context& context);
std::optional<Refusal> check_risk_update(const model::Request& request, const Execution& execution,
                                         const std::string& risk, const std::string& status,
                                         const std::string& actor, const Context& context);
std::optional<Refusal> risk_update_refusal(const model::Request& request,
                                           const Execution& execution, const std::string& risk,
                                           const std::string& status, const std::string& actor,
                                           const model::Roster& roster);

// A due date (YYYY-MM-DD) of a task, a sync action item or a risk: it must be a working
// day of the calendar; a holiday or weekend is refused with the next working day as hint.
std::optional<Refusal> check_working_date(const std::string& rule, const std::string& text,
                                          const Context& context);

// sync: the project lead records the sync meeting of a request in progress.
std::optional<Refusal> check_sync(const model::Request& request, const Replayed& replayed,
                                  const std::string& actor, const Context& context);
std::optional<Refusal> check_sync(const model::Request& request, const Execution& execution,
                                  const std::string& actor, const Context& context);
std::optional<Refusal> sync_refusal(const model::Request& request, const std::string& actor,
                                    const model::Roster& roster);

// change: proposed by a collaborator of a request in progress, with a reason and
// operations that refer to tasks and items that exist and dates on working days.
std::optional<Refusal> check_change(const model::Request& request, const Replayed& replayed,
                                    const std::vector<ChangeOp>& ops, const std::string& reason,
                                    const std::string& actor, const Context& context);
std::optional<Refusal> check_change(const model::Request& request, const Execution& execution,
                                    const std::vector<ChangeOp>& ops, const std::string& reason,
                                    const std::string& actor, const Context& context);
// Who, a reason, operations on tasks and items that exist; the dates' calendar and the
// split rule on the resulting table are the guard's.
std::optional<Refusal> change_refusal(const model::Request& request, const Execution& execution,
                                      const std::vector<ChangeOp>& ops, const std::string& reason,
                                      const std::string& reviewer, const std::string& actor,
                                      const model::Roster& roster);

// change approve/reject: the supervisor (or their delegate), once.
std::optional<Refusal> check_change_decision(const model::Request& request,
                                             const Replayed& replayed, const std::string& change,
                                             const std::string& actor, const Context& context,
                                             std::string& on_behalf_of);
std::optional<Refusal> check_change_decision(const model::Request& request,
                                             const Execution& execution, const std::string& change,
                                             const std::string& actor, const Context& context,
                                             std::string& on_behalf_of);
// `reviewer` is the request's supervisor (RequestStatus::reviewer); sets `on_behalf_of`
// to them when their delegate decides.
std::optional<Refusal>
change_decision_refusal(const model::Request& request, const Execution& execution,
                        const std::string& change, const std::string& reviewer,
                        const std::string& actor, const model::Roster& roster,
                        std::string& on_behalf_of);

// change confirm: an owner the change affects, once, after approval.
std::optional<Refusal> check_change_confirm(const model::Request& request, const Replayed& replayed,
                                            const std::string& change, const std::string& actor,
                                            const Context& context);
std::optional<Refusal> check_change_confirm(const model::Request& request,
                                            const Execution& execution, const std::string& change,
                                            const std::string& actor, const Context& context);
std::optional<Refusal> change_confirm_refusal(const model::Request& request,
                                              const Execution& execution, const std::string& change,
                                              const std::string& actor,
                                              const model::Roster& roster);

// action done: the action item's owner or the project lead.
std::optional<Refusal> check_action_done(const model::Request& request, const Replayed& replayed,
                                         const std::string& action, const std::string& actor,
                                         const Context& context);
std::optional<Refusal> check_action_done(const model::Request& request, const Execution& execution,
                                         const std::string& action, const std::string& actor,
                                         const Context& context);
std::optional<Refusal> action_done_refusal(const model::Request& request,
                                           const Execution& execution, const std::string& action,
                                           const std::string& actor, const model::Roster& roster);

// deliver: the owner submits the acceptance form (成果验收单) of an active task or one
// in rework: a deliverable name, a version different from earlier ones, and a
// self-check answering every action item the task covers. Late is allowed.
struct SelfCheck {
    int item = 0;
    bool done = false;
    std::string note;
};
std::optional<Refusal> check_deliver(const model::Request& request, const Replayed& replayed,
                                     const std::string& task, const std::string& actor,
                                     const std::string& version,
                                     const std::vector<SelfCheck>& self_check,
                                     const Context& context);
std::optional<Refusal> check_deliver(const model::Request& request, const Execution& execution,
                                     const std::string& task, const std::string& actor,
                                     const std::string& version,
                                     const std::vector<SelfCheck>& self_check,
                                     const Context& context);
std::optional<Refusal> deliver_refusal(const model::Request& request, const Execution& execution,
                                       const std::string& task, const std::string& actor,
                                       const std::string& version,
                                       const std::vector<SelfCheck>& self_check,
                                       const model::Roster& roster);

// Whether a delivery at context.now is late: past the end of the working day of the
// task's deadline in force (effective_deadline: inside a re-acceptance window, the
// re-acceptance date). Recorded in the entry as `late`.
struct DeliveryTiming {
    std::string deadline; // the deadline judged by, as written
    bool late = false;
};
DeliveryTiming delivery_timing(const TaskStatus& task, const Context& context);

// The version of a delivery given none: the first "vN" from the task's count on that no
// earlier delivery used.
std::string next_version(const TaskStatus& task);

// accept: each acceptor (project lead and the task's collaborators) once per delivery;
// a fail needs comments and a re-acceptance date at most reaccept_within_days
// working days away (counted with the calendar, make-up days included).
std::optional<Refusal> check_accept(const model::Request& request, const Replayed& replayed,
                                    const std::string& task, const std::string& actor, bool pass,
                                    const std::string& comment, const std::string& reaccept_by,
                                    const Context& context);
std::optional<Refusal> check_accept(const model::Request& request, const Execution& execution,
                                    const std::string& task, const std::string& actor, bool pass,
                                    const std::string& comment, const std::string& reaccept_by,
                                    const Context& context);
// Who, once, and a fail's comment and well-formed re-acceptance date; how far away
// that date may be is the guard's (calendar and now).
std::optional<Refusal> accept_refusal(const model::Request& request, const Execution& execution,
                                      const std::string& task, const std::string& actor, bool pass,
                                      const std::string& comment, const std::string& reaccept_by,
                                      const model::Roster& roster);

// feedback: each collaborator but the initiator answers once, every scored question
// 1..5, while the request is accepted and the window is open.
std::optional<Refusal> check_feedback(const model::Request& request, const Replayed& replayed,
                                      const std::string& actor,
                                      const std::vector<std::string>& required_keys,
                                      const std::map<std::string, int>& answers,
                                      const Context& context);
std::optional<Refusal> check_feedback(const model::Request& request, const Execution& execution,
                                      const std::string& actor,
                                      const std::vector<std::string>& required_keys,
                                      const std::map<std::string, int>& answers,
                                      const Context& context);
// Who and once; `reviewer` is RequestStatus::reviewer.
std::optional<Refusal> feedback_refusal(const model::Request& request, const Execution& execution,
                                        const std::string& reviewer, const std::string& actor,
                                        const model::Roster& roster);

} // namespace collab::rules
