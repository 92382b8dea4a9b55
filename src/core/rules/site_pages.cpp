// The pages of `collab site` as language-neutral documents (rules/site_pages.hpp).
#include <algorithm>
#include <collab/rules/inbox.hpp>
#include <collab/rules/site_pages.hpp>
#include <collab/rules/verdict.hpp>
#include <collab/time/calendar.hpp>
#include <map>

namespace collab::rules {

using i18n::msg;

namespace {

constexpr std::size_t k_max_site_name = 64;

FormText site_label(const char* id) {
    return form_label(msg(id));
}

SiteCell person_cell(const std::string& person, const Context& context) {
    return site_cell(form_literal(context.roster.display(person)),
                     {SiteLink::Kind::person, person});
}

SiteCell request_cell(const std::string& request) {
    return site_cell(form_literal(request), {SiteLink::Kind::request, request});
}

// "was due 2026-09-18 18:00: 2 working days late", "due ... (3 working days left)", or
// nothing for a step without a service level: the words of `collab inbox`.
FormText due_text(const InboxItem& item, const Context& context) {
    const auto& step = item.step;
    if (!step.due) {
        return form_literal("");
    }
    const auto when = context.zone.format_short(*step.due);
    const auto& left = item.working_days_left;
    if (item.overdue) {
        return form_label(msg("inbox.late", when, left.text_of(std::max(1, -left.value_or(0)))));
    }
    return form_label(msg("inbox.left", when, left.text()));
}

// What to do, and for whom when a delegate's copy: the words of `collab inbox`.
SiteCell what_cell(const NextStep& step, const Context& context) {
    auto cell = site_cell(form_label(step.what));
    if (!step.on_behalf_of.empty()) {
        cell.note = form_label(msg("inbox.for", context.roster.display(step.on_behalf_of)));
    }
    return cell;
}

// One person's inbox, as rows; `with_person` adds them as the first column.
struct PersonItem {
    std::string person;
    InboxItem item;
};

std::vector<SiteCell> step_row(const PersonItem& entry, const Context& context, bool with_person) {
    const auto& item = entry.item;
    std::vector<SiteCell> row;
    if (with_person) {
        row.push_back(person_cell(entry.person, context));
    }
    row.push_back(request_cell(item.step.request));
    row.push_back(site_cell(form_literal(item.title)));
    row.push_back(what_cell(item.step, context));
    auto due = site_cell(due_text(item, context));
    due.late = item.overdue;
    row.push_back(std::move(due));
    row.push_back(site_cell(
        form_literal(item.step.commands.empty() ? std::string() : item.step.commands.front())));
    for (auto& cell : row) {
        cell.late = item.overdue;
    }
    return row;
}

std::vector<FormText> step_header(bool with_person) {
    std::vector<FormText> header;
    if (with_person) {
        header.push_back(site_label("site.col.person"));
    }
    for (const char* id : {"site.col.request", "site.col.title", "site.col.step", "site.col.due",
                           "site.col.command"}) {
        header.push_back(site_label(id));
    }
    return header;
}

// Overdue first, most overdue first, then by due time; the rest keep inbox order.
void sort_items(std::vector<PersonItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const PersonItem& a, const PersonItem& b) {
        if (a.item.overdue != b.item.overdue) {
            return a.item.overdue;
        }
        if (a.item.overdue) {
            return a.item.working_days_left.value_or(0) < b.item.working_days_left.value_or(0);
        }
        if (a.item.step.due.has_value() != b.item.step.due.has_value()) {
            return a.item.step.due.has_value();
        }
        return a.item.step.due && *a.item.step.due < *b.item.step.due;
    });
}

std::vector<FormText> finding_header() {
    std::vector<FormText> header;
    for (const char* id : {"site.col.request", "site.col.person", "site.col.rule",
                           "site.col.severity", "site.col.finding"}) {
        header.push_back(site_label(id));
    }
    return header;
}

std::vector<SiteCell> finding_row(const Finding& finding, const Context& context) {
    std::vector<SiteCell> row;
    row.push_back(finding.request.empty() ? site_cell(form_literal(""))
                                          : request_cell(finding.request));
    row.push_back(finding.person.empty() ? site_cell(form_literal(""))
                                         : person_cell(finding.person, context));
    row.push_back(site_cell(form_literal(finding.rule)));
    row.push_back(site_cell(
        site_label(finding.severity == Severity::error ? "severity.error" : "severity.warning")));
    row.push_back(site_cell(form_label(finding.message)));
    for (auto& cell : row) {
        cell.late = finding.severity == Severity::error;
    }
    return row;
}

SiteTable request_table(const std::vector<RequestDigest>& digests, const Context& context) {
    SiteTable table;
    table.id = "requests";
    table.title = site_label("site.requests");
    table.empty = site_label("site.no_requests");
    for (const char* id :
         {"site.col.request", "site.col.title", "site.col.state", "site.col.initiator"}) {
        table.header.push_back(site_label(id));
    }
    for (const auto& digest : digests) {
        const auto& listing = digest.index.listing;
        table.rows.push_back(
            {request_cell(digest.id), site_cell(form_literal(digest.title)),
             site_cell(form_label(msg("state." + std::string(state_name(listing.state))))),
             person_cell(digest.initiator, context)});
    }
    return table;
}

SiteCell number_cell(std::size_t count) {
    auto cell = site_cell(form_literal(std::to_string(count)));
    cell.number = true;
    return cell;
}

