#pragma once

#include <collab/store/record_folder.hpp>
#include <collab/util/content_key.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::store {

// Where the cache lives: derived data, outside git (.collab/ is ignored), safe to
// delete at any time.
inline constexpr const char* k_digest_cache_file = ".collab/cache/digests";

// What the cache remembers of one record file: its stamp when last seen, and the key
// of its content. A trusted stamp was taken well after the file last changed, so an
// equal stamp now means the same content (see FileStamp).
struct CachedFile {
    std::string name; // relative to the request's folder
    FileStamp stamp;
    util::ContentKey key;
    bool trusted = false;
};

// What the cache remembers of one request: its folders' stamps (an unchanged folder
// holds the same names), its files, and its digest under the key it was worked out
// for. The digest key covers the code, the settings and every file's content key, so
// a digest is only ever used for exactly the inputs it came from.
struct CachedRequest {
    FileStamp folder;
    std::optional<FileStamp> log_folder;
    bool folders_trusted = false;
    // When the folders were last listed, neither held a temporary file of a killed
    // write: while their stamps stay the same, the leftover scan may pass them by.
    bool no_temp_files = false;
    std::vector<CachedFile> files;
    util::ContentKey digest_key;
    // The encoded digest and file warnings; empty when none. A view, not a copy: into
    // the cache's bytes when decoded (they outlive the run's reads), into the caller's
    // buffer when about to be encoded. A warm listing of 10,000 requests then copies
    // none of its 36 MB.
    std::string_view digest;
};

// Encodes one request's entry; decode returns nullopt on bytes that are not one. The
// decoded entry's digest is a view into `bytes`, which must outlive it.
std::string encode_cached_request(const CachedRequest& entry);
std::optional<CachedRequest> decode_cached_request(std::string_view bytes);

// The digest cache: one file, read whole at the start of a run and written whole
// (atomically) at its end when anything changed. Entries are kept as bytes, sorted
// by request id, and decoded only when asked for, on whichever thread asks: a warm
// run decodes on every core and copies unchanged entries to the next cache as they
// are. The file ends in an HMAC-SHA256 of all before it under the user's cache
// secret (store/cache_secret), so that only what this user's collab wrote is believed:
// a missing, foreign, planted or damaged file is an empty cache, and the run is then
// cold, never wrong.
class DigestCache {
public:
    DigestCache() = default;
    static DigestCache load(const std::filesystem::path& file, std::string_view secret);
    // The cache file `relative` inside a workspace, opened without following links
    // (store/contained); empty when it is a link or not a regular file.
    static DigestCache load(const std::filesystem::path& root, const std::string& relative,
                            std::string_view secret);
    static std::optional<DigestCache> decode(std::string bytes, std::string_view secret);

    std::size_t size() const { return m_index.size(); }
    // The entry's bytes, or empty when the cache has none for the request.
    std::string_view raw(const std::string& id) const;
    // Every request id with an entry, sorted.
    std::vector<std::string> ids() const;

private:
    friend class DigestCacheWriter; // keeps the bytes of unchanged entries alive
    static DigestCache load_descriptor(int fd, std::string_view secret); // closes fd
    static std::optional<DigestCache> decode(std::shared_ptr<const void> owner,
                                             std::string_view bytes, std::string_view secret);

    // What holds the bytes (a string, or the file mapped into memory), shared so that
    // the views into it stay valid when the cache is moved.
    std::shared_ptr<const void> m_owner;
    std::vector<std::pair<std::string_view, std::string_view>> m_index; // id, entry; by id
};

// Builds the next cache file: entries in any order, written sorted; of an id put
// twice, the last one put is kept.
class DigestCacheWriter {
public:
    void put(std::string id, std::string entry_bytes);
    // Puts `from`'s entry for `id` as it is, without copying its bytes (the writer keeps
    // `from`'s bytes alive): a run that changes one entry of 10,000 then holds the
    // other 9,999 once, in the cache it read, not twice more.
    void put_unchanged(const DigestCache& from, const std::string& id);
    std::string encode(std::string_view secret);
    // Writes the cache; false (and nothing written) when it cannot be, e.g. on a
    // read-only checkout. Never throws.
    bool save(const std::filesystem::path& file, std::string_view secret);
    // Saves to `relative` inside a workspace without following links.
    bool save(const std::filesystem::path& root, const std::string& relative,
              std::string_view secret);

private:
    struct Entry {
        std::string id;
        std::string owned;     // a new entry's bytes
        std::string_view kept; // an unchanged entry's bytes, in a cache in m_sources
        bool is_kept = false;
        std::string_view bytes() const { return is_kept ? kept : std::string_view(owned); }
    };
    std::vector<Entry> m_entries;
    std::vector<std::shared_ptr<const void>> m_sources;
};

} // namespace collab::store
