#pragma once

#include "cli/session.hpp"

#include <CLI/CLI.hpp>

namespace collab::cli {

// Each command group lives in its own file and registers itself here: adding a
// command is adding a file and one line in main.cpp.
void register_init(CLI::App& app, Session& session);
void register_request(CLI::App& app, Session& session);
void register_calendar(CLI::App& app, Session& session);
void register_people(CLI::App& app, Session& session);
void register_check(CLI::App& app, Session& session);
void register_review(CLI::App& app, Session& session);
void register_meeting(CLI::App& app, Session& session);
void register_sign(CLI::App& app, Session& session);
void register_inbox(CLI::App& app, Session& session);
void register_log(CLI::App& app, Session& session);
void register_split(CLI::App& app, Session& session);
void register_progress(CLI::App& app, Session& session);
void register_risk(CLI::App& app, Session& session);
void register_sync(CLI::App& app, Session& session);
void register_change(CLI::App& app, Session& session);
void register_accept(CLI::App& app, Session& session);
void register_stats(CLI::App& app, Session& session);
void register_key(CLI::App& app, Session& session);
void register_doctor(CLI::App& app, Session& session);
void register_export(CLI::App& app, Session& session);
void register_notify(CLI::App& app, Session& session);

// Adds `--format text|json` to a read command.
void add_format_option(CLI::App& command, Session& session, OutputFormat& format);

} // namespace collab::cli
