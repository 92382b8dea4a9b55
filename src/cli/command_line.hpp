#pragma once

#include <collab/i18n/message.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The command line's definitions, without CLI11 in sight. CLI11 is a large header-only
// library: every file that includes it pays seconds of compile time, so it is included by
// command_line.cpp alone, and each command file declares its options through these
// handles (whose names follow CLI11's, so that they read as its documentation says).

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace collab::cli {

class CommandTree;

// One option or positional argument of a command.
class Option {
public:
    Option* required();
    Option* type_name(std::string name);
    // The value must be one of `values`; they are listed by type_name, so the
    // validator adds nothing to the help line.
    Option* one_of(std::vector<std::string> values);
    // An integer from `low` to `high`, likewise described by type_name.
    Option* range(int low, int high);
    // Read from the environment variable `name` when not given.
    Option* envname(std::string name);
    // Given together with `other`, the command line is refused.
    Option* excludes(Option* other);
    // Given without `other`, the command line is refused.
    Option* needs(Option* other);

private:
    friend class Command;
    friend class CommandTree;
    explicit Option(CLI::Option* option) : m_option(option) {}
    CLI::Option* m_option;
};

// A command or a group of commands (`request`, `task`, ...).
class Command {
public:
    // `T` is std::string, int or std::vector<std::string>.
    template <class T>
    Option* add_option(const std::string& name, T& into, const std::string& description);
    // An option whose value is handed to `set` instead of stored.
    Option* add_option_function(const std::string& name,
                                std::function<void(const std::string&)> set,
                                const std::string& description);
    Option* add_flag(const std::string& name, bool& into, const std::string& description);
    Command* add_subcommand(const std::string& name, const std::string& description);

    // A group: exactly `count` of its commands must be named.
    Command* require_subcommand(int count);
    // Runs when the command line has been parsed and this command was named.
    Command* callback(std::function<void()> run);
    // Runs as soon as this command's name is read, before any option is parsed.
    Command* preparse_callback(std::function<void()> run);

    const std::string& name() const;
    // The commands of a group, in the order they were added.
    std::vector<std::string> subcommand_names() const;
    // The command of this group called `name`, or nullptr.
    Command* subcommand(std::string_view name) const;
    // Whether one of this group's commands was named on the command line.
    bool ran_subcommand() const;
    bool is_group() const;
    // `--help` of this command; `prefix` are the names before it ("collab request").
    std::string help(const std::string& prefix) const;

private:
    friend class CommandTree;
    Command(CLI::App* app, CommandTree* tree) : m_app(app), m_tree(tree) {}
    CLI::App* m_app;
    CommandTree* m_tree;
};

// What parsing a command line came to, beyond running the named command's callback.
struct ParseOutcome {
    enum class Kind {
        ran,         // a command ran
        printed,     // --help or --version printed, exit 0
        overview,    // no command (or a group alone): `text` is its overview, exit 0
        usage_error, // `text` says what is wrong, exit 2
    };
    Kind kind = Kind::ran;
    std::string text;
};

// What the word being typed on a command line can be, read from the definitions, for
// shell completion (`collab __complete`).
struct CompletionSlot {
    enum class Kind {
        none,        // free text: nothing to offer
        words,       // one of `words`
        values,      // a value of `value_type` (ID, TASK, PERSON, ...), from the workspace
        files,       // a file name
        directories, // a directory name
    };
    Kind kind = Kind::none;
    std::vector<std::pair<std::string, std::string>> words; // candidate, description
    std::string value_type;
};

// The whole command line: the root command, every command under it, their options.
class CommandTree {
public:
    // Help headings, option groups and CLI11's own error messages are in `lang`.
    CommandTree(const std::string& description, const std::string& name, i18n::Language lang);
    ~CommandTree();
    CommandTree(const CommandTree&) = delete;
    CommandTree& operator=(const CommandTree&) = delete;

    Command& root() { return m_root; }
    void set_version(const std::string& text, const std::string& description);
    void set_help_flag(const std::string& description);
    void set_footer(const std::string& text);
    // Runs once every option is parsed, before the named command's callback.
    void on_parsed(std::function<void()> run);

    // Parses argv and runs the named command's callback (exceptions it throws pass
    // through). --help and --version print to `out`.
    ParseOutcome parse(int argc, char** argv, std::ostream& out);

    // What `current` can be after the words `before` (the words after "collab").
    CompletionSlot complete(const std::vector<std::string>& before,
                            const std::string& current) const;

    // The heading commands are listed under in a group's help ("Subcommands").
    std::string subcommand_group() const;

    Command* wrap(CLI::App* app);
    Option* wrap(CLI::Option* option);

private:
    i18n::Language m_lang;
    std::unique_ptr<CLI::App> m_app;
    Command m_root;
    std::deque<Command> m_commands;
    std::deque<Option> m_options;
};

} // namespace collab::cli
