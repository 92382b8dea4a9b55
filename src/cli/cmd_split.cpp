// collab split ID, collab task confirm|list|show: the collaboration task tracking
// table (协作任务跟踪表).
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/form_input.hpp"
#include "cli/process.hpp"
#include "cli/request_digests.hpp"
#include "cli/task_view.hpp"

#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/record_list.hpp>
#include <collab/rules/split_rule.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/store/templates.hpp>
#include <collab/yaml/writer.hpp>
#include <fmt/format.h>

namespace collab::cli {

using i18n::msg;

namespace {

struct SplitOptions {
    std::string id;
    std::vector<std::string> tasks;
    std::string file;
    bool edit = false;
};

struct TaskOptions {
    std::string task;
    std::string id;
    std::string state;
    bool mine = false;
    bool all = false;
    bool no_cache = false;
    OutputFormat format = OutputFormat::text;
};

// Numbers tasks that came without an id: T1, T2, ... after the highest given.
// Tasks written without an id get T1, T2, ... in table order, skipping ids in use.
void number_tasks(model::TaskTable& table) {
    int next = 1;
    for (auto& task : table.tasks) {
        if (!task.id.empty()) {
            continue;
        }
        while (table.find("T" + std::to_string(next)) != nullptr) {
            ++next;
        }
        task.id = "T" + std::to_string(next++);
    }
}

std::string items_comment(const model::RequestForm& form) {
    std::string out;
    for (std::size_t i = 0; i < form.items.size(); ++i) {
        out += fmt::format("#   {}. {} :: {}\n", i + 1, form.items[i].action,
                           form.items[i].acceptance);
    }
    return out;
}

// The split entry: the table written to tasks.yaml, and in the log each task's hash
// and deadline. The frozen deadlines themselves, so that one moved by hand in
// tasks.yaml is still judged by the value that was split (the hashes only show that it
// moved).
txn::Entry split_entry(const model::TaskTable& table, const std::string& text) {
    txn::Entry entry{model::ActionKind::split};
    entry.content = model::table_hash(table);
    auto hashes = yaml::Node::make_map();
    auto deadlines = yaml::Node::make_map();
    for (const auto& task : table.tasks) {
        hashes.set(task.id, text_node(model::task_hash(task)));
        deadlines.set(task.id, text_node(task.deadline));
    }
    entry.fields.set("tasks", std::move(hashes));
    entry.fields.set("deadlines", std::move(deadlines));
    entry.files.push_back({table.path, text});
    return entry;
}

// Reads the table the user wrote, keeping their text when it needs no ids added.
std::pair<model::TaskTable, std::string> table_from_text(Session& session, const std::string& text,
                                                         const std::string& shown_path) {
    Diagnostics problems;
    auto node = yaml::parse(text, shown_path, problems);
    std::optional<model::TaskTable> table;
    if (node) {
        table = model::read_task_table(*node, shown_path, problems, model::TaskIds::optional);
    }
    if (problems.has_errors() || !table) {
        session.fail(k_exit_invalid, problems);
    }
    session.print_diagnostics(problems);
    return {*table, text};
}

void run_split(Session& session, const SplitOptions& options) {
    const auto& workspace = session.workspace();
    // An editor may stay open for long: the table is written against a copy read
    // without the lock (refused early, before anyone fills it in), and the request is
    // read again under the lock before anything is decided.
    const auto draft = session.peek_request(options.id);
    const auto id = draft.id;
    const auto context = session.context();
    if (auto refusal = rules::check_split(draft, session.actor(), context)) {
        session.refuse(*refusal);
    }
    model::TaskTable table;
    std::string text;
    std::optional<EditBuffer> buffer;
    if (!options.file.empty()) {
        std::string content;
        try {
            content = store::read_file(options.file);
        } catch (const std::system_error& error) {
            session.fail(k_exit_usage,
                         msg("request.cannot_read", options.file, error.code().message()));
        }
        std::tie(table, text) = table_from_text(session, content, options.file);
    } else if (!options.tasks.empty()) {
        for (const auto& flag : options.tasks) {
            std::string error;
            auto task = model::parse_task_flag(flag, error);
            if (!task) {
                session.fail(k_exit_usage, msg("split.bad_task_flag", flag, error));
            }
            table.tasks.push_back(std::move(*task));
        }
    } else if (options.edit || interactive()) {
        const auto name = "tasks." + std::string(i18n::language_code(session.lang())) + ".yaml";
        auto tpl = store::find_template(name, workspace.root()).value_or("tasks: []\n");
        auto initial = tpl;
        if (const auto at = initial.find("{{items}}\n"); at != std::string::npos) {
            initial.replace(at, 10, items_comment(draft.form));
        }
        buffer.emplace(session, "TASKS_EDITMSG", "yaml", initial);
        const auto edited = strip_template_comments(buffer->edit(), initial);
        std::tie(table, text) = table_from_text(session, edited, buffer->relative_path());
    } else {
        session.fail(k_exit_usage, msg("split.no_tasks_given"));
    }
    const bool had_ids = std::all_of(table.tasks.begin(), table.tasks.end(),
                                     [](const auto& task) { return !task.id.empty(); });
    number_tasks(table);
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_split(request, replayed.status, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        table.path = request.tasks_path();
        Diagnostics problems;
        // Against the due date and items in force: a change approved since final counts.
        const auto& before = replayed.execution;
        auto form = request.form;
        form.items = before.items;
        rules::check_task_table(table, form, before.due, context, problems);
        if (problems.has_errors()) {
            rules::Refusal refusal{"split", msg("refuse.split_rule", id, problems.size()), {}, {}};
            refusal.details = problems.items();
            return txn::Decision{std::move(refusal)};
        }
        if (text.empty() || !had_ids) {
            text =
                session.tr(msg("split.file_header", id)) + "\n" + yaml::emit(model::to_node(table));
        }
        store::check_text_sizes(model::to_node(table));
        return txn::Decision{split_entry(table, text)};
    });
    if (buffer) {
        buffer->discard();
    }
    session.out() << session.tr(msg("split.done", id, table.tasks.size())) << '\n';
    for (const auto& task : table.tasks) {
        session.out() << "  " << id << "/" << task.id << "  " << task.name << "  "
                      << context.roster.display(task.owner) << "  " << task.deadline << '\n';
    }
    session.out() << session.tr("split.owners_confirm") << '\n';
    std::vector<std::string> deadlines_set;
    for (const auto& task : table.tasks) {
        deadlines_set.push_back(task.deadline);
    }
    session.warn_if_guessed(deadlines_set);
}

void run_confirm(Session& session, const TaskOptions& options) {
    session.lock_workspace();
    const auto [id, task_id] = session.resolve_task(options.task);
    const auto context = session.context();
    std::string deadline;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal =
                rules::check_confirm(request, replayed, task_id, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        const auto* task = replayed.execution.find_task(task_id);
        deadline = task->task.deadline;
        txn::Entry entry{model::ActionKind::confirm};
        entry.content = model::task_hash(task->task); // the owner signs the row itself
        entry.fields.set("task", text_node(task_id));
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("task.confirmed", id, task_id, deadline)) << '\n';
}

void run_list(Session& session, const TaskOptions& options) {
    const auto context = session.context();
    std::optional<rules::TaskState> wanted;
    if (!options.state.empty()) {
        for (int i = 0; i <= static_cast<int>(rules::TaskState::removed); ++i) {
            if (rules::task_state_name(static_cast<rules::TaskState>(i)) == options.state) {
                wanted = static_cast<rules::TaskState>(i);
            }
        }
        if (!wanted) {
            session.fail(k_exit_usage, msg("task.bad_state", options.state));
        }
    }
    const std::string me = options.mine ? session.actor() : std::string();
    const auto shown = [&](const std::string& owner, const std::vector<std::string>& with,
                           rules::TaskState state) {
        return rules::task_selected(state, wanted, options.all) &&
               (me.empty() || owner == me || std::find(with.begin(), with.end(), me) != with.end());
    };
    std::vector<TaskRow> rows;
    if (!options.id.empty()) {
        for (auto& row :
             task_rows(session.load_request(session.resolve_request(options.id)), context)) {
            if (shown(row.status.task.owner, row.status.task.collaborators, row.status.state)) {
                rows.push_back(std::move(row));
            }
        }
    } else {
        // The digests' index keeps what the list shows of every task: no request is
        // read in full.
        store::DigestParts parts;
        parts.verdicts = false;
        parts.steps = false;
        parts.lookup = false;
        parts.record_entries = false;
        parts.stats = false;
        rows = index_rows<TaskRow>(
            session, !options.no_cache, parts,
            [&](const rules::RequestDigest& digest, std::vector<TaskRow>& kept) {
                for (const auto& task : digest.index.tasks) {
                    if (shown(task.owner, task.collaborators, task.state)) {
                        kept.push_back(
                            task_row(digest.id, digest.index.listing.title, task, context));
                    }
                }
            });
    }
    session.out() << (options.format == OutputFormat::json
                          ? render_task_rows_json(rows, context)
                          : render_task_rows_text(rows, context, session.lang()));
}

void run_show(Session& session, const TaskOptions& options) {
    const auto [id, task_id] = session.resolve_task(options.task);
    const auto request = session.load_request(id);
    const auto context = session.context();
    for (auto& row : task_rows(request, context)) {
        if (row.status.task.id == task_id) {
            session.out() << (options.format == OutputFormat::json
                                  ? render_task_json(row, context)
                                  : render_task_text(row, context, session.lang()));
            return;
        }
    }
    session.fail(k_exit_usage, msg("cli.unknown_task", options.task));
}

} // namespace

