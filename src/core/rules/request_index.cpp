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
        index.tasks.push_back(
            {task.task.id, task.task.name, task.task.owner, task.task.collaborators, task.state});
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
