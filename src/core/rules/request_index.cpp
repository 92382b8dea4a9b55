#include <algorithm>
#include <collab/model/request_form.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_index.hpp>
#include <collab/rules/stats.hpp>
#include <collab/util/text.hpp>

namespace collab::rules {

RequestListing listing_of(const model::Request& request, const model::Roster& roster) {
    return listing_of(request, derive_status(request, roster));
}

RequestListing listing_of(const model::Request& request, const RequestStatus& status) {
    RequestListing listing;
    const auto& form = request.form;
    listing.id = request.id;
    listing.title = form.title;
    listing.initiator = form.initiator;
    listing.lead = form.lead;
    listing.due = form.due;
    listing.source = form.source;
    listing.content = model::content_hash(form);
    listing.participants = form.participants;
    listing.state = status.state;
    listing.round = status.round;
    listing.reviewer = status.reviewer;
    listing.submitted_at = status.submitted_at;
    listing.accepted_at = status.accepted_at;
    if (status.submitted_at) {
        for (const auto& event : request.events) {
            if (event.kind == model::ActionKind::review && event.at >= *status.submitted_at) {
                listing.reviewed_at = event.at;
            }
        }
    }
    return listing;
}

TaskEntry task_entry(const TaskStatus& task, const Execution& execution) {
    TaskEntry entry;
    const auto& row = task.task;
    entry.id = row.id;
    entry.name = row.name;
    entry.owner = row.owner;
    entry.collaborators = row.collaborators;
    entry.state = task.state;
    entry.deadline = row.deadline;
    entry.reaccept_by = task.reaccept_by;
    entry.deliverable = row.deliverable;
    entry.depends_on = row.depends_on;
    entry.confirmed = task.confirmed;
    entry.edited_by_hand = task.edited_by_hand;
    entry.percent = task.percent;
    entry.latest_note = task.latest_note;
    entry.last_update = task.last_update;
    for (const auto& blocker : execution.blockers) {
        if (blocker.task == row.id && !blocker.closed_at) {
            entry.open_blockers.push_back(
                {blocker.id, blocker.text, blocker.from, blocker.by_text});
        }
    }
    for (const auto& risk : execution.risks) {
        if (risk.target == row.id && risk.status != "resolved") {
            entry.risks.push_back({risk.id, risk.text, risk.status});
        }
    }
    return entry;
}

TaskStatus listed_status(const TaskEntry& entry) {
    TaskStatus task;
    task.task.id = entry.id;
    task.task.name = entry.name;
    task.task.owner = entry.owner;
    task.task.collaborators = entry.collaborators;
    task.task.deadline = entry.deadline;
    task.task.deliverable = entry.deliverable;
    task.task.depends_on = entry.depends_on;
    task.state = entry.state;
    task.reaccept_by = entry.reaccept_by;
    task.confirmed = entry.confirmed;
    task.edited_by_hand = entry.edited_by_hand;
    task.percent = entry.percent;
    task.latest_note = entry.latest_note;
    task.last_update = entry.last_update;
    return task;
}

namespace {

// The ids the logs name under `field`: the field itself, a map's id, or the id of a
// list item (as Session::resolve_record matches them).
std::vector<std::string> record_ids(const model::Request& request, const std::string& field) {
    std::vector<std::string> ids;
    const auto id_of = [](const yaml::Node& item) {
        const auto* id = item.find("id");
        return id != nullptr ? id->scalar() : std::string();
    };
    for (const auto& event : request.events) {
        util::append_unique(ids, event.field(field));
        if (const auto* node = event.data.find(field); node != nullptr) {
            if (node->is_map()) {
                util::append_unique(ids, id_of(*node));
            }
            for (const auto& item : node->items()) {
                util::append_unique(ids, id_of(item));
            }
        }
    }
    return ids;
}

} // namespace

RequestIndex index_request(const model::Request& request, const Context& context) {
    return index_request(request, replay(request, context.roster), context);
}

RequestIndex index_request(const model::Request& request, const Replayed& replayed,
                           const Context& context) {
    RequestIndex index;
    index.listing = listing_of(request, replayed.status);
    if (request.tasks) {
        for (const auto& task : request.tasks->tasks) {
            index.table_tasks.push_back(task.id);
        }
    }
    for (const auto& task : replayed.execution.tasks) {
        index.tasks.push_back(task_entry(task, replayed.execution));
    }
    for (const char* field : k_record_fields) {
        auto ids = record_ids(request, field);
        if (!ids.empty()) {
            index.records.emplace_back(field, std::move(ids));
        }
    }
    index.record_entries = record_entries(replayed.execution, replayed.status);
    index.stats = stats_inputs(request, replayed, context);
    return index;
}

} // namespace collab::rules
