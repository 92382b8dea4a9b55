#pragma once

#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace collab::model {

// Adds one path to the `calendars:` list of collab.yaml's text, editing only that
// list so that every comment and hand-written line of the file survives. Handles the
// two forms people write: a flow list on one line (`calendars: [a, b]  # note`) and
// a block list (`calendars:` then `  - a` lines); `calendars:` with no value becomes
// `calendars: [path]`, and a file without the key gets it appended. nullopt when the
// list is written in another form (several lines of flow, quotes holding brackets or
// '#', the key twice): the caller refuses rather than risk rewriting the file.
std::optional<std::string> add_calendar_to_config(std::string_view text, const std::string& path);

// Adds one item to the `keys:` list of a person in people.yaml's text (`root` is that
// text parsed), editing only the lines of that person so that every comment and
// hand-written line survives: a block list gets a line `- <item>`, a person without
// `keys:` (or with `keys:` empty) gets the list after their last line. nullopt when
// the person is not in the file or is written in a form this does not edit (a flow
// map, `keys:` as a flow list with items): the caller refuses.
std::optional<std::string> add_key_to_roster(std::string_view text, const yaml::Node& root,
                                             const std::string& person_id, const std::string& item);

} // namespace collab::model
