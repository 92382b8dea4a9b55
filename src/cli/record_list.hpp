#pragma once

#include "cli/command_line.hpp"
#include "cli/session.hpp"

#include <collab/rules/record_list.hpp>

namespace collab::cli {

// Declares `list` under a record's command group (blocker, risk, action, change): its
// records across the workspace or in one request, open ones unless --all, filtered
// by whom they concern (--mine, --person) and, for blockers and risks, by task.
void add_record_list(Command& group, Session& session, rules::RecordKind kind);

} // namespace collab::cli
