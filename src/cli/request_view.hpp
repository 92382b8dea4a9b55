#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/request_index.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::cli {

// What `request show` and `request list` say about one request, derived once.
struct RequestSummary {
    const model::Request* request = nullptr; // only for `request show`
    rules::RequestListing listing;
    rules::RequestStatus status;               // state (as of now), round, reviewer, submitted_at
    std::string waiting_on;                    // who must act next; empty when nobody
    std::optional<time::Timestamp> review_due; // while submitted or once reviewed
    // The year no calendar covers that the review deadline needs: with `error` it
    // could not be worked out (review_due empty), with weekends-only it was guessed.
    int review_due_year = 0;
    time::DayCount review_left{0, 0}; // working days from now to review_due
    std::optional<time::Timestamp> reviewed_at;
    bool review_late = false;
};

// From a request's listing (cached or worked out), judged at context.now.
RequestSummary summarize(const rules::RequestListing& listing, const rules::Context& context);
RequestSummary summarize(const model::Request& request, const rules::Context& context);

// Renderers return text; the command prints it.
std::string render_request_text(const RequestSummary& summary, const rules::Context& context,
                                i18n::Language lang);
std::string render_request_json(const RequestSummary& summary, const rules::Context& context);
std::string render_request_list_text(const std::vector<RequestSummary>& summaries,
                                     const rules::Context& context, i18n::Language lang);
std::string render_request_list_json(const std::vector<RequestSummary>& summaries,
                                     const rules::Context& context);

} // namespace collab::cli
