#pragma once

#include <collab/model/request.hpp>
#include <collab/time/timestamp.hpp>
#include <optional>

namespace collab::rules {

// How a request's form could be seen as it stood at an earlier instant.
enum class PastForm {
    current, // no edit was recorded after that instant: the file is what it was
    rebuilt, // later edits were undone from their recorded old values, each step
             // matching the content hash the edit recorded as `previous`
    unknown, // a later edit could not be undone (no `changes`, or the result does
             // not match its `previous` hash): the form is today's text
};

// A request as it stood at an instant: what every read command shows for --now.
struct RequestAsOf {
    // False when the request's first entry was recorded after the instant: it did
    // not exist yet, and `request` is not to be shown.
    bool existed = true;
    // When it came into being: its `create` entry, else its earliest entry; none for
    // a folder without entries (such a request is taken to have always existed).
    std::optional<time::Timestamp> created_at;
    PastForm form = PastForm::current;
    // The request with every entry recorded after the instant left out, the form
    // as it stood (see `form`), and no task table when its `split` came later.
    model::Request request;
};

// The request as it stood at `now`. Pure: the files are what they are today, and the
// entries (append-only, each dated) are what tell the past apart from them. A hand
// edit of request.yaml that no entry records cannot be dated and is always seen.
RequestAsOf as_of(const model::Request& request, time::Timestamp now);

// When a request came into being: its `create` entry, else its earliest entry; none
// for a folder without entries.
std::optional<time::Timestamp> created_at(const model::Request& request);

// Undoes one recorded `edit` entry on `form`: sets every changed field back to its
// recorded old value. True when the result has the content hash the entry recorded
// as `previous`; `form` is left in an unspecified state otherwise.
bool undo_edit(model::RequestForm& form, const model::Event& edit);

} // namespace collab::rules
