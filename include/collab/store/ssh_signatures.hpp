#pragma once

#include <collab/model/config.hpp>
#include <collab/model/event.hpp>
#include <collab/model/roster.hpp>
#include <collab/store/program.hpp>
#include <collab/time/timestamp.hpp>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collab::store {

// A private folder (mkdtemp, mode 0700) for the files ssh-keygen reads and writes,
// removed with everything in it when this goes.
class TempFolder {
public:
    TempFolder();
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    bool ok() const { return !m_path.empty(); }
    const std::filesystem::path& path() const { return m_path; }
    // Writes a file in the folder (mode 0600) and returns its path.
    std::filesystem::path write(const std::string& name, std::string_view content) const;

private:
    std::filesystem::path m_path;
};

// The allowed-signers list (ssh-keygen(1) ALLOWED SIGNERS) of a roster: one line per
// registered key, `namespaces="collab"`, with valid-after/valid-before from the key's
// valid_from/valid_until.
std::string allowed_signers(const model::Roster& roster);

// ssh-keygen's time form of an instant, in UTC: "20260706093000Z".
std::string ssh_time(time::Timestamp at);

// Works out the signature status of log entries against the roster's keys:
// missing without `sig`, unknown_key when the key that made it is not registered
// for the entry's author at the entry's time, else what
// `ssh-keygen -Y verify -n collab -Overify-time=<at>` says (verified or invalid).
// Throws FileError when ssh-keygen cannot be run at all: no status is made up.
// Safe to use from several threads. Verified signatures are remembered in
// `cache_file` under `root`, opened inside the workspace (store/contained) (one hash of
// allowed-signers list, bytes, signature and time per line; derived, rewritten when the verifier
// goes), so that ssh-keygen runs once per entry, not once per command.
class SignatureVerifier {
public:
    SignatureVerifier(const model::Roster& roster, model::SignaturePolicy policy,
                      std::filesystem::path root = {}, std::string cache_file = {});
    ~SignatureVerifier();
    SignatureVerifier(const SignatureVerifier&) = delete;
    SignatureVerifier& operator=(const SignatureVerifier&) = delete;

    model::SignaturePolicy policy() const { return m_policy; }
    // The status of one entry of `request_id`'s log of event.by; unchecked when the
    // policy is off.
    model::SignatureStatus status(const std::string& request_id, const model::Event& event) const;

private:
    model::Roster m_roster;
    model::SignaturePolicy m_policy;
    std::string m_allowed;
    std::string m_allowed_hash;
    std::filesystem::path m_root;
    std::string m_cache_file;
    mutable std::mutex m_mutex;
    mutable bool m_cache_loaded = false;
    mutable bool m_cache_changed = false;
    mutable std::set<std::string> m_verified;

    bool remembered(const std::string& hash) const;
    void remember(const std::string& hash) const;
};

// A key this process can sign with for a person: the registered public key and the
// file to give `ssh-keygen -f` (a private key file, or a public key file whose
// private half the ssh-agent holds; empty: write the public key to a temp file).
struct SigningKey {
    std::string public_key; // "ssh-ed25519 AAAA..."
    std::string file;
};

// Finds a key of `person` valid at `now` that can sign: one the ssh-agent holds
// (SSH_AUTH_SOCK, `ssh-add -L`), else git's user.signingkey (a file or "key::"
// literal, read in `dir`), else ~/.ssh/id_* whose .pub is registered. nullopt when
// none of the person's registered keys is at hand.
std::optional<SigningKey> find_signing_key(const model::Person& person, time::Timestamp now,
                                           const std::filesystem::path& dir);

// The public key a user would register by default: git's user.signingkey when it
// is a .pub file or a "key::" literal, else the first ~/.ssh/id_*.pub. Empty when none.
std::string default_public_key(const std::filesystem::path& dir);

// Signs bytes with `ssh-keygen -Y sign -n collab`; the armored signature, or nullopt
// when ssh-keygen failed.
std::optional<std::string> sign_bytes(const SigningKey& key, const std::string& bytes);

} // namespace collab::store
