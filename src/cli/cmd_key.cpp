// collab key add [FILE] | key list: the SSH public keys people sign log entries with.
#include "cli/commands.hpp"
#include "cli/keys.hpp"

#include <collab/model/config_edit.hpp>
#include <collab/store/ssh_signatures.hpp>
#include <collab/util/text.hpp>
#include <collab/util/text_width.hpp>
#include <collab/yaml/writer.hpp>
#include <date/date.h>
#include <filesystem>

namespace collab::cli {

namespace fs = std::filesystem;
using i18n::msg;

namespace {

struct KeyAddOptions {
    std::string file;
    std::string valid_from;
    std::string valid_until;
};

std::string day_text(const std::optional<time::Date>& day) {
    return day ? date::format("%F", *day) : std::string();
}

// The key to register: FILE, else the user's default public key.
model::PersonKey key_to_add(Session& session, const KeyAddOptions& options) {
    std::string line;
    if (options.file.empty()) {
        line = store::default_public_key(session.workspace().root());
        if (line.empty()) {
            session.fail(k_exit_usage, msg("key.no_default"));
        }
    } else {
        std::error_code ec;
        const fs::path path = session.user_path(options.file);
        if (!fs::is_regular_file(path, ec) || fs::file_size(path, ec) > 16384) {
            session.fail(k_exit_usage, msg("key.cannot_read", options.file));
        }
        line = util::trim(store::read_file(path));
    }
    auto key = model::parse_public_key(line);
    if (!key) {
        session.fail(k_exit_usage,
                     msg("key.not_public", options.file.empty() ? line : options.file));
    }
    for (const auto& [text, field] : {std::pair{options.valid_from, &key->valid_from},
                                      {options.valid_until, &key->valid_until}}) {
        if (text.empty()) {
            continue;
        }
        const auto day = time::parse_date(text);
        if (!day) {
            session.fail(k_exit_usage,
                         msg("roster.bad_key_date", "--valid-from/--valid-until", text));
        }
        *field = *day;
    }
    return *key;
}

void run_key_add(Session& session, const KeyAddOptions& options) {
    session.lock_workspace();
    const auto& workspace = session.workspace();
    const auto& me = session.actor();
    const auto key = key_to_add(session, options);
    for (const auto& person : workspace.roster().people()) {
        for (const auto& registered : person.keys) {
            if (registered.blob == key.blob) {
                session.fail(
                    k_exit_usage,
                    msg(person.id == me ? "key.already_yours" : "key.someone_elses", person.id));
            }
        }
    }
    Diagnostics problems;
    const auto text = workspace.read_text(store::k_roster_file);
    const auto edited = roster_with_key(text, me, key, problems);
    if (!edited) {
        session.print_diagnostics(problems);
        session.fail(k_exit_invalid, msg("key.roster_not_editable", me));
    }
    workspace.write(store::k_roster_file, *edited);
    session.out() << session.tr(msg("key.added", key.type, key.comment, me)) << '\n';
}

void run_key_list(Session& session) {
    const auto& roster = session.workspace().roster();
    std::vector<std::vector<std::string>> rows = {
        {session.tr("key.col_person"), session.tr("key.col_key"), session.tr("key.col_comment"),
         session.tr("key.col_valid")}};
    for (const auto& person : roster.people()) {
        for (const auto& key : person.keys) {
            const auto window = key.valid_from || key.valid_until
                                    ? day_text(key.valid_from) + ".." + day_text(key.valid_until)
                                    : std::string("-");
            rows.push_back({person.id, key.type + " " + key.fingerprint(),
                            key.comment.empty() ? "-" : key.comment, window});
        }
    }
    if (rows.size() == 1) {
        session.out() << session.tr("key.none") << '\n';
        return;
    }
    session.out() << util::format_table(rows);
}

} // namespace

std::optional<std::string> roster_with_key(const std::string& text, const std::string& person_id,
                                           const model::PersonKey& key, Diagnostics& out) {
    auto root = yaml::parse(text, store::k_roster_file, out);
    if (!root) {
        return std::nullopt;
    }
    auto line = key.public_key() + (key.comment.empty() ? "" : " " + key.comment);
    std::string item = yaml::quote_scalar(line);
    if (key.valid_from || key.valid_until) {
        item = "{key: " + item;
        if (key.valid_from) {
            item += ", valid_from: " + day_text(key.valid_from);
        }
        if (key.valid_until) {
            item += ", valid_until: " + day_text(key.valid_until);
        }
        item += "}";
    }
    auto edited = model::add_key_to_roster(text, *root, person_id, item);
    if (!edited) {
        return std::nullopt;
    }
    // The edited file must read back as a roster with the key.
    Diagnostics check;
    const auto reread = yaml::parse(*edited, store::k_roster_file, check);
    if (!reread || !model::read_roster(*reread, store::k_roster_file, check)) {
        out.append(check);
        return std::nullopt;
    }
    return edited;
}

void register_key(Command& app, Session& session) {
    const auto lang = session.lang();
    auto* key = app.add_subcommand("key", i18n::text(lang, "help.key"));
    key->require_subcommand(1);
    auto options = std::make_shared<KeyAddOptions>();
    auto* add = key->add_subcommand("add", i18n::text(lang, "help.key_add"));
    add->add_option("FILE", options->file, i18n::text(lang, "help.key_file"));
    add->add_option("--valid-from", options->valid_from, i18n::text(lang, "help.key_valid_from"));
    add->add_option("--valid-until", options->valid_until,
                    i18n::text(lang, "help.key_valid_until"));
    add->callback([&session, options] { run_key_add(session, *options); });
    auto* list = key->add_subcommand("list", i18n::text(lang, "help.key_list"));
    list->callback([&session] { run_key_list(session); });
}

} // namespace collab::cli
