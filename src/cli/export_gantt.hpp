#pragma once

#include "cli/session.hpp"

#include <string>

namespace collab::cli {

// `collab export REQUEST --gantt mermaid|svg`: the request's task table as a Gantt
// chart, in the reader's language. A usage error without a request; refused before
// the split (there are no tasks to chart).
std::string export_gantt(Session& session, const std::string& request, const std::string& format);

} // namespace collab::cli
