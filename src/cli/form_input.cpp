#include "cli/form_input.hpp"

#include "cli/process.hpp"

#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/yaml/node.hpp>
#include <collab/yaml/writer.hpp>
#include <set>
#include <sstream>
#include <unistd.h>

namespace collab::cli {

using i18n::msg;

FormInput parse_form_text(Session& session, const std::string& text,
                          const std::string& display_path) {
    Diagnostics problems;
    auto node = yaml::parse(text, display_path, problems);
    std::optional<model::RequestForm> form;
    if (node) {
        form = model::read_request_form(*node, display_path, problems);
    }
    if (problems.has_errors() || !form) {
        if (!problems.has_errors()) {
            problems.error({display_path, 1, 1}, msg("request.not_a_form"));
        }
        session.fail(k_exit_invalid, problems);
    }
    session.print_diagnostics(problems);
    return FormInput{std::move(*form), text};
}

std::string strip_template_comments(const std::string& edited, const std::string& template_text) {
    std::set<std::string> template_comments;
    std::istringstream tpl(template_text);
    for (std::string line; std::getline(tpl, line);) {
        // The schema line stays: it is for the editor the file is opened in next time.
        if (line.rfind('#', 0) == 0 && line.rfind("# yaml-language-server:", 0) != 0) {
            template_comments.insert(line);
        }
    }
    std::string out;
    std::istringstream in(edited);
    bool previous_blank = true; // drop blank lines left at the top
    for (std::string line; std::getline(in, line);) {
        if (template_comments.count(line) != 0) {
            continue;
        }
        const bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
        if (blank && previous_blank) {
            continue;
        }
        out += line + '\n';
        previous_blank = blank;
    }
    return out;
}

bool is_blank_yaml(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos && line[first] != '#') {
            return false;
        }
    }
    return true;
}

EditBuffer::EditBuffer(Session& session, const std::string& stem, const std::string& extension,
                       const std::string& initial)
    : m_session(session) {
    m_relative = std::string(store::k_state_dir) + "/" + stem + "-" + std::to_string(getpid()) +
                 "." + extension;
    m_path = session.workspace().root() / m_relative;
    store::write_file_atomically(session.workspace().root(), m_relative, initial);
}

std::string EditBuffer::edit() {
    const int status = run_editor(m_path);
    if (status != 0) {
        m_session.fail(k_exit_usage, msg("request.editor_failed", status, m_relative));
    }
    return store::read_contained(m_session.workspace().root(), m_relative);
}

void EditBuffer::discard() {
    std::error_code ignored;
    std::filesystem::remove(m_path, ignored);
}

std::string with_identity(Session& session, const FormInput& input, const std::string& initiator,
                          const std::string& created) {
    if (!input.form.initiator.empty() && input.form.initiator != initiator) {
        session.fail(k_exit_usage, msg("request.other_initiator", input.form.initiator, initiator));
    }
    std::string text = input.text;
    if (!text.empty() && text.back() != '\n') {
        text += '\n';
    }
    std::string added;
    if (input.form.initiator.empty()) {
        added += "initiator: " + yaml::quote_scalar(initiator) + "\n";
    }
    if (input.form.created.empty()) {
        added += "created: " + yaml::quote_scalar(created) + "\n";
    }
    if (added.empty()) {
        return text;
    }
    // Appending keeps the user's text intact; a flow-style document cannot take
    // appended lines, so it is written out afresh instead.
    Diagnostics ignored;
    const auto appended = text + added;
    const auto reparsed = yaml::parse(appended, "", ignored);
    if (reparsed && reparsed->is_map() && reparsed->find("initiator") &&
        reparsed->find("created")) {
        return appended;
    }
    auto form = input.form;
    form.initiator = initiator;
    form.created = created;
    return yaml::emit(model::to_node(form));
}

} // namespace collab::cli
