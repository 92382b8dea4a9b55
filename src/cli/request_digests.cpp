#include "cli/request_digests.hpp"

#include "cli/terminal.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <collab/rules/verdict.hpp>
#include <collab/store/cache_secret.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_codec.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/yaml/node.hpp>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace collab::cli {

using i18n::msg;

namespace {

// A stamp is trusted only when the file last changed this long before it was taken:
// file times come from a clock that ticks coarsely, so a file changed twice within
// one tick keeps its stamp. Git's index guards against the same ("racy git").
constexpr std::int64_t k_settle_ns = 2'000'000'000;

// What working out one request gave.
struct Outcome {
    std::optional<rules::RequestDigest> digest;
    Diagnostics problems;
    bool from_cache = false;
    // What the cache should now hold for the request: the entry it had (unchanged),
    // new bytes, or nothing.
    bool keep_entry = false;
    std::optional<std::string> new_entry;
    std::exception_ptr error;
};

class RequestDigester {
public:
    RequestDigester(const store::Workspace& workspace, const rules::Context& context,
                    const store::DigestCache& cache, const DigestOptions& options)
        : m_workspace(workspace), m_context(context), m_cache(cache), m_options(options),
          m_folder(workspace.root()), m_trust_before(store::file_clock_now_ns() - k_settle_ns) {}

    Outcome digest(const std::string& id) const {
        Outcome out;
        const auto dir = std::string(store::k_requests_dir) + "/" + id;
        std::optional<store::CachedRequest> cached_entry;
        if (m_options.use_cache) {
            if (const auto raw = m_cache.raw(id); !raw.empty()) {
                cached_entry = store::decode_cached_request(raw);
            }
        }
        const auto* cached = cached_entry ? &*cached_entry : nullptr;
        store::CachedRequest entry;
        const store::RecordFolder folder(m_folder, dir);
        if (!folder.opened()) {
            return read_whole(id); // gone, or not a folder: the ordinary reader says so
        }
        const auto folder_stamp = folder.stamp("");
        if (folder_stamp) {
            entry.folder = *folder_stamp;
        }
        entry.log_folder = folder.stamp("log");
        entry.folders_trusted = folder_stamp && settled(*folder_stamp) &&
                                (!entry.log_folder || settled(*entry.log_folder));
        // An unchanged folder holds the same names: no need to list it.
        const bool same_folders = cached != nullptr && cached->folders_trusted && folder_stamp &&
                                  cached->folder == *folder_stamp &&
                                  cached->log_folder == entry.log_folder;
        std::vector<std::string> names;
        if (same_folders) {
            for (const auto& file : cached->files) {
                names.push_back(file.name);
            }
        } else {
            names = store::record_names(folder, "");
        }
        if (!m_options.report_missing_forms && (names.empty() || names.front() != "request.yaml")) {
            return out;
        }
        bool same_files = same_folders;
        std::vector<std::optional<std::string>> texts(names.size());
        util::KeyBuilder key;
        // The digest format version, not the build: an upgrade that changes neither the
        // rules nor the byte form keeps the cache (see store/digest_codec).
        key.add("collab digest v" + std::to_string(store::k_digest_format_version))
            .add(m_workspace.settings_key())
            .add(id);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto stamp = folder.stamp(names[i]);
            const auto* old = cached_file(cached, names[i]);
            store::CachedFile file{names[i], stamp.value_or(store::FileStamp{}), {}, false};
            if (stamp && old != nullptr && old->trusted && old->stamp == *stamp) {
                file.key = old->key;
                file.trusted = true;
            } else {
                same_files = false;
                texts[i] = folder.read(names[i], yaml::Limits{}.max_bytes);
                if (!texts[i]) {
                    // Unreadable or too large: the ordinary reader says why.
                    return read_whole(id);
                }
                file.key = util::content_key(*texts[i]);
                file.trusted = stamp && settled(*stamp);
            }
            key.add(names[i]).add(file.key);
            entry.files.push_back(std::move(file));
        }
        entry.digest_key = key.key();
        if (cached != nullptr && cached->digest_key == entry.digest_key) {
            if (!same_files) {
                // Same content, new stamps (a fresh clone, a checkout): remember them.
                entry.digest = cached_entry->digest;
                out.new_entry = store::encode_cached_request(entry);
            }
            out.keep_entry = same_files;
            if (from_cache(cached->digest, out)) {
                return out;
            }
            // The cached digest is for a later --now than this run's; it stays for them.
        }
        std::vector<store::RecordText> files;
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto text =
                texts[i] ? std::move(texts[i]) : folder.read(names[i], yaml::Limits{}.max_bytes);
            if (!text) {
                return read_whole(id);
            }
            files.push_back({names[i], std::move(*text)});
        }
        auto request = store::read_request(id, files, m_workspace.zone(), out.problems,
                                           &m_workspace.verifier());
        if (!request) {
            return out;
        }
        out.digest = digest_of(*request);
        // Only a digest of every entry holds for later runs (see RequestDigest).
        if (out.digest->complete) {
            util::ByteWriter bytes;
            store::encode_digest(bytes, *out.digest);
            store::encode_diagnostics(bytes, out.problems.items());
            entry.digest = bytes.take();
            out.new_entry = store::encode_cached_request(entry);
            out.keep_entry = false;
        }
        return out;
    }

