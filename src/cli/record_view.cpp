#include "cli/record_view.hpp"

#include <collab/i18n/list.hpp>
#include <collab/i18n/state_label.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>

namespace collab::cli {

namespace {

std::string name_of(const model::Roster& roster, const std::string& id) {
    const auto* person = roster.find(id);
    return person != nullptr ? person->name : id;
}

std::string names_of(const model::Roster& roster, const std::vector<std::string>& ids,
                     i18n::Language lang) {
    std::vector<std::string> names;
    for (const auto& id : ids) {
        names.push_back(name_of(roster, id));
    }
    return names.empty() ? "-" : i18n::join_list(lang, names);
}

std::string or_dash(const std::string& text) {
    return text.empty() ? "-" : text;
}

// "R-7KQ2XM/T2", or the request alone for a record on it as a whole.
std::string where_of(const RecordRow& row) {
    return row.entry.task.empty() ? row.request : row.request + "/" + row.entry.task;
}

std::vector<std::string> header(rules::RecordKind kind, i18n::Language lang) {
    const auto t = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    switch (kind) {
    case rules::RecordKind::blocker:
        return {t("record.col_id"),   t("record.col_where"), t("record.col_blocker"),
                t("record.col_from"), t("record.col_by"),    t("record.col_raised_by"),
                t("record.col_state")};
    case rules::RecordKind::risk:
        return {t("record.col_id"),    t("record.col_where"), t("record.col_risk"),
                t("record.col_owner"), t("record.col_due"),   t("record.col_state")};
    case rules::RecordKind::action:
        return {t("record.col_id"),    t("record.col_where"),    t("record.col_action"),
                t("record.col_owner"), t("record.col_deadline"), t("record.col_state")};
    case rules::RecordKind::change:
        return {t("record.col_id"),          t("record.col_where"), t("record.col_reason"),
                t("record.col_proposed_by"), t("record.col_state"), t("record.col_waiting_on")};
    }
    return {};
}

std::vector<std::string> text_cells(const RecordRow& row, const rules::Context& context,
                                    i18n::Language lang) {
    const auto& roster = context.roster;
    const auto state = i18n::state_label(lang, rules::record_state(row.entry));
    if (const auto* blocker = std::get_if<rules::BlockerShown>(&row.entry.shown)) {
        // The log keeps "by" as written (with its offset); shown in the workspace's zone.
        auto by = blocker->by ? blocker->by : time::parse_timestamp(blocker->by_text, context.zone);
        return {row.entry.id,
                where_of(row),
                blocker->text,
                name_of(roster, blocker->from),
                or_dash(by ? context.zone.format_short(*by) : blocker->by_text),
                name_of(roster, blocker->raised_by),
                state};
    }
    if (const auto* risk = std::get_if<rules::RiskShown>(&row.entry.shown)) {
        return {row.entry.id,       where_of(row), risk->text, name_of(roster, risk->owner),
                or_dash(risk->due), state};
    }
    if (const auto* action = std::get_if<rules::ActionShown>(&row.entry.shown)) {
        return {row.entry.id,
                where_of(row),
                action->text,
                name_of(roster, action->owner),
                or_dash(action->deadline),
                state};
    }
    const auto& change = std::get<rules::ChangeShown>(row.entry.shown);
    return {row.entry.id,
            where_of(row),
            or_dash(change.reason),
            name_of(roster, change.proposed_by),
            state,
            names_of(roster, change.waiting_on, lang)};
}

void write_strings(util::JsonWriter& w, const std::string& key,
                   const std::vector<std::string>& items) {
    w.key(key).begin_array();
    for (const auto& item : items) {
        w.value(item);
    }
    w.end_array();
}

void write_time(util::JsonWriter& w, const std::string& key,
                const std::optional<time::Timestamp>& at, const rules::Context& context) {
    w.key(key);
    if (at) {
        w.value(context.zone.format(*at));
    } else {
        w.null();
    }
}

void write_record(util::JsonWriter& w, const RecordRow& row, const rules::Context& context) {
    const auto state = rules::record_state(row.entry);
    if (const auto* blocker = std::get_if<rules::BlockerShown>(&row.entry.shown)) {
        w.key("text").value(blocker->text).key("from").value(blocker->from);
        w.key("by").value(blocker->by_text).key("raised_by").value(blocker->raised_by);
        write_time(w, "raised_at", blocker->raised_at, context);
        write_time(w, "closed_at", blocker->closed_at, context);
        w.key("closed_by").value(blocker->closed_by).key("state").value(state);
    } else if (const auto* risk = std::get_if<rules::RiskShown>(&row.entry.shown)) {
        w.key("target").value(risk->target).key("text").value(risk->text);
        w.key("owner").value(risk->owner).key("due").value(risk->due);
        w.key("state").value(state);
    } else if (const auto* action = std::get_if<rules::ActionShown>(&row.entry.shown)) {
        w.key("text").value(action->text).key("owner").value(action->owner);
        w.key("deadline").value(action->deadline).key("state").value(state);
    } else {
        const auto& change = std::get<rules::ChangeShown>(row.entry.shown);
        w.key("reason").value(change.reason).key("proposed_by").value(change.proposed_by);
        write_time(w, "proposed_at", change.proposed_at, context);
        w.key("decision").value(change.decision).key("decided_by").value(change.decided_by);
        write_strings(w, "affected_owners", change.affected_owners);
        write_strings(w, "confirmed_by", change.confirmed_by);
        write_strings(w, "waiting_on", change.waiting_on);
        w.key("state").value(state);
    }
}

const char* none_id(rules::RecordKind kind) {
    switch (kind) {
    case rules::RecordKind::blocker:
        return "record.none_blocker";
    case rules::RecordKind::risk:
        return "record.none_risk";
    case rules::RecordKind::action:
        return "record.none_action";
    case rules::RecordKind::change:
        return "record.none_change";
    }
    return "record.none_blocker";
}

const char* json_key(rules::RecordKind kind) {
    switch (kind) {
    case rules::RecordKind::blocker:
        return "blockers";
    case rules::RecordKind::risk:
        return "risks";
    case rules::RecordKind::action:
        return "actions";
    case rules::RecordKind::change:
        return "changes";
    }
    return "blockers";
}

} // namespace

void add_record_rows(std::vector<RecordRow>& rows, const std::string& request,
                     const std::string& title, const std::vector<rules::RecordEntry>& entries,
                     const rules::RecordFilter& filter) {
    for (const auto& entry : entries) {
        if (rules::record_selected(entry, filter)) {
            rows.push_back({request, title, entry});
        }
    }
}

std::string render_record_rows_text(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context, i18n::Language lang) {
    if (rows.empty()) {
        return i18n::text(lang, none_id(kind)) + "\n";
    }
    std::vector<std::vector<std::string>> table{header(kind, lang)};
    for (const auto& row : rows) {
        table.push_back(text_cells(row, context, lang));
    }
    return util::format_table(table);
}

std::string render_record_rows_json(rules::RecordKind kind, const std::vector<RecordRow>& rows,
                                    const rules::Context& context) {
    util::JsonWriter w;
    w.begin_object().key(json_key(kind)).begin_array();
    for (const auto& row : rows) {
        w.begin_object().key("id").value(row.entry.id).key("request").value(row.request);
        w.key("request_title").value(row.request_title).key("task").value(row.entry.task);
        w.key("open").value(row.entry.open);
        write_record(w, row, context);
        w.end_object();
    }
    w.end_array().end_object();
    return w.str();
}

} // namespace collab::cli