// Everyone on the roster, with how many steps wait on them and how many are overdue:
// the way to each person's page.
SiteTable people_table(const std::vector<RequestDigest>& digests, const Context& context) {
    SiteTable table;
    table.id = "people";
    table.title = site_label("site.people");
    for (const char* id :
         {"site.col.person", "site.col.department", "site.col.pending", "site.col.overdue"}) {
        table.header.push_back(site_label(id));
    }
    for (const auto& person : context.roster.people()) {
        const auto items = inbox_for(person.id, digests, context);
        const auto overdue = static_cast<std::size_t>(std::count_if(
            items.begin(), items.end(), [](const InboxItem& item) { return item.overdue; }));
        const auto* dept = context.roster.find_department(person.department);
        auto row = std::vector<SiteCell>{person_cell(person.id, context),
                                         site_cell(form_literal(dept ? dept->name : "")),
                                         number_cell(items.size()), number_cell(overdue)};
        row.back().late = overdue > 0;
        table.rows.push_back(std::move(row));
    }
    return table;
}

} // namespace

bool safe_site_name(std::string_view name) {
    if (name.empty() || name.size() > k_max_site_name || name.front() == '.' ||
        name.back() == '.') {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
    });
}

std::optional<std::string> site_page_path(const SiteLink& link) {
    if (link.kind == SiteLink::Kind::none || !safe_site_name(link.id)) {
        return std::nullopt;
    }
    const char* folder = link.kind == SiteLink::Kind::request ? "requests/" : "people/";
    return std::string(folder) + link.id + ".html";
}

SiteCell site_cell(FormText text, SiteLink link) {
    SiteCell cell;
    cell.text = std::move(text);
    cell.link = std::move(link);
    return cell;
}

SitePageModel overview_page(const std::vector<RequestDigest>& digests, const Context& context) {
    SitePageModel page;
    page.title = site_label("site.overview");
    // Findings as `check` has them at now, each under the department of the person it
    // names (none: a table of its own at the end).
    std::map<std::string, std::vector<const Finding*>> findings_by_dept;
    std::vector<Finding> findings;
    for (const auto& digest : digests) {
        auto found = findings_at(digest, context);
        std::move(found.begin(), found.end(), std::back_inserter(findings));
    }
    for (const auto& finding : findings) {
        const auto* person = context.roster.find(finding.person);
        findings_by_dept[person ? person->department : std::string()].push_back(&finding);
    }
    for (const auto& dept : context.roster.departments()) {
        std::vector<PersonItem> items;
        for (const auto& person : context.roster.people()) {
            if (person.department != dept.id) {
                continue;
            }
            for (auto& item : inbox_for(person.id, digests, context)) {
                items.push_back({person.id, std::move(item)});
            }
        }
        sort_items(items);
        SiteTable steps;
        steps.id = "dept-" + (safe_site_name(dept.id) ? dept.id : std::string("x"));
        steps.title = form_label(msg("site.dept_steps", dept.name));
        steps.header = step_header(true);
        steps.empty = site_label("site.nothing_waiting");
        for (const auto& item : items) {
            steps.rows.push_back(step_row(item, context, true));
        }
        page.tables.push_back(std::move(steps));
        const auto found = findings_by_dept.find(dept.id);
        if (found != findings_by_dept.end()) {
            SiteTable table;
            table.title = form_label(msg("site.dept_findings", dept.name));
            table.header = finding_header();
            for (const auto* finding : found->second) {
                table.rows.push_back(finding_row(*finding, context));
            }
            page.tables.push_back(std::move(table));
        }
    }
    SiteTable others;
    others.id = "findings";
    others.title = site_label("site.other_findings");
    others.header = finding_header();
    others.empty = site_label("site.no_findings");
    for (const auto& [dept, list] : findings_by_dept) {
        if (context.roster.find_department(dept) != nullptr) {
            continue;
        }
        for (const auto* finding : list) {
            others.rows.push_back(finding_row(*finding, context));
        }
    }
    page.tables.push_back(std::move(others));
    page.tables.push_back(people_table(digests, context));
    page.tables.push_back(request_table(digests, context));
    return page;
}

SitePageModel person_page(const std::string& person, const std::vector<RequestDigest>& digests,
                          const Context& context) {
    SitePageModel page;
    page.title = form_label(msg("site.person_title", context.roster.display(person)));
    std::vector<PersonItem> items;
    for (auto& item : inbox_for(person, digests, context)) {
        items.push_back({person, std::move(item)});
    }
    SiteTable table;
    table.id = "inbox";
    table.title = form_label(msg("inbox.header", context.roster.display(person), items.size()));
    table.header = step_header(false);
    table.empty = site_label("site.nothing_waiting");
    for (const auto& item : items) {
        table.rows.push_back(step_row(item, context, false));
    }
    page.tables.push_back(std::move(table));
    return page;
}

util::SitePage site_page_in_words(const SitePageModel& model, i18n::Language lang) {
    util::SitePage page;
    page.lang = lang == i18n::Language::zh ? "zh-CN" : "en";
    page.title = form_text(model.title, lang);
    for (const auto& table : model.tables) {
        util::SiteTableText shown;
        shown.id = table.id;
        shown.title = form_text(table.title, lang);
        shown.empty = form_text(table.empty, lang);
        for (const auto& cell : table.header) {
            shown.header.push_back(form_text(cell, lang));
        }
        for (const auto& row : table.rows) {
            auto& cells = shown.rows.emplace_back();
            for (const auto& cell : row) {
                util::SiteCellText text;
                text.text = form_text(cell.text, lang);
                text.href = site_page_path(cell.link).value_or("");
                text.note = cell.note ? form_text(*cell.note, lang) : std::string();
                text.number = cell.number;
                text.late = cell.late;
                cells.push_back(std::move(text));
            }
        }
        page.tables.push_back(std::move(shown));
    }
    return page;
}

} // namespace collab::rules
