#pragma once

#include <collab/rules/request_digest.hpp>
#include <collab/util/binary_io.hpp>
#include <collab/util/diagnostic.hpp>
#include <cstdint>
#include <optional>
#include <vector>

namespace collab::store {

// The version of what a digest holds and of the rules that work it out. Cached
// digests are keyed by it (cli/request_digests), not by the build of collab, so that
// an upgrade that changes neither starts warm. Bump it whenever the byte form below
// changes or a rule would work out a different digest from the same records:
// tests/unit/test_digest_index.cpp pins a digest of a fixed scenario to it.
// 3: a step holds its commands, one per choice (paste-able).
// 4: the index holds the blockers, risks, action items and changes (RecordEntry).
// 5: and what their listings show of them (RecordShown), and what the task list shows
//    of each task (TaskEntry).
// 6: the index's sections are length-prefixed, so that a reader may skip them.
inline constexpr std::uint64_t k_digest_format_version = 6;

// Which parts of a digest a command reads: check needs the verdicts, inbox the
// steps, listings and id lookups the index, each listing only its sections of it.
// The others are skipped undecoded: a listing of 10,000 requests then allocates for
// what it shows, not for every task and record of every request.
struct DigestParts {
    bool verdicts = true;
    bool steps = true;
    bool index = true;          // the request's listing, and the sections below that are asked for
    bool lookup = true;         // index.table_tasks and index.records (id lookup)
    bool tasks = true;          // index.tasks (task list)
    bool record_entries = true; // index.record_entries (blocker, risk, action, change list)
    bool stats = true;          // index.stats
};

// The byte form of a request's digest and of the warnings its files gave, for the
// digest cache. decode returns nullopt on bytes that are not a digest.
void encode_digest(util::ByteWriter& out, const rules::RequestDigest& digest);
std::optional<rules::RequestDigest> decode_digest(util::ByteReader& in,
                                                  const DigestParts& parts = {});

void encode_diagnostics(util::ByteWriter& out, const std::vector<Diagnostic>& items);
std::optional<std::vector<Diagnostic>> decode_diagnostics(util::ByteReader& in);

} // namespace collab::store
