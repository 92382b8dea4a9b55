#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// The text without surrounding spaces, tabs and line breaks.
std::string trim(std::string_view text);

// The lines of `text`, split at '\n', empty ones kept; no line after a final '\n'.
std::vector<std::string> lines_of(std::string_view text);

// Appends "key=<length>:value\n" to a canonical encoding: length-prefixed, so no two
// different sequences of fields can encode alike (used for content hashes).
void append_canonical(std::string& out, std::string_view key, std::string_view value);

// Text escaped for XML and HTML content and attribute values (&, <, >, ", '); control
// characters XML 1.0 cannot hold are dropped.
std::string xml_escape(std::string_view text);

// Appends `item` unless it is empty or already listed: lists of people and ids keep
// the order in which they were first named.
void append_unique(std::vector<std::string>& items, const std::string& item);

// Whether `item` is in `items`.
bool contains(const std::vector<std::string>& items, const std::string& item);

} // namespace collab::util
