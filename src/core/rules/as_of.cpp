#include <algorithm>
#include <collab/rules/as_of.hpp>
#include <collab/util/text.hpp>
#include <string>
#include <vector>

namespace collab::rules {

namespace {

// Sets one field, named as model::form_changes names it, from its text; false for a
// field it does not know.
bool set_field(model::RequestForm& form, const std::string& field, const std::string& text) {
    for (auto [name, member] : {std::pair{"title", &form.title},
                                {"source", &form.source},
                                {"customer", &form.customer},
                                {"lead", &form.lead},
                                {"due", &form.due},
                                {"background", &form.background},
                                {"goal", &form.goal}}) {
        if (field == name) {
            *member = text;
            return true;
        }
    }
    // A list field: one entry per line, as model::form_changes wrote it.
    if (field == "departments") {
        form.departments = util::lines_of(text);
    } else if (field == "participants") {
        form.participants = util::lines_of(text);
    } else if (field == "items") {
        form.items.clear();
        for (const auto& line : util::lines_of(text)) {
            auto [action, acceptance] = model::split_pair(line);
            form.items.push_back({action, acceptance});
        }
    } else if (field == "resources") {
        form.resources.clear();
        for (const auto& line : util::lines_of(text)) {
            auto [what, amount] = model::split_pair(line);
            form.resources.push_back({what, amount});
        }
    } else {
        return false;
    }
    return true;
}

} // namespace

std::optional<time::Timestamp> created_at(const model::Request& request) {
    std::optional<time::Timestamp> earliest;
    for (const auto& event : request.events) {
        if (event.kind == model::ActionKind::create) {
            return event.at;
        }
        if (!earliest || event.at < *earliest) {
            earliest = event.at;
        }
    }
    return earliest;
}

bool undo_edit(model::RequestForm& form, const model::Event& edit) {
    const auto previous = edit.field("previous");
    const auto* changes = edit.data.find("changes");
    if (previous.empty() || changes == nullptr) {
        return false;
    }
    for (const auto& change : changes->items()) {
        const auto* field = change.find("field");
        const auto* from = change.find("from");
        if (field == nullptr || from == nullptr || !field->is_scalar() || !from->is_scalar() ||
            !set_field(form, field->scalar(), from->scalar())) {
            return false;
        }
    }
    // The recorded text is trimmed and lists are joined by lines, so an entry holding a
    // line break or " :: " cannot be told apart: the hash says whether this is the
    // version the edit started from.
    return model::same_content(model::content_hash(form), previous);
}

RequestAsOf as_of(const model::Request& request, time::Timestamp now) {
    RequestAsOf past;
    past.created_at = created_at(request);
    past.existed = !past.created_at || *past.created_at <= now;
    past.request = request;
    auto& events = past.request.events;
    // Later edits are undone newest first, from the form on disk back to `now`.
    auto form = request.form;
    for (auto event = events.rbegin(); event != events.rend(); ++event) {
        if (event->at > now && event->kind == model::ActionKind::edit &&
            past.form != PastForm::unknown) {
            past.form = undo_edit(form, *event) ? PastForm::rebuilt : PastForm::unknown;
        }
    }
    if (past.form == PastForm::rebuilt) {
        // Field lines are today's file's, not this version's: point at the file.
        std::erase_if(form.where, [](const auto& entry) { return !entry.first.empty(); });
        past.request.form = std::move(form);
    }
    // tasks.yaml is written once, by split: when the split was recorded later, the
    // file was not there yet. (A table without any split entry cannot be dated.)
    const auto is_split = [](const model::Event& event) {
        return event.kind == model::ActionKind::split;
    };
    const auto split_by_now = [&](const model::Event& event) {
        return is_split(event) && event.at <= now;
    };
    if (std::any_of(events.begin(), events.end(), is_split) &&
        std::none_of(events.begin(), events.end(), split_by_now)) {
        past.request.tasks.reset();
    }
    std::erase_if(events, [&](const model::Event& event) { return event.at > now; });
    std::erase_if(past.request.untrusted,
                  [&](const model::Event& event) { return event.at > now; });
    return past;
}

} // namespace collab::rules
