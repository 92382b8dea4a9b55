// collab: runs cross-department requests by the book. main() builds the command
// line, runs one command and maps the outcome to the documented exit codes.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/session.hpp"
#include "cli/terminal.hpp"
#include "cli/version.hpp"

#include <algorithm>
#include <array>
#include <collab/i18n/message.hpp>
#include <collab/rules/next_step.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/util/edit_distance.hpp>
#include <collab/util/utf8.hpp>
#include <iostream>
#include <memory>
#include <string_view>
#include <system_error>

using namespace collab;

namespace {

// The `n`th word that is not an option or an option's value: the command names.
std::string command_word(int argc, char** argv, int n = 0) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-C" || arg == "--as" || arg == "--now" || arg == "--lang" || arg == "--color") {
            ++i;
        } else if (arg.empty() || arg[0] != '-') {
            if (n-- == 0) {
                return arg;
            }
        }
    }
    return {};
}

// Refuses an unknown command with the closest known one, like git does.
bool known_command(const cli::Command& group, const std::string& word, i18n::Language lang) {
    const auto names = group.subcommand_names();
    if (word.empty() || std::find(names.begin(), names.end(), word) != names.end()) {
        return true;
    }
    const auto near = util::closest_match(word, names);
    std::cerr << "collab: " << i18n::text(lang, "severity.error") << ": "
              << util::escape_controls(
                     i18n::render(lang, near ? i18n::msg("cli.unknown_command_near", word, *near)
                                             : i18n::msg("cli.unknown_command", word)))
              << '\n';
    return false;
}

// The read commands. Each shows the workspace as it stood at --now (Session::show_past):
// entries recorded later are left out, requests created later are not there yet. A
// new read command is added here, the one place that decides it. (Two write commands
// have a read-only mode, `sync --agenda` and `feedback` without answers: they call
// show_past themselves; so does `site`, which writes files and so starts no pager.)
constexpr std::array<std::string_view, 16> k_read_commands = {
    "next",         "inbox",        "log",         "stats",      "check",  "site",
    "request show", "request list", "task list",   "task show",  "export", "notify",
    "blocker list", "risk list",    "action list", "change list"};

// A command pasted from `inbox` or `next` with a text still to write: the placeholder
// (rules::k_placeholder) given as a value. Refused naming the option, nothing written.
bool placeholder_left(int argc, char** argv, i18n::Language lang) {
    const std::string placeholder = rules::k_placeholder;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto equals = arg.find('=');
        std::string option;
        if (arg == placeholder) {
            option = i > 1 && argv[i - 1][0] == '-' ? argv[i - 1] : placeholder;
        } else if (arg.rfind("--", 0) == 0 && equals != std::string::npos &&
                   arg.substr(equals + 1) == placeholder) {
            option = arg.substr(0, equals);
        } else {
            continue;
        }
        std::cerr << "collab: " << i18n::text(lang, "severity.error") << ": "
                  << i18n::render(lang, i18n::msg("cli.placeholder", option, placeholder)) << '\n';
        return true;
    }
    return false;
}

// `collab help [COMMAND...]` prints what `collab COMMAND... --help` does. It is read
// from argv by main (CLI11 would run a command named after `help`); registered so
// that the overview lists it and `collab help --help` explains it.
void register_help(cli::Command& app, i18n::Language lang) {
    auto* help = app.add_subcommand("help", i18n::text(lang, "help.help_command"));
    static std::vector<std::string> path; // read by run_help
    help->add_option("COMMAND", path, i18n::text(lang, "help.opt_help_command"));
}

int run_help(cli::Command& app, cli::Session& session, int argc, char** argv, i18n::Language lang) {
    cli::Command* command = &app;
    std::string prev; // the names before it, which CLI11's usage line starts with
    for (int n = 1;; ++n) {
        const auto name = command_word(argc, argv, n);
        if (name.empty()) {
            break;
        }
        if (!known_command(*command, name, lang)) {
            return cli::k_exit_usage;
        }
        prev += (prev.empty() ? "" : " ") + command->name();
        command = command->subcommand(name);
    }
    session.out() << command->help(prev);
    return cli::k_exit_ok;
}

void mark_read_commands(cli::CommandTree& tree, cli::Session& session) {
    for (const auto path : k_read_commands) {
        cli::Command* command = &tree.root();
        for (std::size_t start = 0; start < path.size();) {
            const auto end = std::min(path.find(' ', start), path.size());
            command = command->subcommand(path.substr(start, end - start));
            start = end + 1;
        }
        // Runs when the command's name is parsed, before any command runs.
        command->preparse_callback([&session] { session.show_past(); });
    }
    // Once every option is parsed (--no-pager may come after the command's name) and
    // before the command runs: a read command's output may be long, so on a terminal
    // it goes through the pager, as git's does.
    tree.on_parsed([&session] {
        if (session.showing_past() && !session.options().no_pager) {
            cli::start_pager();
        }
    });
}

// The commands' help texts are built before CLI11 parses the command line, in
// Session::lang(): --lang and -C are read first, so that they are in the language the
// command line (or the workspace of -C) asks for. CLI11 later sets the same values.
void read_early_options(int argc, char** argv, cli::GlobalOptions& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if ((arg == "--lang" || arg == "-C") && i + 1 < argc) {
            (arg == "-C" ? options.directory : options.lang) = argv[++i];
        } else if (arg.rfind("--lang=", 0) == 0) {
            options.lang = arg.substr(7);
        }
    }
}

