// collab request new|edit|show|list|submit|withdraw: stage 1, the requirement
// approval form.
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/form_input.hpp"
#include "cli/process.hpp"
#include "cli/request_digests.hpp"
#include "cli/request_view.hpp"

#include <collab/model/request_id.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/rules/request_transitions.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/log_segments.hpp>
#include <collab/store/recovery.hpp>
#include <collab/store/templates.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/yaml/writer.hpp>
#include <fmt/format.h>
#include <random>

namespace collab::cli {

namespace fs = std::filesystem;
using i18n::msg;

namespace {

struct NewOptions {
    std::string title, background, goal, due, lead, customer, file;
    std::vector<std::string> items, departments, participants, resources;
    bool edit = false;
    OutputFormat format = OutputFormat::text;

    bool has_content_flags() const {
        return !title.empty() || !background.empty() || !goal.empty() || !due.empty() ||
               !lead.empty() || !customer.empty() || !items.empty() || !departments.empty() ||
               !participants.empty() || !resources.empty();
    }
};

struct IdOptions {
    std::string id;
    std::string file;
    std::string comment;
    bool edit = false;
    OutputFormat format = OutputFormat::text;
};

struct ListOptions {
    std::string state;
    bool mine = false;
    bool no_cache = false;
    OutputFormat format = OutputFormat::text;
};

std::string new_request_id(const store::Workspace& workspace) {
    std::random_device random;
    // Bounded: when requests/ cannot be looked into (a link), every id seems taken;
    // the write then says why.
    for (int attempt = 0;; ++attempt) {
        const auto id = model::make_request_id(workspace.config().id_prefix, random());
        if (attempt == 100 || !workspace.exists(std::string(store::k_requests_dir) + "/" + id)) {
            return id;
        }
    }
}

model::RequestForm form_from_flags(Session& session, const NewOptions& options) {
    model::RequestForm form;
    form.title = options.title;
    form.background = options.background;
    form.goal = options.goal;
    form.due = options.due;
    form.lead = options.lead;
    if (!options.customer.empty()) {
        form.source = "customer";
        form.customer = options.customer;
    }
    if (!form.due.empty() && !time::parse_date(form.due)) {
        session.fail(k_exit_usage, msg("request.bad_due_flag", form.due));
    }
    for (const auto& item : options.items) {
        auto [action, acceptance] = model::split_pair(item);
        form.items.push_back({action, acceptance});
    }
    for (const auto& line : options.resources) {
        auto [what, amount] = model::split_pair(line);
        form.resources.push_back({what, amount});
    }
    form.departments = options.departments;
    form.participants = options.participants;
    return form;
}

// The leading comment block of a template: its instructions, without the fields.
std::string template_header(const std::string& tpl) {
    std::string header;
    std::size_t start = 0;
    while (start < tpl.size() && tpl[start] == '#') {
        const auto end = tpl.find('\n', start);
        header += tpl.substr(start, end == std::string::npos ? end : end - start + 1);
        start = end == std::string::npos ? tpl.size() : end + 1;
    }
    return header;
}

std::string request_file_header(i18n::Language lang) {
    return i18n::text(lang, "request.file_header") + "\n";
}

// Prints what still keeps a draft from being submitted, read back from the stored
// file so that every problem points at request.yaml's own lines.
void report_readiness(Session& session, const std::string& id) {
    const auto request = session.load_request(id);
    Diagnostics problems;
    rules::check_form(request.form, session.context(), problems);
    if (!problems.has_errors()) {
        return;
    }
    session.info(msg("request.not_ready", request.id, problems.size()));
    for (const auto& item : problems.items()) {
        session.err() << "  " << format_diagnostic(session.lang(), item) << '\n';
    }
}

void print_id(Session& session, const std::string& id, OutputFormat format) {
    if (format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("id").value(id).end_object();
        session.out() << w.str();
    } else {
        session.out() << id << '\n';
    }
}

void run_new(Session& session, const NewOptions& options) {
    const auto& workspace = session.workspace();
    const auto& actor = session.actor();
    session.prepare_signing(); // before any typing: refused early when the key is missing
    const auto now = session.now();
    const auto created = workspace.zone().format(now);
    const auto lang = session.lang();

    FormInput input;
    std::optional<EditBuffer> buffer;
    if (!options.file.empty()) {
        if (options.has_content_flags() || options.edit) {
            session.fail(k_exit_usage, msg("request.file_and_flags"));
        }
        std::string text;
        try {
            text = store::read_file(options.file);
        } catch (const std::system_error& error) {
            session.fail(k_exit_usage,
                         msg("request.cannot_read", options.file, error.code().message()));
        }
        input = parse_form_text(session, text, options.file);
    } else if (options.edit || (!options.has_content_flags() && interactive())) {
        const auto name =
            std::string("request.") + std::string(i18n::language_code(lang)) + ".yaml";
        const auto tpl = store::find_template(name, workspace.root()).value_or("");
        auto initial = tpl;
        if (options.has_content_flags()) {
            // Start from what the flags already say, under the template's guidance.
            initial = template_header(tpl) + "\n" +
                      yaml::emit(model::to_node(form_from_flags(session, options)));
        }
        for (const auto& [key, value] :
             {std::pair<std::string, std::string>{"{{title}}", yaml::quote_scalar(options.title)},
              {"{{due}}", options.due}}) {
            // A workspace's own template may leave a placeholder out.
            if (const auto at = initial.find(key); at != std::string::npos) {
                initial.replace(at, key.size(), value);
            }
        }
        buffer.emplace(session, "REQUEST_EDITMSG", "yaml", initial);
        const auto edited = strip_template_comments(buffer->edit(), tpl);
        if (is_blank_yaml(edited)) {
            buffer->discard();
            session.info(msg("request.empty_abort"));
            return;
        }
        input = parse_form_text(session, edited, buffer->relative_path());
    } else if (!options.has_content_flags()) {
        session.fail(k_exit_usage, msg("request.no_content"));
    } else {
        input.form = form_from_flags(session, options);
    }

    session.lock_workspace();
    model::Request request;
    request.id = new_request_id(workspace);
    request.dir = std::string(store::k_requests_dir) + "/" + request.id;
    request.form_path = request.dir + "/request.yaml";
    std::string text;
    if (input.text.empty()) {
        input.form.initiator = actor;
        input.form.created = created;
        text = request_file_header(lang) + yaml::emit(model::to_node(input.form));
    } else {
        text = with_identity(session, input, actor, created);
        input.form.initiator = actor;
        input.form.created = input.form.created.empty() ? created : input.form.created;
    }
    request.form = input.form;
    store::check_text_sizes(model::to_node(input.form));
    workspace.write(request.form_path, text);

    model::Event event;
    event.seq = 1;
    event.at = now;
    event.at_text = created;
    event.by = actor;
    event.set_action(model::ActionKind::create);
    event.content = model::content_hash(request.form);
    workspace.append_event(request, event, yaml::Node::make_map());
    if (buffer) {
        buffer->discard();
    }
    print_id(session, request.id, options.format);
    report_readiness(session, request.id);
}

// The edited form with the request's identity: a form file without initiator and
// created (as `request new --file` takes it) keeps the request's own, written into
// `text`; a different value is refused.
model::RequestForm with_request_identity(Session& session, FormInput input,
                                         const model::RequestForm& current, std::string& text) {
    if (!rules::keeps_identity(input.form, current)) {
        session.fail(k_exit_usage, msg("request.identity_changed"));
    }
    text = with_identity(session, input, current.initiator, current.created);
    if (input.form.initiator.empty()) {
        input.form.initiator = current.initiator;
    }
    if (input.form.created.empty()) {
        input.form.created = current.created;
    }
    if (!rules::keeps_identity(input.form, current)) {
        session.fail(k_exit_usage, msg("request.identity_changed"));
    }
    return input.form;
}

// The edit entry: the new content with the hash it replaces and each field's change.
// The old form waits in .collab/pending until the entry, the commit point, is written:
// a killed edit leaves it, and `collab doctor --fix` puts it back.
txn::Entry edit_entry(const model::Request& request, const model::RequestForm& edited,
                      const std::string& text, const std::string& old_text) {
    txn::Entry entry{model::ActionKind::edit};
    entry.content = model::content_hash(edited);
    entry.fields.set("previous", yaml::Node::make_scalar(model::content_hash(request.form)));
    entry.fields.set("changes", model::form_changes_node(request.form, edited));
    const auto pending = store::pending_form_path(request.id);
    entry.files = {{pending, old_text}, {request.form_path, text}};
    entry.removed_after = {pending};
    return entry;
}

void run_edit(Session& session, const IdOptions& options) {
    const auto& workspace = session.workspace();
    // The editor may stay open for long: it starts from a copy read without the lock.
    const auto draft = session.peek_request(options.id);
    const auto id = draft.id;
    if (auto refusal = rules::check_edit(draft, session.actor(), session.context())) {
        session.refuse(*refusal);
    }
    const auto old_text = workspace.read_text(draft.form_path);
    std::string text;
    std::string shown_path = draft.form_path;
    std::optional<EditBuffer> buffer;
    if (!options.file.empty()) {
        try {
            text = store::read_file(options.file);
        } catch (const std::system_error& error) {
            session.fail(k_exit_usage,
                         msg("request.cannot_read", options.file, error.code().message()));
        }
        shown_path = options.file;
    } else {
        buffer.emplace(session, "REQUEST_EDIT", "yaml", old_text);
        text = buffer->edit();
        shown_path = buffer->relative_path();
    }
    if (is_blank_yaml(text)) {
        if (buffer) {
            buffer->discard();
        }
        session.info(msg("request.unchanged", id));
        return;
    }
    auto input = parse_form_text(session, text, shown_path);
    std::string old_hash;
    std::string new_hash;
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            // Read again, under the lock only now: nobody may have changed the request
            // meanwhile.
            if (workspace.read_text(request.form_path) != old_text ||
                request.events.size() != draft.events.size()) {
                session.fail(k_exit_usage, msg("request.changed_meanwhile", id, shown_path));
            }
            input.form = with_request_identity(session, input, request.form, text);
            if (auto refusal = rules::check_edit_complete(request, replayed.status, input.form,
                                                          shown_path, session.context())) {
                return txn::Decision{*refusal};
            }
            old_hash = model::content_hash(request.form);
            new_hash = model::content_hash(input.form);
            if (text == old_text) {
                return txn::Decision{txn::NoEntry{}};
            }
            store::check_text_sizes(model::to_node(input.form));
            if (new_hash == old_hash) {
                return txn::Decision{txn::NoEntry{{{request.form_path, text}}}};
            }
            return txn::Decision{edit_entry(request, input.form, text, old_text)};
        });
    if (buffer) {
        buffer->discard();
    }
    if (outcome.result == txn::Outcome::Result::unchanged) {
        session.info(msg(text == old_text ? "request.unchanged" : "request.edited_layout", id));
        return;
    }
    session.out() << session.tr(msg("request.edited", id, old_hash, new_hash)) << '\n';
    report_readiness(session, id);
}

