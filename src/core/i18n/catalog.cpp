// The one catalog of user-facing texts. Each area of the code keeps its rows in
// messages/<area>.inc, so that the ids stay near their subject while lookups see a
// single table. Texts take their arguments by position: {0}, {1}, ... An English
// text picks a word's form by a count: "{1} working {1|day|days}" reads "1 working
// day" and "3 working days" (plural_forms). A list argument (list_argument) is
// joined with ", " in English and "、" in Chinese.
#include <collab/i18n/list.hpp>
#include <collab/i18n/message.hpp>
#include <fmt/args.h>
#include <fmt/format.h>
#include <unordered_map>

namespace collab::i18n {

namespace {

const std::vector<CatalogEntry> k_entries = {
#include "messages/cli.inc"
#include "messages/forms.inc"
#include "messages/general.inc"
#include "messages/model.inc"
#include "messages/notify.inc"
#include "messages/rules.inc"
#include "messages/states.inc"
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

// What list_argument puts between items: the ASCII unit separator, which no record
// text holds (the YAML reader refuses control characters in scalars it shows).
constexpr char k_list_separator = '\x1f';

// Replaces each "{N|one|other}" by `one` when argument N is the count 1 (also "1*",
// a count guessed without holidays), else by `other`. "{{" and "}}" stay as they are.
std::string plural_forms(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
            out += "{{";
            ++i;
            continue;
        }
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            const auto body =
                pattern.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
            const auto bar = body.find('|');
            const auto second = bar == std::string_view::npos ? bar : body.find('|', bar + 1);
            if (second != std::string_view::npos && bar > 0 &&
                body.substr(0, bar).find_first_not_of("0123456789") == std::string_view::npos) {
                const auto index =
                    static_cast<std::size_t>(std::stoul(std::string(body.substr(0, bar))));
                std::string count = index < args.size() ? args[index] : std::string();
                if (!count.empty() && count.back() == '*') {
                    count.pop_back();
                }
                out +=
                    count == "1" ? body.substr(bar + 1, second - bar - 1) : body.substr(second + 1);
                i = close;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string join_with(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

std::string_view list_separator(Language lang) {
    return lang == Language::zh ? "、" : ", ";
}

} // namespace

std::string list_argument(const std::vector<std::string>& items) {
    return join_with(items, std::string_view(&k_list_separator, 1));
}

std::string join_list(Language lang, const std::vector<std::string>& items) {
    return join_with(items, list_separator(lang));
}

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
    const auto pattern =
        plural_forms(lang == Language::zh ? found->second->zh : found->second->en, message.args);
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const auto& arg : message.args) {
        if (arg.find(k_list_separator) == std::string::npos) {
            store.push_back(arg);
            continue;
        }
        std::string joined;
        for (const char c : arg) {
            if (c == k_list_separator) {
                joined += list_separator(lang);
            } else {
                joined += c;
            }
        }
        store.push_back(joined);
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
