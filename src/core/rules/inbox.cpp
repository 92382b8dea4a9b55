#include <algorithm>
#include <collab/rules/inbox.hpp>
#include <iterator>

namespace collab::rules {

std::vector<InboxItem> inbox_items(const std::string& person, const RequestDigest& digest,
                                   const Context& context) {
    std::vector<InboxItem> items;
    const auto today = context.zone.local_date(context.now);
    for (const auto& pending : digest.steps) {
        const auto& who = pending.step.who;
        const bool mine = std::find(who.begin(), who.end(), person) != who.end();
        bool as_delegate = false;
        if (!mine && pending.step.kind == StepKind::review && !who.empty()) {
            const auto* reviewer = context.roster.find(who.front());
            as_delegate =
                reviewer != nullptr && reviewer->delegate == person && person != digest.initiator;
        }
        if (!mine && !as_delegate) {
            continue;
        }
        auto step = step_at(pending, context);
        if (!step) {
            continue;
        }
        InboxItem item;
        if (as_delegate) {
            step->on_behalf_of = step->who.front();
        }
        item.title = digest.title;
        if (step->due) {
            item.overdue = context.now > *step->due;
            item.working_days_left =
                context.calendar.day_count(today, context.zone.local_date(*step->due));
        }
        item.step = std::move(*step);
        items.push_back(std::move(item));
    }
    return items;
}

void sort_inbox(std::vector<InboxItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const InboxItem& a, const InboxItem& b) {
        if (a.overdue != b.overdue) {
            return a.overdue;
        }
        if (a.step.due.has_value() != b.step.due.has_value()) {
            return a.step.due.has_value();
        }
        if (a.step.due && b.step.due && *a.step.due != *b.step.due) {
            return *a.step.due < *b.step.due;
        }
        return a.step.request < b.step.request;
    });
}

std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<RequestDigest>& digests,
                                 const Context& context) {
    std::vector<InboxItem> items;
    for (const auto& digest : digests) {
        auto more = inbox_items(person, digest, context);
        std::move(more.begin(), more.end(), std::back_inserter(items));
    }
    sort_inbox(items);
    return items;
}

std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<model::Request>& requests,
                                 const Context& context) {
    std::vector<RequestDigest> digests;
    digests.reserve(requests.size());
    for (const auto& request : requests) {
        digests.push_back(digest_request(request, context));
    }
    return inbox_for(person, digests, context);
}

} // namespace collab::rules