void register_split(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto split_options = std::make_shared<SplitOptions>();
    auto* split = app.add_subcommand("split", tr("help.split"));
    split->add_option("ID", split_options->id, tr("help.opt_id"))->required();
    split->add_option("--task", split_options->tasks, tr("help.opt_task"))
        ->type_name("\"name=..;owner=..;deadline=..;deliverable=..;covers=1\"");
    split->add_option("--file", split_options->file, tr("help.opt_tasks_file"))
        ->type_name("TASKS.yaml");
    split->add_flag("--edit", split_options->edit, tr("help.opt_tasks_edit"));
    split->callback([&session, split_options] { run_split(session, *split_options); });

    auto* task = app.add_subcommand("task", tr("help.task"));
    task->require_subcommand(1);
    auto confirm_options = std::make_shared<TaskOptions>();
    auto* confirm = task->add_subcommand("confirm", tr("help.task_confirm"));
    confirm->add_option("TASK", confirm_options->task, tr("help.opt_task_ref"))->required();
    confirm->callback([&session, confirm_options] { run_confirm(session, *confirm_options); });

    auto list_options = std::make_shared<TaskOptions>();
    auto* list = task->add_subcommand("list", tr("help.task_list"));
    list->add_option("ID", list_options->id, tr("help.opt_id"));
    list->add_flag("--mine", list_options->mine, tr("help.opt_task_mine"));
    list->add_option("--state", list_options->state, tr("help.opt_task_state"));
    list->add_flag("--all", list_options->all, tr("help.opt_task_all"));
    list->add_flag("--no-cache", list_options->no_cache, tr("help.opt_no_cache"));
    add_format_option(*list, session, list_options->format);
    list->callback([&session, list_options] { run_list(session, *list_options); });

    auto show_options = std::make_shared<TaskOptions>();
    auto* show = task->add_subcommand("show", tr("help.task_show"));
    show->add_option("TASK", show_options->task, tr("help.opt_task_ref"))->required();
    add_format_option(*show, session, show_options->format);
    show->callback([&session, show_options] { run_show(session, *show_options); });
}

} // namespace collab::cli
