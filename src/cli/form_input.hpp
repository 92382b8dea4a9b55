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

// Opens the editor on `initial` in the workspace's state folder and returns what the
// user saved. The file is kept (and its path printed) when the caller stops with
// an error, so no typing is lost.
std::string edit_text(Session& session, const std::string& file_name, const std::string& initial);

// Ensures the stored text says who initiated the request and when, adding the
// lines when absent and refusing a different initiator.
std::string with_identity(Session& session, const FormInput& input, const std::string& initiator,
                          const std::string& created);

} // namespace collab::cli
