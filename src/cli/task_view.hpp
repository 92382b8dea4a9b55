#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/request_index.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// One line of the tracking table, derived once for the renderers.
struct TaskRow {
    std::string request;
    std::string request_title;
    rules::TaskStatus status;
    rules::TaskTiming timing;
    std::vector<rules::TaskBlockerNote> open_blockers;
    std::vector<rules::TaskRiskNote> risks; // open or mitigating risks on the task
    std::vector<std::pair<time::Timestamp, std::string>> updates; // (when, note), oldest first
};

// Every task of a request read in full, with its updates.
std::vector<TaskRow> task_rows(const model::Request& request, const rules::Context& context);
// One task's row from the digests' index (no updates: the list does not show them).
TaskRow task_row(const std::string& request, const std::string& title,
                 const rules::TaskEntry& entry, const rules::Context& context);

std::string render_task_rows_text(const std::vector<TaskRow>& rows, const rules::Context& context,
                                  i18n::Language lang);
std::string render_task_rows_json(const std::vector<TaskRow>& rows, const rules::Context& context);
std::string render_task_text(const TaskRow& row, const rules::Context& context,
                             i18n::Language lang);
std::string render_task_json(const TaskRow& row, const rules::Context& context);

} // namespace collab::cli
