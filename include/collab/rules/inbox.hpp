#pragma once

#include <collab/rules/next_step.hpp>
#include <collab/rules/request_digest.hpp>
#include <string>
#include <vector>

namespace collab::rules {

// One item of a person's inbox: a step they may take, with the time left.
struct InboxItem {
    NextStep step;
    std::string title;
    bool overdue = false;
    time::DayCount working_days_left{0, 0}; // negative once overdue; "?" without a calendar
};

// Everything waiting on `person` across requests: steps where they are among `who`,
// or where they are the delegate of someone who is (for reviews). Overdue items
// first (most overdue first), then by due time, then the rest by request id.
std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<RequestDigest>& digests, const Context& context);
std::vector<InboxItem> inbox_for(const std::string& person,
                                 const std::vector<model::Request>& requests,
                                 const Context& context);

// inbox_for in two halves, for a command that works digests out on many threads and
// keeps only what is waiting on `person` rather than every digest: the items of one
// request (in its steps' order), then all requests' items (in request id order) sorted.
std::vector<InboxItem> inbox_items(const std::string& person, const RequestDigest& digest,
                                   const Context& context);
void sort_inbox(std::vector<InboxItem>& items);

} // namespace collab::rules
