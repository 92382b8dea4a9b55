// The forms of docs/PROCESS.md as documents: what each holds, taken from the replayed
// request. This file: the shared parts, the approval form (需求审批表) and the review
// meeting's minutes (会议纪要); rules/form_execution.cpp holds the forms of stages 3 to 5.
#include "rules/form_parts.hpp"

#include <algorithm>
#include <array>
#include <collab/i18n/list.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::rules {

namespace form_document_parts {

constexpr std::array<std::string_view, 6> k_form_names = {"approval", "minutes",    "tracking",
                                                          "sync",     "acceptance", "feedback"};

} // namespace form_document_parts

std::string_view form_kind_name(FormKind kind) {
    return form_document_parts::k_form_names[static_cast<std::size_t>(kind)];
}

std::optional<FormKind> parse_form_kind(std::string_view name) {
    for (std::size_t i = 0; i < form_document_parts::k_form_names.size(); ++i) {
        if (form_document_parts::k_form_names[i] == name) {
            return static_cast<FormKind>(i);
        }
    }
    return std::nullopt;
}

const std::vector<std::string>& form_kind_names() {
    static const std::vector<std::string> names(form_document_parts::k_form_names.begin(),
                                                form_document_parts::k_form_names.end());
    return names;
}

FormText form_literal(std::string text) {
    return FormText{{}, std::move(text)};
}

FormText form_label(i18n::Message message) {
    return FormText{std::move(message), {}};
}

namespace form_parts {

FormText value(const std::string& text) {
    return form_literal(text.empty() ? "-" : text);
}

FormText person(const FormSource& source, const std::string& id) {
    return value(id.empty() ? id : source.context.roster.display(id));
}

FormText people(const FormSource& source, const std::vector<std::string>& ids) {
    if (ids.empty()) {
        return value("");
    }
    // A list argument, so that the renderer joins it with the language's separator.
    return label("form.value", source.context.roster.display_list(ids));
}

FormText when(const FormSource& source, time::Timestamp at) {
    return form_literal(source.context.zone.format_short(at));
}

FormText when(const FormSource& source, const std::optional<time::Timestamp>& at) {
    return at ? when(source, *at) : value("");
}

FormText when_field(const FormSource& source, const model::Event& event, std::string_view key) {
    const auto text = event.field(key);
    const auto at = time::parse_timestamp(text, source.context.zone);
    return at ? when(source, *at) : value(text);
}

std::vector<std::string> list_field(const model::Event& event, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* node = event.data.find(key)) {
        if (node->is_scalar()) {
            out.push_back(node->scalar());
        }
        for (const auto& item : node->items()) {
            out.push_back(item.scalar());
        }
    }
    return out;
}

FormField field(std::string label_id, FormText text) {
    return {form_label(i18n::msg(std::move(label_id))), std::move(text)};
}

Applied::Applied(const Replayed& replayed) {
    m_ignored.insert(replayed.status.ignored.begin(), replayed.status.ignored.end());
    m_ignored.insert(replayed.status.mismatched.begin(), replayed.status.mismatched.end());
    m_ignored.insert(replayed.execution.ignored.begin(), replayed.execution.ignored.end());
}

FormBuild not_yet(const FormSource& source, std::string rule, FormKind kind) {
    // One message per form, so that each language names the form its own way.
    const std::string name(form_kind_name(kind));
    Refusal refusal{std::move(rule),
                    i18n::msg("form.not_yet." + name, source.request.id),
                    {i18n::msg("form.hint." + name)},
                    {}};
    return {std::nullopt, std::move(refusal)};
}

FormDocument document(const FormSource& source, FormKind kind, FormText title) {
    FormDocument doc;
    doc.kind = kind;
    doc.title = std::move(title);
    const auto state = state_at(source.replayed.status, source.context);
    doc.head.push_back(field("form.request", form_literal(source.request.id)));
    doc.head.push_back(field("form.request_title", value(source.request.form.title)));
    doc.head.push_back(field("form.state", label("form.state." + std::string(state_name(state)))));
    doc.head.push_back(field("form.as_of", when(source, source.context.now)));
    return doc;
}

} // namespace form_parts

namespace form_document_parts {

using namespace form_parts;

FormSection request_section(const FormSource& source) {
    const auto& form = source.request.form;
    FormSection section{label("form.section.request"), {}, {}, {}, {}, false};
    auto& f = section.fields;
    f.push_back(field("form.initiator", person(source, form.initiator)));
    f.push_back(field("form.lead", person(source, form.project_lead())));
    f.push_back(field("form.source", form.source == "customer"
                                         ? label("form.source.customer", form.customer)
                                         : label("form.source.internal")));
    f.push_back(field("form.created", value(form.created)));
    f.push_back(field("form.due", value(form.due)));
    std::vector<std::string> departments;
    for (const auto& name : form.departments) {
        const auto* dept = source.context.roster.find_department(name);
        departments.push_back(dept != nullptr ? dept->name : name);
    }
    f.push_back(field("form.departments", label("form.value", i18n::list_argument(departments))));
    f.push_back(field("form.participants", people(source, form.participants)));
    f.push_back(field("form.background", value(form.background)));
    f.push_back(field("form.goal", value(form.goal)));
    return section;
}

FormSection items_section(const FormSource& source) {
    FormSection section{label("form.section.items"), {}, {}, {}, {}, false};
    section.header = {label("form.col.number"), label("form.col.action"),
                      label("form.col.acceptance")};
    const auto& items = source.request.form.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        section.rows.push_back({form_literal(std::to_string(i + 1)), value(items[i].action),
                                value(items[i].acceptance)});
    }
    return section;
}

