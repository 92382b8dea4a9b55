#pragma once

#include "cli/command_line.hpp"
#include "cli/session.hpp"

#include <string>

namespace collab::cli {

// collab export REQUEST --form NAME [--format md|html|csv|xlsx]: one of the process's forms.
struct FormExportOptions {
    std::string form;          // approval, minutes, tracking, sync, acceptance, feedback
    std::string format = "md"; // md, html, csv, xlsx
};

// Adds --form and --format to `export`; returns --form, for the options it excludes.
Option* add_form_options(Command& command, FormExportOptions& options, i18n::Language lang);

// Renders the form of `request` and writes it to `output` (relative to -C), else to
// standard output (xlsx needs -o: usage error otherwise). A form the request has not reached yet is
// refused (exit 3).
void run_form_export(Session& session, const FormExportOptions& options, const std::string& request,
                     const std::string& output);

} // namespace collab::cli
