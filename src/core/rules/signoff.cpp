#include <algorithm>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/signoff.hpp>

namespace collab::rules {

namespace {

void add_signer(std::vector<RequiredSigner>& signers, const std::string& person, const char* role) {
    if (person.empty()) {
        return;
    }
    const bool present = std::any_of(signers.begin(), signers.end(),
                                     [&](const RequiredSigner& s) { return s.person == person; });
    if (!present) {
        signers.push_back({person, role});
    }
}

} // namespace

std::vector<RequiredSigner> required_signers(const model::RequestForm& form,
                                             const std::string& supervisor,
                                             const model::Roster& roster) {
    std::vector<RequiredSigner> signers;
    add_signer(signers, form.initiator, "initiator");
    add_signer(signers, supervisor, "supervisor");
    for (const auto& dept : involved_departments(form, roster)) {
        if (const auto* head = roster.head_of(dept)) {
            add_signer(signers, head->id, "department-head");
        }
    }
    add_signer(signers, form.lead, "lead");
    for (const auto& person : form.participants) {
        if (roster.find(person) != nullptr) {
            add_signer(signers, roster.find(person)->id, "participant");
        }
    }
    return signers;
}

std::vector<std::string> collaborators(const model::RequestForm& form,
                                       const std::string& supervisor, const model::Roster& roster) {
    std::vector<std::string> people;
    for (const auto& signer : required_signers(form, supervisor, roster)) {
        people.push_back(signer.person);
    }
    return people;
}

bool needs_meeting(const model::RequestForm& form, const model::Roster& roster) {
    return involved_departments(form, roster).size() > 1;
}

std::vector<std::string> heads_missing(const model::RequestForm& form, const model::Roster& roster,
                                       const std::vector<std::string>& attendees) {
    std::vector<std::string> missing;
    for (const auto& dept : involved_departments(form, roster)) {
        const auto* head = roster.head_of(dept);
        if (head != nullptr &&
            std::find(attendees.begin(), attendees.end(), head->id) == attendees.end()) {
            missing.push_back(head->id);
        }
    }
    return missing;
}

std::vector<std::string> meeting_attendees(const model::Event& meeting) {
    std::vector<std::string> attendees;
    if (const auto* node = meeting.data.find("attendees"); node != nullptr) {
        if (node->is_scalar()) {
            attendees.push_back(node->scalar());
        }
        for (const auto& item : node->items()) {
            attendees.push_back(item.scalar());
        }
    }
    return attendees;
}

bool meeting_satisfied(const model::RequestForm& form, const RequestStatus& status,
                       const model::Roster& roster) {
    if (!needs_meeting(form, roster)) {
        return true;
    }
    return std::any_of(status.meetings.begin(), status.meetings.end(), [&](const auto* meeting) {
        return heads_missing(form, roster, meeting_attendees(*meeting)).empty();
    });
}

std::vector<RequiredSigner> signatures_missing(const model::RequestForm& form,
                                               const RequestStatus& status,
                                               const model::Roster& roster,
                                               const std::string& content) {
    std::vector<RequiredSigner> missing;
    for (const auto& signer : required_signers(form, status.reviewer, roster)) {
        const auto found = status.signatures.find(signer.person);
        if (found == status.signatures.end() ||
            !model::same_content(found->second.content, content)) {
            missing.push_back(signer);
        }
    }
    return missing;
}

} // namespace collab::rules
