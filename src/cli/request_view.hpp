#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/request_status.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::cli {

// What `request show` and `request list` say about one request, derived once.
struct RequestSummary {
    const model::Request* request = nullptr;
    rules::RequestStatus status;
    std::string waiting_on;                    // who must act next; empty when nobody
    std::optional<time::Timestamp> review_due; // while submitted or once reviewed
    std::optional<time::Timestamp> reviewed_at;
    bool review_late = false;
};

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
