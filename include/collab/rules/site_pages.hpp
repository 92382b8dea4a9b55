#pragma once

#include <collab/rules/context.hpp>
#include <collab/rules/form_document.hpp>
#include <collab/rules/request_digest.hpp>
#include <collab/util/site_page.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::rules {

// The pages of `collab site` as documents, language-neutral like the forms
// (rules/form_document): labels are catalog messages, names and ids literals; the cli
// puts them in words (site_tables_in_words) and util/site_page lays them out.

// A page of the site a cell links to.
struct SiteLink {
    enum class Kind { none, request, person };
    Kind kind = Kind::none;
    std::string id;
};

// A name a page may be stored under: 1 to 64 of [A-Za-z0-9_-] and inner dots, never
// "." or "..", so that no record's text becomes a path of its own. Request and person
// ids are validated when read; this holds the site to it all the same.
bool safe_site_name(std::string_view name);

// The page's path in the site, the contract notifications link to:
// "requests/<ID>.html", "people/<id>.html"; nullopt for no link or an unsafe id.
std::optional<std::string> site_page_path(const SiteLink& link);

struct SiteCell {
    FormText text;
    SiteLink link;
    bool number = false;          // a count: right-aligned
    bool late = false;            // overdue: marked
    std::optional<FormText> note; // a second line: "(for 李华 (li))"
};
SiteCell site_cell(FormText text, SiteLink link = {});

// A table with a heading; `empty` is shown instead when it has no rows.
struct SiteTable {
    std::string id; // the HTML id of its section ("dept-tech"), for links within a page
    FormText title;
    std::vector<FormText> header;
    std::vector<std::vector<SiteCell>> rows;
    FormText empty;
};

struct SitePageModel {
    FormText title;
    std::vector<SiteTable> tables;
};

// index.html: for each department (people.yaml's order), what its people must do —
// every pending step of the inbox, overdue first, most overdue first — and what
// `collab check` finds late or wrong on a person of it; then findings naming nobody,
// and every request with its state. Steps and findings are those of the digests at
// context.now, as `inbox` and `check` judge them.
SitePageModel overview_page(const std::vector<RequestDigest>& digests, const Context& context);

// people/<id>.html: the person's inbox (rules::inbox_for), overdue first.
SitePageModel person_page(const std::string& person, const std::vector<RequestDigest>& digests,
                          const Context& context);

// The page in words of one language (title and tables; links as paths in the site,
// site_page_path), for util::render_site_page; the cli adds its path, navigation and footer.
util::SitePage site_page_in_words(const SitePageModel& page, i18n::Language lang);

} // namespace collab::rules
