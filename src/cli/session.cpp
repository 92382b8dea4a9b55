#include "cli/session.hpp"

#include "cli/process.hpp"
#include "cli/request_digests.hpp"
#include "cli/terminal.hpp"

#include <algorithm>
#include <chrono>
#include <collab/i18n/list.hpp>
#include <collab/model/request_id.hpp>
#include <collab/rules/as_of.hpp>
#include <collab/rules/signature_policy.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/program.hpp>
#include <collab/util/edit_distance.hpp>
#include <collab/yaml/node.hpp>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <thread>

namespace collab::cli {

namespace fs = std::filesystem;
using i18n::msg;

namespace {

std::string trim_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

// For tests only: COLLAB_TEST_DELAY_AFTER_LOAD_MS=N holds a write command for N ms
// after it has read a request, so that an end-to-end test of two concurrent writers
// can make them overlap every time. Not a setting: nothing else reads it.
void test_delay_after_load() {
    const char* value = std::getenv("COLLAB_TEST_DELAY_AFTER_LOAD_MS");
    if (value == nullptr || *value == '\0') {
        return;
    }
    const int ms = std::atoi(value);
    if (ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 10000)));
    }
}

// The language a workspace's collab.yaml asks for, read without validating the
// rest, so that even errors about the workspace come in its language.
std::optional<i18n::Language> workspace_language(const fs::path& start) {
    const auto root = store::Workspace::find_root(start);
    if (!root) {
        return std::nullopt;
    }
    try {
        Diagnostics ignored;
        const auto node =
            yaml::parse(store::read_contained(*root, store::k_config_file), "", ignored);
        if (node && node->is_map()) {
            if (const auto* lang = node->find("language"); lang && lang->is_scalar()) {
                return i18n::parse_language(lang->scalar());
            }
        }
    } catch (const std::exception&) {
        // An unreadable collab.yaml is reported later, in the fallback language.
    }
    return std::nullopt;
}

} // namespace

i18n::Language language_from_environment() {
    for (const char* name : {"LANGUAGE", "LC_ALL", "LANG"}) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') {
            continue;
        }
        if (auto lang = i18n::parse_language(value)) {
            return *lang;
        }
    }
    return i18n::Language::en;
}

i18n::Language early_language(int argc, char** argv) {
    std::string dir;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--lang" && i + 1 < argc) {
            if (auto lang = i18n::parse_language(argv[i + 1])) {
                return *lang;
            }
        } else if (arg.rfind("--lang=", 0) == 0) {
            if (auto lang = i18n::parse_language(arg.substr(7))) {
                return *lang;
            }
        } else if (arg == "-C" && i + 1 < argc) {
            dir = argv[i + 1];
        }
    }
    std::error_code ec;
    if (auto lang = workspace_language(dir.empty() ? fs::current_path(ec) : fs::path(dir))) {
        return *lang;
    }
    return language_from_environment();
}

std::string git_user_email(const fs::path& dir) {
    const auto result = store::run_program({"git", "-C", dir.string(), "config", "user.email"});
    return result.status == 0 ? trim_line(result.output) : std::string();
}

std::string git_user_name(const fs::path& dir) {
    const auto result = store::run_program({"git", "-C", dir.string(), "config", "user.name"});
    return result.status == 0 ? trim_line(result.output) : std::string();
}

Session::Session(GlobalOptions& options, std::ostream& out, std::ostream& err)
    : m_options(options), m_raw_out(out), m_raw_err(err), m_out_buffer(out), m_err_buffer(err),
      m_out(&m_out_buffer), m_err(&m_err_buffer) {}

i18n::Language Session::lang() const {
    if (auto lang = i18n::parse_language(m_options.lang)) {
        return *lang;
    }
    if (m_workspace && m_workspace->config().language) {
        return *m_workspace->config().language;
    }
    const auto start = start_directory();
    if (!m_start_language || m_start_language->first != start) {
        m_start_language.emplace(start, workspace_language(start));
    }
    if (m_start_language->second) {
        return *m_start_language->second;
    }
    return language_from_environment();
}

std::optional<i18n::Language> Session::explicit_language() const {
    return i18n::parse_language(m_options.lang);
}

std::string Session::tr(const i18n::Message& message) const {
    return i18n::render(lang(), message);
}

std::string Session::tr(const std::string& id) const {
    return i18n::text(lang(), id);
}

bool Session::colour() const {
    return colour_wanted(m_options.color);
}

