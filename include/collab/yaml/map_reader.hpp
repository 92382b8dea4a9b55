#pragma once

#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::yaml {

// Location of a node in a file, for diagnostics.
SourceLocation location(const std::string& path, const Node& node);

// Reads the fields of one YAML map into a typed record. Every key the decoder
// asks about is "known"; `finish` then warns about the others (naming the closest
// known key) without dropping them, because a person may have added them on purpose.
//
//   MapReader r(node, path, diags);
//   auto title = r.required_string("title");
//   auto due = r.optional_string("due");
//   r.finish();
class MapReader {
public:
    // When `node` is not a map, reports "expected a map" once and reads nothing.
    // `node` and `path` are kept by reference (a reader is made for every log entry,
    // and a copy of the path cost an allocation each time): both must outlive it.
    MapReader(const Node& node, const std::string& path, Diagnostics& out);
    MapReader(const Node& node, std::string&& path, Diagnostics& out) = delete;

    // The value of a key, or null when absent. Marks the key as known.
    const Node* optional(std::string_view key);
    // Like optional, but reports "missing field 'key'" at the map when absent.
    const Node* required(std::string_view key);

    // Scalars as strings. A non-scalar value is reported ("field 'key' must be text").
    std::optional<std::string> optional_string(std::string_view key);
    std::optional<std::string> required_string(std::string_view key);
    // A sequence of scalars (a lone scalar is accepted as a one-item list).
    std::vector<std::string> string_list(std::string_view key, bool required = false);
    // Integers and booleans ("true"/"false"); malformed values are reported.
    std::optional<long long> optional_int(std::string_view key);
    std::optional<bool> optional_bool(std::string_view key);

    // Warns about unknown keys; returns their names.
    std::vector<std::string> finish();

    bool is_map() const { return m_node.is_map(); }
    const Node& node() const { return m_node; }
    const std::string& path() const { return m_path; }
    Diagnostics& diagnostics() { return m_out; }

private:
    const Node& m_node;
    const std::string& m_path;
    Diagnostics& m_out;
    // The keys asked about: a few, short enough to live inside their strings, so a
    // vector searched in order costs no allocation per key where a set costs one.
    std::vector<std::string> m_known;
};

} // namespace collab::yaml
