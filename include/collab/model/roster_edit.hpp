#pragma once

#include <collab/util/diagnostic.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::model {

// What `collab people add` sets on a new person and `people edit` changes on one.
// An unset field is left as it is; an empty string removes an optional field
// (email, manager, delegate, a mention id); name and department cannot be removed.
struct PersonChanges {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> department;
    std::optional<std::string> manager;
    std::optional<std::string> delegate;
    std::optional<std::vector<std::string>> roles;
    std::map<std::string, std::string> mentions; // platform ("feishu", ...) -> id there

    bool empty() const;
};

// people.yaml's text with one more person at the end of `people:`, written in the
// layout of the people before them. Every other line of the file is kept as it was.
// The result is read back through read_roster, so it is refused exactly as a hand
// edit would be (a duplicate id, an unknown department, a bad delegate, ...): then
// nullopt, with the reasons in `out`. Warnings of the read (an unknown role) are in
// `out` with the text.
std::optional<std::string> add_person(std::string_view text, const std::string& path,
                                      const std::string& id, const PersonChanges& fields,
                                      Diagnostics& out);

// people.yaml's text with a person's fields changed, editing only the lines of those
// fields: a value on the key's line is replaced and a comment after it kept; a value
// over several lines (a block list of roles) becomes one line, and the comments among
// its lines stay as comment lines below it; a missing field is added after the
// person's last line. Checked like add_person. nullopt when the person is not in the
// file or written in a form this does not edit (a flow map).
std::optional<std::string> edit_person(std::string_view text, const std::string& path,
                                       const std::string& id, const PersonChanges& changes,
                                       Diagnostics& out);

} // namespace collab::model
