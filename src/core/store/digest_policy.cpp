#include <algorithm>
#include <chrono>
#include <collab/rules/verdict.hpp>
#include <collab/store/cache_secret.hpp>
#include <collab/store/digest_policy.hpp>
#include <collab/store/disk.hpp>
#include <collab/store/workspace.hpp>
#include <collab/yaml/node.hpp>
#include <exception>
#include <set>

namespace collab::store {

std::optional<std::string> digest_cache_secret(const DigestOptions& options) {
    return options.use_cache ? cache_secret(user_cache_dir()) : std::nullopt;
}

DigestCache load_digest_cache(const Workspace& workspace, const DigestOptions& options,
                              const std::optional<std::string>& secret) {
    if (!options.use_cache || !secret) {
        return {};
    }
    return DigestCache::load(workspace.root(), options.cache_file, *secret);
}

namespace {

const CachedFile* cached_file(const CachedRequest* cached, const std::string& name) {
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

} // namespace

DigestPolicy::DigestPolicy(const Workspace& workspace, const rules::Context& context,
                           const DigestCache& cache, const DigestOptions& options,
                           std::int64_t trust_before)
    : m_workspace(workspace), m_context(context), m_cache(cache), m_options(options),
      m_requests(workspace.disk().below(k_requests_dir)), m_trust_before(trust_before) {}

DigestPolicy::~DigestPolicy() = default;

void DigestPolicy::fall_back_on(std::function<DigestCache()> load) {
    m_load_fallback = std::move(load);
}

const DigestCache& DigestPolicy::fallback() const {
    std::call_once(m_fallback_loaded, [this] {
        if (m_load_fallback) {
            m_fallback = m_load_fallback();
        }
    });
    return m_fallback;
}

std::optional<CachedRequest> DigestPolicy::fallback_entry(const std::string& id) const {
    if (!m_options.use_cache || !m_load_fallback) {
        return std::nullopt;
    }
    const auto raw = fallback().raw(id);
    return raw.empty() ? std::nullopt : decode_cached_request(raw);
}

DigestOutcome DigestPolicy::digest(const std::string& id) const {
    DigestOutcome out;
    std::optional<CachedRequest> cached_entry;
    if (m_options.use_cache) {
        if (const auto raw = m_cache.raw(id); !raw.empty()) {
            cached_entry = decode_cached_request(raw);
        }
    }
    // Only a request this run's cache has never seen is looked up in the fallback: a
    // stale entry means a few edited requests, cheaper to read than the other cache.
    // A borrowed entry is not in this run's cache: it is written as new.
    bool borrowed = false;
    if (!cached_entry) {
        cached_entry = fallback_entry(id);
        borrowed = cached_entry.has_value();
    }
    const auto* cached = cached_entry ? &*cached_entry : nullptr;
    CachedRequest entry;
    const auto folder = m_requests ? m_requests->below(id) : nullptr;
    if (!folder) {
        return read_whole(id); // gone, or not a folder: the ordinary reader says so
    }
    const auto folder_stamp = folder->stamp("");
    if (folder_stamp) {
        entry.folder = *folder_stamp;
    }
    entry.log_folder = folder->stamp("log");
    entry.folders_trusted =
        folder_stamp && settled(*folder_stamp) && (!entry.log_folder || settled(*entry.log_folder));
    // An unchanged folder holds the same names: no need to list it.
    const bool same_folders = cached != nullptr && cached->folders_trusted && folder_stamp &&
                              cached->folder == *folder_stamp &&
                              cached->log_folder == entry.log_folder;
    std::vector<std::string> names;
    if (same_folders) {
        for (const auto& file : cached->files) {
            names.push_back(file.name);
        }
        entry.no_temp_files = cached->no_temp_files;
    } else {
        bool temp_seen = true;
        names = record_names(*folder, "", &temp_seen);
        entry.no_temp_files = !temp_seen;
    }
    out.no_temp_files = entry.no_temp_files;
    if (!m_options.report_missing_forms && (names.empty() || names.front() != "request.yaml")) {
        return out;
    }
    const auto max_bytes = yaml::Limits{}.max_bytes;
    bool same_files = same_folders;
    std::vector<std::optional<std::string>> texts(names.size());
    util::KeyBuilder key;
    // The digest format version, not the build: an upgrade that changes neither the
    // rules nor the byte form keeps the cache (see store/digest_codec).
    key.add("collab digest v" + std::to_string(m_options.format_version))
        .add(m_workspace.settings_key())
        .add(id);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto stamp = folder->stamp(names[i]);
        const auto* old = cached_file(cached, names[i]);
        CachedFile file{names[i], stamp.value_or(FileStamp{}), {}, false, {}};
        if (stamp && old != nullptr && old->trusted && old->stamp == *stamp) {
            file.key = old->key;
            file.trusted = true;
            file.blob = old->blob;
        } else {
            same_files = false;
            if (const auto* index = stamp ? git_index() : nullptr) {
                file.blob = index->clean_blob(
                    std::string(k_requests_dir) + "/" + id + "/" + names[i], *stamp);
            }
            if (file.blob && old != nullptr && old->blob == file.blob) {
                file.key = old->key; // git names the content the cache hashed
            } else {
                texts[i] = folder->read(names[i], max_bytes).text;
                if (!texts[i]) {
                    // Unreadable or too large: the ordinary reader says why.
                    return read_whole(id);
                }
                file.key = util::content_key(*texts[i]);
                ++out.files_read;
                m_files_read.fetch_add(1, std::memory_order_relaxed);
                // The blob names what git saw under the stamp taken before the read: a file
                // changed in between would pair that blob with other content, for every
                // clone given this cache.
                if (file.blob && folder->stamp(names[i]) != stamp) {
                    file.blob.reset();
                }
            }
            file.trusted = stamp && settled(*stamp);
        }
        key.add(names[i]).add(file.key);
        entry.files.push_back(std::move(file));
    }
    entry.digest_key = key.key();
    if (cached != nullptr && cached->digest_key == entry.digest_key) {
        // Same content, new stamps (a fresh clone, a checkout): remember them, once they
        // can be trusted. Stamps too new to trust would be hashed again next run anyway,
        // so the cache the run read stays as it is: a CI job in a fresh clone then writes
        // no cache at all.
        const bool remember = borrowed || (entry.folders_trusted &&
                                           std::all_of(entry.files.begin(), entry.files.end(),
                                                       [](const auto& f) { return f.trusted; }));
        if ((!same_files && remember) || borrowed) {
            entry.digest = cached_entry->digest;
            out.new_entry = encode_cached_request(entry);
        }
        out.keep_entry = (same_files || !remember) && !borrowed;
        if (from_cache(cached->digest, out)) {
            return out;
        }
        // The cached digest is for a later --now than this run's; it stays for them.
    }
    std::vector<RecordText> files;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto text = texts[i] ? std::move(texts[i]) : folder->read(names[i], max_bytes).text;
        if (!text) {
            return read_whole(id);
        }
        files.push_back({names[i], std::move(*text)});
    }
    auto request =
        read_request(id, files, m_workspace.zone(), out.problems, &m_workspace.verifier());
    if (!request) {
        return out;
    }
    out.digest = digest_of(*request);
    // Only a digest of every entry holds for later runs (see RequestDigest).
    if (out.digest->complete) {
        util::ByteWriter bytes;
        encode_digest(bytes, *out.digest);
        encode_diagnostics(bytes, out.problems.items());
        const auto digest_bytes = bytes.take();
        entry.digest = digest_bytes;
        out.new_entry = encode_cached_request(entry);
        out.keep_entry = false;
    }
    return out;
}

const GitIndex* DigestPolicy::git_index() const {
    // Reading the index costs as much as reading a few hundred files (75,000 entries at
    // 10,000 requests): a run that reads a few files, as a check of a pull request's
    // changes, does better without it.
    if (m_files_read.load(std::memory_order_relaxed) < k_files_read_before_git_index) {
        return nullptr;
    }
    std::call_once(m_git_index_loaded, [this] {
        if (m_options.use_cache) {
            m_git_index = load_git_index(m_workspace.root());
        }
    });
    return m_git_index ? &*m_git_index : nullptr;
}

// A cached digest that holds at context.now: every entry it saw was recorded by then.
bool DigestPolicy::from_cache(std::string_view bytes, DigestOutcome& out) const {
    if (bytes.empty()) {
        return false;
    }
    util::ByteReader in(bytes);
    auto digest = decode_digest(in, m_options.parts);
    auto warnings = decode_diagnostics(in);
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
rules::RequestDigest DigestPolicy::digest_of(const model::Request& request) const {
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
DigestOutcome DigestPolicy::read_whole(const std::string& id) const {
    DigestOutcome out;
    if (auto request = m_workspace.load_request(id, out.problems)) {
        out.digest = digest_of(*request);
    }
    return out;
}

} // namespace collab::store
