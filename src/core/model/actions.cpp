#include <array>
#include <collab/model/actions.hpp>

namespace collab::model {

namespace {

using enum KeyType;

// The keys of each action beyond seq, at, by, on_behalf_of, action and content.
// Required keys are those every release has written for the action; the others
// are written only when given.
constexpr ActionKey k_edit[] = {{"previous", text, true}, {"changes", records, true}};
constexpr ActionKey k_submit[] = {{"to", text, true}};
constexpr ActionKey k_comment[] = {{"comment", text, false}};
constexpr ActionKey k_review[] = {{"decision", text, true},
                                  {"checks", map, true},
                                  {"notes", map, false},
                                  {"comment", text, false}};
constexpr ActionKey k_meeting[] = {{"held_at", timestamp, true},
                                   {"duration_minutes", number, true},
                                   {"attendees", list, true},
                                   {"minutes", text, true},
                                   {"decisions", list, false}};
constexpr ActionKey k_split[] = {{"tasks", map, true}, {"deadlines", map, false}};
constexpr ActionKey k_task[] = {{"task", text, true}};
constexpr ActionKey k_progress[] = {{"task", text, true},
                                    {"note", text, true},
                                    {"percent", number, false},
                                    {"blocker", map, false}};
constexpr ActionKey k_unblock[] = {{"blocker", text, true}, {"note", text, false}};
constexpr ActionKey k_risk[] = {{"risk", text, true},
                                {"target", text, true},
                                {"text", text, true},
                                {"owner", text, true},
                                {"due", text, true}};
constexpr ActionKey k_risk_update[] = {
    {"risk", text, true}, {"status", text, true}, {"note", text, false}};
constexpr ActionKey k_sync[] = {{"held_at", timestamp, true}, {"duration_minutes", number, true},
                                {"attendees", list, true},    {"reports", records, true},
                                {"actions", records, true},   {"minutes", text, true}};
constexpr ActionKey k_action_done[] = {{"item", text, true}};
constexpr ActionKey k_change[] = {{"change", text, true},
                                  {"reason", text, true},
                                  {"ops", records, true},
                                  {"impact", list, true},
                                  {"affected", list, true}};
constexpr ActionKey k_change_decision[] = {
    {"change", text, true}, {"decision", text, true}, {"comment", text, false}};
constexpr ActionKey k_change_confirm[] = {{"change", text, true}};
constexpr ActionKey k_deliver[] = {{"task", text, true},         {"name", text, true},
                                   {"version", text, true},      {"description", text, false},
                                   {"link", text, false},        {"late", text, true},
                                   {"self_check", records, true}};
constexpr ActionKey k_accept[] = {{"task", text, true},
                                  {"verdict", text, true},
                                  {"comment", text, false},
                                  {"reaccept_by", text, false}};
constexpr ActionKey k_feedback[] = {{"answers", map, true}, {"comment", text, false}};

constexpr std::span<const ActionKey> none{};

using enum ActionKind;

// One row per action, in the order of ActionKind.
constexpr std::array<ActionInfo, static_cast<std::size_t>(ActionKind::unknown)> k_actions{{
    {create, "create", Stage::request, none, "log.create"},
    {edit, "edit", Stage::request, k_edit, "log.edit"},
    {submit, "submit", Stage::request, k_submit, "log.submit"},
    {withdraw, "withdraw", Stage::request, k_comment, "log.withdraw"},
    {review, "review", Stage::review, k_review, "log.review"},
    {meeting, "meeting", Stage::signoff, k_meeting, "log.meeting"},
    {sign, "sign", Stage::signoff, k_comment, "log.sign"},
    {ack, "ack", Stage::signoff, none, "log.ack"},
    {ActionKind::split, "split", Stage::split, k_split, "log.split"},
    {confirm, "confirm", Stage::split, k_task, "log.confirm"},
    {progress, "progress", Stage::execute, k_progress, "log.progress"},
    {unblock, "unblock", Stage::execute, k_unblock, "log.unblock"},
    {risk, "risk", Stage::execute, k_risk, "log.risk"},
    {risk_update, "risk-update", Stage::execute, k_risk_update, "log.risk-update"},
    {sync, "sync", Stage::execute, k_sync, "log.sync"},
    {action_done, "action-done", Stage::execute, k_action_done, "log.action-done"},
    {change, "change", Stage::execute, k_change, "log.change"},
    {change_decision, "change-decision", Stage::execute, k_change_decision, "log.change-decision"},
    {change_confirm, "change-confirm", Stage::execute, k_change_confirm, "log.change-confirm"},
    {deliver, "deliver", Stage::accept, k_deliver, "log.deliver"},
    {ActionKind::accept, "accept", Stage::accept, k_accept, "log.accept"},
    {ActionKind::feedback, "feedback", Stage::feedback, k_feedback, "log.feedback"},
}};

// The table is indexed by ActionKind: a row out of place is a compile error.
constexpr bool rows_in_order() {
    for (std::size_t i = 0; i < k_actions.size(); ++i) {
        if (static_cast<std::size_t>(k_actions[i].kind) != i) {
            return false;
        }
    }
    return true;
}
static_assert(rows_in_order(), "k_actions must list the actions in the order of ActionKind");

constexpr std::array<ChangeOpInfo, static_cast<std::size_t>(ChangeOpKind::unknown)> k_change_ops{{
    {ChangeOpKind::task_deadline, "task-deadline", true, true},
    {ChangeOpKind::due, "due", false, true},
    {ChangeOpKind::add_task, "add-task", true, false},
    {ChangeOpKind::remove_task, "remove-task", true, false},
    {ChangeOpKind::add_item, "add-item", false, true},
    {ChangeOpKind::remove_item, "remove-item", true, false},
    {ChangeOpKind::scope, "scope", false, true},
    {ChangeOpKind::withdraw, "withdraw", false, false},
}};

constexpr bool ops_in_order() {
    for (std::size_t i = 0; i < k_change_ops.size(); ++i) {
        if (static_cast<std::size_t>(k_change_ops[i].kind) != i) {
            return false;
        }
    }
    return true;
}
static_assert(ops_in_order(), "k_change_ops must list the ops in the order of ChangeOpKind");

constexpr ActionInfo k_unknown_action{ActionKind::unknown, "", Stage::request, none, "log.unknown"};

} // namespace

std::span<const ActionInfo> all_actions() {
    return k_actions;
}

ActionKind action_by_name(std::string_view name) {
    for (const auto& row : k_actions) {
        if (row.name == name) {
            return row.kind;
        }
    }
    return ActionKind::unknown;
}

const ActionInfo& action_info(ActionKind kind) {
    const auto index = static_cast<std::size_t>(kind);
    return index < k_actions.size() ? k_actions[index] : k_unknown_action;
}

std::string_view action_name(ActionKind kind) {
    return action_info(kind).name;
}

std::string_view stage_name(Stage stage) {
    static constexpr std::string_view names[] = {"request", "review", "signoff", "split",
                                                 "execute", "accept", "feedback"};
    return names[static_cast<std::size_t>(stage)];
}

std::span<const ChangeOpInfo> all_change_ops() {
    return k_change_ops;
}

ChangeOpKind change_op_by_name(std::string_view name) {
    for (const auto& row : k_change_ops) {
        if (row.name == name) {
            return row.kind;
        }
    }
    return ChangeOpKind::unknown;
}

std::string_view change_op_name(ChangeOpKind kind) {
    const auto index = static_cast<std::size_t>(kind);
    return index < k_change_ops.size() ? k_change_ops[index].name : std::string_view();
}

} // namespace collab::model
