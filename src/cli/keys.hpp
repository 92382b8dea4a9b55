#pragma once

#include <collab/model/roster.hpp>
#include <collab/util/diagnostic.hpp>
#include <optional>
#include <string>

namespace collab::cli {

// people.yaml's text with one more key under a person's `keys:` (model::add_key_to_roster),
// written as a string, or as a map when it has a validity window. nullopt when the
// file is in a form that cannot be edited in place.
std::optional<std::string> roster_with_key(const std::string& text, const std::string& person_id,
                                           const model::PersonKey& key, Diagnostics& out);

} // namespace collab::cli