private:
    bool settled(const store::FileStamp& stamp) const {
        return stamp.settled_before(m_trust_before);
    }

    static const store::CachedFile* cached_file(const store::CachedRequest* cached,
                                                const std::string& name) {
        if (cached == nullptr) {
            return nullptr;
        }
        for (const auto& file : cached->files) {
            if (file.name == name) {
                return &file;
            }
        }
        return nullptr;
    }

    // A cached digest that holds at context.now: every entry it saw was recorded by then.
    bool from_cache(const std::string& bytes, Outcome& out) const {
        if (bytes.empty()) {
            return false;
        }
        util::ByteReader in(bytes);
        auto digest = store::decode_digest(in, m_options.parts);
        auto warnings = store::decode_diagnostics(in);
        if (!digest || !warnings || !in.at_end() || !digest->complete ||
            (digest->last_event && m_context.now < *digest->last_event)) {
            return false;
        }
        out.digest = std::move(*digest);
        for (auto& warning : *warnings) {
            out.problems.add(std::move(warning));
        }
        out.from_cache = true;
        return true;
    }

    // The request's digest; when now is the machine's clock (no --now), also each entry
    // dated after it (event.future): it cannot have been written yet. With a --now, later
    // entries are the future the replay of that instant leaves out.
    rules::RequestDigest digest_of(const model::Request& request) const {
        auto digest = rules::digest_request(request, m_context);
        const auto clock =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        if (digest.complete || m_context.now + std::chrono::minutes(1) < clock ||
            clock + std::chrono::minutes(1) < m_context.now) {
            return digest;
        }
        for (auto& verdict : rules::future_entry_verdicts(request)) {
            if (verdict.timing.until && m_context.now <= *verdict.timing.until) {
                digest.verdicts.push_back(std::move(verdict));
            }
        }
        return digest;
    }

    // The slow, careful path for a request with a file that cannot be read fast.
    Outcome read_whole(const std::string& id) const {
        Outcome out;
        if (auto request = m_workspace.load_request(id, out.problems)) {
            out.digest = digest_of(*request);
        }
        return out;
    }

    const store::Workspace& m_workspace;
    const rules::Context& m_context;
    const store::DigestCache& m_cache;
    const DigestOptions& m_options;
    store::RecordFolder m_folder;
    std::int64_t m_trust_before;
};

