#include <algorithm>
#include <charconv>
#include <collab/rules/calendar_feed.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/util/text.hpp>

namespace collab::rules {

using i18n::msg;

namespace {

// A deadline at an instant shows as the half hour before it: calendars hide events of
// no length, and the end is what counts.
constexpr auto k_deadline_slot = std::chrono::minutes(30);

// An event of `request` with its uid ("<request>.<kind>.<key>@collab") and summary.
FeedEvent new_event(const model::Request& request, std::string kind, const std::string& key,
                    i18n::Message summary) {
    FeedEvent event;
    event.uid = request.id + "." + kind + "." + key + "@collab";
    event.request = request.id;
    event.kind = std::move(kind);
    event.summary = std::move(summary);
    return event;
}

FeedEvent deadline_at(const model::Request& request, std::string kind, const std::string& key,
                      i18n::Message summary, time::Timestamp due) {
    auto event = new_event(request, std::move(kind), key, std::move(summary));
    event.start = due - k_deadline_slot;
    event.end = due;
    return event;
}

// A meeting or sync as recorded: held_at for duration_minutes (30 when unreadable).
std::optional<FeedEvent> held(const model::Request& request, const model::Event& meeting,
                              const Context& context, std::string kind, i18n::Message summary) {
    // Recorded without a readable held_at: it was held when it was recorded.
    auto start = time::parse_timestamp(meeting.field("held_at"), context.zone);
    if (!start) {
        start = meeting.at;
    }
    int minutes = 30;
    const auto text = meeting.field("duration_minutes");
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc{} && end == text.data() + text.size() && value > 0 && value <= 24 * 60) {
        minutes = value;
    }
    auto event =
        new_event(request, std::move(kind), std::to_string(meeting.seq), std::move(summary));
    event.start = *start;
    event.end = *start + std::chrono::minutes(minutes);
    event.people = meeting_attendees(meeting);
    return event;
}

FeedEvent all_day(const model::Request& request, std::string kind, const std::string& key,
                  i18n::Message summary, std::string day) {
    auto event = new_event(request, std::move(kind), key, std::move(summary));
    event.day = std::move(day);
    return event;
}

void add_review(const model::Request& request, const RequestStatus& status, const Context& context,
                std::vector<FeedEvent>& out) {
    if (status.state != RequestState::submitted) {
        return;
    }
    const auto due = review_due(request, status, context);
    if (const auto* at = std::get_if<time::Timestamp>(&due)) {
        auto event = deadline_at(request, "review-due", std::to_string(status.round),
                                 msg("feed.review_due", request.id, request.form.title), *at);
        util::append_unique(event.people, status.reviewer);
        util::append_unique(event.people, request.form.initiator);
        out.push_back(std::move(event));
    }
}

void add_tasks(const model::Request& request, const Execution& execution,
               std::vector<FeedEvent>& out) {
    for (const auto& task : execution.tasks) {
        if (task.state == TaskState::removed || !time::parse_date(task.task.deadline)) {
            continue;
        }
        auto event = all_day(request, "task", task.task.id,
                             msg("feed.task_deadline", request.id, task.task.id, task.task.name,
                                 task.task.deliverable),
                             task.task.deadline);
        util::append_unique(event.people, task.task.owner);
        for (const auto& person : task.task.collaborators) {
            util::append_unique(event.people, person);
        }
        util::append_unique(event.people, request.form.project_lead());
        out.push_back(std::move(event));
        if (task.state == TaskState::rework && time::parse_date(task.reaccept_by)) {
            auto again = all_day(
                request, "reaccept", task.task.id + "." + std::to_string(task.fails),
                msg("feed.reaccept", request.id, task.task.id, task.task.name), task.reaccept_by);
            util::append_unique(again.people, task.task.owner);
            for (const auto& person : acceptors(request, task.task)) {
                util::append_unique(again.people, person);
            }
            out.push_back(std::move(again));
        }
    }
}

void add_blockers(const model::Request& request, const Execution& execution, const Context& context,
                  std::vector<FeedEvent>& out) {
    for (const auto& blocker : execution.blockers) {
        const auto by = time::parse_timestamp(blocker.by_text, context.zone);
        if (blocker.closed_at || !by) {
            continue;
        }
        auto event = deadline_at(request, "blocker", blocker.id,
                                 msg("feed.blocker", request.id, blocker.task, blocker.text), *by);
        util::append_unique(event.people, blocker.from);
        util::append_unique(event.people, blocker.raised_by);
        out.push_back(std::move(event));
    }
}

void add_syncs(const model::Request& request, const RequestStatus& status,
               const Execution& execution, const Context& context, std::vector<FeedEvent>& out) {
    for (const auto* sync : execution.syncs) {
        if (auto event = held(request, *sync, context, "sync", msg("feed.sync", request.id))) {
            out.push_back(std::move(*event));
        }
    }
    const auto state = state_at(status, context);
    if (!execution.split || state != RequestState::in_progress) {
        return;
    }
    if (const auto due = execution.sync_due(context)) {
        auto event = deadline_at(request, "sync-due", std::to_string(execution.syncs.size() + 1),
                                 msg("feed.sync_due", request.id, request.form.title), *due);
        util::append_unique(event.people, request.form.project_lead());
        for (const auto& task : execution.tasks) {
            if (task.state != TaskState::removed) {
                util::append_unique(event.people, task.task.owner);
            }
        }
        out.push_back(std::move(event));
    }
}

} // namespace

std::vector<FeedEvent> calendar_feed(const model::Request& request, const RequestStatus& status,
                                     const Execution& execution, const Context& context) {
    std::vector<FeedEvent> out;
    add_review(request, status, context, out);
    for (const auto* meeting : status.meetings) {
        if (auto event = held(request, *meeting, context, "meeting",
                              msg("feed.meeting", request.id, request.form.title))) {
            out.push_back(std::move(*event));
        }
    }
    add_tasks(request, execution, out);
    add_blockers(request, execution, context, out);
    add_syncs(request, status, execution, context, out);
    return out;
}

std::vector<FeedEvent> events_of(std::vector<FeedEvent> events, const std::string& person) {
    std::erase_if(events, [&](const FeedEvent& event) {
        return std::find(event.people.begin(), event.people.end(), person) == event.people.end();
    });
    return events;
}

} // namespace collab::rules