void run_submit(Session& session, const IdOptions& options) {
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    std::string supervisor;
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal =
                    rules::check_submit(request, replayed.status, session.actor(), context)) {
                return txn::Decision{*refusal};
            }
            supervisor = rules::supervisor_of(request.form, context.roster);
            txn::Entry entry{model::ActionKind::submit};
            entry.fields.set("to", yaml::Node::make_scalar(supervisor));
            return txn::Decision{std::move(entry)};
        });
    const auto& submitted = outcome.request;
    session.warn_if_guessed({submitted.form.due});

    const auto status = rules::derive_status(submitted, context.roster);
    const auto due = rules::review_due(submitted, status, context);
    const auto due_text = std::holds_alternative<time::Timestamp>(due)
                              ? context.zone.format_short(std::get<time::Timestamp>(due))
                              : std::string("?");
    session.out() << session.tr(
                         msg("request.submitted", id, context.roster.display(supervisor), due_text))
                  << '\n';
    // A due time counted without a year's holidays (uncovered_years: weekends-only) says so.
    if (const auto* at = std::get_if<time::Timestamp>(&due);
        at != nullptr && context.calendar.policy() == time::UncoveredYears::weekends_only) {
        if (const int year = context.calendar.first_uncovered(
                context.zone.local_date(outcome.event.at), context.zone.local_date(*at))) {
            session.warn(msg("calendar.marker_guessed", year));
        }
    }
}

