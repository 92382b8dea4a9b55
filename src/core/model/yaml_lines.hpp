#pragma once

// Line helpers for editing a YAML file's text in place (config_edit, roster_edit): the
// editors change only the lines they must, so that comments and hand-written layout
// survive, and these read a line the way a block-style YAML file is laid out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::model::yaml_lines {

// The text's lines, without their '\n'.
std::vector<std::string> split_lines(std::string_view text);
// The lines joined with '\n', with a final one when `final_newline`.
std::string join_lines(const std::vector<std::string>& lines, bool final_newline);

// The line without its trailing comment and spaces; nullopt when a quoted value holds
// a character that could be read as list syntax or a comment (# , [ ] { }), where a
// plain scan could split the line wrongly.
std::optional<std::string> value_part(const std::string& line);
// The comment at the end of a line ("# note"), with the spaces before it; "" when none.
std::string trailing_comment(const std::string& line);

std::size_t indent_of(const std::string& line);
bool is_blank_or_comment(const std::string& line);

} // namespace collab::model::yaml_lines
