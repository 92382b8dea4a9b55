#include <collab/rules/request_status.hpp>

#include <array>

namespace collab::rules {

namespace {

constexpr std::array<std::string_view, 10> k_state_names = {
    "draft", "submitted", "returned", "approved", "final",
    "in-progress", "accepted", "closed", "rejected", "withdrawn"};

bool may_submit_from(RequestState state) {
    return state == RequestState::draft || state == RequestState::returned;
}

} // namespace

std::string_view state_name(RequestState state) {
    return k_state_names[static_cast<std::size_t>(state)];
}

std::optional<RequestState> parse_state(std::string_view name) {
    for (std::size_t i = 0; i < k_state_names.size(); ++i) {
        if (k_state_names[i] == name) {
            return static_cast<RequestState>(i);
        }
    }
    return std::nullopt;
}

bool is_terminal(RequestState state) {
    return state == RequestState::rejected || state == RequestState::withdrawn ||
           state == RequestState::closed;
}

RequestStatus derive_status(const model::Request& request) {
    RequestStatus status;
    for (const auto& event : request.events) {
        if (is_terminal(status.state)) {
            break;
        }
        if (event.action == "submit" && may_submit_from(status.state)) {
            status.state = RequestState::submitted;
            status.round += 1;
            status.reviewer = event.field("to");
            status.submitted_at = event.at;
            status.submitted_content = event.content;
        } else if (event.action == "withdraw" && status.state != RequestState::final &&
                   status.state != RequestState::in_progress &&
                   status.state != RequestState::accepted) {
            status.state = RequestState::withdrawn;
        } else if (event.action == "review" && status.state == RequestState::submitted) {
            const auto decision = event.field("decision");
            if (decision == "approve") {
                status.state = RequestState::approved;
            } else if (decision == "return") {
                status.state = RequestState::returned;
            } else if (decision == "reject") {
                status.state = RequestState::rejected;
            }
        }
    }
    return status;
}

std::string supervisor_of(const model::RequestForm& form, const model::Roster& roster) {
    const auto* initiator = roster.find(form.initiator);
    return initiator == nullptr ? std::string() : initiator->manager;
}

time::CalendarResult<time::Timestamp> review_due(const model::Request& request,
                                                 const RequestStatus& status,
                                                 const Context& context) {
    const auto submitted = status.submitted_at.value_or(context.now);
    const int days = request.form.source == "customer" ? context.config.numbers.customer_review_days
                                                       : context.config.numbers.review_days;
    const auto last_day = context.calendar.add(context.zone.local_date(submitted), days);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&last_day)) {
        return *uncovered;
    }
    return context.zone.at_local(std::get<time::Date>(last_day), context.config.work_day_end);
}

} // namespace collab::rules