fs::path Session::user_path(const std::string& typed) const {
    const fs::path path(typed);
    return path.is_relative() && !m_options.directory.empty() ? start_directory() / path : path;
}

fs::path Session::start_directory() const {
    if (!m_options.directory.empty()) {
        return m_options.directory;
    }
    std::error_code ec;
    return fs::current_path(ec);
}

const store::Workspace& Session::workspace() {
    if (m_workspace) {
        return *m_workspace;
    }
    const auto start = start_directory();
    std::error_code ec;
    if (!m_options.directory.empty() && !fs::is_directory(start, ec)) {
        fail(k_exit_usage, msg("cli.no_such_dir", start.string()));
    }
    const auto root = store::Workspace::find_root(start);
    if (!root) {
        fail(k_exit_usage, msg("cli.no_workspace", start.string()));
    }
    if (!m_trust_ref.empty()) {
        i18n::Message why;
        m_trusted = store::GitBase::open(*root, m_trust_ref, why);
        if (!m_trusted) {
            fail(k_exit_usage, why);
        }
    }
    Diagnostics problems;
    auto workspace = store::Workspace::open(*root, problems, trusted_base());
    if (!workspace) {
        if (m_scan_records_when_broken) {
            problems.append(store::scan_request_files(*root));
        }
        fail(k_exit_invalid, problems);
    }
    print_diagnostics(problems); // warnings only
    m_workspace = std::move(workspace);
    m_workspace->set_signer([this](const std::string& person, const std::string& bytes) {
        return sign_entry(person, bytes);
    });
    return *m_workspace;
}

const std::string& Session::actor() {
    if (m_actor) {
        return *m_actor;
    }
    const auto& roster = workspace().roster();
    std::string given = m_options.as;
    std::string source = "--as";
    if (given.empty()) {
        if (const char* env = std::getenv("COLLAB_USER"); env != nullptr && *env != '\0') {
            given = env;
            source = "COLLAB_USER";
        }
    }
    if (given.empty()) {
        given = git_user_email(workspace().root());
        source = "git user.email";
        if (given.empty()) {
            fail(k_exit_usage, msg("cli.no_identity"));
        }
    }
    const auto* person = roster.find(given);
    if (person == nullptr) {
        std::vector<std::string> ids;
        for (const auto& p : roster.people()) {
            ids.push_back(p.id);
        }
        if (auto near = util::closest_match(given, ids)) {
            fail(k_exit_usage, msg("cli.unknown_person_near", given, source, *near));
        }
        fail(k_exit_usage, msg("cli.unknown_person", given, source));
    }
    m_actor = person->id;
    return *m_actor;
}

void Session::prepare_signing() {
    if (m_signing_prepared) {
        return;
    }
    const auto& ws = workspace();
    const auto policy = ws.config().signatures;
    m_signing_prepared = true;
    if (policy == model::SignaturePolicy::off) {
        return;
    }
    const auto* person = ws.roster().find(actor());
    m_signing_key = store::find_signing_key(*person, now(), ws.root());
    if (m_signing_key || rules::may_act_without_key(policy)) {
        return;
    }
    std::string keys;
    for (const auto& key : person->keys) {
        keys += "\n  " + key.type + " " + key.fingerprint() + " " + key.comment;
    }
    m_err << "collab: " << tr(msg("cli.refused", "trust")) << ": "
          << tr(msg("cli.no_signing_key", person->id)) << '\n';
    m_err << "  "
          << tr(keys.empty() ? msg("cli.no_registered_keys", person->id)
                             : msg("cli.registered_keys", person->id))
          << keys << '\n';
    m_err << tr("cli.hint") << ": " << tr(msg("cli.hint_key_add", person->id)) << '\n';
    throw Exit{k_exit_refused};
}

std::string Session::sign_entry(const std::string& person, const std::string& bytes) {
    if (!m_signing_key || person != actor()) {
        return {};
    }
    if (auto signature = store::sign_bytes(*m_signing_key, bytes)) {
        return *signature;
    }
    if (workspace().config().signatures == model::SignaturePolicy::required) {
        fail(k_exit_refused, msg("cli.sign_failed", person));
    }
    warn(msg("cli.sign_failed_unsigned", person));
    return {};
}

time::Timestamp Session::now() {
    if (m_now) {
        return *m_now;
    }
    return now_in(workspace().zone());
}

void Session::test_delay_after_read() {
    test_delay_after_load();
}

void Session::limit_now(time::Timestamp at) {
    m_now = std::min(now(), at);
}

