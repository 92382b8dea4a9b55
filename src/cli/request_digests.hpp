#pragma once

#include "cli/session.hpp"

#include <collab/rules/request_digest.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/store/digest_codec.hpp>
#include <collab/store/digest_policy.hpp>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

namespace collab::cli {

// The cache of `request list`, `task list`, `stats` and id lookups: the same entries
// as check's and inbox's .collab/cache/digests, kept apart so that a listing never
// changes what `check` finds cached (and the other way round).
inline constexpr const char* k_index_cache_file = ".collab/cache/index";

// Which cached digests may be used, and what is saved: store/digest_policy.
using DigestOptions = store::DigestOptions;

// What a run over the digests found besides them.
struct DigestRun {
    Diagnostics problems;       // per file, in request id order
    std::size_t from_cache = 0; // digests the cache gave
    std::size_t worked_out = 0; // digests worked out from the records
    std::size_t files_read = 0; // record files read for their content keys
    // The requests whose folders hold no temporary file (sorted), for the leftover scan.
    std::vector<std::string> no_temp_files;
};

// Called on a worker thread with each readable request's index in `ids` and its
// digest; calls for different requests may run at the same time.
using DigestVisitor = std::function<void(std::size_t index, rules::RequestDigest& digest)>;

// The request folders of the workspace (every folder under requests/), sorted.
std::vector<std::string> request_folders(const store::Workspace& workspace);

// Works out the digests of `ids` and hands each to `visit`. A request whose files
// are what the cache saw (same stamps, or same content) takes its digest from the
// cache; the others are read and parsed (store::DigestPolicy). Either way the work runs on every
// core, with progress on a terminal when it takes more than a second. The cache is then updated;
// `every_request` says `ids` are all the workspace's requests, so that the cache may forget
// requests that are gone. See docs/PERFORMANCE.md.
DigestRun visit_digests(Session& session, const std::vector<std::string>& ids, bool every_request,
                        const DigestOptions& options, const DigestVisitor& visit);

// Calls `visit` on a worker thread with the digest of each request of `ids` that
// existed at now(), decoded as `parts` says (the index always), through the cache.
// Stops with exit 4 when a record file has errors, like Session::load_all_requests,
// and prints its warnings.
void visit_index(Session& session, const std::vector<std::string>& ids, bool use_cache,
                 store::DigestParts parts, const DigestVisitor& visit);

// What `keep(digest, rows)` adds to `rows` of each request's digest (as visit_index
// decodes it), in request id order. `keep` runs on worker threads as the digests are
// decoded, so that a command holds what it shows rather than every digest at once;
// calls for different requests may run at the same time.
template <typename Row, typename Keep>
std::vector<Row> index_rows(Session& session, bool use_cache, store::DigestParts parts, Keep keep) {
    const auto ids = request_folders(session.workspace());
    std::vector<std::vector<Row>> kept(ids.size());
    visit_index(session, ids, use_cache, parts,
                [&](std::size_t i, rules::RequestDigest& digest) { keep(digest, kept[i]); });
    std::size_t count = 0;
    for (const auto& some : kept) {
        count += some.size();
    }
    std::vector<Row> rows;
    rows.reserve(count);
    for (auto& some : kept) {
        std::move(some.begin(), some.end(), std::back_inserter(rows));
    }
    return rows;
}

// The digests of every request that existed at now(), in id order (index_rows keeping
// them whole), for a command that shows every part of every request.
std::vector<rules::RequestDigest> index_digests(Session& session, bool use_cache,
                                                store::DigestParts parts);

// The index of every request for finding a bare task or record id, without the
// workspace lock: for a read command as of now(); for a write command, which sees
// every entry, of the whole request (one with entries after now() is read in full).
// Stops with exit 4 when a record file has errors.
// Only the listing and the ids a lookup needs are decoded, and each request's tasks
// (index.tasks) too when `with_tasks` (completion describes tasks by name).
std::vector<rules::RequestIndex> lookup_index(Session& session, bool with_tasks = false);

// Loads `ids` in full, on every core, as load_all_requests would (as of now() for a
// read command), for the requests a command shows in full.
std::vector<model::Request> load_requests(Session& session, const std::vector<std::string>& ids);

} // namespace collab::cli
