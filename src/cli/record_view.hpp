#pragma once

#include <collab/i18n/message.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/record_list.hpp>
#include <string>
#include <vector>

namespace collab::cli {

// One line of `collab blocker|risk|action|change list`: the record as the index keeps
// it (rules/record_list) and the request it belongs to.
struct RecordRow {
    std::string request;
    std::string request_title;
    rules::RecordEntry entry;
};

// Appends the entries of one request that `filter` selects, in the order they were raised.
void add_record_rows(std::vector<RecordRow>& rows, const std::string& request,
                     const std::string& title, const std::vector<rules::RecordEntry>& entries,
                     const rules::RecordFilter& filter);

// The records as a table (ids in full, people by name, states as the JSON names
// them), or a line saying there are none.
std::string render_record_rows_text(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context, i18n::Language lang);
// {"blockers": [...]} (or risks, actions, changes): docs/schemas/<kind>-list.schema.json.
std::string render_record_rows_json(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context);

} // namespace collab::cli
