#include <algorithm>
#include <collab/rules/execution.hpp>
#include <collab/rules/notify.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/signoff.hpp>
#include <collab/util/text.hpp>

namespace collab::rules {

using i18n::msg;

std::string event_key(const std::string& request, const model::Event& event) {
    return request + "/" + event.by + "#" + std::to_string(event.seq);
}

std::set<long long> seqs_in_log_text(std::string_view text) {
    std::set<long long> seqs;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto line = text.substr(start, end - start);
        start = end + 1;
        constexpr std::string_view prefix = "- seq:";
        if (line.substr(0, prefix.size()) != prefix) {
            continue;
        }
        line.remove_prefix(prefix.size());
        while (!line.empty() &&
               (line.front() == ' ' || line.front() == '"' || line.front() == '\'')) {
            line.remove_prefix(1);
        }
        long long value = 0;
        bool digits = false;
        for (char c : line) {
            if (c < '0' || c > '9' || value > model::k_max_seq) {
                break;
            }
            value = value * 10 + (c - '0');
            digits = true;
        }
        if (digits) {
            seqs.insert(value);
        }
    }
    return seqs;
}

namespace {

// The command of a step's first choice (approve, deliver, ...): what a notice says to run.
std::string first_command(const NextStep& step) {
    return step.commands.empty() ? std::string() : step.commands.front();
}

// Builds the notices of one request: each step of the kinds an entry opens, to each
// person who may take it.
class NoticeList {
public:
    NoticeList(const model::Request& request, const Context& context)
        : m_request(request), m_context(context), m_replayed(replay(request, context.roster)),
          m_steps(next_steps(request, m_replayed, context)) {}

    const RequestStatus& status() const { return m_replayed.status; }

    // The steps of `kind` open now whose command names `subject` (a task ref or a
    // sub-record id; "" for any), to each person who may take them.
    void steps(const model::Event& event, const i18n::Message& happened, StepKind kind,
               const std::string& subject = "") {
        for (const auto& step : m_steps) {
            if (step.kind != kind || !names(first_command(step), subject)) {
                continue;
            }
            for (const auto& person : step.who) {
                add({person, m_request.id, m_request.form.title, event_key(m_request.id, event),
                     happened, step.what, first_command(step), step.due,
                     step.due.has_value() && m_context.now > *step.due, ""});
            }
        }
    }

    // A notice that is not a step of the inbox (a rejection, the heads told of an
    // approval): what to read, with the command that shows it.
    void tell(const model::Event& event, const std::string& person, const i18n::Message& happened,
              const i18n::Message& what, const std::string& command) {
        add({person, m_request.id, m_request.form.title, event_key(m_request.id, event), happened,
             what, command, std::nullopt, false, ""});
    }

    std::vector<Notice> take() { return std::move(m_notices); }

private:
    static bool names(const std::string& command, const std::string& subject) {
        if (subject.empty()) {
            return true;
        }
        const auto at = command.find(subject);
        if (at == std::string::npos) {
            return false;
        }
        const auto end = at + subject.size();
        return end == command.size() || command[end] == ' ';
    }

    void add(Notice notice) {
        const bool seen = std::any_of(m_notices.begin(), m_notices.end(), [&](const Notice& n) {
            return n.person == notice.person && n.command == notice.command &&
                   n.what == notice.what;
        });
        if (!seen && !notice.person.empty()) {
            m_notices.push_back(std::move(notice));
        }
    }

