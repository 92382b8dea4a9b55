#pragma once
// The three YAML readers behind parse(), tried in turn: the subset reader (hand-written,
// for the YAML collab writes; it declines anything else), libyaml's, and yaml-cpp's (the
// reference: it gives today's syntax messages, and the differential test holds the two
// others to it). All expect a text that passed parse()'s checks of size, UTF-8 and
// conflict markers.
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace collab::yaml {

// parse() with the reference reader alone: the checks, then yaml-cpp.
std::optional<Node> parse_reference(std::string_view text, const std::string& path,
                                    Diagnostics& out, const Limits& limits = {});

// parse() without the subset reader: the checks, then libyaml, then yaml-cpp if need be.
std::optional<Node> parse_libyaml(std::string_view text, const std::string& path, Diagnostics& out,
                                  const Limits& limits = {});

namespace reader {

// Refuses, before any YAML reader sees it, a text that is too large, not UTF-8, holds
// a NUL byte or a git conflict.
bool readable_text(std::string_view text, const std::string& path, Diagnostics& out,
                   const Limits& limits);

// Reads with yaml-cpp's event parser; refusals and syntax errors go to `out`.
std::optional<Node> read_reference(std::string_view text, const std::string& path, Diagnostics& out,
                                   int max_depth);

// Reads a text in the subset of YAML collab writes (block maps and sequences, one-line
// scalars, `[a, b]` lists, literal blocks, comments) straight into Nodes. Declines
// (nullopt) anything else, and anything the reference would refuse or read otherwise:
// what it accepts is exactly the reference's tree.
std::optional<Node> read_subset(std::string_view text, int max_depth);

// What the libyaml reader made of a text.
enum class Outcome {
    accepted,
    refused,
    // For these two, only the reference reader can say what today's answer is:
    // libyaml found a syntax error,
    syntax_error,
    // or the text holds what libyaml and yaml-cpp are known to read differently.
    reads_differently,
};

struct LibyamlRead {
    Outcome outcome = Outcome::reads_differently;
    Node root;
};

// libyaml's reader, then the reference where it cannot answer: parse() past the checks
// and the subset reader.
std::optional<Node> read_with_libyaml(std::string_view text, const std::string& path,
                                      Diagnostics& out, const Limits& limits);

// Reads with libyaml's event parser; refusals go to `out`, nothing else does.
LibyamlRead read_libyaml(std::string_view text, const std::string& path, Diagnostics& out,
                         int max_depth);

} // namespace reader
} // namespace collab::yaml
