#pragma once

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

} // namespace collab::model