time::Timestamp Session::now_in(const time::Zone& zone) {
    if (m_now) {
        return *m_now;
    }
    std::string given = m_options.now;
    std::string source = "--now";
    if (given.empty()) {
        if (const char* env = std::getenv("COLLAB_NOW"); env != nullptr && *env != '\0') {
            given = env;
            source = "COLLAB_NOW";
        }
    }
    if (given.empty()) {
        m_now =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        return *m_now;
    }
    const auto parsed = time::parse_timestamp(given, zone);
    if (!parsed) {
        fail(k_exit_usage, msg("cli.bad_time_source", source, given));
    }
    m_now = *parsed;
    return *m_now;
}

rules::Context Session::context() {
    const auto& ws = workspace();
    return rules::Context{ws.config(), ws.roster(), ws.calendar(), ws.zone(), now()};
}

void Session::print_diagnostics(const Diagnostics& diagnostics) {
    for (const auto& item : diagnostics.items()) {
        auto line = format_diagnostic(lang(), item);
        if (m_printed.insert(line).second) {
            m_err << line << '\n';
        }
    }
}

void Session::fail(int code, const i18n::Message& message) {
    m_err << "collab: " << tr("severity.error") << ": " << tr(message) << '\n';
    throw Exit{code};
}

void Session::fail(int code, const Diagnostics& diagnostics) {
    print_diagnostics(diagnostics);
    throw Exit{code};
}

void Session::refuse(const rules::Refusal& refusal) {
    m_err << "collab: " << tr(msg("cli.refused", refusal.rule)) << ": " << tr(refusal.reason)
          << '\n';
    for (const auto& detail : refusal.details) {
        m_err << "  " << format_diagnostic(lang(), detail) << '\n';
    }
    for (const auto& hint : refusal.hints) {
        m_err << tr("cli.hint") << ": " << tr(hint) << '\n';
    }
    const bool calendar =
        rules::needs_calendar(refusal.reason) ||
        std::any_of(refusal.details.begin(), refusal.details.end(),
                    [](const Diagnostic& detail) { return rules::needs_calendar(detail.message); });
    throw Exit{calendar ? k_exit_invalid : k_exit_refused};
}

void Session::warn(const i18n::Message& message) {
    m_err << "collab: " << tr("severity.warning") << ": " << tr(message) << '\n';
}

void Session::warn_if_guessed(const std::vector<std::string>& dates) {
    const auto& calendar = workspace().calendar();
    if (calendar.policy() != time::UncoveredYears::weekends_only) {
        return;
    }
    for (const auto& text : dates) {
        const auto day = time::parse_date(text);
        if (!day) {
            continue;
        }
        const int year = static_cast<int>(day->year());
        if (!calendar.covers(year) && m_guessed_years.insert(year).second) {
            warn(i18n::msg("calendar.date_guessed", text, year));
        }
    }
}

void Session::info(const i18n::Message& message) {
    m_err << tr(message) << '\n';
}

void Session::lock_workspace() {
    if (m_lock) {
        return;
    }
    auto lock = workspace().lock();
    if (!lock) {
        fail(k_exit_usage, msg("cli.locked"));
    }
    m_lock = std::move(lock);
}

std::string Session::resolve_request(const std::string& typed) {
    lock_before_reading();
    return match_request(typed);
}

std::string Session::match_request(const std::string& typed) {
    // A whole id that exists is the answer: no need to list every request folder, which
    // costs a look at each of them.
    if (workspace().has_request(typed)) {
        return typed;
    }
    const auto ids = workspace().request_ids();
    const auto match = model::match_request_id(typed, ids);
    if (const auto* id = std::get_if<std::string>(&match)) {
        return *id;
    }
    if (const auto* ambiguous = std::get_if<model::IdAmbiguous>(&match)) {
        std::string list;
        for (const auto& candidate : ambiguous->candidates) {
            list += (list.empty() ? "" : ", ") + candidate;
        }
        fail(k_exit_usage, msg("cli.ambiguous_id", typed, list));
    }
    fail(k_exit_usage, msg("cli.unknown_request", typed));
}

std::vector<model::Request> Session::load_all_requests() {
    std::vector<model::Request> requests;
    visit_all_requests([&](model::Request& request) { requests.push_back(std::move(request)); });
    return requests;
}

