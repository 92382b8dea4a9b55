#include <collab/model/request_form.hpp>
#include <collab/txn/transaction.hpp>

namespace collab::txn {

std::optional<model::Event> number_entry(const model::Request& request, model::ActionKind action,
                                         const std::string& actor, time::Timestamp now,
                                         const time::Zone& zone) {
    model::Event event;
    event.seq = request.next_seq();
    if (event.seq > model::k_max_seq) {
        return std::nullopt;
    }
    event.at = now;
    event.at_text = zone.format(now);
    event.by = actor;
    event.set_action(action);
    event.content = model::content_hash(request.form);
    return event;
}

Outcome transact(const store::Workspace& workspace, const store::DiskLock& /*held*/,
                 const std::string& request_id, const Writer& writer, const Decide& decide) {
    Outcome outcome;
    auto request = workspace.load_request(request_id, outcome.problems);
    if (writer.loaded) {
        writer.loaded(outcome.problems);
    }
    if (!request || outcome.problems.has_errors()) {
        return outcome;
    }
    outcome.request = std::move(*request);
    auto decision = [&] {
        const auto replayed = rules::replay(outcome.request, workspace.roster());
        return decide(outcome.request, replayed);
    }();
    if (auto* refusal = std::get_if<rules::Refusal>(&decision)) {
        outcome.result = Outcome::Result::refused;
        outcome.refusal = std::move(*refusal);
        return outcome;
    }
    if (auto* nothing = std::get_if<NoEntry>(&decision)) {
        for (const auto& file : nothing->files) {
            workspace.write(file.path, file.text);
        }
        outcome.result = Outcome::Result::unchanged;
        return outcome;
    }
    auto& entry = std::get<Entry>(decision);
    auto event =
        number_entry(outcome.request, entry.action, writer.actor, writer.now, workspace.zone());
    if (!event) {
        outcome.error = i18n::msg("event.seq_exhausted", outcome.request.id, model::k_max_seq);
        return outcome;
    }
    event->on_behalf_of = entry.on_behalf_of;
    if (!entry.content.empty()) {
        event->content = entry.content;
    }
    if (writer.before_write) {
        writer.before_write();
    }
    for (const auto& file : entry.files) {
        workspace.write(file.path, file.text);
    }
    workspace.append_event(outcome.request, *event, entry.fields);
    for (const auto& path : entry.removed_after) {
        workspace.remove(path);
    }
    event->data = std::move(entry.fields);
    outcome.event = *event;
    outcome.request.events.push_back(std::move(*event));
    outcome.result = Outcome::Result::written;
    return outcome;
}

} // namespace collab::txn
