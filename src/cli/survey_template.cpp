#include "cli/survey_template.hpp"

#include <collab/rules/form_rule.hpp>
#include <collab/store/templates.hpp>
#include <collab/yaml/node.hpp>

namespace collab::cli {

model::Survey load_survey(Session& session, const model::Request& request) {
    const auto& workspace = session.workspace();
    const auto name = "feedback." + std::string(i18n::language_code(session.lang())) + ".yaml";
    const auto text = store::find_template(name, workspace.root()).value_or("");
    Diagnostics problems;
    auto node = yaml::parse(text, "templates/" + name, problems);
    std::optional<model::Survey> survey;
    if (node) {
        survey = model::read_survey(*node, "templates/" + name,
                                    rules::involved_departments(request.form, workspace.roster()),
                                    workspace.roster(), problems);
    }
    if (!survey) {
        session.fail(k_exit_invalid, problems);
    }
    return *survey;
}

} // namespace collab::cli
