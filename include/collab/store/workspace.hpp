#pragma once

#include <collab/model/config.hpp>
#include <collab/model/request.hpp>
#include <collab/model/roster.hpp>
#include <collab/time/calendar.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/util/content_key.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace collab::store {

inline constexpr const char* k_config_file = "collab.yaml";
inline constexpr const char* k_roster_file = "people.yaml";
inline constexpr const char* k_requests_dir = "requests";
inline constexpr const char* k_state_dir = ".collab"; // lock and caches, never in git
inline constexpr const char* k_lock_file = ".collab/lock";
inline constexpr const char* k_cache_dir = ".collab/cache"; // derived, rebuilt at will

// The user's own cache folder for collab ($XDG_CACHE_HOME/collab, else ~/.cache/collab;
// empty when neither is set): for what must not live in a workspace anyone can commit to.
std::filesystem::path user_cache_dir();

class Disk;
class DiskLock;
class GitBase;
class SignatureVerifier;

// A record file's text, named relative to its request's folder: "request.yaml",
// "tasks.yaml" or "log/<person>.yaml".
struct RecordText {
    std::string name;
    std::string text;
};

// The record files of a request folder (relative to `folder`; "" for `folder` itself),
// named relative to it: request.yaml and tasks.yaml when present, then the logs by name.
// `temp_seen`, when given, says whether the folder or its log/ held a temporary file
// of a killed write (store/recovery reports those).
std::vector<std::string> record_names(const Disk& folder, const std::string& request_dir,
                                      bool* temp_seen = nullptr);

// Parses a record file's text within the YAML limits.
std::optional<yaml::Node> parse_record(std::string_view text, const std::string& relative,
                                       Diagnostics& out);

// Builds a request from the texts of its files; the one place that turns record
// files into a model::Request. Problems name paths relative to the workspace root;
// nullopt when any is an error. With a verifier, each entry's signature status is
// worked out and the entries the policy does not accept are set aside
// (model::Request::untrusted, rules/signature_policy).
std::optional<model::Request> read_request(const std::string& id,
                                           const std::vector<RecordText>& files,
                                           const time::Zone& zone, Diagnostics& out,
                                           const SignatureVerifier* verifier = nullptr);

// What is under requests/ besides request folders: an entry named like a request id
// that is not a real folder (a link, file or device) is an error; any other name a
// warning (hidden names are left alone). Such entries are never read.
Diagnostics check_request_entries(const std::filesystem::path& root);
Diagnostics check_request_entries(const Disk& disk);

// The request folders under requests/: real folders whose names are request ids.
std::vector<std::string> request_folder_names(const Disk& disk);

// A record file's text read from `disk`, or nullopt with the problem reported at
// `relative`: missing, a link or not a regular file (store/contained), over the YAML
// read limit (a log's message says how to split it), or unreadable.
std::optional<std::string> read_record(const Disk& disk, const std::string& relative,
                                       Diagnostics& out);

// Reads every record file under requests/ of a workspace root as YAML (syntax and
// limits only, no roster needed) and reports request folders that lack request.yaml.
// Used to report every broken file even when the workspace's settings are broken too.
Diagnostics scan_request_files(const std::filesystem::path& root);
Diagnostics scan_request_files(const Disk& disk);

// A workspace on disk: its settings, roster and calendars, and access to its
// request records. Paths in diagnostics are relative to the workspace root.
class Workspace {
public:
    // Walks up from `start` to the first folder holding collab.yaml, like git does.
    static std::optional<std::filesystem::path> find_root(const std::filesystem::path& start);

    // Reads collab.yaml, people.yaml and the calendar files. Every problem in them
    // is reported; nullopt when any is an error. With `trusted` (check --trust-ref)
    // they are read from that commit instead of the working tree, named "REF:path".
    static std::optional<Workspace> open(const std::filesystem::path& root, Diagnostics& out,
                                         const GitBase* trusted = nullptr);
    // The same over any disk (store/disk: the real one, or an in-memory one in
    // tests); verified signatures are remembered in `signature_cache` ("": nowhere).
    static std::optional<Workspace> open(std::shared_ptr<const Disk> disk, Diagnostics& out,
                                         const GitBase* trusted,
                                         const std::filesystem::path& signature_cache);

    const std::filesystem::path& root() const { return m_root; }
    // The files of the workspace: every record is read, listed and written through it.
    const Disk& disk() const { return *m_disk; }
    const model::Config& config() const { return m_config; }
    const model::Roster& roster() const { return m_roster; }
    const time::Calendar& calendar() const { return m_calendar; }
    const time::Zone& zone() const { return m_zone; }
    // A key over the texts of collab.yaml, people.yaml and the calendars: everything
    // besides a request's own files that its digest depends on.
    const util::ContentKey& settings_key() const { return m_settings_key; }

    // Checks the signatures of log entries against the roster's keys under the
    // workspace's `signatures:` policy.
    const SignatureVerifier& verifier() const { return *m_verifier; }
    // Signs new log entries: given the author and the entry's canonical bytes, the
    // armored signature, or "" to write the entry unsigned. Unset: unsigned.
    using Signer = std::function<std::string(const std::string& person, const std::string& bytes)>;
    void set_signer(Signer signer) { m_signer = std::move(signer); }

    // The ids of all requests: the request folders (request_folder_names) that hold
    // request.yaml.
    std::vector<std::string> request_ids() const;
    // Whether `id` is one of request_ids(), found without listing the others: a real
    // folder (not a link) holding a request.yaml.
    bool has_request(const std::string& id) const;

    // Loads one request: its form and every event of every log. nullopt when a
    // file of it cannot be read as a record.
    std::optional<model::Request> load_request(const std::string& id, Diagnostics& out) const;

    // Reads and parses a workspace file with the YAML limits.
    std::optional<yaml::Node> read_yaml(const std::string& relative, Diagnostics& out) const;
    bool exists(const std::string& relative) const;
    std::string read_text(const std::string& relative) const;

    // Writes a file atomically (see write_file_atomically), without following links.
    // Text that is not valid UTF-8 or holds a NUL is refused (FileError) and nothing
    // is written.
    void write(const std::string& relative, std::string_view content) const;
    // Removes a file or folder of the workspace (Disk::remove).
    void remove(const std::string& relative) const;

    // Appends one event to its author's log, creating the log with its header.
    // The entry carries `prev` (the hash of the log's last entry, model/entry_chain)
    // and, when the signer gives one, `sig`. The existing text is kept byte for byte; the log is
    // rewritten whole (temp file, rename), never half. The event's seq is the caller's: it must
    // hold the lock (lock_path) from before it read the request the seq was worked out from.
    void append_event(const model::Request& request, const model::Event& event,
                      const yaml::Node& extra) const;

    std::filesystem::path lock_path() const;
    // Takes the workspace's write lock (lock_path) through the disk, waiting up to
    // `timeout_ms` for another process; nullptr when it is still held by another.
    std::unique_ptr<DiskLock> lock(int timeout_ms = 10000) const;

private:
    Workspace(std::shared_ptr<const Disk> disk, model::Config config, model::Roster roster,
              time::Calendar calendar, time::Zone zone);

    std::shared_ptr<const Disk> m_disk;
    std::filesystem::path m_root;
    model::Config m_config;
    model::Roster m_roster;
    time::Calendar m_calendar;
    time::Zone m_zone;
    util::ContentKey m_settings_key;
    std::shared_ptr<const SignatureVerifier> m_verifier;
    Signer m_signer;
};

} // namespace collab::store
