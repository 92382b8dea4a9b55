#pragma once

#include "cli/session.hpp"

#include <collab/model/request_form.hpp>
#include <optional>
#include <string>

namespace collab::cli {

// A request form as the user gave it: the parsed form and the exact text to store,
// so that their comments and layout survive.
struct FormInput {
    model::RequestForm form;
    std::string text;
};

// Reads and checks the shape of a form text (from --file or the editor). Prints
// every problem and stops with exit 4 when the text cannot be a form; `display_path`
// names the text in messages.
FormInput parse_form_text(Session& session, const std::string& text,
                          const std::string& display_path);

// Drops the lines of `edited` that are the template's own comments, like git drops
// its "# Please enter the commit message" lines; the user's comments stay.
std::string strip_template_comments(const std::string& edited, const std::string& template_text);

// True when nothing but blank lines and comments is left.
bool is_blank_yaml(const std::string& text);

// A file in the workspace's state folder that the user edits in $EDITOR. Each run
// gets its own file, kept when the command stops with an error (its path is in the
// messages), so no typing is ever lost; `discard` removes it once the text is stored.
class EditBuffer {
public:
    EditBuffer(Session& session, const std::string& stem, const std::string& extension,
               const std::string& initial);
    // Runs the editor and returns what the user saved; stops when the editor fails.
    std::string edit();
    // The buffer's path relative to the workspace root, for messages.
    const std::string& relative_path() const { return m_relative; }
    void discard();

private:
    Session& m_session;
    std::string m_relative;
    std::filesystem::path m_path;
};

// Ensures the stored text says who initiated the request and when, adding the
// lines when absent and refusing a different initiator.
std::string with_identity(Session& session, const FormInput& input, const std::string& initiator,
                          const std::string& created);

} // namespace collab::cli
