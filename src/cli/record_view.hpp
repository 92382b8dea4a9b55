#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/record_list.hpp>
#include <collab/rules/replay.hpp>
#include <string>
#include <variant>
#include <vector>

namespace collab::cli {

// One line of `collab blocker|risk|action|change list`: the record as replayed, the
// request it belongs to, and what the listing selected it by.
struct RecordRow {
    std::string request;
    std::string request_title;
    rules::RecordEntry entry;
    std::variant<rules::Blocker, rules::Risk, rules::SyncAction, rules::ChangeRequest> record;
    std::vector<std::string> waiting_on; // a change's: change_waiting_on
};

// The rows of one request's records that `filter` selects, in the order they were raised.
std::vector<RecordRow> record_rows(const model::Request& request, const rules::Replayed& replayed,
                                   const rules::RecordFilter& filter);

// The records as a table (ids in full, people by name, states as the JSON names
// them), or a line saying there are none.
std::string render_record_rows_text(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context, i18n::Language lang);
// {"blockers": [...]} (or risks, actions, changes): docs/schemas/<kind>-list.schema.json.
std::string render_record_rows_json(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context);

} // namespace collab::cli
