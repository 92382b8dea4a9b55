// The pieces every form document is built from (rules/form_document.cpp and
// rules/form_execution.cpp): texts, people, times and the events the replay applied.
#pragma once

#include <collab/i18n/message.hpp>
#include <collab/rules/form_document.hpp>
#include <set>
#include <string>
#include <vector>

namespace collab::rules::form_parts {

// A catalog text: form_label(msg(id, args...)).
template <typename... Args>
FormText label(std::string id, const Args&... args) {
    return form_label(i18n::msg(std::move(id), args...));
}
// A value as written, "-" when there is none (a cell is never blank).
FormText value(const std::string& text);
FormText person(const FormSource& source, const std::string& id);
FormText people(const FormSource& source, const std::vector<std::string>& ids);
FormText when(const FormSource& source, time::Timestamp at);
FormText when(const FormSource& source, const std::optional<time::Timestamp>& at);
// A timestamp field of an event ("held_at"), in the workspace's zone.
FormText when_field(const FormSource& source, const model::Event& event, std::string_view key);
// The scalars of a list field ("attendees", "decisions").
std::vector<std::string> list_field(const model::Event& event, std::string_view key);
FormField field(std::string label_id, FormText text);

// The entries the replay did not apply (wrong person, wrong state, content mismatch):
// a form shows only what counted.
class Applied {
public:
    explicit Applied(const Replayed& replayed);
    bool operator()(const model::Event& event) const { return !m_ignored.contains(&event); }

private:
    std::set<const model::Event*> m_ignored;
};

// Refuses a form whose stage the request has not reached: the rule that produces it and
// the command that records it.
FormBuild not_yet(const FormSource& source, std::string rule, FormKind kind);

// The document's title and head (request, title, state, as of).
FormDocument document(const FormSource& source, FormKind kind, FormText title);

FormBuild tracking_form(const FormSource& source);
FormBuild sync_form(const FormSource& source);
FormBuild acceptance_form(const FormSource& source);
FormBuild feedback_form(const FormSource& source);

} // namespace collab::rules::form_parts
