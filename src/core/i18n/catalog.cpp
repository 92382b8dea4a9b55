// The one catalog of user-facing texts. Each area of the code keeps its rows in
// messages/<area>.inc, so that the ids stay near their subject while lookups see a
// single table. Texts take their arguments by position: {0}, {1}, ...
#include <collab/i18n/message.hpp>
#include <fmt/args.h>
#include <fmt/format.h>
#include <unordered_map>

namespace collab::i18n {

namespace {

const std::vector<CatalogEntry> k_entries = {
#include "messages/cli.inc"
#include "messages/general.inc"
#include "messages/model.inc"
#include "messages/notify.inc"
#include "messages/rules.inc"
#include "messages/time.inc"
#include "messages/trust.inc"
#include "messages/yaml.inc"
};

const std::unordered_map<std::string_view, const CatalogEntry*>& index() {
    static const auto table = [] {
        std::unordered_map<std::string_view, const CatalogEntry*> map;
        for (const auto& entry : k_entries) {
            map.emplace(entry.id, &entry);
        }
        return map;
    }();
    return table;
}

} // namespace

const std::vector<CatalogEntry>& catalog() {
    return k_entries;
}

bool has_message(const std::string& id) {
    return index().count(id) != 0;
}

std::string render(Language lang, const Message& message) {
    const auto found = index().find(message.id);
    if (found == index().end()) {
        std::string out = "[" + message.id + "]";
        for (std::size_t i = 0; i < message.args.size(); ++i) {
            out += (i == 0 ? " " : ", ") + message.args[i];
        }
        return out;
    }
    const char* pattern = lang == Language::zh ? found->second->zh : found->second->en;
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& arg : message.args) {
        store.push_back(arg);
    }
    try {
        return fmt::vformat(pattern, store);
    } catch (const fmt::format_error&) {
        // A catalog row that asks for more arguments than given is a bug the
        // catalog test catches; at run time show the text rather than abort.
        return pattern;
    }
}

std::string text(Language lang, const std::string& id) {
    return render(lang, Message{id, {}});
}

std::optional<Language> parse_language(std::string_view tag) {
    if (tag.substr(0, 2) == "zh") {
        return Language::zh;
    }
    if (tag.substr(0, 2) == "en" || tag == "C" || tag == "POSIX" || tag.substr(0, 2) == "C.") {
        return Language::en;
    }
    return std::nullopt;
}

std::string_view language_code(Language lang) {
    return lang == Language::zh ? "zh" : "en";
}

} // namespace collab::i18n
