// collab site -o DIR: the workspace as a static site, for CI to publish (GitHub or
// GitLab Pages): an overview of what is late and who must act, a page per person (their
// inbox), a page per request (its forms, Gantt chart and log) and the stats with charts.
// The pages' models are pure (rules/site_pages); this loads, lays out and writes.
#include "cli/commands.hpp"
#include "cli/export_gantt.hpp"
#include "cli/log_lines.hpp"
#include "cli/request_digests.hpp"
#include "cli/stats_report.hpp"
#include "cli/survey_template.hpp"

#include <algorithm>
#include <collab/i18n/list.hpp>
#include <collab/i18n/state_label.hpp>
#include <collab/rules/form_document.hpp>
#include <collab/rules/replay.hpp>
#include <collab/rules/site_pages.hpp>
#include <collab/store/folder_build.hpp>
#include <collab/store/templates.hpp>
#include <collab/util/bar_chart_svg.hpp>
#include <collab/util/print_document.hpp>
#include <collab/util/text.hpp>
#include <cstddef>

namespace collab::cli {

using i18n::msg;

namespace {

const char* const k_site_page_template = "site/page.html";
const char* const k_site_style_template = "site/site.css";

struct SiteOptions {
    std::string output;
    bool no_cache = false;
};

// What every page shares: its layout, navigation and footer.
struct SiteFrame {
    std::string layout;
    std::vector<std::pair<std::string, std::string>> nav;
    std::string footer;
};

std::string site_template(Session& session, const char* name) {
    auto text = store::find_template(name, session.workspace().root());
    if (!text) {
        session.fail(k_exit_invalid, msg("export.no_form_page", name));
    }
    return std::move(*text);
}

std::string lexical_text(const std::filesystem::path& path) {
    auto text = path.lexically_normal().string();
    while (text.size() > 1 && text.back() == '/') {
        text.pop_back();
    }
    return text;
}

// Whether `inner` is `outer` or inside it, as written and with links resolved.
bool is_within(const std::filesystem::path& inner, const std::filesystem::path& outer) {
    std::error_code ec;
    const auto a = std::filesystem::weakly_canonical(inner, ec);
    const auto b = std::filesystem::weakly_canonical(outer, ec);
    const auto rel = a.lexically_relative(b);
    return !rel.empty() && *rel.begin() != "..";
}

// The site folder: never a file, never the workspace or a folder holding it, never
// inside .collab or requests/ (where every folder is a request), never a folder of other files
// (only an empty one or an earlier site is replaced).
std::filesystem::path site_folder(Session& session, const std::string& typed) {
    const auto target =
        std::filesystem::path(lexical_text(std::filesystem::absolute(session.user_path(typed))));
    const auto shown = lexical_text(target);
    const auto& root = session.workspace().root();
    std::error_code ec;
    if (std::filesystem::exists(target, ec) && !std::filesystem::is_directory(target, ec)) {
        session.fail(k_exit_usage, msg("site.not_a_folder", shown));
    }
    if (is_within(target, root / ".collab")) {
        session.fail(k_exit_usage, msg("site.inside_collab", shown));
    }
    if (is_within(target, root / store::k_requests_dir)) {
        session.fail(k_exit_usage, msg("site.inside_requests", shown));
    }
    if (is_within(root, target)) {
        session.fail(k_exit_usage, msg("site.holds_workspace", shown));
    }
    if (target.filename().empty() || !store::replaceable_folder(target)) {
        session.fail(k_exit_usage, msg("site.not_a_site", shown, store::k_built_folder_marker));
    }
    return target;
}

std::string render_page(const SiteFrame& frame, util::SitePage page, std::string path) {
    page.path = std::move(path);
    page.nav = frame.nav;
    page.footer = frame.footer;
    return util::render_site_page(page, frame.layout);
}

// Every form the request has reached, in process order, each an article of its own.
std::string forms_html(Session& session, const model::Request& request,
                       const rules::Replayed& replayed, const rules::Context& context) {
    std::string out;
    for (const auto& name : rules::form_kind_names()) {
        const auto kind = *rules::parse_form_kind(name);
        std::optional<model::Survey> survey;
        const auto state = replayed.status.state;
        if (kind == rules::FormKind::feedback &&
            (state == rules::RequestState::accepted || state == rules::RequestState::closed)) {
            survey = load_survey(session, request);
        }
        const rules::FormSource source{request, replayed, context, survey ? &*survey : nullptr};
        const auto built = rules::build_form(kind, source);
        if (!built.document) {
            continue;
        }
        const auto doc = rules::print_document(*built.document, session.lang());
        out += "<article class=\"form\" id=\"form-" + name + "\">\n" + util::render_html_body(doc) +
               "</article>\n";
    }
    return out;
}

util::SiteTableText log_table(Session& session, const model::Request& request,
                              const rules::Replayed& replayed) {
    util::SiteTableText table;
    table.id = "log";
    table.title = session.tr("site.log");
    table.empty = session.tr("site.log_empty");
    table.header = {session.tr("site.col.when"), session.tr("site.col.who"),
                    session.tr("site.col.what")};
    for (const auto& line : log_lines(session, request, replayed)) {
        util::SiteCellText what;
        what.text = line.text;
        for (const auto& detail : line.details) {
            what.note += (what.note.empty() ? "" : "\n") + detail;
        }
        table.rows.push_back(
            {{line.when, "", "", false, false}, {line.who, "", "", false, false}, std::move(what)});
    }
    return table;
}

std::string request_page(Session& session, const SiteFrame& frame, const model::Request& request,
                         const std::string& path) {
    const auto context = session.context();
    const auto replayed = rules::replay(request, context.roster);
    const auto& roster = context.roster;
    util::SitePage page;
    page.lang = session.lang() == i18n::Language::zh ? "zh-CN" : "en";
    page.title = session.tr(msg("site.request_title", request.id, request.form.title));
    const auto state = rules::state_at(replayed.status, context);
    page.head = {
        {session.tr("form.state"), i18n::state_label(session.lang(), rules::state_name(state))},
        {session.tr("site.col.initiator"), roster.display(request.form.initiator)},
        {session.tr("site.due"), request.form.due},
    };
    // The chart first, where the state of the work shows at a glance; then the forms.
    const auto gantt = gantt_svg_of(session, request, replayed);
    if (!gantt.empty()) {
        page.html += "<section id=\"gantt\">\n<h2>" + util::xml_escape(session.tr("site.gantt")) +
                     "</h2>\n<figure>\n" + std::string(util::svg_element(gantt)) +
                     "</figure>\n</section>\n";
    }
    page.html += forms_html(session, request, replayed, context);
    page.tables.push_back(log_table(session, request, replayed));
    return render_page(frame, std::move(page), path);
}

std::string stats_page(Session& session, const SiteFrame& frame,
                       const std::vector<rules::RequestDigest>& digests) {
    const auto stats = stats_of(digests, {}, session.context());
    const auto doc = stats_page_document(session, stats, stats_figures(session, stats), true);
    util::SitePage page;
    page.lang = doc.lang;
    page.title = doc.title;
    // The document's own heading is the page's: its sections only.
    auto body = util::render_html_body(doc);
    body.erase(0, body.find("</header>\n") + std::string_view("</header>\n").size());
    page.html = std::move(body);
    return render_page(frame, std::move(page), "stats.html");
}

void run_site(Session& session, const SiteOptions& options) {
    session.show_past(); // the workspace as it stood at --now; no pager for a folder of files
    if (options.output.empty()) {
        session.fail(k_exit_usage, msg("site.output"));
    }
    const auto target = site_folder(session, options.output);
    const auto context = session.context();
    SiteFrame frame;
    frame.layout = site_template(session, k_site_page_template);
    const auto style = site_template(session, k_site_style_template);
    frame.nav = {{session.tr("site.overview"), "index.html"},
                 {session.tr("stats.title"), "stats.html"}};
    frame.footer =
        session.tr(msg("site.generated", COLLAB_VERSION, context.zone.format_short(context.now)));
    const auto digests = index_digests(session, !options.no_cache, store::DigestParts{});

    store::FolderBuild build(target);
    build.write(store::k_built_folder_marker, "collab site\n");
    build.write("site.css", style);
    const auto overview =
        rules::site_page_in_words(rules::overview_page(digests, context), session.lang());
    build.write("index.html", render_page(frame, overview, "index.html"));
    for (const auto& person : context.roster.people()) {
        const auto path = rules::site_page_path({rules::SiteLink::Kind::person, person.id});
        if (path) {
            build.write(*path, render_page(frame,
                                           rules::site_page_in_words(
                                               rules::person_page(person.id, digests, context),
                                               session.lang()),
                                           *path));
        }
    }
    std::vector<std::string> ids;
    for (const auto& digest : digests) {
        ids.push_back(digest.id);
    }
    // A batch of requests at a time, each loaded in full on every core, then its pages
    // written: all 10,000 requests held in full at once took 2.8 GB.
    constexpr std::size_t k_batch = 256;
    for (std::size_t from = 0; from < ids.size(); from += k_batch) {
        const auto first = ids.begin() + static_cast<std::ptrdiff_t>(from);
        const std::vector<std::string> batch(
            first, first + static_cast<std::ptrdiff_t>(std::min(k_batch, ids.size() - from)));
        for (const auto& request : load_requests(session, batch)) {
            const auto path = rules::site_page_path({rules::SiteLink::Kind::request, request.id});
            if (path) {
                build.write(*path, request_page(session, frame, request, *path));
            }
        }
    }
    build.write("stats.html", stats_page(session, frame, digests));
    build.commit();
    session.info(
        msg("site.written", lexical_text(target), digests.size(), context.roster.people().size()));
}

} // namespace

void register_site(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<SiteOptions>();
    auto* site = app.add_subcommand("site", tr("help.site"));
    site->add_option("-o,--output", options->output, tr("help.opt_site_output"))
        ->type_name("DIR")
        ->required();
    site->add_flag("--no-cache", options->no_cache, tr("help.opt_no_cache"));
    site->callback([&session, options] { run_site(session, *options); });
}

} // namespace collab::cli
