#pragma once

#include "cli/exit_status.hpp"
#include "cli/terminal_text.hpp"

#include <collab/i18n/message.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/disk.hpp>
#include <collab/store/git_history.hpp>
#include <collab/store/ssh_signatures.hpp>
#include <collab/store/workspace.hpp>
#include <collab/util/diagnostic.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>

namespace collab::cli {

// A sub-record (blocker, risk, change, action item) found by Session::resolve_record:
// the request holding it and its whole id.
struct RecordRef {
    std::string request;
    std::string id;
};

// Options every command takes.
struct GlobalOptions {
    std::string directory;      // -C DIR
    std::string as;             // --as PERSON
    std::string now;            // --now DATE|DATETIME
    std::string lang;           // --lang zh|en
    std::string color = "auto"; // --color auto|always|never
    bool no_pager = false;      // --no-pager
};

enum class OutputFormat { text, json };

// What a running command needs from its surroundings: the language, the workspace,
// the acting person and the clock. Resolves each lazily, prints why when it cannot,
// and stops the command by throwing Exit.
class Session {
public:
    Session(GlobalOptions& options, std::ostream& out, std::ostream& err);
    const GlobalOptions& options() const { return m_options; }

    i18n::Language lang() const;
    // The language given with --lang, if any.
    std::optional<i18n::Language> explicit_language() const;
    // Standard output and error, with control characters shown escaped
    // (cli/terminal_text): everything a command prints goes here.
    std::ostream& out() { return m_out; }
    std::ostream& err() { return m_err; }
    // The streams themselves, for what collab sends to a terminal on purpose
    // (colours it chose, the progress line) and nothing read from a file.
    std::ostream& raw_out() { return m_out.flush(), m_raw_out; }
    std::ostream& raw_err() { return m_err.flush(), m_raw_err; }
    std::string tr(const i18n::Message& message) const;
    std::string tr(const std::string& id) const;
    // Whether to colour standard output (--color, cli/terminal).
    bool colour() const;

    // The directory commands act in: -C DIR or the current one.
    std::filesystem::path start_directory() const;
    // A path the user typed (-o FILE, an input file): a relative one is taken from
    // start_directory(), as if collab had been started there.
    std::filesystem::path user_path(const std::string& typed) const;
    // The workspace found from the start directory; prints every file problem and
    // exits 4 when it cannot be loaded, 2 when there is none.
    const store::Workspace& workspace();
    // When the settings or roster cannot be read, workspace() still reads every
    // record file before it stops, so that one run names every broken file.
    void scan_records_when_broken() { m_scan_records_when_broken = true; }
    // check --trust-ref REF: workspace() reads the settings, roster and calendars from
    // that commit (store::GitBase), and stops with exit 2 when it cannot. Call first.
    void trust_settings_from(std::string ref) { m_trust_ref = std::move(ref); }
    const store::GitBase* trusted_base() const { return m_trusted ? &*m_trusted : nullptr; }
    // The acting person's roster id: --as, else COLLAB_USER, else git user.email.
    const std::string& actor();
    // --now, else COLLAB_NOW, else the clock.
    time::Timestamp now();
    // Moves now() back to `at` when that is earlier (stats --until): a read command
    // then sees every request as it stood at `at`, as for an earlier --now.
    void limit_now(time::Timestamp at);
    // For tests only (COLLAB_TEST_DELAY_AFTER_LOAD_MS): holds a write command that has
    // read a workspace file other than a request (people.yaml), as after a request.
    static void test_delay_after_read();
    // Before a command writes an entry as actor(): finds a key of theirs to sign
    // with (store::find_signing_key). Under `signatures: required` a person whose
    // key is not at hand is refused (exit 3), naming their registered keys and how
    // to register one; under `optional` the entry is then written unsigned.
    void prepare_signing();
    // The same for a command that runs outside any workspace (init): a --now without
    // an offset is read in `zone`.
    time::Timestamp now_in(const time::Zone& zone);
    rules::Context context();

    // Printing. Diagnostics go to stderr as "path:line:col: error: message".
    void print_diagnostics(const Diagnostics& diagnostics);
    // Prints errors and stops with `code`.
    [[noreturn]] void fail(int code, const i18n::Message& message);
    [[noreturn]] void fail(int code, const Diagnostics& diagnostics);
    // Prints a refusal (rule, reason, details, hints) and stops with exit 3.
    [[noreturn]] void refuse(const rules::Refusal& refusal);
    void warn(const i18n::Message& message);
    // Warns once per year when a date an action records (a deadline, a due date) lies in
    // a year no calendar covers and uncovered_years is weekends-only: the guard judged
    // it by the work week alone, so a holiday may still fall on it.
    void warn_if_guessed(const std::vector<std::string>& dates);
    void info(const i18n::Message& message);

    // Takes the workspace's write lock for the rest of the command; later calls do
    // nothing. Stops with exit 2 when another collab process keeps it past the timeout.
    // A write command need not call it: its first read (resolve_*, load_*) takes it, so
    // it never decides on, nor numbers its entry (the Lamport seq) from, a copy of a
    // request that another writer changes before it writes.
    void lock_workspace();
    bool holds_lock() const { return m_lock != nullptr; }
    // The lock, taken now if it is not yet held: what txn::transact writes under.
    const store::DiskLock& write_lock() {
        lock_workspace();
        return *m_lock;
    }
    // A request a write command read under the lock (txn::transact): prints its
    // files' warnings, stops with exit 4 on errors, as load_request does.
    void request_loaded(const Diagnostics& problems);

