#pragma once

#include <atomic>
#include <collab/store/disk.hpp>
#include <collab/store/git_index.hpp>
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
    // The file's blob id in git's index, when git called it clean as it was hashed: a
    // file git names by the same blob (a fresh clone) has the same content key.
    std::optional<GitBlobId> blob;
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

// The digest cache: one file, read whole at the start of a run and, when anything
// changed, written again entry by entry while the run goes, put in place (atomically)
// at its end (store/digest_cache_update). Entries are kept as bytes, sorted
// by request id, and decoded only when asked for, on whichever thread asks: a warm
// run decodes on every core and copies unchanged entries to the next cache as they
// are. Each entry ends in an HMAC-SHA256 of its id and bytes under a key drawn from the
// user's cache secret (store/cache_secret) and the format, so that only what this
// user's collab wrote is believed. An entry's tag is checked when the entry is first
// asked for: a run over a few requests (check --changed-since) checks a few entries,
// not the whole file. A damaged, foreign or planted entry is no entry (that request is
// read from its files); a file that does not read as entries is an empty cache. Either
// way the run is colder, never wrong.
class DigestCache {
public:
    DigestCache() = default;
    static DigestCache load(const std::filesystem::path& file, std::string_view secret);
    // The cache file `relative` inside a workspace, opened without following links
    // (store/contained); empty when it is a link or not a regular file.
    static DigestCache load(const std::filesystem::path& root, const std::string& relative,
                            std::string_view secret);
    static std::optional<DigestCache> decode(std::string bytes, std::string_view secret);

    // Entries in the file, their tags not yet checked.
    std::size_t size() const { return m_index.size(); }
    // The entry's bytes, or empty when the cache has none for the request or its tag
    // is not right. Safe to call from several threads at once.
    std::string_view raw(const std::string& id) const;
    // Every request id with an entry, sorted.
    std::vector<std::string> ids() const;

private:
    friend class DigestCacheWriter;
    friend class DigestCacheStream;
    struct Entry {
        std::string_view id;
        std::string_view bytes;
        std::string_view tagged; // what the tag covers: the id and bytes as the file has them
        std::string_view tag;
    };
    static DigestCache load_descriptor(int fd, std::string_view secret); // closes fd
    static std::optional<DigestCache> decode(std::shared_ptr<const void> owner,
                                             std::string_view bytes, std::string_view secret);
    const Entry* find(const std::string& id) const;

    // What holds the bytes (a string, or the file mapped into memory), shared so that
    // the views into it stay valid when the cache is moved.
    std::shared_ptr<const void> m_owner;
    std::string m_key;          // the entries' tag key
    std::vector<Entry> m_index; // by id
    // Per entry: 0 not checked yet, 1 its tag is right, 2 it is not.
    std::unique_ptr<std::atomic<unsigned char>[]> m_checked;
};

// Writes a cache file entry by entry, in increasing id order, so that what is written
// is no longer held: a cold run over 10,000 requests writes each new entry as soon as
// the entries before it are written, not 40 MB of them at its end. The file is byte
// for byte the one DigestCacheWriter encodes for the same entries. Its count of entries
// comes first: room is kept for the count of `most` entries, and when fewer came and
// their count is shorter (it is one byte longer per factor of 128), commit() moves the
// entries down. Nothing is in place until commit(); destroyed before, the file is
// dropped and the old cache stays.
class DigestCacheStream {
public:
    DigestCacheStream(std::unique_ptr<DiskFile> file, std::string_view secret, std::size_t most);

    void put(std::string_view id, std::string_view entry_bytes);
    // The entry `from` has for `id`, with its tag, unchecked (as DigestCacheWriter::keep);
    // nothing when there is none.
    void keep(const DigestCache& from, std::string_view id);
    // Entries written so far.
    std::size_t size() const { return m_count; }
    // Writes the count and puts the file in place. Throws FileError.
    void commit();

private:
    friend class DigestCacheWriter;
    // An entry; an empty `tag` is worked out.
    void append(std::string_view id, std::string_view bytes, std::string_view tag);

    std::unique_ptr<DiskFile> m_file;
    std::string m_key; // the entries' tag key
    std::size_t m_most;
    std::size_t m_count = 0;
    std::string m_last_id;
};

// Builds the next cache file: entries in any order, written sorted; of an id put
// twice, the last one put is kept.
class DigestCacheWriter {
public:
    void put(std::string id, std::string entry_bytes);
    // Puts the entry `from` has for `id`, with its tag, without checking it: a wrong
    // tag stays wrong and is found when the entry is read (checking here would hash
    // every entry a run over a few requests did not visit). Nothing when there is none.
    // Its bytes are not copied (the writer keeps `from`'s bytes alive): a run that
    // changes one entry of 10,000 holds the other 9,999 once, in the cache it read.
    void keep(const DigestCache& from, const std::string& id);
    std::string encode(std::string_view secret);
    // Writes the cache; false (and nothing written) when it cannot be, e.g. on a
    // read-only checkout. Never throws.
    bool save(const std::filesystem::path& file, std::string_view secret);
    // Saves to `relative` inside a workspace without following links.
    bool save(const std::filesystem::path& root, const std::string& relative,
              std::string_view secret);

private:
    struct Pending {
        std::string id;
        std::string owned;         // a new entry's bytes
        std::string_view kept;     // a kept entry's bytes, in a cache of m_sources
        std::string_view kept_tag; // and its tag; empty: worked out when encoded
        bool is_kept = false;
        std::string_view bytes() const { return is_kept ? kept : std::string_view(owned); }
    };
    std::vector<Pending> m_entries;
    std::vector<std::shared_ptr<const void>> m_sources; // the caches kept entries are in
};

} // namespace collab::store
