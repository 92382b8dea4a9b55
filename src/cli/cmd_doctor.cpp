// collab doctor [--fix]: finds what a killed command left (temporary files, a form
// without its create entry, a task table without its split entry, a form edited
// without its edit entry) and, with --fix, under the workspace lock, repairs it
// without losing any text a person wrote: such files go to .collab/rescued/.
#include "cli/commands.hpp"

#include <collab/model/request_form.hpp>
#include <collab/rules/finding.hpp>
#include <collab/rules/verdict.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/recovery.hpp>
#include <functional>

namespace collab::cli {

using i18n::msg;

namespace {

// One thing to repair: what is wrong, and how --fix repairs it (returning what it
// did); no repair when only a person can tell what to keep.
struct Repair {
    std::string path;
    i18n::Message problem;
    std::function<i18n::Message()> fix;
};

std::optional<std::string> form_hash(const std::string& text, const std::string& relative) {
    Diagnostics ignored;
    if (auto node = store::parse_record(text, relative, ignored)) {
        if (auto form = model::read_request_form(*node, relative, ignored)) {
            return model::content_hash(*form);
        }
    }
    return std::nullopt;
}

// A pending copy of a form: the edit never replaced the form, or it did and its entry
// was written (nothing to do but drop the copy), or the form was replaced without
// its entry: the old form goes back, the edited text is kept.
Repair interrupted_edit(const store::Workspace& workspace, const store::Leftover& leftover) {
    const auto& root = workspace.root();
    const auto id = leftover.request;
    const auto form_path = std::string(store::k_requests_dir) + "/" + id + "/request.yaml";
    const auto pending = leftover.path;
    const auto drop = [&workspace, pending] {
        store::remove_path(workspace.root(), pending);
        return msg("doctor.removed");
    };
    if (!workspace.exists(form_path)) {
        return {pending, msg("doctor.pending_without_request", id), [root, pending, id] {
                    return msg("doctor.rescued",
                               store::rescue_file(root, pending, id + ".request.before-edit.yaml"));
                }};
    }
    const auto before = workspace.read_text(pending);
    const auto now = workspace.read_text(form_path);
    const auto before_hash = form_hash(before, pending);
    const auto now_hash = form_hash(now, form_path);
    if (now == before || (before_hash && before_hash == now_hash)) {
        return {pending, msg("doctor.edit_not_applied", id), drop};
    }
    Diagnostics problems;
    if (const auto request = workspace.load_request(id, problems); request && now_hash) {
        for (const auto& event : request->events) {
            if (event.kind == model::ActionKind::edit && event.content == *now_hash &&
                before_hash && event.field("previous") == *before_hash) {
                return {pending, msg("doctor.edit_recorded", id), drop};
            }
        }
    }
    return {form_path, msg("doctor.edit_unrecorded", id),
            [&workspace, root, id, form_path, pending] {
                const auto kept = store::rescue_file(root, form_path, id + ".request.yaml");
                workspace.write(form_path, workspace.read_text(pending));
                store::remove_path(workspace.root(), pending);
                return msg("doctor.restored", kept);
            }};
}

// Requests with a form but no create entry, or a task table but no split entry.
void orphans(Session& session, std::vector<Repair>& out) {
    const auto& workspace = session.workspace();
    const auto& root = workspace.root();
    const auto context = session.context();
    for (const auto& id : workspace.request_ids()) {
        Diagnostics problems;
        const auto request = workspace.load_request(id, problems);
        if (!request) {
            continue; // `collab check` names the broken files
        }
        for (const auto& verdict : rules::request_verdicts(*request, context)) {
            const auto& finding = verdict.finding;
            if (finding.rule != "record.orphan") {
                continue;
            }
            const auto dir = request->dir;
            if (finding.where.path == request->tasks_path()) {
                const auto tasks = request->tasks_path();
                out.push_back({tasks, msg("doctor.orphan_tasks", id), [root, tasks, id] {
                                   return msg("doctor.rescued",
                                              store::rescue_file(root, tasks, id + ".tasks.yaml"));
                               }});
            } else if (request->events.empty()) {
                const bool has_tasks = request->tasks.has_value();
                const auto form = request->form_path;
                const auto tasks = request->tasks_path();
                out.push_back(
                    {form, msg("doctor.orphan_form", id), [root, dir, form, tasks, id, has_tasks] {
                         if (has_tasks) {
                             store::rescue_file(root, tasks, id + ".tasks.yaml");
                         }
                         const auto kept = store::rescue_file(root, form, id + ".request.yaml");
                         store::remove_path(root, dir);
                         return msg("doctor.rescued_folder", kept);
                     }});
            } else {
                out.push_back({request->form_path, msg("doctor.orphan_form_with_entries", id), {}});
            }
        }
    }
}

std::vector<Repair> plan(Session& session) {
    const auto& workspace = session.workspace();
    const auto& root = workspace.root();
    std::vector<Repair> temps, edits, folders, out;
    for (const auto& leftover : store::find_leftovers(root)) {
        const auto path = leftover.path;
        switch (leftover.kind) {
        case store::Leftover::Kind::temp_file:
            temps.push_back({path, msg("doctor.temp_file"), [root, path] {
                                 store::remove_path(root, path);
                                 return msg("doctor.removed");
                             }});
            break;
        case store::Leftover::Kind::empty_folder:
            folders.push_back({path, msg("doctor.empty_folder"), [root, path] {
                                   store::remove_path(root, path);
                                   return msg("doctor.removed");
                               }});
            break;
        case store::Leftover::Kind::interrupted_edit:
            edits.push_back(interrupted_edit(workspace, leftover));
            break;
        }
    }
    // Temporary files first: a folder that held only those is empty after them.
    for (auto* part : {&temps, &edits, &folders}) {
        std::move(part->begin(), part->end(), std::back_inserter(out));
    }
    orphans(session, out);
    return out;
}

void run_doctor(Session& session, bool fix) {
    if (fix) {
        session.lock_workspace();
    } else if (store::writer_active(session.workspace().lock_path())) {
        session.warn(msg("doctor.writer_active"));
    }
    const auto repairs = plan(session);
    if (repairs.empty()) {
        session.out() << session.tr("doctor.clean") << '\n';
        return;
    }
    std::size_t left = 0;
    for (const auto& repair : repairs) {
        session.out() << repair.path << ": " << session.tr(repair.problem) << '\n';
        if (!repair.fix) {
            ++left;
            session.out() << "  " << session.tr("doctor.cannot_fix") << '\n';
        } else if (fix) {
            session.out() << "  " << session.tr(repair.fix()) << '\n';
        }
    }
    if (!fix) {
        session.out() << session.tr(msg("doctor.to_fix", repairs.size())) << '\n';
        throw Exit{k_exit_findings};
    }
    session.out() << session.tr(msg("doctor.fixed", repairs.size() - left)) << '\n';
    if (left > 0) {
        throw Exit{k_exit_findings};
    }
}

} // namespace

void register_doctor(Command& app, Session& session) {
    const auto lang = session.lang();
    auto fix = std::make_shared<bool>(false);
    auto* doctor = app.add_subcommand("doctor", i18n::text(lang, "help.doctor"));
    doctor->add_flag("--fix", *fix, i18n::text(lang, "help.opt_fix"));
    doctor->callback([&session, fix] { run_doctor(session, *fix); });
}

} // namespace collab::cli
