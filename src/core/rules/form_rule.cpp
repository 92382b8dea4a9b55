#include <algorithm>
#include <cctype>
#include <collab/rules/form_rule.hpp>
#include <collab/util/edit_distance.hpp>
#include <regex>

namespace collab::rules {

using i18n::msg;

namespace {

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

std::vector<std::string> person_ids(const model::Roster& roster) {
    std::vector<std::string> ids;
    for (const auto& person : roster.people()) {
        ids.push_back(person.id);
    }
    return ids;
}

// Reports a person reference that is not in the roster, with the closest id.
void check_person(const model::RequestForm& form, const model::Roster& roster,
                  const std::string& field, const std::string& id, Diagnostics& out) {
    if (const auto* person = roster.find(id)) {
        // Records name people by roster id, so that every rule compares like with like.
        if (person->id != id) {
            out.error(form.location_of(field), msg("form.use_id", id, person->id));
        }
        return;
    }
    if (const auto* dept = roster.find_department(id)) {
        out.error(form.location_of(field), msg("form.department_not_person", id, dept->name));
        return;
    }
    if (auto near = util::closest_match(id, person_ids(roster))) {
        out.error(form.location_of(field), msg("form.unknown_person_near", id, *near));
    } else {
        out.error(form.location_of(field), msg("form.unknown_person", id));
    }
}

void check_due(const model::RequestForm& form, const Context& context, Diagnostics& out) {
    if (form.due.empty()) {
        out.error(form.location_of("due"), msg("form.missing", "due"));
        return;
    }
    const auto due = time::parse_date(form.due);
    if (!due) {
        out.error(form.location_of("due"), msg("form.bad_date", form.due));
        return;
    }
    const auto working = context.calendar.is_working_day(*due);
    if (const auto* uncovered = std::get_if<time::UncoveredYear>(&working)) {
        out.error(form.location_of("due"), msg("form.due_uncovered", form.due, uncovered->year));
        return;
    }
    if (std::get<bool>(working)) {
        return;
    }
    const auto next = context.calendar.add(*due, 0);
    const auto next_text = std::holds_alternative<time::Date>(next)
                               ? time::format_date(std::get<time::Date>(next))
                               : std::string("?");
    if (const auto* holiday = context.calendar.holiday_on(*due)) {
        out.error(form.location_of("due"),
                  msg("form.due_holiday", form.due, holiday->name, next_text));
    } else {
        out.error(form.location_of("due"), msg("form.due_weekend", form.due, next_text));
    }
}

void check_items(const model::RequestForm& form, Diagnostics& out) {
    if (form.items.empty()) {
        out.error(form.location_of("items"), msg("form.no_items"));
    }
    for (std::size_t i = 0; i < form.items.size(); ++i) {
        const auto prefix = "items." + std::to_string(i + 1);
        if (blank(form.items[i].action)) {
            out.error(form.location_of(prefix + ".action"), msg("form.item_no_action", i + 1));
        }
        if (blank(form.items[i].acceptance)) {
            out.error(form.location_of(prefix + ".acceptance"),
                      msg("form.item_no_acceptance", i + 1));
        }
    }
}

void check_departments(const model::RequestForm& form, const model::Roster& roster,
                       Diagnostics& out) {
    if (form.departments.empty()) {
        out.error(form.location_of("departments"), msg("form.no_departments"));
    }
    std::vector<std::string> known;
    for (const auto& dept : roster.departments()) {
        known.push_back(dept.id);
    }
    for (std::size_t i = 0; i < form.departments.size(); ++i) {
        const auto& name = form.departments[i];
        if (roster.find_department(name) != nullptr) {
            continue;
        }
        const auto field = "departments." + std::to_string(i + 1);
        if (auto near = util::closest_match(name, known)) {
            out.error(form.location_of(field), msg("form.unknown_department_near", name, *near));
        } else {
            out.error(form.location_of(field), msg("form.unknown_department", name));
        }
    }
}

void check_resources(const model::RequestForm& form, Diagnostics& out) {
    if (form.resources.empty()) {
        out.error(form.location_of("resources"), msg("form.no_resources"));
    }
    for (std::size_t i = 0; i < form.resources.size(); ++i) {
        const auto& line = form.resources[i];
        const auto prefix = "resources." + std::to_string(i + 1);
        if (blank(line.what)) {
            out.error(form.location_of(prefix), msg("form.resource_no_what", i + 1));
        }
        if (!line.amount.empty() && !parse_amount(line.amount)) {
            out.error(form.location_of(prefix + ".amount"), msg("form.bad_amount", line.amount));
        }
    }
}

void check_source(const model::RequestForm& form, Diagnostics& out) {
    if (form.source == "customer") {
        if (blank(form.customer)) {
            out.error(form.location_of("source"), msg("form.customer_unnamed"));
        }
    } else if (form.source == "internal") {
        if (!blank(form.customer)) {
            out.error(form.location_of("customer"), msg("form.customer_internal"));
        }
    } else {
        out.error(form.location_of("source"), msg("form.bad_source", form.source));
    }
}

} // namespace

// Digits with commas only between groups of three: 500, 1,200, 1200.50, 12,000.5.
const std::regex k_number_pattern(R"(\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)");

std::optional<Amount> parse_amount(std::string_view text) {
    std::string number;
    std::string currency;
    bool number_seen = false;
    std::size_t i = 0;
    const auto skip_spaces = [&] {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
    };
    const auto read_currency = [&] {
        while (i < text.size() && text[i] >= 'A' && text[i] <= 'Z') {
            currency += text[i++];
        }
    };
    std::string written; // the number as typed, commas included, to check their grouping
    const auto read_number = [&] {
        while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) ||
                                   text[i] == '.' || text[i] == ',')) {
            written += text[i];
            if (text[i] != ',') {
                number += text[i];
            }
            number_seen = true;
            ++i;
        }
    };
    skip_spaces();
    if (i < text.size() && text[i] >= 'A' && text[i] <= 'Z') {
        read_currency();
        skip_spaces();
        read_number();
    } else {
        read_number();
        skip_spaces();
        read_currency();
    }
    skip_spaces();
    if (i != text.size() || !number_seen || currency.size() != 3 || number.empty() ||
        std::count(number.begin(), number.end(), '.') > 1 || number.front() == '.' ||
        number.back() == '.' || !std::regex_match(written, k_number_pattern)) {
        return std::nullopt;
    }
    return Amount{std::stod(number), currency};
}