void run_withdraw(Session& session, const IdOptions& options) {
    session.lock_workspace();
    const auto id = session.resolve_request(options.id);
    const auto context = session.context();
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal =
                rules::check_withdraw(request, replayed.status, session.actor(), context)) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::withdraw};
        if (!options.comment.empty()) {
            entry.fields.set("comment", yaml::Node::make_scalar(options.comment));
        }
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("request.withdrawn", id)) << '\n';
}

void run_show(Session& session, const IdOptions& options) {
    const auto id = session.resolve_request(options.id);
    const auto request = session.load_request(id);
    const auto context = session.context();
    const auto summary = summarize(request, context);
    session.out() << (options.format == OutputFormat::json
                          ? render_request_json(summary, context)
                          : render_request_text(summary, context, session.lang()));
}

void run_list(Session& session, const ListOptions& options) {
    std::optional<rules::RequestState> wanted;
    if (!options.state.empty()) {
        wanted = rules::parse_state(options.state);
        if (!wanted) {
            session.fail(k_exit_usage, msg("request.bad_state", options.state));
        }
    }
    const std::string me = options.mine ? session.actor() : std::string();
    const auto context = session.context();
    // From the digests' listings: nothing is parsed that the cache holds, and only the
    // rows shown are kept.
    store::DigestParts parts;
    parts.verdicts = false;
    parts.steps = false;
    parts.lookup = false;
    parts.tasks = false;
    parts.record_entries = false;
    parts.stats = false;
    const auto keep = [&](const rules::RequestDigest& digest, std::vector<RequestSummary>& rows) {
        const auto& listing = digest.index.listing;
        auto summary = summarize(listing, context);
        if (wanted && summary.status.state != *wanted) {
            return;
        }
        if (!me.empty()) {
            const bool involved =
                listing.initiator == me || listing.lead == me || summary.waiting_on == me ||
                std::find(listing.participants.begin(), listing.participants.end(), me) !=
                    listing.participants.end();
            if (!involved) {
                return;
            }
        }
        rows.push_back(std::move(summary));
    };
    const auto summaries = index_rows<RequestSummary>(session, !options.no_cache, parts, keep);
    session.out() << (options.format == OutputFormat::json
                          ? render_request_list_json(summaries, context)
                          : render_request_list_text(summaries, context, session.lang()));
}

} // namespace

