#include "cli/request_view.hpp"

#include "cli/day_count_notes.hpp"

#include <collab/i18n/list.hpp>
#include <collab/i18n/state_label.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

RequestSummary summarize(const rules::RequestListing& listing, const rules::Context& context) {
    RequestSummary summary;
    summary.listing = listing;
    summary.status.state = listing.state;
    summary.status.round = listing.round;
    summary.status.reviewer = listing.reviewer;
    summary.status.submitted_at = listing.submitted_at;
    summary.status.accepted_at = listing.accepted_at;
    summary.status.state = rules::state_at(summary.status, context);
    const auto state = summary.status.state;
    if (state == rules::RequestState::draft || state == rules::RequestState::returned) {
        summary.waiting_on = listing.initiator;
    } else if (state == rules::RequestState::submitted) {
        summary.waiting_on = summary.status.reviewer;
    }
    if (summary.status.submitted_at) {
        const auto due = rules::review_due(listing.source, summary.status, context);
        const auto submitted = context.zone.local_date(*summary.status.submitted_at);
        if (const auto* at = std::get_if<time::Timestamp>(&due)) {
            summary.review_due = *at;
            const auto last = context.zone.local_date(*at);
            if (context.calendar.policy() == time::UncoveredYears::weekends_only) {
                summary.review_due_year = context.calendar.first_uncovered(submitted, last);
            }
            summary.review_left =
                context.calendar.day_count(context.zone.local_date(context.now), last);
        } else {
            summary.review_due_year = std::get<time::UncoveredYear>(due).year;
        }
        summary.reviewed_at = listing.reviewed_at;
        if (summary.review_due) {
            const auto judged_at = summary.reviewed_at.value_or(context.now);
            summary.review_late = judged_at > *summary.review_due &&
                                  (summary.reviewed_at || state == rules::RequestState::submitted);
        }
    }
    return summary;
}

RequestSummary summarize(const model::Request& request, const rules::Context& context) {
    auto summary = summarize(rules::listing_of(request, context.roster), context);
    summary.request = &request;
    return summary;
}

namespace {

std::string tr(i18n::Language lang, const i18n::Message& message) {
    return i18n::render(lang, message);
}

std::string people_list(const std::vector<std::string>& ids, const model::Roster& roster,
                        i18n::Language lang) {
    std::vector<std::string> shown;
    for (const auto& id : ids) {
        shown.push_back(roster.display(id));
    }
    return i18n::join_list(lang, shown);
}

std::string department_list(const std::vector<std::string>& names, const model::Roster& roster,
                            i18n::Language lang) {
    std::vector<std::string> shown;
    for (const auto& name : names) {
        const auto* dept = roster.find_department(name);
        shown.push_back(dept != nullptr ? dept->name : name);
    }
    return i18n::join_list(lang, shown);
}

// "due 2026-07-08 18:00 (1 working day left)" or "... (late)".
std::string review_line(const RequestSummary& summary, const rules::Context& context,
                        i18n::Language lang) {
    const auto due_text = context.zone.format_short(*summary.review_due);
    if (summary.reviewed_at) {
        return tr(lang, msg(summary.review_late ? "show.review_done_late" : "show.review_done_ok",
                            due_text, context.zone.format_short(*summary.reviewed_at)));
    }
    if (summary.status.state != rules::RequestState::submitted) {
        return tr(lang, msg("show.review_due", due_text));
    }
    if (summary.review_late) {
        return tr(lang, msg("show.review_overdue", due_text));
    }
    return tr(lang, msg("show.review_left", due_text, summary.review_left.text()));
}

// The counts a summary shows, for the notes under them: the review deadline (not
// worked out, or guessed) and the working days left to it.
std::vector<time::DayCount> shown_counts(const RequestSummary& summary) {
    std::vector<time::DayCount> shown;
    if (summary.review_due_year != 0) {
        shown.push_back(
            {summary.review_due ? std::optional<int>(0) : std::nullopt, summary.review_due_year});
    }
    // review_line shows the days left only while the review is waiting and on time.
    if (summary.review_due && !summary.reviewed_at && !summary.review_late &&
        summary.status.state == rules::RequestState::submitted) {
        shown.push_back(summary.review_left);
    }
    return shown;
}

void json_form(util::JsonWriter& w, const model::RequestForm& form) {
    w.key("title").value(form.title);
    w.key("source").value(form.source);
    w.key("customer").value(form.customer);
    w.key("initiator").value(form.initiator);
    w.key("lead").value(form.project_lead());
    w.key("created").value(form.created);
    w.key("due").value(form.due);
    w.key("departments").begin_array();
    for (const auto& dept : form.departments) {
        w.value(dept);
    }
    w.end_array();
    w.key("participants").begin_array();
    for (const auto& person : form.participants) {
        w.value(person);
    }
    w.end_array();
    w.key("background").value(form.background);
    w.key("goal").value(form.goal);
    w.key("items").begin_array();
    for (const auto& item : form.items) {
        w.begin_object().key("action").value(item.action);
        w.key("acceptance").value(item.acceptance).end_object();
    }
    w.end_array();
    w.key("resources").begin_array();
    for (const auto& line : form.resources) {
        w.begin_object().key("what").value(line.what);
        w.key("amount").value(line.amount).end_object();
    }
    w.end_array();
}

void json_summary_fields(util::JsonWriter& w, const RequestSummary& summary,
                         const rules::Context& context) {
    const auto& zone = context.zone;
    w.key("id").value(summary.listing.id);
    w.key("state").value(std::string(rules::state_name(summary.status.state)));
    w.key("round").value(summary.status.round);
    w.key("waiting_on").value(summary.waiting_on);
    w.key("reviewer").value(summary.status.reviewer);
    w.key("content").value(summary.listing.content);
    w.key("review_due");
    if (summary.review_due) {
        w.value(zone.format(*summary.review_due));
    } else {
        w.null();
    }
    if (summary.review_due_year != 0) {
        w.key("review_due_uncovered_year").value(summary.review_due_year);
    }
    w.key("review_late").value(summary.review_late);
}

} // namespace