void Session::visit_all_requests(const std::function<void(model::Request&)>& visit) {
    lock_before_reading();
    const auto& ws = workspace();
    Diagnostics problems;
    for (const auto& id : ws.request_ids()) {
        if (auto request = ws.load_request(id, problems)) {
            if (!m_show_past) {
                visit(*request);
            } else if (auto past = as_of_now(std::move(*request))) {
                visit(*past);
            }
        }
    }
    if (problems.has_errors()) {
        fail(k_exit_invalid, problems);
    }
    print_diagnostics(problems);
}

std::pair<std::string, std::string> Session::resolve_task(const std::string& typed) {
    const auto separator = typed.find_first_of("/:");
    if (separator != std::string::npos) {
        return {resolve_request(typed.substr(0, separator)), typed.substr(separator + 1)};
    }
    // Through the digests' index, before the lock: no other request is read under it.
    std::vector<std::string> found;
    for (const auto& index : lookup_index(*this)) {
        const auto& tasks = index.table_tasks;
        if (std::find(tasks.begin(), tasks.end(), typed) != tasks.end()) {
            found.push_back(index.listing.id);
        }
    }
    if (found.size() == 1) {
        lock_before_reading();
        return {found.front(), typed};
    }
    if (found.empty()) {
        fail(k_exit_usage, msg("cli.unknown_task", typed));
    }
    std::string list;
    for (const auto& id : found) {
        list += (list.empty() ? "" : ", ") + id + "/" + typed;
    }
    fail(k_exit_usage, msg("cli.ambiguous_task", typed, list));
}

RecordRef Session::resolve_record(const std::string& typed, const std::string& field) {
    // Every id the logs name under `field`, and the requests naming each.
    std::map<std::string, std::vector<std::string>> holders;
    for (const auto& index : lookup_index(*this)) {
        for (const auto& [name, ids] : index.records) {
            if (name == field) {
                for (const auto& id : ids) {
                    holders[id].push_back(index.listing.id);
                }
            }
        }
    }
    std::vector<std::string> known;
    for (const auto& [id, requests] : holders) {
        known.push_back(id);
    }
    // Any unique prefix, as for a request id (model::match_request_id).
    const auto match = model::match_request_id(typed, known);
    if (const auto* ambiguous = std::get_if<model::IdAmbiguous>(&match)) {
        fail(k_exit_usage,
             msg("cli.ambiguous_record_prefix", typed, i18n::list_argument(ambiguous->candidates)));
    }
    const auto* id = std::get_if<std::string>(&match);
    if (id == nullptr) {
        fail(k_exit_usage, msg("cli.unknown_record", typed));
    }
    const auto& found = holders.at(*id);
    if (found.size() == 1) {
        lock_before_reading();
        return {found.front(), *id};
    }
    std::string list;
    for (const auto& request : found) {
        list += (list.empty() ? "" : ", ") + request;
    }
    fail(k_exit_usage, msg("cli.ambiguous_record", *id, list));
}

model::Request Session::load_request(const std::string& id) {
    lock_before_reading();
    auto request = read_request(id);
    if (!m_show_past) {
        test_delay_after_load();
        return request;
    }
    const auto created = rules::created_at(request);
    if (auto past = as_of_now(std::move(request))) {
        return std::move(*past);
    }
    const auto& zone = workspace().zone();
    fail(k_exit_usage, msg("cli.not_yet", id, zone.format_short(now()),
                           created ? zone.format_short(*created) : std::string("?")));
}

model::Request Session::peek_request(const std::string& typed) {
    return read_request(match_request(typed));
}

void Session::request_loaded(const Diagnostics& problems) {
    if (problems.has_errors()) {
        fail(k_exit_invalid, problems);
    }
    print_diagnostics(problems);
    test_delay_after_load();
}

model::Request Session::read_request(const std::string& id) {
    Diagnostics problems;
    auto request = workspace().load_request(id, problems);
    if (!request) {
        fail(k_exit_invalid, problems);
    }
    print_diagnostics(problems);
    return std::move(*request);
}

std::optional<model::Request> Session::as_of_now(model::Request request) {
    const auto later = [this](const model::Event& event) {
        return event.at > now();
    };
    if (std::none_of(request.events.begin(), request.events.end(), later)) {
        return request; // nothing happened since: as it stands (the usual case)
    }
    auto past = rules::as_of(request, now());
    if (!past.existed) {
        return std::nullopt;
    }
    if (past.form == rules::PastForm::unknown) {
        note_form_later(request.id);
    }
    return std::move(past.request);
}

void Session::note_form_later(const std::string& id) {
    if (m_printed.insert("as_of:" + id).second) {
        warn(msg("cli.form_later", id, workspace().zone().format_short(now())));
    }
}

} // namespace collab::cli
