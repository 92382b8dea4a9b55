#pragma once

#include "cli/session.hpp"

#include <collab/rules/request_digest.hpp>
#include <collab/store/digest_codec.hpp>
#include <functional>
#include <string>
#include <vector>

namespace collab::cli {

struct DigestOptions {
    bool use_cache = true;
    // A request folder without request.yaml is an error (check), or is passed over
    // (inbox, which answers "what is waiting on me" and leaves broken files to check).
    bool report_missing_forms = true;
    store::DigestParts parts; // what the command reads of a cached digest
};

// What a run over the digests found besides them.
struct DigestRun {
    Diagnostics problems;       // per file, in request id order
    std::size_t from_cache = 0; // digests the cache gave
    std::size_t worked_out = 0; // digests worked out from the records
};

// Called on a worker thread with each readable request's index in `ids` and its
// digest; calls for different requests may run at the same time.
using DigestVisitor = std::function<void(std::size_t index, rules::RequestDigest& digest)>;

// The request folders of the workspace (every folder under requests/), sorted.
std::vector<std::string> request_folders(const store::Workspace& workspace);

// Works out the digests of `ids` and hands each to `visit`. A request whose files
// are what the cache saw (same stamps, or same content) takes its digest from the
// cache; the others are read and parsed. Either way the work runs on every core,
// with progress on a terminal when it takes more than a second. The cache is then
// updated; `every_request` says `ids` are all the workspace's requests, so that the
// cache may forget requests that are gone. See docs/PERFORMANCE.md.
DigestRun visit_digests(Session& session, const std::vector<std::string>& ids, bool every_request,
                        const DigestOptions& options, const DigestVisitor& visit);

} // namespace collab::cli
