// collab people [add|edit], collab whoami: the roster as the tool sees it, and
// people.yaml changed without opening an editor.
#include "cli/commands.hpp"

#include <collab/i18n/list.hpp>
#include <collab/model/roster_edit.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>
#include <tuple>

namespace collab::cli {

using i18n::msg;

namespace {

// The roles as people.yaml writes them (department-head) in English, in words in Chinese.
std::string roles_text(i18n::Language lang, const std::vector<std::string>& roles) {
    std::vector<std::string> shown;
    for (const auto& role : roles) {
        const auto id = "form.role." + role;
        shown.push_back(lang == i18n::Language::zh && i18n::has_message(id) ? i18n::text(lang, id)
                                                                            : role);
    }
    return i18n::join_list(lang, shown);
}

void write_person(util::JsonWriter& w, const model::Person& person) {
    w.begin_object();
    w.key("id").value(person.id).key("name").value(person.name).key("email").value(person.email);
    w.key("department").value(person.department).key("manager").value(person.manager);
    w.key("delegate").value(person.delegate).key("roles").begin_array();
    for (const auto& role : person.roles) {
        w.value(role);
    }
    w.end_array().end_object();
}

void run_people(Session& session, OutputFormat format) {
    const auto& roster = session.workspace().roster();
    if (format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("departments").begin_array();
        for (const auto& dept : roster.departments()) {
            w.begin_object().key("id").value(dept.id).key("name").value(dept.name);
            w.key("head");
            if (const auto* head = roster.head_of(dept.id)) {
                w.value(head->id);
            } else {
                w.null();
            }
            w.end_object();
        }
        w.end_array().key("people").begin_array();
        for (const auto& person : roster.people()) {
            write_person(w, person);
        }
        w.end_array().end_object();
        session.out() << w.str();
        return;
    }
    const auto lang = session.lang();
    std::vector<std::vector<std::string>> rows;
    rows.push_back({i18n::text(lang, "people.id"), i18n::text(lang, "people.name"),
                    i18n::text(lang, "people.department"), i18n::text(lang, "people.manager"),
                    i18n::text(lang, "people.roles")});
    for (const auto& person : roster.people()) {
        const auto* dept = roster.find_department(person.department);
        const auto* manager = roster.find(person.manager);
        rows.push_back({person.id, person.name, dept != nullptr ? dept->name : person.department,
                        manager != nullptr ? manager->name : "-",
                        person.roles.empty() ? "-" : roles_text(session.lang(), person.roles)});
    }
    session.out() << util::format_table(rows);
}

void run_whoami(Session& session, OutputFormat format) {
    const auto& roster = session.workspace().roster();
    const auto* person = roster.find(session.actor());
    if (format == OutputFormat::json) {
        util::JsonWriter w;
        write_person(w, *person);
        session.out() << w.str();
        return;
    }
    const auto* dept = roster.find_department(person->department);
    session.out() << roster.display(person->id) << "  "
                  << (dept != nullptr ? dept->name : person->department);
    if (!person->manager.empty()) {
        session.out() << "  "
                      << session.tr(msg("people.reports_to", roster.display(person->manager)));
    }
    session.out() << '\n';
}

// What `people add` and `people edit` were given.
struct PersonOptions {
    std::string id;
    model::PersonChanges changes;
};

// --dept takes a department's id or name; people.yaml holds the id. A department
// not in the roster is left for the roster check to refuse.
void resolve_department(Session& session, model::PersonChanges& changes) {
    if (changes.department) {
        if (const auto* dept = session.workspace().roster().find_department(*changes.department)) {
            changes.department = dept->id;
        }
    }
}

// Under the workspace lock: reads people.yaml, edits it through `edit` (which checks
// the result as the roster loader does) and writes it atomically, or writes nothing.
template <class Edit>
void write_roster(Session& session, const PersonOptions& options, const char* done, Edit edit) {
    session.lock_workspace();
    auto changes = options.changes;
    resolve_department(session, changes);
    const auto& workspace = session.workspace();
    const auto text = workspace.read_text(store::k_roster_file);
    Session::test_delay_after_read();
    Diagnostics problems;
    const auto edited = edit(text, store::k_roster_file, options.id, changes, problems);
    session.print_diagnostics(problems);
    if (!edited) {
        session.fail(k_exit_invalid, msg("people.unchanged"));
    }
    workspace.write(store::k_roster_file, *edited);
    session.out() << session.tr(msg(done, options.id)) << '\n';
}

// The options `people add` and `people edit` share: each sets one field; a new person
// needs a name and a department.
void add_person_options(Command& command, Session& session, PersonOptions& options, bool adding) {
    const auto tr = [&session](const char* id) {
        return session.tr(id);
    };
    auto& changes = options.changes;
    command.add_option("ID", options.id, tr("help.opt_person_id"))->required()->type_name("ID");
    const auto field = [&](const char* name, std::optional<std::string>& into, const char* help,
                           const char* type) {
        return command
            .add_option_function(
                name, [&into](const std::string& value) { into = value; }, tr(help))
            ->type_name(type);
    };
    auto* name = field("--name", changes.name, "help.opt_person_name", "TEXT");
    auto* dept = field("--dept", changes.department, "help.opt_person_dept", "DEPT");
    if (adding) {
        name->required();
        dept->required();
    }
    field("--email", changes.email, "help.opt_person_email", "ADDRESS");
    field("--manager", changes.manager, "help.opt_person_manager", "PERSON");
    field("--delegate", changes.delegate, "help.opt_person_delegate", "PERSON");
    command
        .add_option_function(
            "--role",
            [&changes](const std::string& role) {
                changes.roles = changes.roles.value_or(std::vector<std::string>{});
                if (!role.empty()) { // --role '' clears the roles
                    changes.roles->push_back(role);
                }
            },
            tr("help.opt_person_role"))
        ->type_name("ROLE");
    for (const auto& [platform, option, help] :
         {std::tuple{"feishu", "--feishu", "help.opt_person_feishu"},
          {"dingtalk", "--dingtalk", "help.opt_person_dingtalk"},
          {"wecom", "--wecom", "help.opt_person_wecom"},
          {"email", "--mention-email", "help.opt_person_mention_email"}}) {
        command
            .add_option_function(
                option,
                [&changes, platform = std::string(platform)](const std::string& value) {
                    changes.mentions[platform] = value;
                },
                tr(help))
            ->type_name("ID");
    }
}

} // namespace

void register_people(Command& app, Session& session) {
    const auto lang = session.lang();
    auto people_format = std::make_shared<OutputFormat>(OutputFormat::text);
    auto* people = app.add_subcommand("people", i18n::text(lang, "help.people"));
    add_format_option(*people, session, *people_format);
    people->callback([&session, people, people_format] {
        if (!people->ran_subcommand()) {
            run_people(session, *people_format);
        }
    });

    auto add_options = std::make_shared<PersonOptions>();
    auto* add = people->add_subcommand("add", i18n::text(lang, "help.people_add"));
    add_person_options(*add, session, *add_options, true);
    add->callback([&session, add_options] {
        write_roster(session, *add_options, "people.added", model::add_person);
    });

    auto edit_options = std::make_shared<PersonOptions>();
    auto* edit = people->add_subcommand("edit", i18n::text(lang, "help.people_edit"));
    add_person_options(*edit, session, *edit_options, false);
    edit->callback([&session, edit_options] {
        if (edit_options->changes.empty()) {
            session.fail(k_exit_usage, msg("people.nothing_to_change"));
        }
        write_roster(session, *edit_options, "people.edited", model::edit_person);
    });

    auto whoami_format = std::make_shared<OutputFormat>(OutputFormat::text);
    auto* whoami = app.add_subcommand("whoami", i18n::text(lang, "help.whoami"));
    add_format_option(*whoami, session, *whoami_format);
    whoami->callback([&session, whoami_format] { run_whoami(session, *whoami_format); });
}

} // namespace collab::cli
