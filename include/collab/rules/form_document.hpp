#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/request.hpp>
#include <collab/model/survey.hpp>
#include <collab/rules/context.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/replay.hpp>
#include <collab/util/print_document.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::rules {

// The forms the process produces (docs/PROCESS.md, "The five stages"), as documents
// `collab export --form` renders: 需求审批表, 会议纪要, 协作任务跟踪表, 进度同步会纪要,
// 成果验收单, 沟通反馈表.
enum class FormKind { approval, minutes, tracking, sync, acceptance, feedback };

std::string_view form_kind_name(FormKind kind);
std::optional<FormKind> parse_form_kind(std::string_view name);
// Every form's name, in process order ("approval, minutes, ...").
const std::vector<std::string>& form_kind_names();

// One text of a form: a catalog message (labels, states, verdicts) or, when its id is
// empty, what a person wrote or a value (names, dates, hashes), shown as it is. The
// document stays language-neutral; the renderer translates.
struct FormText {
    i18n::Message message;
    std::string literal;
    bool is_literal() const { return message.id.empty(); }
};
FormText form_literal(std::string text);
FormText form_label(i18n::Message message);

// "label: value", one line of a form's head or of a section.
struct FormField {
    FormText label;
    FormText value;
};

// A section: a heading, labelled fields, an optional table (a header and rows of the same
// width) and a note. A section that starts a new record (another meeting, another task's
// acceptance) starts a new page when printed.
struct FormSection {
    FormText title;
    std::vector<FormField> fields;
    std::vector<FormText> header;
    std::vector<std::vector<FormText>> rows;
    std::optional<FormText> note;
    bool new_page = false;
};

struct FormDocument {
    FormKind kind = FormKind::approval;
    FormText title;              // "需求审批表（终稿）"
    std::vector<FormField> head; // request, title, state, as of
    std::vector<FormSection> sections;
};

// What a form is built from: the replayed request, the context (roster, zone, clock)
// and, for the feedback form, the survey's questions.
struct FormSource {
    const model::Request& request;
    const Replayed& replayed;
    const Context& context;
    const model::Survey* survey = nullptr;
};

// The document, or a refusal when the request has not reached the stage that produces
// the form yet (minutes before a review meeting, the task table before the split, sync
// minutes before a sync, the acceptance form before a delivery, the feedback form
// before every task is accepted); the refusal names the rule and the command that
// produces it.
struct FormBuild {
    std::optional<FormDocument> document;
    std::optional<Refusal> refusal;
};
FormBuild build_form(FormKind kind, const FormSource& source);

// The document in words of one language, for the renderers of util/print_document.
std::string form_text(const FormText& text, i18n::Language lang);
util::PrintDocument print_document(const FormDocument& doc, i18n::Language lang);

} // namespace collab::rules
