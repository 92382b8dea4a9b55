#pragma once

#include "cli/command_line.hpp"
#include "cli/session.hpp"

namespace collab::cli {

// Each command group lives in its own file and registers itself here: adding a
// command is adding a file and one line in main.cpp.
void register_init(Command& app, Session& session);
void register_request(Command& app, Session& session);
void register_calendar(Command& app, Session& session);
void register_people(Command& app, Session& session);
void register_check(Command& app, Session& session);
void register_review(Command& app, Session& session);
void register_meeting(Command& app, Session& session);
void register_sign(Command& app, Session& session);
void register_inbox(Command& app, Session& session);
void register_log(Command& app, Session& session);
void register_split(Command& app, Session& session);
void register_progress(Command& app, Session& session);
void register_risk(Command& app, Session& session);
void register_sync(Command& app, Session& session);
void register_change(Command& app, Session& session);
void register_accept(Command& app, Session& session);
void register_stats(Command& app, Session& session);
void register_site(Command& app, Session& session);
void register_key(Command& app, Session& session);
void register_doctor(Command& app, Session& session);
void register_export(Command& app, Session& session);
void register_notify(Command& app, Session& session);
void register_completion(Command& app, Session& session);

// `collab __complete WORD...` (what the completion scripts ask): prints what the last
// word can be, read from `tree` and, for ids, from the workspace.
int run_complete(CommandTree& tree, Session& session, GlobalOptions& options,
                 std::vector<std::string> words, std::ostream& out);

// Adds `--format text|json` to a read command.
void add_format_option(Command& command, Session& session, OutputFormat& format);

} // namespace collab::cli
