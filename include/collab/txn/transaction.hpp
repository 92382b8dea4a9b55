#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/actions.hpp>
#include <collab/model/event.hpp>
#include <collab/model/request.hpp>
#include <collab/rules/refusal.hpp>
#include <collab/rules/replay.hpp>
#include <collab/store/disk.hpp>
#include <collab/store/workspace.hpp>
#include <collab/time/timestamp.hpp>
#include <collab/util/diagnostic.hpp>
#include <collab/yaml/node.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace collab::txn {

// One write command on one request, as one transaction: under the workspace lock,
// read the request, replay it (rules/replay), let the command decide, and append the
// entry it decided on. Nothing is written when it refuses.

// A file an entry comes with (split's tasks.yaml), relative to the workspace.
struct FileWrite {
    std::string path;
    std::string text;
};

// The entry a command decided to append: its action and the action's fields.
struct Entry {
    explicit Entry(model::ActionKind kind) : action(kind) {}
    model::ActionKind action;
    yaml::Node fields = yaml::Node::make_map();
    std::string on_behalf_of; // a delegate's entry: for whom
    // What the entry acts on when it is not the form (a task's confirmation: the
    // task's hash); empty: the form's content hash.
    std::string content;
    // Written, each atomically, before the entry is appended: a crash between leaves
    // a file no entry vouches for, which `collab check` reports, never an entry that
    // vouches for a file not written.
    std::vector<FileWrite> files;
    // Removed once the entry is written (request edit's copy of the old form, kept
    // until then so that `collab doctor --fix` can put it back).
    std::vector<std::string> removed_after;
};

// Nothing to record: the files are written without an entry (a form whose layout
// changed and whose content did not).
struct NoEntry {
    std::vector<FileWrite> files;
};

// What a command decides on the request as it stands: refuse, append an entry, or
// record nothing.
using Decision = std::variant<rules::Refusal, Entry, NoEntry>;
using Decide = std::function<Decision(const model::Request&, const rules::Replayed&)>;

// Who writes, when, and what the command does between the steps.
struct Writer {
    std::string actor;
    time::Timestamp now{};
    // After the request is read, with its files' warnings and errors; with errors
    // nothing more happens. The command prints them (and may stop there).
    std::function<void(const Diagnostics&)> loaded;
    // Once an entry is decided and numbered, before it is written (the writer's
    // signing key is looked for here).
    std::function<void()> before_write;
};

struct Outcome {
    enum class Result { written, refused, invalid, unchanged };
    Result result = Result::invalid;
    std::optional<rules::Refusal> refusal; // refused
    // invalid: the request's files (problems), or why no entry could be numbered (error).
    Diagnostics problems;
    std::optional<i18n::Message> error;
    // The request as read; once written, with the new entry as its last event.
    model::Request request;
    model::Event event; // written: the entry (unchanged: none, files may be written)
};

// The new entry of `request` by `actor` at `now`: the next Lamport seq, on the
// request's current content. nullopt when the seq would pass model::k_max_seq (only a
// log edited by hand gets there).
std::optional<model::Event> number_entry(const model::Request& request, model::ActionKind action,
                                         const std::string& actor, time::Timestamp now,
                                         const time::Zone& zone);

// Runs one transaction under the workspace's lock, held since before anything the
// command decides on was read, so that the seq counts every entry written before. A
// DiskLock exists only while it is held (Workspace::lock gives none when it times
// out), so asking for one is how the lock is required.
Outcome transact(const store::Workspace& workspace, const store::DiskLock& held,
                 const std::string& request_id, const Writer& writer, const Decide& decide);

} // namespace collab::txn
