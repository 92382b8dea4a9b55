// collab completion SHELL, collab __complete WORD...: shell completion.
//
// The scripts (templates/completions/) hold no command names: each asks the binary,
// through `collab __complete`, what the word being typed can be. The answer comes from
// the command definitions (CommandTree::complete) and, for ids, from the workspace's
// index, so completion cannot drift from the commands.
#include "cli/commands.hpp"
#include "cli/exit_status.hpp"
#include "cli/request_digests.hpp"

#include <collab/rules/finding.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/store/templates.hpp>
#include <collab/util/utf8.hpp>
#include <ostream>

namespace collab::cli {

namespace {

using Candidates = std::vector<std::pair<std::string, std::string>>;

// The ids a record field of the index holds ("blocker", "risk", "change", "actions").
void add_records(const std::vector<rules::RequestIndex>& index, std::string_view field,
                 Candidates& out) {
    for (const auto& entry : index) {
        for (const auto& [name, ids] : entry.records) {
            if (name == field) {
                for (const auto& id : ids) {
                    out.emplace_back(id, entry.listing.title);
                }
            }
        }
    }
}

// The values of a type name or positional argument, from the workspace.
Candidates workspace_values(Session& session, const std::string& type) {
    Candidates out;
    const auto& workspace = session.workspace();
    if (type == "PERSON" || type == "FROM") {
        for (const auto& person : workspace.roster().people()) {
            out.emplace_back(person.id, person.name);
        }
    } else if (type == "DEPT") {
        for (const auto& department : workspace.roster().departments()) {
            out.emplace_back(department.id, department.name);
        }
    } else if (type == "RULE") {
        for (const auto& rule : rules::check_rules()) {
            out.emplace_back(rule.id, "");
        }
    } else if (type == "STATE") {
        for (auto state = 0; state <= static_cast<int>(rules::RequestState::withdrawn); ++state) {
            out.emplace_back(rules::state_name(static_cast<rules::RequestState>(state)), "");
        }
    } else if (type == "ID" || type == "REQUEST" || type == "A" || type == "B") {
        for (const auto& entry : lookup_index(session)) {
            out.emplace_back(entry.listing.id, entry.listing.title);
        }
    } else if (type == "TASK") {
        for (const auto& entry : lookup_index(session, true)) {
            for (const auto& task : entry.tasks) {
                out.emplace_back(entry.listing.id + "/" + task.id, task.name);
            }
        }
    } else if (type == "BLOCKER" || type == "RISK" || type == "CR" || type == "ACTION") {
        const auto field = type == "BLOCKER" ? "blocker"
                           : type == "RISK"  ? "risk"
                           : type == "CR"    ? "change"
                                             : "actions";
        add_records(lookup_index(session), field, out);
    }
    return out;
}

// -C DIR among the words already typed: ids come from that workspace.
void take_directory(const std::vector<std::string>& words, GlobalOptions& options) {
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (words[i] == "-C") {
            options.directory = words[i + 1];
        }
    }
}

const char* kind_line(CompletionSlot::Kind kind) {
    switch (kind) {
    case CompletionSlot::Kind::files:
        return "files";
    case CompletionSlot::Kind::directories:
        return "dirs";
    default:
        return "words";
    }
}

} // namespace

int run_complete(CommandTree& tree, Session& session, GlobalOptions& options,
                 std::vector<std::string> words, std::ostream& out) {
    const auto current = words.empty() ? std::string() : words.back();
    if (!words.empty()) {
        words.pop_back();
    }
    auto slot = tree.complete(words, current);
    Candidates candidates = std::move(slot.words);
    if (slot.kind == CompletionSlot::Kind::values) {
        take_directory(words, options);
        try {
            candidates = workspace_values(session, slot.value_type);
        } catch (const Exit&) {
            candidates.clear(); // no workspace here, or a broken one: nothing to offer
        }
    }
    // The first line says what the shell completes itself (file names); then one
    // candidate per line, a tab and its description.
    out << kind_line(slot.kind) << '\n';
    for (const auto& [word, description] : candidates) {
        if (word.rfind(current, 0) == 0) {
            out << util::escape_controls(word) << '\t'
                << util::escape_controls(description.substr(0, description.find('\n'))) << '\n';
        }
    }
    return k_exit_ok;
}

void register_completion(Command& app, Session& session) {
    const auto lang = session.lang();
    auto shell = std::make_shared<std::string>();
    auto* completion = app.add_subcommand("completion", i18n::text(lang, "help.completion"));
    completion->add_option("SHELL", *shell, i18n::text(lang, "help.opt_shell"))
        ->required()
        ->one_of({"bash", "zsh", "fish"});
    completion->callback([&session, shell] {
        const auto name = *shell == "bash"  ? "completions/collab.bash"
                          : *shell == "zsh" ? "completions/_collab"
                                            : "completions/collab.fish";
        session.raw_out() << store::find_template(name).value_or("");
    });
}

} // namespace collab::cli