// Runs `work(i)` for every i < count on every core. On a terminal, says how far it
// got once it has taken more than a second.
template <typename Work>
void run_on_every_core(std::size_t count, Session& session, Work work) {
    auto cores = std::max(1U, std::thread::hardware_concurrency());
    if (const char* jobs = std::getenv("COLLAB_JOBS"); jobs != nullptr && std::atoi(jobs) > 0) {
        cores = static_cast<unsigned>(std::atoi(jobs));
    }
    const auto workers = static_cast<std::size_t>(std::min<unsigned>(cores, 64));
    if (count < 64 || workers == 1) {
        for (std::size_t i = 0; i < count; ++i) {
            work(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<std::thread> pool;
    for (std::size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++) {
                work(i);
                if (++done == count) {
                    const std::lock_guard<std::mutex> lock(mutex);
                    finished.notify_all();
                }
            }
        });
    }
    const auto start = std::chrono::steady_clock::now();
    // Not under a pager, which shares the terminal and would be written over.
    const bool terminal = isatty(STDERR_FILENO) != 0 && !pager_running();
    bool shown = false;
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!finished.wait_for(lock, std::chrono::milliseconds(100),
                                  [&] { return done.load() == count; })) {
            if (terminal && std::chrono::steady_clock::now() - start > std::chrono::seconds(1)) {
                session.raw_err() << '\r'
                                  << session.tr(msg("cli.reading_records", done.load(), count))
                                  << std::flush;
                shown = true;
            }
        }
    }
    for (auto& thread : pool) {
        thread.join();
    }
    if (shown) {
        session.raw_err() << "\r\033[K" << std::flush;
    }
}

} // namespace

std::vector<std::string> request_folders(const store::Workspace& workspace) {
    return store::request_folder_names(store::RecordFolder(workspace.root()));
}

namespace {
bool save_cache(const std::vector<std::string>& ids, bool every_request,
                const store::DigestCache& previous, std::vector<Outcome>& outcomes,
                const std::filesystem::path& root, const char* file, std::string_view secret);
} // namespace

DigestRun visit_digests(Session& session, const std::vector<std::string>& ids, bool every_request,
                        const DigestOptions& options, const DigestVisitor& visit) {
    const auto& workspace = session.workspace();
    const auto context = session.context();
    // Without the user's cache secret the cache can be neither believed nor signed.
    const auto secret =
        options.use_cache ? store::cache_secret(store::user_cache_dir()) : std::nullopt;
    const auto previous =
        secret ? store::DigestCache::load(workspace.root(), options.cache_file, *secret)
               : store::DigestCache{};

    std::vector<Outcome> outcomes(ids.size());
    const RequestDigester digester(workspace, context, previous, options);
    run_on_every_core(ids.size(), session, [&](std::size_t i) {
        try {
            outcomes[i] = digester.digest(ids[i]);
            if (outcomes[i].digest) {
                visit(i, *outcomes[i].digest);
                outcomes[i].digest.reset();
            }
        } catch (...) {
            outcomes[i].error = std::current_exception();
        }
    });

    DigestRun run;
    bool changed = false;
    std::size_t kept = 0;
    for (auto& outcome : outcomes) {
        if (outcome.error) {
            std::rethrow_exception(outcome.error);
        }
        run.problems.append(outcome.problems);
        run.from_cache += outcome.from_cache ? 1 : 0;
        run.worked_out += outcome.from_cache ? 0 : 1;
        kept += outcome.keep_entry ? 1 : 0;
        changed = changed || !outcome.keep_entry;
    }
    // Entries of requests that are gone are dropped by a run over every request.
    changed = changed || (every_request && kept != previous.size());
    bool written = false;
    if (secret && changed) {
        written = save_cache(ids, every_request, previous, outcomes, workspace.root(),
                             options.cache_file, *secret);
    }
    if (std::getenv("COLLAB_CACHE_STATS") != nullptr) {
        session.err() << session.tr(msg("cli.cache_stats", ids.size(), run.from_cache,
                                        run.worked_out, written ? 1 : 0))
                      << '\n';
    }
    return run;
}

