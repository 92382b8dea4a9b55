#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// Levenshtein distance between two strings (byte-wise).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo
// (distance at most max(1, len/3)), for "did you mean ...?" hints.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

} // namespace collab::util