FormSection resources_section(const FormSource& source) {
    FormSection section{label("form.section.resources"), {}, {}, {}, {}, false};
    section.header = {label("form.col.resource"), label("form.col.amount")};
    for (const auto& line : source.request.form.resources) {
        section.rows.push_back({value(line.what), value(line.amount)});
    }
    return section;
}

// A checklist answer: "yes", "no: budget unclear".
FormText check_answer(const model::Event& review, const std::string& key) {
    const auto* checks = review.data.find("checks");
    const auto* answer = checks != nullptr ? checks->find(key) : nullptr;
    if (answer == nullptr) {
        return value("");
    }
    const auto* notes = review.data.find("notes");
    const auto* note = notes != nullptr ? notes->find(key) : nullptr;
    const std::string id = answer->scalar() == "yes" ? "form.check.yes" : "form.check.no";
    if (note != nullptr && !note->scalar().empty()) {
        return label(id + "_note", note->scalar());
    }
    return label(id);
}

FormSection review_section(const FormSource& source) {
    const auto& status = source.replayed.status;
    FormSection section{label("form.section.review"), {}, {}, {}, {}, false};
    section.fields.push_back(field("form.submitted_at", when(source, status.submitted_at)));
    section.fields.push_back(field("form.reviewer", person(source, status.reviewer)));
    section.fields.push_back(field("form.round", form_literal(std::to_string(status.round))));
    section.header = {label("form.col.reviewed_at"), label("form.col.reviewer"),
                      label("form.col.verdict"),     label("form.check.goals"),
                      label("form.check.resources"), label("form.check.breakdown"),
                      label("form.col.comment")};
    const Applied applied(source.replayed);
    for (const auto& event : source.request.events) {
        if (event.kind != model::ActionKind::review || !applied(event)) {
            continue;
        }
        section.rows.push_back({when(source, event.at), person(source, event.by),
                                label("form.verdict." + event.field("decision")),
                                check_answer(event, "goals"), check_answer(event, "resources"),
                                check_answer(event, "breakdown"), value(event.field("comment"))});
    }
    if (section.rows.empty()) {
        section.note = label("form.review.none");
    }
    return section;
}

FormSection meeting_section(const FormSource& source) {
    const auto& status = source.replayed.status;
    FormSection section{label("form.section.meeting"), {}, {}, {}, {}, false};
    section.header = {label("form.col.held_at"), label("form.col.minutes_long"),
                      label("form.col.attendees"), label("form.col.recorded_by")};
    for (const auto* meeting : status.meetings) {
        section.rows.push_back(
            {when_field(source, *meeting, "held_at"), value(meeting->field("duration_minutes")),
             people(source, meeting_attendees(*meeting)), person(source, meeting->by)});
    }
    if (!needs_meeting(source.request.form, source.context.roster)) {
        section.note = label("form.meeting.not_needed");
    } else if (section.rows.empty()) {
        section.note = label("form.meeting.none");
    }
    return section;
}

FormSection signatures_section(const FormSource& source) {
    const auto& status = source.replayed.status;
    const auto& form = source.request.form;
    // Signatures bind to the content in force: the frozen content once final.
    const auto& content = status.final_content.empty() ? status.content : status.final_content;
    FormSection section{label("form.section.signatures"), {}, {}, {}, {}, false};
    section.header = {label("form.col.signer"), label("form.col.role"), label("form.col.signed_at"),
                      label("form.col.content_signed"), label("form.col.signature")};
    for (const auto& signer : required_signers(form, status.reviewer, source.context.roster)) {
        std::vector<FormText> row{person(source, signer.person), label("form.role." + signer.role)};
        const auto found = status.signatures.find(signer.person);
        if (found == status.signatures.end()) {
            row.insert(row.end(), {value(""), value(""), label("form.signature.missing")});
        } else {
            const auto& signature = found->second;
            row.insert(row.end(), {when(source, signature.at), value(signature.content),
                                   label(model::same_content(signature.content, content)
                                             ? "form.signature.valid"
                                             : "form.signature.void")});
        }
        section.rows.push_back(std::move(row));
    }
    return section;
}

FormSection frozen_section(const FormSource& source) {
    const auto& status = source.replayed.status;
    FormSection section{label("form.section.frozen"), {}, {}, {}, {}, false};
    auto& f = section.fields;
    const bool final = status.final_at.has_value();
    f.push_back(field("form.version", label(final ? "form.version.final" : "form.version.draft")));
    f.push_back(field("form.content", value(final ? status.final_content : status.content)));
    if (!final) {
        section.note = label("form.frozen.not_yet");
        return section;
    }
    f.push_back(field("form.final_at", when(source, status.final_at)));
    f.push_back(field("form.distributed_to",
                      people(source, collaborators(source.request.form, status.reviewer,
                                                   source.context.roster))));
    f.push_back(field("form.acknowledged", people(source, status.acknowledged)));
    return section;
}