std::vector<rules::RequestDigest> index_digests(Session& session, bool use_cache,
                                                store::DigestParts parts) {
    DigestOptions options;
    options.use_cache = use_cache;
    options.cache_file = k_index_cache_file;
    options.report_missing_forms = false; // as Workspace::request_ids: a form or nothing
    options.parts = parts;
    options.parts.index = true;
    const auto ids = request_folders(session.workspace());
    std::vector<std::optional<rules::RequestDigest>> found(ids.size());
    const auto run = visit_digests(session, ids, true, options,
                                   [&](std::size_t i, rules::RequestDigest& digest) {
                                       if (digest.index.existed) {
                                           found[i] = std::move(digest);
                                       }
                                   });
    std::vector<rules::RequestDigest> digests;
    for (auto& digest : found) {
        if (digest) {
            if (digest->index.form_unknown) {
                session.note_form_later(digest->id);
            }
            digests.push_back(std::move(*digest));
        }
    }
    if (run.problems.has_errors()) {
        session.fail(k_exit_invalid, run.problems);
    }
    session.print_diagnostics(run.problems);
    return digests;
}

std::vector<rules::RequestIndex> lookup_index(Session& session) {
    DigestOptions options;
    options.cache_file = k_index_cache_file;
    options.report_missing_forms = false;
    options.parts.verdicts = false;
    options.parts.steps = false;
    const bool past = session.shows_past();
    const auto ids = request_folders(session.workspace());
    std::vector<std::optional<rules::RequestIndex>> found(ids.size());
    std::vector<char> whole(ids.size(), 0);
    auto run = visit_digests(session, ids, true, options,
                             [&](std::size_t i, rules::RequestDigest& digest) {
                                 if (!past && !digest.complete) {
                                     whole[i] = 1; // entries after now: read them all
                                 } else if (digest.index.existed) {
                                     found[i] = std::move(digest.index);
                                 }
                             });
    const auto& workspace = session.workspace();
    const auto context = session.context();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (whole[i] != 0) {
            if (auto request = workspace.load_request(ids[i], run.problems)) {
                found[i] = rules::index_request(*request, context);
            }
        }
    }
    if (run.problems.has_errors()) {
        session.fail(k_exit_invalid, run.problems);
    }
    session.print_diagnostics(run.problems);
    std::vector<rules::RequestIndex> out;
    for (auto& index : found) {
        if (index) {
            out.push_back(std::move(*index));
        }
    }
    return out;
}

std::vector<model::Request> load_requests(Session& session, const std::vector<std::string>& ids) {
    const auto& workspace = session.workspace();
    std::vector<std::optional<model::Request>> loaded(ids.size());
    std::vector<Diagnostics> problems(ids.size());
    std::vector<std::exception_ptr> errors(ids.size());
    run_on_every_core(ids.size(), session, [&](std::size_t i) {
        try {
            loaded[i] = workspace.load_request(ids[i], problems[i]);
        } catch (...) {
            errors[i] = std::current_exception();
        }
    });
    Diagnostics all;
    std::vector<model::Request> requests;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (errors[i]) {
            std::rethrow_exception(errors[i]);
        }
        all.append(problems[i]);
        if (loaded[i]) {
            if (auto seen = session.seen_now(std::move(*loaded[i]))) {
                requests.push_back(std::move(*seen));
            }
        }
    }
    if (all.has_errors()) {
        session.fail(k_exit_invalid, all);
    }
    session.print_diagnostics(all);
    return requests;
}

namespace {

bool save_cache(const std::vector<std::string>& ids, bool every_request,
                const store::DigestCache& previous, std::vector<Outcome>& outcomes,
                const std::filesystem::path& root, const char* file, std::string_view secret) {
    store::DigestCacheWriter next;
    if (!every_request) {
        const std::set<std::string> visited(ids.begin(), ids.end());
        for (auto& id : previous.ids()) {
            if (visited.count(id) == 0) {
                next.put(id, std::string(previous.raw(id)));
            }
        }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (outcomes[i].keep_entry) {
            next.put(ids[i], std::string(previous.raw(ids[i])));
        } else if (outcomes[i].new_entry) {
            next.put(ids[i], std::move(*outcomes[i].new_entry));
        }
    }
    return next.save(root, file, secret);
}

} // namespace

} // namespace collab::cli
