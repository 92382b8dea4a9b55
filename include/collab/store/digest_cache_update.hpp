#pragma once

#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_policy.hpp>
#include <collab/store/disk.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace collab::store {

// The cache after a run over `ids`, written while the run goes (DigestCacheStream)
// rather than held until its end: each request's outcome is handed in as it is worked
// out, on any thread and in any order, and its entry is written once every entry before
// it in id order is. Workers take requests in order, so only the few finished ahead of
// a slower one wait, and a cold run over 10,000 requests holds a handful of entries, not
// all of them.
//
// What is written is what the whole run says (as before streaming): nothing when the
// cache would hold what `previous` holds, so the file is begun at the first change,
// with the unchanged entries before it copied from `previous`. Entries of requests not
// in `ids` are kept, unless `every_request` says `ids` are all the workspace's requests
// (then those of requests that are gone are dropped); of an id given twice, the last
// outcome counts. The file is put in place by finish() alone: a run that ends in an
// error destroys this uncommitted, and the cache stays as it was. A cache that cannot
// be written (a read-only checkout, a link among its folders) is not, and the run goes
// on without it.
class DigestCacheUpdate {
public:
    DigestCacheUpdate(const Disk& disk, const char* cache_file, std::string secret,
                      const std::vector<std::string>& ids, bool every_request,
                      const DigestCache& previous);
    ~DigestCacheUpdate();
    DigestCacheUpdate(const DigestCacheUpdate&) = delete;
    DigestCacheUpdate& operator=(const DigestCacheUpdate&) = delete;

    // ids[i]'s outcome: takes its new entry out. Safe to call from several threads.
    void add(std::size_t i, DigestOutcome& outcome);
    // Once every request's outcome is in: writes the rest and puts the cache in place.
    // True when it was written. Never throws.
    bool finish();

    // Entries held, waiting for one before them: for tests.
    std::size_t waiting() const;

private:
    struct Slot {
        bool wanted = false; // not an id given again later
        bool done = false;
        bool keep = false;
        std::optional<std::string> entry;
    };
    void advance();
    void begin();
    void write(std::size_t position);
    void write_others_before(const std::string* id);
    template <typename Step>
    void guarded(Step step);

    const Disk& m_disk;
    const char* m_cache_file; // inside the disk
    std::string m_secret;
    const std::vector<std::string>& m_ids;
    bool m_every_request;
    const DigestCache& m_previous;
    std::vector<std::size_t> m_order;  // indices of ids by id, each id once
    std::vector<Slot> m_slots;         // by index in ids
    std::vector<std::string> m_others; // ids of previous's entries kept, not in ids (sorted)
    mutable std::mutex m_mutex;
    std::size_t m_next = 0;    // in m_order: the first position not yet added
    std::size_t m_written = 0; // in m_order: the first position not yet written
    std::size_t m_other = 0;   // in m_others: the first not yet written
    std::size_t m_kept = 0;    // outcomes that keep their entry
    bool m_changed = false;
    bool m_failed = false; // the file could not be written: the run goes on without it
    std::unique_ptr<DigestCacheStream> m_stream;
};

} // namespace collab::store