FormBuild approval_form(const FormSource& source) {
    const bool final = source.replayed.status.final_at.has_value();
    auto doc = document(source, FormKind::approval,
                        label(final ? "form.title.approval_final" : "form.title.approval_draft"));
    doc.sections.push_back(request_section(source));
    doc.sections.push_back(items_section(source));
    doc.sections.push_back(resources_section(source));
    doc.sections.push_back(review_section(source));
    doc.sections.push_back(meeting_section(source));
    doc.sections.push_back(signatures_section(source));
    doc.sections.push_back(frozen_section(source));
    return {std::move(doc), std::nullopt};
}

// One review meeting: when, how long, who, the minutes and the decisions.
FormSection minutes_section(const FormSource& source, const model::Event& meeting, bool first) {
    FormSection section{
        label("form.section.meeting_on", meeting.field("held_at")), {}, {}, {}, {}, !first};
    if (const auto at = time::parse_timestamp(meeting.field("held_at"), source.context.zone)) {
        section.title = label("form.section.meeting_on", source.context.zone.format_short(*at));
    }
    auto& f = section.fields;
    f.push_back(field("form.held_at", when_field(source, meeting, "held_at")));
    f.push_back(
        field("form.duration", label("form.minutes_count", meeting.field("duration_minutes"))));
    f.push_back(field("form.recorded_by", person(source, meeting.by)));
    f.push_back(field("form.attendees", people(source, meeting_attendees(meeting))));
    f.push_back(field("form.minutes", value(meeting.field("minutes"))));
    section.header = {label("form.col.number"), label("form.col.decision")};
    const auto decisions = list_field(meeting, "decisions");
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        section.rows.push_back({form_literal(std::to_string(i + 1)), value(decisions[i])});
    }
    if (decisions.empty()) {
        section.note = label("form.minutes.no_decisions");
    }
    return section;
}

FormBuild minutes_form(const FormSource& source) {
    const auto& meetings = source.replayed.status.meetings;
    if (meetings.empty()) {
        return not_yet(source, "meeting", FormKind::minutes);
    }
    auto doc = document(source, FormKind::minutes, label("form.title.minutes"));
    for (std::size_t i = 0; i < meetings.size(); ++i) {
        doc.sections.push_back(minutes_section(source, *meetings[i], i == 0));
    }
    return {std::move(doc), std::nullopt};
}

} // namespace form_document_parts

FormBuild build_form(FormKind kind, const FormSource& source) {
    switch (kind) {
    case FormKind::approval:
        return form_document_parts::approval_form(source);
    case FormKind::minutes:
        return form_document_parts::minutes_form(source);
    case FormKind::tracking:
        return form_parts::tracking_form(source);
    case FormKind::sync:
        return form_parts::sync_form(source);
    case FormKind::acceptance:
        return form_parts::acceptance_form(source);
    case FormKind::feedback:
        return form_parts::feedback_form(source);
    }
    return form_document_parts::approval_form(source);
}

std::string form_text(const FormText& text, i18n::Language lang) {
    return text.is_literal() ? text.literal : i18n::render(lang, text.message);
}

namespace form_document_parts {

std::vector<util::PrintField> print_fields(const std::vector<FormField>& fields,
                                           i18n::Language lang) {
    std::vector<util::PrintField> out;
    for (const auto& f : fields) {
        out.emplace_back(form_text(f.label, lang), form_text(f.value, lang));
    }
    return out;
}

std::vector<std::string> print_row(const std::vector<FormText>& cells, i18n::Language lang) {
    std::vector<std::string> out;
    for (const auto& cell : cells) {
        out.push_back(form_text(cell, lang));
    }
    return out;
}

} // namespace form_document_parts

util::PrintDocument print_document(const FormDocument& doc, i18n::Language lang) {
    util::PrintDocument out;
    out.lang = lang == i18n::Language::zh ? "zh-CN" : "en";
    out.title = form_text(doc.title, lang);
    out.head = form_document_parts::print_fields(doc.head, lang);
    out.field_heading = i18n::text(lang, "form.col.field");
    out.value_heading = i18n::text(lang, "form.col.value");
    for (const auto& section : doc.sections) {
        util::PrintSection printed;
        printed.title = form_text(section.title, lang);
        printed.fields = form_document_parts::print_fields(section.fields, lang);
        printed.header = form_document_parts::print_row(section.header, lang);
        for (const auto& row : section.rows) {
            printed.rows.push_back(form_document_parts::print_row(row, lang));
        }
        printed.note = section.note ? form_text(*section.note, lang) : std::string();
        printed.new_page = section.new_page;
        out.sections.push_back(std::move(printed));
    }
    return out;
}

} // namespace collab::rules
