#include <collab/model/survey.hpp>
#include <collab/yaml/map_reader.hpp>

namespace collab::model {

std::optional<Survey> read_survey(const yaml::Node& root, const std::string& path,
                                  const std::vector<std::string>& departments, const Roster& roster,
                                  Diagnostics& out) {
    yaml::MapReader reader(root, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    Survey survey;
    survey.improve = reader.optional_string("improve").value_or("");
    if (const auto* questions = reader.required("questions")) {
        for (const auto& item : questions->items()) {
            yaml::MapReader question(item, path, out);
            if (!question.is_map()) {
                continue;
            }
            const auto key = question.required_string("key").value_or("");
            const auto text = question.required_string("text").value_or("");
            const bool per_department = question.optional_bool("per_department").value_or(false);
            question.finish();
            if (key.empty()) {
                continue;
            }
            if (!per_department) {
                survey.questions.push_back({key, text, ""});
                continue;
            }
            for (const auto& dept : departments) {
                const auto* found = roster.find_department(dept);
                const auto name = found != nullptr ? found->name : dept;
                survey.questions.push_back({key + "." + (found != nullptr ? found->id : dept),
                                            text + " (" + name + ")", dept});
            }
        }
    }
    reader.finish();
    if (out.has_errors()) {
        return std::nullopt;
    }
    return survey;
}

} // namespace collab::model
