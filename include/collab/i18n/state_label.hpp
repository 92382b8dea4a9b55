#pragma once

#include <collab/i18n/message.hpp>
#include <string>
#include <string_view>

namespace collab::i18n {

// The word a table shows for a state id ("submitted", "in-progress", "open", ...): the
// id itself in English, where scripts and `--state` use it, and the catalog's word in
// Chinese. An id the catalog does not know is shown as it is.
std::string state_label(Language lang, std::string_view state);

} // namespace collab::i18n
