#pragma once

#include <collab/model/roster.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// One scored question of the feedback survey (沟通反馈表), after expansion: a
// per-department question becomes one question per involved department
// ("responsiveness.tech").
struct SurveyQuestion {
    std::string key;
    std::string text;
    std::string department; // for per-department questions
};

struct Survey {
    std::vector<SurveyQuestion> questions;
    std::string improve; // the free-text prompt
};

// Reads templates/feedback.<lang>.yaml and expands it for the departments involved.
std::optional<Survey> read_survey(const yaml::Node& root, const std::string& path,
                                  const std::vector<std::string>& departments, const Roster& roster,
                                  Diagnostics& out);

} // namespace collab::model
