#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace collab::model {

// The one table of the actions a log entry may record (collab(5)): each action's name
// as written in the logs, the stage of the process it belongs to, the keys its entries
// carry and the catalog id that describes it in `collab log`. Reading a log, replaying
// it and writing an entry all name actions through this table, so that an action is
// spelled once.

enum class ActionKind : std::uint8_t {
    create,
    edit,
    submit,
    withdraw,
    review,
    meeting,
    sign,
    ack,
    split,
    confirm,
    progress,
    unblock,
    risk,
    risk_update,
    sync,
    action_done,
    change,
    change_decision,
    change_confirm,
    deliver,
    accept,
    feedback,
    unknown, // an action this release does not know (written by hand or by a later one)
};

enum class Stage : std::uint8_t { request, review, signoff, split, execute, accept, feedback };

// The shape of a key's value, as collab writes it.
enum class KeyType : std::uint8_t {
    text,      // a scalar
    number,    // a scalar integer
    timestamp, // a scalar "YYYY-MM-DDTHH:MM:SS+08:00"
    list,      // a sequence of scalars
    map,       // a map of scalars
    records,   // a sequence of maps
    text_or_map,
};

struct ActionKey {
    std::string_view name;
    KeyType type;
    bool required;
};

struct ActionInfo {
    ActionKind kind;
    std::string_view name; // as written in the logs
    Stage stage;
    std::span<const ActionKey> keys; // beyond the common ones (event_common_keys)
    std::string_view catalog_id;     // the headline of `collab log` (review adds ".<decision>")
};

// Every action, in the order of ActionKind (without `unknown`).
std::span<const ActionInfo> all_actions();

// The action named `name` in a log, or ActionKind::unknown.
ActionKind action_by_name(std::string_view name);

// The row of an action; `unknown` has no row.
const ActionInfo& action_info(ActionKind kind);

// The name of an action as written in the logs ("" for unknown).
std::string_view action_name(ActionKind kind);

// The stage's name: request, review, signoff, split, execute, accept, feedback.
std::string_view stage_name(Stage stage);

// The operations a change request may carry (the `ops` of a `change` entry).
enum class ChangeOpKind : std::uint8_t {
    task_deadline,
    due,
    add_task,
    remove_task,
    add_item,
    remove_item,
    scope,
    withdraw,
    unknown,
};

struct ChangeOpInfo {
    ChangeOpKind kind;
    std::string_view name; // the op's `kind:` in the log
    bool has_target;       // a task id or item number
    bool has_value;        // a date, an item or a scope text
};

std::span<const ChangeOpInfo> all_change_ops();
ChangeOpKind change_op_by_name(std::string_view name);
std::string_view change_op_name(ChangeOpKind kind);

} // namespace collab::model