std::string render_request_text(const RequestSummary& summary, const rules::Context& context,
                                i18n::Language lang) {
    const auto& form = summary.request->form;
    const auto& roster = context.roster;
    std::vector<std::vector<std::string>> rows;
    const auto row = [&](const char* label, std::string value) {
        if (!value.empty()) {
            rows.push_back({i18n::text(lang, label), std::move(value)});
        }
    };
    row("show.id", summary.request->id);
    row("show.title", form.title);
    row("show.state",
        i18n::state_label(lang, rules::state_name(summary.status.state)) +
            (summary.status.round > 1 ? tr(lang, msg("show.round", summary.status.round))
                                      : std::string()));
    row("show.initiator", roster.display(form.initiator));
    if (!form.lead.empty()) {
        row("show.lead", roster.display(form.lead));
    }
    row("show.source", form.source == "customer" ? tr(lang, msg("show.customer", form.customer))
                                                 : i18n::text(lang, "show.internal"));
    row("show.due", form.due);
    row("show.departments", department_list(form.departments, roster, lang));
    row("show.participants", people_list(form.participants, roster, lang));
    if (!summary.status.reviewer.empty()) {
        row("show.reviewer", roster.display(summary.status.reviewer));
    }
    if (summary.review_due) {
        row("show.review",
            review_line(summary, context, lang) + (summary.review_due_year != 0 ? " *" : ""));
    } else if (summary.review_due_year != 0) {
        row("show.review", tr(lang, msg("show.review_due", "?")));
    }
    if (!summary.waiting_on.empty()) {
        row("show.waiting_on", roster.display(summary.waiting_on));
    }
    std::string out = util::format_table(rows) + day_count_notes(shown_counts(summary), lang);
    const auto section = [&](const char* label, const std::string& text) {
        out += "\n" + i18n::text(lang, label) + "\n";
        std::string indented;
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto end = text.find('\n', start);
            const auto line = text.substr(start, end == std::string::npos ? end : end - start);
            indented += "  " + line + "\n";
            if (end == std::string::npos) {
                break;
            }
            start = end + 1;
        }
        out += indented;
    };
    section("show.background", form.background);
    section("show.goal", form.goal);
    out += "\n" + i18n::text(lang, "show.items") + "\n";
    for (std::size_t i = 0; i < form.items.size(); ++i) {
        out += fmt::format("  {}. {}\n     {}: {}\n", i + 1, form.items[i].action,
                           i18n::text(lang, "show.acceptance"), form.items[i].acceptance);
    }
    out += "\n" + i18n::text(lang, "show.resources") + "\n";
    for (const auto& line : form.resources) {
        out += "  - " + line.what + (line.amount.empty() ? "" : " :: " + line.amount) + "\n";
    }
    return out;
}

std::string render_request_json(const RequestSummary& summary, const rules::Context& context) {
    util::JsonWriter w;
    w.begin_object();
    json_summary_fields(w, summary, context);
    w.key("form").begin_object();
    json_form(w, summary.request->form);
    w.end_object();
    w.key("events").begin_array();
    for (const auto& event : summary.request->events) {
        w.begin_object();
        w.key("seq").value(event.seq);
        w.key("at").value(context.zone.format(event.at));
        w.key("by").value(event.by);
        w.key("action").value(event.action);
        w.key("content").value(event.content);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

std::string render_request_list_text(const std::vector<RequestSummary>& summaries,
                                     const rules::Context& context, i18n::Language lang) {
    if (summaries.empty()) {
        return i18n::text(lang, "list.none") + "\n";
    }
    std::vector<std::vector<std::string>> rows;
    rows.reserve(summaries.size() + 1);
    std::vector<time::DayCount> shown;
    rows.push_back({i18n::text(lang, "list.id"), i18n::text(lang, "list.state"),
                    i18n::text(lang, "list.due"), i18n::text(lang, "list.waiting_on"),
                    i18n::text(lang, "list.title")});
    for (const auto& summary : summaries) {
        const auto* person = context.roster.find(summary.waiting_on);
        std::string waiting = person != nullptr ? person->name : summary.waiting_on;
        const bool waiting_review = summary.status.state == rules::RequestState::submitted;
        if (summary.review_late && waiting_review) {
            waiting += " " + i18n::text(lang, "list.late");
        }
        // Whether the review is late cannot be told without the calendar it needs.
        if (waiting_review && summary.review_due_year != 0) {
            waiting += summary.review_due ? "*" : " ?";
            for (const auto& count : shown_counts(summary)) {
                shown.push_back(count);
            }
        }
        rows.push_back(
            {summary.listing.id, i18n::state_label(lang, rules::state_name(summary.status.state)),
             summary.listing.due, waiting.empty() ? "-" : waiting, summary.listing.title});
    }
    return util::format_table(rows) + day_count_notes(shown, lang);
}

std::string render_request_list_json(const std::vector<RequestSummary>& summaries,
                                     const rules::Context& context) {
    util::JsonWriter w;
    w.begin_object();
    w.key("requests").begin_array();
    for (const auto& summary : summaries) {
        w.begin_object();
        json_summary_fields(w, summary, context);
        w.key("title").value(summary.listing.title);
        w.key("initiator").value(summary.listing.initiator);
        w.key("due").value(summary.listing.due);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

} // namespace collab::cli
