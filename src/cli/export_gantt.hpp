#pragma once

#include "cli/session.hpp"

#include <collab/model/request.hpp>
#include <collab/rules/replay.hpp>
#include <string>

namespace collab::cli {

// `collab export REQUEST --gantt mermaid|svg`: the request's task table as a Gantt
// chart, in the reader's language. A usage error without a request; refused before
// the split (there are no tasks to chart).
std::string export_gantt(Session& session, const std::string& request, const std::string& format);

// The Gantt chart of a request already loaded and replayed, as an SVG document
// (util::gantt_svg); empty before the split.
std::string gantt_svg_of(Session& session, const model::Request& request,
                         const rules::Replayed& replayed);

} // namespace collab::cli