std::vector<std::string> involved_departments(const model::RequestForm& form,
                                              const model::Roster& roster) {
    std::vector<std::string> ids;
    for (const auto& name : form.departments) {
        if (const auto* dept = roster.find_department(name)) {
            if (std::find(ids.begin(), ids.end(), dept->id) == ids.end()) {
                ids.push_back(dept->id);
            }
        }
    }
    return ids;
}

void check_form(const model::RequestForm& form, const Context& context, Diagnostics& out) {
    const auto& roster = context.roster;
    if (blank(form.title)) {
        out.error(form.location_of("title"), msg("form.missing", "title"));
    }
    check_source(form, out);
    if (blank(form.initiator)) {
        out.error(form.location_of("initiator"), msg("form.missing", "initiator"));
    } else {
        check_person(form, roster, "initiator", form.initiator, out);
    }
    if (!blank(form.lead)) {
        check_person(form, roster, "lead", form.lead, out);
    }
    check_due(form, context, out);
    check_departments(form, roster, out);
    for (std::size_t i = 0; i < form.participants.size(); ++i) {
        check_person(form, roster, "participants." + std::to_string(i + 1), form.participants[i],
                     out);
    }
    if (blank(form.background)) {
        out.error(form.location_of("background"), msg("form.missing", "background"));
    }
    if (blank(form.goal)) {
        out.error(form.location_of("goal"), msg("form.missing", "goal"));
    }
    check_items(form, out);
    check_resources(form, out);
}

} // namespace collab::rules
