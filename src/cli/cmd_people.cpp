// collab people, collab whoami: the roster as the tool sees it.
#include "cli/commands.hpp"

#include <collab/util/json_writer.hpp>
#include <collab/util/text_width.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
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
                        person.roles.empty() ? "-" : join(person.roles)});
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

} // namespace

void register_people(Command& app, Session& session) {
    const auto lang = session.lang();
    auto people_format = std::make_shared<OutputFormat>(OutputFormat::text);
    auto* people = app.add_subcommand("people", i18n::text(lang, "help.people"));
    add_format_option(*people, session, *people_format);
    people->callback([&session, people_format] { run_people(session, *people_format); });

    auto whoami_format = std::make_shared<OutputFormat>(OutputFormat::text);
    auto* whoami = app.add_subcommand("whoami", i18n::text(lang, "help.whoami"));
    add_format_option(*whoami, session, *whoami_format);
    whoami->callback([&session, whoami_format] { run_whoami(session, *whoami_format); });
}

} // namespace collab::cli
