#pragma once
#include <atomic>
#include <collab/rules/context.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_codec.hpp>
#include <collab/store/git_index.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/util/diagnostic.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace collab::store {

class Disk;
class Workspace;

// Which cached digests a run may use, and what it saves: the trust policy of the
// digest cache (store/digest_cache), apart from how the work is spread over cores.
struct DigestOptions {
    // False for --no-cache: nothing is read from the cache or written to it.
    bool use_cache = true;
    const char* cache_file = k_digest_cache_file; // inside the workspace
    // Another command's cache, read and never written: an entry this run's cache lacks
    // (or holds for other content) is taken from it when its key matches exactly, so
    // that the first listing after a check (or the other way round) starts warm.
    const char* fallback_cache_file = nullptr;
    // A request folder without request.yaml is an error (check), or is passed over
    // (inbox, which answers "what is waiting on me" and leaves broken files to check).
    bool report_missing_forms = true;
    DigestParts parts; // what the command reads of a cached digest
    // The digest format the cache keys are made with (k_digest_format_version); an
    // entry keyed under another never matches.
    std::uint64_t format_version = k_digest_format_version;
};

// A stamp is trusted only when the file last changed this long before it was taken:
// file times come from a clock that ticks coarsely, so a file changed twice within
// one tick keeps its stamp. Git's index guards against the same ("racy git").
inline constexpr std::int64_t k_stamp_settle_ns = 2'000'000'000;

// How many record files a run reads before it reads git's index to name the others.
inline constexpr std::size_t k_files_read_before_git_index = 64;

// What working out one request gave.
struct DigestOutcome {
    std::optional<rules::RequestDigest> digest;
    Diagnostics problems;
    bool from_cache = false;
    // What the cache should now hold for the request: the entry it had (unchanged),
    // new bytes, or nothing.
    bool keep_entry = false;
    std::optional<std::string> new_entry;
    // The request's folder and its log/ hold no temporary file of a killed write, as
    // listed now or as the cache saw them under the same trusted stamps: the leftover
    // scan need not list them (store::find_leftovers).
    bool no_temp_files = false;
    // Record files read to learn their content key (neither the cache's stamp nor git's
    // index named it).
    std::size_t files_read = 0;
};

// The user's cache secret (store/cache_secret), without which the cache can be
// neither believed nor signed; nullopt under --no-cache.
std::optional<std::string> digest_cache_secret(const DigestOptions& options);

// The cache a run believes: the workspace's cache file when it is signed under
// `secret`; empty without a secret, or when the file is missing, foreign or damaged.
DigestCache load_digest_cache(const Workspace& workspace, const DigestOptions& options,
                              const std::optional<std::string>& secret);

// Works out the digest of one request of a workspace, from the cache when it may be
// believed. Per request: its folders and files are stamped; a file whose stamp the
// cache saw, trusted (taken well after the file last changed), takes its content key
// from the cache, any other is read and hashed; the digest is keyed by the format
// version, the workspace's settings key, the request id and every file's name and
// content key, and a cached digest is used only on an exact key match and only when
// every entry it saw was recorded by context.now. Otherwise the files are parsed
// (read_request) and the digest worked out; a digest of every entry (complete) is
// what the cache should then hold. Once the run has read k_files_read_before_git_index
// files, a file whose stamp the cache did not see, but which git's index calls clean
// (store/git_index), takes its content key from the cache when the cache saw the same
// blob id: a fresh clone reads a few dozen files, not all.
// digest() may run on many threads at once.
class DigestPolicy {
public:
    // Stamps that changed at or after `trust_before` (nanoseconds on the file clock)
    // are not trusted; by default k_stamp_settle_ns before now.
    DigestPolicy(const Workspace& workspace, const rules::Context& context,
                 const DigestCache& cache, const DigestOptions& options,
                 std::int64_t trust_before = file_clock_now_ns() - k_stamp_settle_ns);
    ~DigestPolicy();
    DigestPolicy(const DigestPolicy&) = delete;
    DigestPolicy& operator=(const DigestPolicy&) = delete;

    DigestOutcome digest(const std::string& id) const;

    // Where the fallback cache (DigestOptions::fallback_cache_file) comes from: called
    // at most once, the first time a request's entry is not in this run's cache.
    void fall_back_on(std::function<DigestCache()> load);

private:
    const DigestCache& fallback() const;
    std::optional<CachedRequest> fallback_entry(const std::string& id) const;
    bool settled(const FileStamp& stamp) const { return stamp.settled_before(m_trust_before); }
    bool from_cache(std::string_view bytes, DigestOutcome& out) const;
    rules::RequestDigest digest_of(const model::Request& request) const;
    DigestOutcome read_whole(const std::string& id) const;
    const GitIndex* git_index() const;

    const Workspace& m_workspace;
    const rules::Context& m_context;
    const DigestCache& m_cache;
    const DigestOptions& m_options;
    // The workspace's requests/ folder, opened once for the run: each request's folder
    // is then one openat below it.
    std::unique_ptr<const Disk> m_requests;
    std::int64_t m_trust_before;
    std::function<DigestCache()> m_load_fallback;
    mutable std::once_flag m_fallback_loaded;
    mutable DigestCache m_fallback;
    // Git's index, read once this run has read k_files_read_before_git_index files.
    mutable std::atomic<std::size_t> m_files_read{0};
    mutable std::once_flag m_git_index_loaded;
    mutable std::optional<GitIndex> m_git_index;
};

} // namespace collab::store
