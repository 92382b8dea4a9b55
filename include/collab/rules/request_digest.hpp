#pragma once

#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/next_step.hpp>
#include <collab/rules/request_index.hpp>
#include <collab/rules/verdict.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::rules {

// What the read commands (`check`, `inbox`, `request list`, `task list`, `stats`, id
// lookup) need of one request, worked out from its
// records without the clock: a few hundred bytes where the records take kilobytes.
// The same records, settings, roster and calendars always give the same digest,
// which is what makes it safe to cache (see store/digest_cache.hpp).
struct RequestDigest {
    std::string id;
    std::string title;
    std::string initiator;
    std::vector<std::string> departments; // involved, for `check --dept`
    // The digest is the request as of any `now` from the latest event on; for an
    // earlier `now` it is worked out again from the events recorded by then.
    std::optional<time::Timestamp> last_event;
    bool complete = true; // false when events after context.now were left out
    std::vector<Verdict> verdicts;
    std::vector<PendingStep> steps;
    // What request list, task list, stats and id lookup need (rules/request_index),
    // of the request as it stood at context.now like the rest.
    RequestIndex index;
};

// Works out a request's digest. Events recorded after context.now are left out, so
// that `--now` in the past sees the request as it stood then; nothing else of the
// clock is read.
RequestDigest digest_request(const model::Request& request, const Context& context);

// The findings as of context.now, with collab.yaml's severities applied.
std::vector<Finding> findings_at(const RequestDigest& digest, const Context& context);

} // namespace collab::rules
