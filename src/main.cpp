// collab: runs cross-department requests by the book. main() builds the command
// line, runs one command and maps the outcome to the documented exit codes.
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/session.hpp"

#include <algorithm>
#include <array>
#include <collab/i18n/message.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/util/edit_distance.hpp>
#include <collab/util/utf8.hpp>
#include <iostream>
#include <string_view>
#include <system_error>

using namespace collab;

namespace {

// The `n`th word that is not an option or an option's value: the command names.
std::string command_word(int argc, char** argv, int n = 0) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-C" || arg == "--as" || arg == "--now" || arg == "--lang") {
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
bool known_command(const CLI::App& app, const std::string& word, i18n::Language lang) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) {
        names.push_back(sub->get_name());
    }
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
// show_past themselves.)
constexpr std::array<std::string_view, 10> k_read_commands = {
    "next",         "inbox",        "log",       "stats",     "check",
    "request show", "request list", "task list", "task show", "notify"};

void mark_read_commands(CLI::App& app, cli::Session& session) {
    for (const auto path : k_read_commands) {
        CLI::App* command = &app;
        for (std::size_t start = 0; start < path.size();) {
            const auto end = std::min(path.find(' ', start), path.size());
            command = command->get_subcommand(std::string(path.substr(start, end - start)));
            start = end + 1;
        }
        // Runs when the command's name is parsed, before any command runs.
        command->preparse_callback([&session](std::size_t) { session.show_past(); });
    }
}

} // namespace

int main(int argc, char** argv) {
    const auto lang = cli::early_language(argc, argv);
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };

    cli::GlobalOptions options;
    cli::Session session(options, std::cout, std::cerr);

    CLI::App app{tr("help.app"), "collab"};
    app.set_version_flag("--version", COLLAB_VERSION);
    app.set_help_flag("-h,--help", tr("help.help"));
    app.require_subcommand(1);
    app.fallthrough();
    app.footer(tr("help.footer"));
    app.add_option("-C", options.directory, tr("help.opt_dir"))->type_name("DIR");
    app.add_option("--as", options.as, tr("help.opt_as"))->type_name("PERSON");
    app.add_option("--now", options.now, tr("help.opt_now"))->type_name("DATE|DATETIME");
    app.add_option("--lang", options.lang, tr("help.opt_lang"))
        ->type_name("zh|en")
        ->check(CLI::IsMember({"zh", "en"}).description(""));

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
    cli::register_calendar(app, session);
    cli::register_people(app, session);
    cli::register_key(app, session);
    cli::register_check(app, session);
    cli::register_doctor(app, session);
    cli::register_notify(app, session);
    mark_read_commands(app, session);

    const auto word = command_word(argc, argv);
    if (!known_command(app, word, lang)) {
        return cli::k_exit_usage;
    }
    // Command groups (request, task, calendar, ...) check their own sub-commands.
    if (!word.empty()) {
        const auto* group = app.get_subcommand(word);
        if (group->get_require_subcommand_min() > 0 &&
            !known_command(*group, command_word(argc, argv, 1), lang)) {
            return cli::k_exit_usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 uses 0 for --help and --version and its own 100+ codes otherwise;
        // every usage error leaves with 2, in the project's message shape.
        if (error.get_exit_code() == 0) {
            return app.exit(error);
        }
        std::cerr << "collab: " << tr("severity.error") << ": "
                  << util::escape_controls(error.what()) << '\n'
                  << tr("cli.usage_hint") << '\n';
        return cli::k_exit_usage;
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
