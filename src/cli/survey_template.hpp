#pragma once

#include "cli/session.hpp"

#include <collab/model/request.hpp>
#include <collab/model/survey.hpp>

namespace collab::cli {

// The feedback survey (沟通反馈表) in the session's language for a request: the
// workspace's templates/feedback.<lang>.yaml, else the one compiled in, expanded for the
// departments the request involves. An invalid template fails (exit 4).
model::Survey load_survey(Session& session, const model::Request& request);

} // namespace collab::cli
