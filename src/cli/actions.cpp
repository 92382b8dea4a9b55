#include "cli/actions.hpp"

#include "cli/exit_status.hpp"

#include <stdexcept>

namespace collab::cli {

model::Event new_event(Session& session, const model::Request& request, model::ActionKind action) {
    if (!session.holds_lock()) {
        // A seq worked out without the lock may be taken by another writer meanwhile.
        throw std::logic_error("an entry is numbered only under the workspace lock");
    }
    model::Event event;
    event.seq = request.next_seq();
    if (event.seq > model::k_max_seq) {
        // Only a log edited by hand gets here: every seq read is at most the bound.
        session.fail(k_exit_invalid,
                     i18n::msg("event.seq_exhausted", request.id, model::k_max_seq));
    }
    event.at = session.now();
    event.at_text = session.workspace().zone().format(event.at);
    event.by = session.actor();
    session.prepare_signing();
    event.set_action(action);
    event.content = model::content_hash(request.form);
    return event;
}

yaml::Node text_node(const std::string& text) {
    return yaml::Node::make_scalar(text);
}

yaml::Node list_node(const std::vector<std::string>& items) {
    auto list = yaml::Node::make_sequence();
    for (const auto& item : items) {
        list.push_back(yaml::Node::make_scalar(item));
    }
    return list;
}

std::string people_text(const std::vector<std::string>& ids, const model::Roster& roster) {
    return roster.display_list(ids);
}

rules::Replayed replay_of(Session& session, const model::Request& request) {
    return rules::replay(request, session.workspace().roster());
}

txn::Outcome write_entry(Session& session, const std::string& id, const txn::Decide& decide) {
    const auto& workspace = session.workspace();
    const auto& lock = session.write_lock();
    txn::Writer writer;
    writer.actor = session.actor();
    writer.now = session.now();
    writer.loaded = [&session](const Diagnostics& problems) {
        session.request_loaded(problems);
    };
    writer.before_write = [&session] {
        session.prepare_signing();
    };
    auto outcome = txn::transact(workspace, lock, id, writer, decide);
    switch (outcome.result) {
    case txn::Outcome::Result::written:
    case txn::Outcome::Result::unchanged:
        break;
    case txn::Outcome::Result::refused:
        session.refuse(*outcome.refusal);
    case txn::Outcome::Result::invalid:
        if (outcome.error) {
            session.fail(k_exit_invalid, *outcome.error);
        }
        session.fail(k_exit_invalid, outcome.problems);
    }
    return outcome;
}

std::vector<std::string> person_ids(Session& session, const std::vector<std::string>& names) {
    const auto& roster = session.workspace().roster();
    std::vector<std::string> ids;
    for (const auto& name : names) {
        const auto* person = roster.find(name);
        if (person == nullptr) {
            session.fail(k_exit_usage, i18n::msg("form.unknown_person", name));
        }
        ids.push_back(person->id);
    }
    return ids;
}

time::Timestamp held_at(Session& session, const std::string& at) {
    const auto context = session.context();
    if (at.empty()) {
        return context.now;
    }
    const auto parsed = time::parse_timestamp(at, context.zone);
    if (!parsed) {
        session.fail(k_exit_usage, i18n::msg("cli.bad_now", at));
    }
    return *parsed;
}

} // namespace collab::cli
