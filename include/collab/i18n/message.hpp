#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::i18n {

enum class Language { en, zh };

// A user-facing text, not yet translated: a catalog id and its arguments.
// The core builds these; only the command layer turns them into words.
struct Message {
    std::string id;
    std::vector<std::string> args;

    friend bool operator==(const Message&, const Message&) = default;
};

// Builds a Message from any arguments that fmt can print.
template <typename... Args>
Message msg(std::string id, const Args&... args);

// Renders a message in a language. `{0}`, `{1}`, ... in the catalog text take the
// arguments by position, so translations may reorder them. An id missing from the
// catalog renders as "[id] arg, arg" rather than failing.
std::string render(Language lang, const Message& message);

// Renders a catalog id with no arguments.
std::string text(Language lang, const std::string& id);

// True when the catalog has an entry with this id (used by tests).
bool has_message(const std::string& id);

// Every id in the catalog, with its English and Chinese text (used by tests).
struct CatalogEntry {
    const char* id;
    const char* en;
    const char* zh;
};
const std::vector<CatalogEntry>& catalog();

// Parses "zh", "zh_CN.UTF-8", "en", "en_US" ... ; anything starting with "zh" is Chinese.
std::optional<Language> parse_language(std::string_view tag);
std::string_view language_code(Language lang);

} // namespace collab::i18n

#include <collab/i18n/message_impl.hpp>
