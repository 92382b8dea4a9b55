// A parsed YAML tree, or a refusal with its messages, written out in full (kinds,
// marks, quoted flags, text) so that two readers' answers can be compared and shown.
// Shared by the differential unit test and collab-yaml-bench --check.
#pragma once

#include <collab/i18n/message.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace collab::yaml::testing {

inline std::string describe(const Node& node) {
    std::string out = fmt::format("@{}:{}", node.mark().line, node.mark().column);
    switch (node.kind()) {
    case Node::Kind::null:
        return out + " null";
    case Node::Kind::scalar:
        return fmt::format("{} {}{:?}", out, node.quoted() ? "quoted " : "", node.scalar());
    case Node::Kind::sequence:
        out += " [";
        for (const auto& item : node.items()) {
            out += describe(item) + ", ";
        }
        return out + "]";
    case Node::Kind::map:
        out += " {";
        for (const auto& [key, value] : node.entries()) {
            out += describe(key) + ": " + describe(value) + ", ";
        }
        return out + "}";
    }
    return out;
}

// "accepted <tree>" or "refused", then one line per diagnostic, in English.
template <typename Parse>
std::string describe_outcome(Parse parse, std::string_view text, const Limits& limits = {}) {
    Diagnostics diagnostics;
    const auto node = parse(text, "f.yaml", diagnostics, limits);
    std::string out = node ? "accepted " + describe(*node) : std::string("refused");
    for (const auto& item : diagnostics.items()) {
        out += "\n" + format_diagnostic(i18n::Language::en, item);
    }
    return out;
}

} // namespace collab::yaml::testing