    // Resolves a typed request id (any unique prefix) to the stored one; stops with
    // exit 2 when none or several match. A write command locks first.
    std::string resolve_request(const std::string& typed);
    // Loads a request; stops with exit 4 when its files are invalid. For a read
    // command (see show_past) it is the request as it stood at now(), and a request
    // created later stops the command with exit 2. A write command locks first.
    model::Request load_request(const std::string& id);
    // Resolves and loads a request WITHOUT the lock, for a write command that lets the
    // user edit at leisure before it writes (request edit, split in an editor): what it
    // decides on it must load again with load_request, under the lock, and compare.
    model::Request peek_request(const std::string& typed);
    // Loads every request; stops with exit 4 when any file is invalid. For a read
    // command, as they stood at now(), leaving out those created later. A write
    // command locks first.
    std::vector<model::Request> load_all_requests();
    // The same one request at a time: `visit` sees each, which is then dropped, so that a
    // command that keeps a little of each holds one request in full, not all of them.
    // Stops with exit 4 once every request was read, as load_all_requests does.
    void visit_all_requests(const std::function<void(model::Request&)>& visit);
    // Makes this a read command: every request it loads is seen as it stood at now()
    // (rules::as_of), so that --now replays the past. main.cpp sets it, from its list
    // of read commands, before the command runs; write commands always see every
    // entry, since their guards and Lamport clocks must.
    void show_past() { m_show_past = true; }
    bool shows_past() const { return m_show_past; }
    // A loaded request as this command sees it: as of now() for a read command
    // (nullopt when created later), else as it stands.
    std::optional<model::Request> seen_now(model::Request request) {
        return m_show_past ? as_of_now(std::move(request)) : std::move(request);
    }
    // Warns, once per request, that its form as of now() could not be rebuilt.
    void note_form_later(const std::string& id);
    bool showing_past() const { return m_show_past; }

    // Resolves "R-7KQ2XM/T2" (any unique request prefix, '/' or ':' before the task)
    // to a request id and a task id. A bare "T2" is looked up among split requests
    // and must name one task. A bare id is looked up in the digests' index
    // (cli/request_digests lookup_index) before the lock is taken, so that a write
    // command never reads other requests under it; it then locks.
    std::pair<std::string, std::string> resolve_task(const std::string& typed);
    // Finds the request holding a sub-record id (blocker, risk, change, action item)
    // named in the requests' logs, through the digests' index like a bare task id.
    // Any unique prefix of the id names it, as for a request id; stops with exit 2
    // when none or several ids match, or when several requests name the id.
    RecordRef resolve_record(const std::string& typed, const std::string& field);

private:
    GlobalOptions& m_options;
    std::ostream& m_raw_out;
    std::ostream& m_raw_err;
    EscapingBuffer m_out_buffer;
    EscapingBuffer m_err_buffer;
    std::ostream m_out;
    std::ostream m_err;
    std::optional<store::Workspace> m_workspace;
    // The language collab.yaml names, found from a start directory before the
    // workspace is loaded: read once, not for each of the many texts of --help.
    mutable std::optional<std::pair<std::filesystem::path, std::optional<i18n::Language>>>
        m_start_language;
    std::unique_ptr<store::DiskLock> m_lock; // held from the first read of a write command
    bool m_scan_records_when_broken = false;
    std::string m_trust_ref;
    std::optional<store::GitBase> m_trusted;
    bool m_show_past = false;
    std::optional<std::string> m_actor;
    std::optional<time::Timestamp> m_now;
    bool m_signing_prepared = false;
    std::optional<store::SigningKey> m_signing_key;
    std::set<std::string> m_printed; // a warning is shown once however often a file is read
    std::set<int> m_guessed_years;   // years warn_if_guessed has named

    // The request as it stood at now(), with a note when its form could not be
    // rebuilt; nullopt when it did not exist yet.
    std::optional<model::Request> as_of_now(model::Request request);
    // A write command reads under the lock; a read command (show_past) never locks.
    void lock_before_reading() {
        if (!m_show_past) {
            lock_workspace();
        }
    }
    std::string match_request(const std::string& typed);
    model::Request read_request(const std::string& id);
    // The workspace's signer (store::Workspace::set_signer): signs as actor() with
    // the key prepare_signing found.
    std::string sign_entry(const std::string& person, const std::string& bytes);
};

// The language before any workspace is loaded: --lang in argv, else the workspace
// found from -C or the current folder, else LANGUAGE / LC_ALL / LANG, else English.
i18n::Language early_language(int argc, char** argv);
// The same decision for a running session, given what the user passed.
i18n::Language language_from_environment();

// Runs `git config user.email` in a folder; empty when git or the setting is missing.
std::string git_user_email(const std::filesystem::path& dir);
std::string git_user_name(const std::filesystem::path& dir);

} // namespace collab::cli