// At the end of main, whichever way it leaves: what is buffered goes to the pager,
// which is then waited for, so that the shell prompt comes back after it.
struct PagerEnd {
    cli::Session& session;
    explicit PagerEnd(cli::Session& s) : session(s) {}
    PagerEnd(const PagerEnd&) = delete;
    PagerEnd& operator=(const PagerEnd&) = delete;
    ~PagerEnd() {
        session.out().flush();
        cli::finish_pager();
    }
};

} // namespace

int main(int argc, char** argv) {
    cli::stdout_is_terminal(); // decided before anything takes standard output over
    const auto lang = cli::early_language(argc, argv);
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };

    cli::GlobalOptions options;
    read_early_options(argc, argv, options);
    cli::Session session(options, std::cout, std::cerr);
    const PagerEnd pager_end{session};

    cli::CommandTree tree{tr("help.app"), "collab", lang};
    tree.set_version(std::string("collab ") + COLLAB_VERSION + " (commit " + cli::k_git_commit +
                         ")",
                     tr("help.version"));
    tree.set_help_flag(tr("help.help"));
    tree.set_footer(tr("help.footer"));
    auto& app = tree.root();
    app.add_option("-C", options.directory, tr("help.opt_dir"))->type_name("DIR");
    app.add_option("--as", options.as, tr("help.opt_as"))->type_name("PERSON");
    app.add_option("--now", options.now, tr("help.opt_now"))->type_name("DATE|DATETIME");
    app.add_option("--lang", options.lang, tr("help.opt_lang"))
        ->type_name("zh|en")
        ->one_of({"zh", "en"});
    app.add_option("--color", options.color, tr("help.opt_color"))
        ->type_name("auto|always|never")
        ->one_of({"auto", "always", "never"});
    app.add_flag("--no-pager", options.no_pager, tr("help.opt_no_pager"));

    cli::register_init(app, session);
    cli::register_request(app, session);
    cli::register_review(app, session);
    cli::register_meeting(app, session);
    cli::register_sign(app, session);
    cli::register_inbox(app, session);
    cli::register_log(app, session);
    cli::register_split(app, session);
    cli::register_progress(app, session);
    cli::register_risk(app, session);
    cli::register_sync(app, session);
    cli::register_change(app, session);
    cli::register_accept(app, session);
    cli::register_stats(app, session);
    cli::register_site(app, session);
    cli::register_export(app, session);
    cli::register_calendar(app, session);
    cli::register_people(app, session);
    cli::register_key(app, session);
    cli::register_check(app, session);
    cli::register_doctor(app, session);
    register_help(app, lang);
    cli::register_notify(app, session);
    cli::register_completion(app, session);
    mark_read_commands(tree, session);

    const auto word = command_word(argc, argv);
    if (word == "__complete") {
        session.show_past(); // a read: it takes no lock and writes no record
        std::vector<std::string> words(argv + 1, argv + argc);
        words.erase(std::find(words.begin(), words.end(), word));
        return cli::run_complete(tree, session, options, std::move(words), std::cout);
    }

    if (!known_command(app, word, lang) || placeholder_left(argc, argv, lang)) {
        return cli::k_exit_usage;
    }
    const auto asks_help = [&] {
        return std::any_of(argv + 1, argv + argc,
                           [](std::string_view arg) { return arg == "-h" || arg == "--help"; });
    };
    if (word == "help" && !asks_help()) {
        return run_help(app, session, argc, argv, lang);
    }
    // Command groups (request, task, calendar, ...) check their own sub-commands.
    if (!word.empty()) {
        const auto* group = app.subcommand(word);
        if (group->is_group() && !known_command(*group, command_word(argc, argv, 1), lang)) {
            return cli::k_exit_usage;
        }
    }
    try {
        const auto outcome = tree.parse(argc, argv, std::cout);
        switch (outcome.kind) {
        case cli::ParseOutcome::Kind::ran:
        case cli::ParseOutcome::Kind::printed:
            return cli::k_exit_ok;
        case cli::ParseOutcome::Kind::overview:
            session.out() << outcome.text;
            return cli::k_exit_ok;
        case cli::ParseOutcome::Kind::usage_error:
            // Every usage error leaves with 2, in the project's message shape.
            std::cerr << "collab: " << tr("severity.error") << ": "
                      << util::escape_controls(outcome.text) << '\n'
                      << tr("cli.usage_hint") << '\n';
            return cli::k_exit_usage;
        }
    } catch (const cli::Exit& exit) {
        return exit.code;
    } catch (const store::TextTooLarge& error) {
        std::cerr << "collab: " << tr("severity.error") << ": "
                  << i18n::render(lang, i18n::msg("store.text_too_large", error.field(),
                                                  error.size(), store::k_max_text_bytes))
                  << '\n';
        return cli::k_exit_usage;
    } catch (const store::FileError& error) {
        // What was attempted in the user's language; the reason is the system's.
        std::cerr << "collab: " << tr("severity.error") << ": "
                  << util::escape_controls(i18n::render(
                         lang, i18n::msg("store.io.failed", i18n::render(lang, error.attempt()),
                                         error.code().message())))
                  << '\n';
        return cli::k_exit_invalid;
    } catch (const std::system_error& error) {
        std::cerr << "collab: " << tr("severity.error") << ": "
                  << util::escape_controls(error.what()) << '\n';
        return cli::k_exit_invalid;
    }
    return cli::k_exit_ok;
}
