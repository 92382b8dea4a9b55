// collab init [DIR]: creates a workspace in a git repository.
#include "cli/commands.hpp"
#include "cli/keys.hpp"
#include "cli/process.hpp"
#include "cli/shipped_calendars.hpp"

#include <algorithm>
#include <collab/model/roster.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/program.hpp>
#include <collab/store/ssh_signatures.hpp>
#include <collab/store/templates.hpp>
#include <collab/store/workspace.hpp>
#include <collab/yaml/writer.hpp>
#include <filesystem>

namespace collab::cli {

namespace fs = std::filesystem;
using i18n::msg;

namespace {

struct InitOptions {
    std::string directory;
    std::string name;
    std::string calendars;
};

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
    for (const auto& [key, value] : values) {
        const auto placeholder = "{{" + key + "}}";
        for (auto at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + value.size())) {
            text.replace(at, placeholder.size(), value);
        }
    }
    return text;
}

// A roster id from an email's local part: "Zhang.Min@x.com" -> "zhang.min".
std::string id_from_email(const std::string& email) {
    std::string id;
    for (char c : email.substr(0, email.find('@'))) {
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
            lower == '_' || lower == '-') {
            id += lower;
        }
    }
    return model::is_valid_id(id) ? id : "me";
}

std::string template_text(const std::string& name) {
    auto text = store::find_template(name);
    return text.value_or("");
}

// Adds a block to a git file (.gitignore, .gitattributes) unless it is there already,
// keeping what the repository had.
void merge_git_file(const fs::path& dir, const std::string& name, const std::string& block,
                    const std::string& marker) {
    std::string text;
    std::error_code ec;
    if (fs::symlink_status(dir / name, ec).type() != fs::file_type::not_found) {
        text = store::read_contained(dir, name);
        if (text.find(marker) != std::string::npos) {
            return;
        }
        if (!text.empty() && text.back() != '\n') {
            text += '\n';
        }
    }
    store::write_file_atomically(dir, name, text + block);
}

// The shipped years to install: those asked for, else the year of --now and the year
// before (a request opened in January counts back into December), else the latest
// shipped year with a warning, so that a new workspace always has a calendar.
std::vector<int> calendar_years(Session& session, const InitOptions& options) {
    const auto shipped = shipped_calendar_years();
    if (!options.calendars.empty()) {
        std::vector<int> unshipped;
        const auto years = parse_shipped_years(options.calendars, unshipped);
        if (!years) {
            session.fail(k_exit_usage, msg("calendar.not_shipped", options.calendars,
                                           shipped.front(), shipped.back()));
        }
        return *years;
    }
    // The zone of the workspace template: China's calendars follow China's clock.
    const auto zone = time::Zone::locate("Asia/Shanghai").value_or(time::Zone::utc());
    const int now = static_cast<int>(zone.local_date(session.now_in(zone)).year());
    std::vector<int> years;
    for (const int year : {now - 1, now}) {
        if (std::binary_search(shipped.begin(), shipped.end(), year)) {
            years.push_back(year);
        }
    }
    if (years.empty()) {
        session.warn(msg("init.calendars_fallback", now - 1, now, shipped.back()));
        years.push_back(shipped.back());
    }
    return years;
}

// The roster text with the user's default public key registered for `id`, when
// there is one; `note` says what it did.
std::string with_default_key(const fs::path& dir, const std::string& roster, const std::string& id,
                             i18n::Message& note) {
    const auto key = model::parse_public_key(store::default_public_key(dir));
    Diagnostics ignored;
    const auto edited = key ? roster_with_key(roster, id, *key, ignored) : std::nullopt;
    if (!edited) {
        note = msg("init.no_key");
        return roster;
    }
    note = msg("init.key_registered", key->type + " " + key->comment, id);
    return *edited;
}

void run_init(Session& session, const InitOptions& options) {
    // A new workspace takes --lang or the user's environment, never the language of a
    // workspace it happens to sit in.
    const auto lang = session.explicit_language().value_or(language_from_environment());
    std::error_code ec;
    fs::path dir =
        options.directory.empty() ? session.start_directory() : fs::path(options.directory);
    if (!options.directory.empty() && dir.is_relative()) {
        dir = session.start_directory() / dir;
    }
    if (fs::exists(dir / store::k_config_file, ec)) {
        session.fail(k_exit_usage, msg("init.exists", dir.string()));
    }
    fs::create_directories(dir, ec);
    if (ec) {
        session.fail(k_exit_invalid, msg("init.cannot_create", dir.string(), ec.message()));
    }
    if (store::run_program({"git", "-C", dir.string(), "rev-parse", "--git-dir"}).status != 0) {
        if (store::run_program({"git", "init", "-q", dir.string()}).status != 0) {
            session.warn(msg("init.no_git", dir.string()));
        }
    }
    const auto code = std::string(i18n::language_code(lang));
    const auto email = git_user_email(dir);
    const auto id = id_from_email(email);
    const auto person_name = git_user_name(dir);
    const auto name = options.name.empty() ? dir.filename().string() : options.name;
    const auto years = calendar_years(session, options);
    std::string calendar_list;
    for (const int year : years) {
        calendar_list += (calendar_list.empty() ? "" : ", ") + shipped_calendar_path(year);
    }
    const std::vector<std::pair<std::string, std::string>> values = {
        {"name", yaml::quote_scalar(name)},
        {"language", code},
        {"id", id},
        {"person_name", yaml::quote_scalar(person_name.empty() ? id : person_name)},
        {"email", yaml::quote_scalar(email.empty() ? id + "@example.com" : email)},
        {"department", "team"},
        {"department_name", lang == i18n::Language::zh ? "团队" : "Team"},
        {"calendars", calendar_list},
    };
    // Write the roster and calendar first and collab.yaml last: a workspace exists
    // only once collab.yaml does, so an interrupted init can simply be run again.
    i18n::Message key_note;
    store::write_file_atomically(
        dir, store::k_roster_file,
        with_default_key(dir, fill(template_text("workspace/people." + code + ".yaml"), values), id,
                         key_note));
    for (const int year : years) {
        store::write_file_atomically(dir, shipped_calendar_path(year),
                                     template_text(shipped_calendar_path(year)));
    }
    merge_git_file(dir, ".gitignore", template_text("workspace/gitignore"), ".collab/");
    merge_git_file(dir, ".gitattributes", template_text("workspace/gitattributes"), "*.yaml text");
    fs::create_directories(dir / store::k_requests_dir, ec);
    store::write_file_atomically(dir, store::k_config_file,
                                 fill(template_text("workspace/collab." + code + ".yaml"), values));
    session.out() << session.tr(msg("init.done", dir.string())) << '\n';
    session.out() << session.tr(msg("init.next", id)) << '\n';
    session.out() << session.tr(key_note) << '\n';
}

} // namespace

void register_init(Command& app, Session& session) {
    auto options = std::make_shared<InitOptions>();
    const auto lang = session.lang();
    auto* command = app.add_subcommand("init", i18n::text(lang, "help.init"));
    command->add_option("DIR", options->directory, i18n::text(lang, "help.init_dir"));
    command->add_option("--name", options->name, i18n::text(lang, "help.init_name"));
    command->add_option("--calendars", options->calendars, i18n::text(lang, "help.init_calendars"));
    command->callback([&session, options] { run_init(session, *options); });
}

} // namespace collab::cli
