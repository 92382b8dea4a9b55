#pragma once

#include <collab/i18n/message.hpp>
#include <string>
#include <vector>

namespace collab::i18n {

// A list passed as one argument of a Message (people, checklist items): its items
// joined by a separator that render() writes as ", " in English and "、" in Chinese.
std::string list_argument(const std::vector<std::string>& items);

// The same list joined for a language, for text the command layer lays out itself.
std::string join_list(Language lang, const std::vector<std::string>& items);

} // namespace collab::i18n
