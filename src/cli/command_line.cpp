// The one file that includes CLI11 (see command_line.hpp for why).
#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>
#include <regex>

namespace collab::cli {

Option* Option::required() {
    m_option->required();
    return this;
}

Option* Option::type_name(std::string name) {
    m_option->type_name(std::move(name));
    return this;
}

Option* Option::one_of(std::vector<std::string> values) {
    m_option->check(CLI::IsMember(std::move(values)).description(""));
    return this;
}

Option* Option::range(int low, int high) {
    m_option->check(CLI::Range(low, high).description(""));
    return this;
}

Option* Option::envname(std::string name) {
    m_option->envname(std::move(name));
    return this;
}

Option* Option::excludes(Option* other) {
    m_option->excludes(other->m_option);
    return this;
}

Option* Option::needs(Option* other) {
    m_option->needs(other->m_option);
    return this;
}

template <class T>
Option* Command::add_option(const std::string& name, T& into, const std::string& description) {
    return m_tree->wrap(m_app->add_option(name, into, description));
}

template Option* Command::add_option<std::string>(const std::string&, std::string&,
                                                  const std::string&);
template Option* Command::add_option<int>(const std::string&, int&, const std::string&);
template Option* Command::add_option<std::vector<std::string>>(const std::string&,
                                                               std::vector<std::string>&,
                                                               const std::string&);

Option* Command::add_option_function(const std::string& name,
                                     std::function<void(const std::string&)> set,
                                     const std::string& description) {
    return m_tree->wrap(m_app->add_option_function<std::string>(name, std::move(set), description));
}

Option* Command::add_flag(const std::string& name, bool& into, const std::string& description) {
    return m_tree->wrap(m_app->add_flag(name, into, description));
}

Command* Command::add_subcommand(const std::string& name, const std::string& description) {
    auto* sub = m_app->add_subcommand(name, description);
    sub->group(m_tree->subcommand_group()); // its heading in the parent's help
    // Its -h,--help was made from the parent's before the option defaults were copied.
    if (auto* help = sub->get_help_ptr(); help != nullptr) {
        help->group(m_app->option_defaults()->get_group());
    }
    return m_tree->wrap(sub);
}

Command* Command::require_subcommand(int count) {
    m_app->require_subcommand(count);
    return this;
}

Command* Command::callback(std::function<void()> run) {
    m_app->callback(std::move(run));
    return this;
}

Command* Command::preparse_callback(std::function<void()> run) {
    m_app->preparse_callback([run = std::move(run)](std::size_t) { run(); });
    return this;
}

const std::string& Command::name() const {
    return m_app->get_name();
}

std::vector<std::string> Command::subcommand_names() const {
    std::vector<std::string> names;
    for (const auto* sub : m_app->get_subcommands({})) {
        names.push_back(sub->get_name());
    }
    return names;
}

Command* Command::subcommand(std::string_view name) const {
    for (auto* sub : m_app->get_subcommands({})) {
        if (sub->get_name() == name) {
            return m_tree->wrap(sub);
        }
    }
    return nullptr;
}

bool Command::ran_subcommand() const {
    return !m_app->get_subcommands().empty();
}

bool Command::is_group() const {
    return m_app->get_require_subcommand_min() > 0;
}

std::string Command::help(const std::string& prefix) const {
    return m_app->help(prefix);
}

CommandTree::CommandTree(const std::string& description, const std::string& name,
                         i18n::Language lang)
    : m_lang(lang), m_app(std::make_unique<CLI::App>(description, name)),
      m_root(m_app.get(), this) {
    // Global options (-C, --as, --now, ...) may follow the command's name.
    m_app->fallthrough();
    // CLI11's headings in the user's language; sub-commands share the formatter and
    // take their option defaults from their parent when they are added.
    auto formatter = m_app->get_formatter();
    for (const auto& [label, id] : {std::pair{"Usage", "cli.label.usage"},
                                    {"OPTIONS", "cli.label.options"},
                                    {"SUBCOMMAND", "cli.label.subcommand"},
                                    {"SUBCOMMANDS", "cli.label.subcommand"},
                                    {"Positionals", "cli.label.positionals"},
                                    {"REQUIRED", "cli.label.required"},
                                    {"Env", "cli.label.env"},
                                    {"Excludes", "cli.label.excludes"},
                                    {"Needs", "cli.label.needs"}}) {
        formatter->label(label, i18n::text(lang, id));
    }
    m_app->option_defaults()->group(i18n::text(lang, "cli.group.options"));
}

std::string CommandTree::subcommand_group() const {
    return i18n::text(m_lang, "cli.group.subcommands");
}

CommandTree::~CommandTree() = default;

void CommandTree::set_version(const std::string& text, const std::string& description) {
    m_app->set_version_flag("--version", text, description);
}

void CommandTree::set_help_flag(const std::string& description) {
    m_app->set_help_flag("-h,--help", description);
}

void CommandTree::set_footer(const std::string& text) {
    m_app->footer(text);
}

void CommandTree::on_parsed(std::function<void()> run) {
    m_app->parse_complete_callback(std::move(run));
}

Command* CommandTree::wrap(CLI::App* app) {
    if (app == m_app.get()) {
        return &m_root;
    }
    const auto known = std::find_if(m_commands.begin(), m_commands.end(),
                                    [app](const Command& command) { return command.m_app == app; });
    return known != m_commands.end() ? &*known : &m_commands.emplace_back(Command(app, this));
}

Option* CommandTree::wrap(CLI::Option* option) {
    return &m_options.emplace_back(Option(option));
}

namespace {

// The group a command line stopped at without naming one of its commands (`collab
// request`) and the names before it, or nullptr.
const CLI::App* unfinished_group(const CLI::App& root, std::string& prefix) {
    const CLI::App* command = &root;
    prefix.clear();
    while (!command->get_subcommands().empty()) {
        prefix += (prefix.empty() ? "" : " ") + command->get_name();
        command = command->get_subcommands().front();
    }
    return command != &root && command->get_require_subcommand_min() > 0 ? command : nullptr;
}

// The option called `word` ("--as", "-C") of `command` or of a command above it (their
// options may follow a sub-command's name), or nullptr.
const CLI::Option* find_option(const CLI::App* command, const std::string& word) {
    for (; command != nullptr; command = command->get_parent()) {
        for (const auto* option : command->get_options()) {
            if (option->nonpositional() && option->check_name(word)) {
                return option;
            }
        }
    }
    return nullptr;
}

bool takes_value(const CLI::Option* option) {
    return option->get_type_size() != 0;
}

// A type name listing its choices ("text|json", "zh|en"): lower-case words and bars.
std::vector<std::string> choices(const std::string& type_name) {
    if (type_name.find('|') == std::string::npos ||
        type_name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-|") != std::string::npos) {
        return {};
    }
    std::vector<std::string> words;
    for (std::size_t start = 0; start <= type_name.size();) {
        const auto end = std::min(type_name.find('|', start), type_name.size());
        words.push_back(type_name.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// The slot of an option's value or a positional argument: by its type name (for a
// positional, its name: "ID", "TASK").
CompletionSlot value_slot(const CLI::Option* option) {
    const auto type = option->nonpositional() ? option->get_type_name() : option->get_name();
    CompletionSlot slot;
    if (const auto listed = choices(type); !listed.empty()) {
        slot.kind = CompletionSlot::Kind::words;
        for (const auto& word : listed) {
            slot.words.emplace_back(word, "");
        }
    } else if (type == "DIR") {
        slot.kind = CompletionSlot::Kind::directories;
    } else if (type == "FILE" || type.ends_with(".yaml") || type == "URL|PATH") {
        slot.kind = CompletionSlot::Kind::files;
    } else {
        slot.kind = CompletionSlot::Kind::values;
        slot.value_type = type;
    }
    return slot;
}

// CLI11's message for a bad command line, in the catalog's words for `lang`. CLI11
// builds its messages from fixed English patterns (CLI/Error.hpp, CLI/Validators.hpp);
// one without a pattern here is shown as CLI11 wrote it.
std::string localized(const std::string& what, i18n::Language lang) {
    struct Pattern {
        std::regex regex;
        const char* id;
    };
    static const std::vector<Pattern> patterns = [] {
        std::vector<Pattern> list;
        const auto add = [&list](const char* regex, const char* id) {
            list.push_back({std::regex(regex), id});
        };
        add(R"(^The following arguments? (?:was|were) not expected: (.*)$)",
            "cli.parse.unexpected");
        add(R"(^A subcommand is required$)", "cli.parse.subcommand_required");
        add(R"(^(\S+): Value (.*) not in range (\S+) to (\S+)$)", "cli.parse.range");
        add(R"(^(\S+): Value (.*) could not be converted.*$)", "cli.parse.not_number");
        add(R"(^(\S+): (.*) not in (\{.*\})$)", "cli.parse.not_in");
        add(R"(^(\S+): 1 required (\S+) missing$)", "cli.parse.value_missing");
        add(R"(^(\S+) excludes (\S+)$)", "cli.parse.excludes");
        add(R"(^(\S+) is required$)", "cli.parse.required");
        return list;
    }();
    std::smatch match;
    for (const auto& pattern : patterns) {
        if (!std::regex_match(what, match, pattern.regex)) {
            continue;
        }
        std::vector<std::string> args(match.begin() + 1, match.end());
        if (std::string_view(pattern.id) == "cli.parse.unexpected") { // {1} counts the words
            const auto words = std::count(args[0].begin(), args[0].end(), ' ') + 1;
            args.insert(args.begin(), std::to_string(words));
        }
        switch (args.size()) {
        case 0:
            return i18n::render(lang, i18n::msg(pattern.id));
        case 1:
            return i18n::render(lang, i18n::msg(pattern.id, args[0]));
        case 2:
            return i18n::render(lang, i18n::msg(pattern.id, args[0], args[1]));
        case 3:
            return i18n::render(lang, i18n::msg(pattern.id, args[0], args[1], args[2]));
        default:
            return i18n::render(lang, i18n::msg(pattern.id, args[0], args[1], args[2], args[3]));
        }
    }
    return what;
}

} // namespace

CompletionSlot CommandTree::complete(const std::vector<std::string>& before,
                                     const std::string& current) const {
    const CLI::App* command = m_app.get();
    std::size_t positionals = 0;          // given to `command` so far
    const CLI::Option* pending = nullptr; // an option whose value is being typed
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto& word = before[i];
        if (word.size() > 1 && word[0] == '-') {
            const auto* option = find_option(command, word.substr(0, word.find('=')));
            if (option != nullptr && takes_value(option) && word.find('=') == std::string::npos) {
                if (i + 1 == before.size()) {
                    pending = option;
                }
                ++i;
            }
            continue;
        }
        const auto subs = command->get_subcommands({});
        const auto sub = std::find_if(subs.begin(), subs.end(),
                                      [&](const CLI::App* app) { return app->get_name() == word; });
        if (sub != subs.end()) {
            command = *sub;
            positionals = 0;
        } else {
            ++positionals;
        }
    }
    if (pending != nullptr) {
        return value_slot(pending);
    }
    CompletionSlot slot;
    slot.kind = CompletionSlot::Kind::words;
    if (!current.empty() && current[0] == '-') {
        for (const auto* app = command; app != nullptr; app = app->get_parent()) {
            for (const auto* option : app->get_options()) {
                for (const auto& name : option->get_lnames()) {
                    slot.words.emplace_back("--" + name, option->get_description());
                }
                for (const auto& name : option->get_snames()) {
                    slot.words.emplace_back("-" + name, option->get_description());
                }
            }
        }
        return slot;
    }
    if (positionals == 0) {
        for (const auto* sub : command->get_subcommands({})) {
            if (!sub->get_group().empty()) { // hidden commands have an empty group
                slot.words.emplace_back(sub->get_name(), sub->get_description());
            }
        }
        if (!slot.words.empty()) {
            return slot;
        }
    }
    // The positional argument being typed: the next one, or the last when it takes many.
    std::vector<const CLI::Option*> arguments;
    for (const auto* option : command->get_options()) {
        if (option->get_positional()) {
            arguments.push_back(option);
        }
    }
    if (arguments.empty()) {
        return {};
    }
    const auto* argument =
        positionals < arguments.size() ? arguments[positionals] : arguments.back();
    if (positionals >= arguments.size() && argument->get_items_expected_max() <= 1) {
        return {};
    }
    return value_slot(argument);
}

ParseOutcome CommandTree::parse(int argc, char** argv, std::ostream& out) {
    try {
        m_app->parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 uses 0 for --help and --version and its own 100+ codes otherwise.
        if (error.get_exit_code() == 0) {
            m_app->exit(error, out, out);
            return {ParseOutcome::Kind::printed, {}};
        }
        // A command group alone (`collab request`) prints its overview.
        std::string prefix;
        if (const auto* group = unfinished_group(*m_app, prefix);
            group != nullptr && dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
            return {ParseOutcome::Kind::overview, group->help(prefix)};
        }
        return {ParseOutcome::Kind::usage_error, localized(error.what(), m_lang)};
    }
    // `collab` alone prints the overview of commands, as `collab --help` does.
    if (m_app->get_subcommands().empty()) {
        return {ParseOutcome::Kind::overview, m_app->help()};
    }
    return {ParseOutcome::Kind::ran, {}};
}

} // namespace collab::cli
