#pragma once

#include <collab/yaml/node.hpp>
#include <string>
#include <string_view>

namespace collab::yaml {

// Writes a scalar so that `parse` reads back exactly the same text: plain when
// that is unambiguous, else double-quoted with escapes. Strings that YAML would
// read as something else (true, null, 1.5, 2026-01-01 stays plain as we read dates
// as text, leading '-', ': ', '#', ...) are quoted.
std::string quote_scalar(std::string_view text);

// Emits a node as block-style YAML, the way a person would write it by hand:
// `key: value` maps, `- item` sequences, short lists of plain scalars in flow
// style (`[a, b]`), multi-line text as literal blocks (`|`). Ends with a newline.
// `emit(parse(emit(n)))` equals `emit(n)`.
std::string emit(const Node& node);

} // namespace collab::yaml