void add_format_option(Command& command, Session& session, OutputFormat& format) {
    command
        .add_option_function(
            "--format",
            [&format](const std::string& value) {
                format = value == "json" ? OutputFormat::json : OutputFormat::text;
            },
            i18n::text(session.lang(), "help.opt_format"))
        ->one_of({"text", "json"})
        ->type_name("text|json");
}

void register_request(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto* request = app.add_subcommand("request", tr("help.request"));
    request->require_subcommand(1);

    auto new_options = std::make_shared<NewOptions>();
    auto* create = request->add_subcommand("new", tr("help.request_new"));
    create->add_option("--title", new_options->title, tr("help.opt_title"));
    create->add_option("--background", new_options->background, tr("help.opt_background"));
    create->add_option("--goal", new_options->goal, tr("help.opt_goal"));
    create->add_option("--item", new_options->items, tr("help.opt_item"))
        ->type_name("\"ACTION :: CRITERION\"");
    create->add_option("--due", new_options->due, tr("help.opt_due"))->type_name("DATE");
    create->add_option("--dept", new_options->departments, tr("help.opt_dept"));
    create->add_option("--participant", new_options->participants, tr("help.opt_participant"));
    create->add_option("--resource", new_options->resources, tr("help.opt_resource"))
        ->type_name("\"WHAT :: AMOUNT\"");
    create->add_option("--lead", new_options->lead, tr("help.opt_lead"))->type_name("PERSON");
    create->add_option("--customer", new_options->customer, tr("help.opt_customer"));
    create->add_option("--file", new_options->file, tr("help.opt_file"))->type_name("FORM.yaml");
    create->add_flag("--edit", new_options->edit, tr("help.opt_edit"));
    add_format_option(*create, session, new_options->format);
    create->callback([&session, new_options] { run_new(session, *new_options); });

    auto edit_options = std::make_shared<IdOptions>();
    auto* edit = request->add_subcommand("edit", tr("help.request_edit"));
    edit->add_option("ID", edit_options->id, tr("help.opt_id"))->required();
    edit->add_option("--file", edit_options->file, tr("help.opt_edit_file"))
        ->type_name("FORM.yaml");
    edit->callback([&session, edit_options] { run_edit(session, *edit_options); });

    auto show_options = std::make_shared<IdOptions>();
    auto* show = request->add_subcommand("show", tr("help.request_show"));
    show->add_option("ID", show_options->id, tr("help.opt_id"))->required();
    add_format_option(*show, session, show_options->format);
    show->callback([&session, show_options] { run_show(session, *show_options); });

    auto list_options = std::make_shared<ListOptions>();
    auto* list = request->add_subcommand("list", tr("help.request_list"));
    list->add_option("--state", list_options->state, tr("help.opt_state"))->type_name("STATE");
    list->add_flag("--mine", list_options->mine, tr("help.opt_mine"));
    list->add_flag("--no-cache", list_options->no_cache, tr("help.opt_no_cache"));
    add_format_option(*list, session, list_options->format);
    list->callback([&session, list_options] { run_list(session, *list_options); });

    auto submit_options = std::make_shared<IdOptions>();
    auto* submit = request->add_subcommand("submit", tr("help.request_submit"));
    submit->add_option("ID", submit_options->id, tr("help.opt_id"))->required();
    submit->callback([&session, submit_options] { run_submit(session, *submit_options); });

    auto withdraw_options = std::make_shared<IdOptions>();
    auto* withdraw = request->add_subcommand("withdraw", tr("help.request_withdraw"));
    withdraw->add_option("ID", withdraw_options->id, tr("help.opt_id"))->required();
    withdraw->add_option("--comment", withdraw_options->comment, tr("help.opt_comment"));
    withdraw->callback([&session, withdraw_options] { run_withdraw(session, *withdraw_options); });
}

} // namespace collab::cli