    const model::Request& m_request;
    const Context& m_context;
    Replayed m_replayed;
    std::vector<NextStep> m_steps;
    std::vector<Notice> m_notices;
};

std::vector<std::string> heads_of(const model::RequestForm& form, const model::Roster& roster) {
    std::vector<std::string> heads;
    for (const auto& department : form.departments) {
        const auto* dept = roster.find_department(department);
        const auto* head = roster.head_of(dept != nullptr ? dept->id : department);
        if (head != nullptr && std::find(heads.begin(), heads.end(), head->id) == heads.end()) {
            heads.push_back(head->id);
        }
    }
    return heads;
}

void notices_of_entry(const model::Request& request, const model::Event& event,
                      const Context& context, NoticeList& list) {
    const auto& id = request.id;
    const auto& form = request.form;
    const auto by = context.roster.display(event.by);
    const auto show = "collab request show " + id;
    switch (event.kind) {
    case model::ActionKind::submit:
        list.steps(event, msg("notify.happened.submit", by, id), StepKind::review);
        break;
    case model::ActionKind::review: {
        const auto decision = event.field("decision");
        if (decision == "approve") {
            const auto happened = msg("notify.happened.approve", by, id);
            if (needs_meeting(form, context.roster) && list.status().meetings.empty()) {
                for (const auto& head : heads_of(form, context.roster)) {
                    list.tell(event, head, happened, msg("notify.attend_meeting"), show);
                }
                list.steps(event, happened, StepKind::meeting);
            } else {
                list.steps(event, happened, StepKind::sign);
            }
        } else if (decision == "return") {
            list.steps(event, msg("notify.happened.return", by, id, event.field("comment")),
                       StepKind::resubmit);
        } else if (decision == "reject") {
            list.tell(event, form.initiator,
                      msg("notify.happened.reject", by, id, event.field("comment")),
                      msg("notify.rejected"), "collab log " + id);
        }
        break;
    }
    case model::ActionKind::meeting:
    case model::ActionKind::edit:
        list.steps(event, msg("notify.happened.sign_needed", id), StepKind::sign);
        break;
    case model::ActionKind::sign:
        if (list.status().final_event == &event) {
            const auto happened = msg("notify.happened.final", id);
            auto people = collaborators(form, list.status().reviewer, context.roster);
            for (const auto& head : heads_of(form, context.roster)) {
                if (std::find(people.begin(), people.end(), head) == people.end()) {
                    people.push_back(head);
                }
            }
            list.steps(event, happened, StepKind::split);
            list.steps(event, happened, StepKind::acknowledge);
            for (const auto& person : people) {
                list.tell(event, person, happened, msg("notify.read_final"), show);
            }
        }
        break;
    case model::ActionKind::split:
        list.steps(event, msg("notify.happened.split", by, id), StepKind::confirm_task);
        break;
    case model::ActionKind::progress:
        if (const auto* blocker = event.data.find("blocker");
            blocker != nullptr && blocker->is_map()) {
            const auto* bid = blocker->find("id");
            list.steps(event, msg("notify.happened.blocker", by, id + "/" + event.field("task")),
                       StepKind::unblock, bid != nullptr && bid->is_scalar() ? bid->scalar() : "");
        }
        break;
    case model::ActionKind::change:
        list.steps(event, msg("notify.happened.change", by, id), StepKind::decide_change,
                   event.field("change"));
        break;
    case model::ActionKind::change_decision:
        if (event.field("decision") == "approve") {
            list.steps(event, msg("notify.happened.change_approved", by, event.field("change")),
                       StepKind::confirm_change, event.field("change"));
        }
        break;
    case model::ActionKind::deliver: {
        const auto ref = id + "/" + event.field("task");
        list.steps(event, msg("notify.happened.deliver", by, ref), StepKind::accept, ref);
        break;
    }
    case model::ActionKind::accept: {
        const auto ref = id + "/" + event.field("task");
        if (event.field("verdict") == "fail") {
            list.steps(event, msg("notify.happened.accept_fail", by, ref), StepKind::rework, ref);
        } else if (list.status().accepted_at && *list.status().accepted_at == event.at) {
            list.steps(event, msg("notify.happened.accepted", id), StepKind::feedback);
        }
        break;
    }
    default:
        break;
    }
}

} // namespace

std::vector<Notice> notices_for(const model::Request& request,
                                const std::vector<const model::Event*>& fresh,
                                const Context& context) {
    NoticeList list(request, context);
    for (const auto* event : fresh) {
        notices_of_entry(request, *event, context, list);
    }
    return list.take();
}

std::vector<Notice> digest_notices(const std::string& person, const std::vector<InboxItem>& items,
                                   const Context& context) {
    std::vector<Notice> notices;
    const auto day = time::format_date(context.zone.local_date(context.now));
    for (const auto& item : items) {
        const auto& step = item.step;
        notices.push_back({person, step.request, item.title,
                           "digest:" + day + ":" + person + ":" + step.request + ":" +
                               std::string(step_kind_name(step.kind)) + ":" + first_command(step),
                           i18n::Message{}, step.what, first_command(step), step.due, item.overdue,
                           step.on_behalf_of});
    }
    return notices;
}

} // namespace collab::rules
