#pragma once

#include <collab/model/actions.hpp>
#include <collab/model/entry_chain.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <optional>
#include <string>
#include <vector>

namespace collab::model {

// One recorded transition: who did what, when, to which version of the content.
// Events live in append-only logs, one file per person per request
// (requests/<ID>/log/<person>.yaml), so that people acting at the same time in
// different clones touch different files and git merges them without conflict.
//
// `seq` is a Lamport clock: one more than the largest seq the writer could see in
// the request. It orders causally related events even when clocks disagree; two
// events with the same seq happened concurrently (in different clones).
// The largest seq an entry may carry (2^53, exact in every JSON reader): checked when a
// log is read, so that the next seq (one more than the largest) never overflows.
constexpr long long k_max_seq = 9007199254740992LL;

struct Event {
    long long seq = 0;
    time::Timestamp at{};
    std::string at_text;
    std::string by;                        // the person who acted
    std::string on_behalf_of;              // set when a delegate acts for someone
    std::string action;                    // create, edit, submit, withdraw, review, ... as written
    ActionKind kind = ActionKind::unknown; // `action` looked up once in the action table
    std::string content;                   // hash of the content acted on (see content_hash)
    yaml::Node data;                       // the whole entry, for action-specific fields
    SourceLocation where;                  // the entry in its log file
    // Trust (see docs/ARCHITECTURE.md): whether `prev` matches the entry before it in
    // the same log, and what the signature (`sig`) was found to be.
    bool chain_ok = true;
    SignatureStatus signature = SignatureStatus::unchecked;

    // Names the action of a new entry: its kind and the name the log gets.
    void set_action(ActionKind action_kind);

    // An entry of a known action that names no content: every action is taken on a
    // version of the request (the form, the task table or a task) and every release
    // wrote its hash; without one the entry does not apply (record.content-missing).
    bool lacks_content() const;

    // An action-specific text field, or "" when absent.
    std::string field(std::string_view key) const;
};

// The keys every event has; actions add their own (see docs/ARCHITECTURE.md).
const std::vector<std::string>& event_common_keys();

// Every action-specific key of the action table: the keys accepted without a warning
// on an entry whose action this release does not know.
const std::vector<std::string>& event_action_keys();

// Reads one log file. `owner` is the person the file belongs to: an entry by
// someone else is an error, since nobody writes into another person's log.
// Each entry's `prev` is checked against the entry before it (Event::chain_ok).
// Each entry is checked against its action's row of the action table: a key the
// action does not carry is a warning naming the action (the key is kept), a
// missing required key an error. An unknown action accepts `action_keys`.
std::vector<Event> read_log(yaml::Node root, const std::string& path, const std::string& request_id,
                            const std::string& owner, const time::Zone& zone,
                            const std::vector<std::string>& action_keys, Diagnostics& out);

// One event as a log entry: the common keys, then `extra` (action-specific fields in
// the order they should appear).
yaml::Node event_entry(const Event& event, const yaml::Node& extra);

// The text to append to a log file for one event: a single "- seq: ..." list item.
// `extra` holds action-specific fields in the order they should appear.
std::string format_event(const Event& event, const yaml::Node& extra);

// The first lines of a new log file.
std::string log_header(const std::string& person, const std::string& request_id);

// The person and request the first line of a log names (as log_header writes it), or
// nothing when the text does not start with that line.
struct LogHeader {
    std::string person;
    std::string request_id;
};
std::optional<LogHeader> read_log_header(std::string_view text);

// Orders events by (seq, at, by): causal order first, then time, then author.
void sort_events(std::vector<Event>& events);

} // namespace collab::model
