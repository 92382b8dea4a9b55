// collab export REQUEST --form NAME --format md|html|csv|xlsx [-o FILE]: the forms of the
// process (需求审批表, 会议纪要, 协作任务跟踪表, 进度同步会纪要, 成果验收单, 沟通反馈表) as
// documents, built by rules::build_form from the replayed request.
#include "cli/export_form.hpp"

#include "cli/exit_status.hpp"
#include "cli/survey_template.hpp"
#include "cli/xlsx_output.hpp"

#include <collab/rules/form_document.hpp>
#include <collab/rules/replay.hpp>
#include <collab/store/atomic_file.hpp>
#include <collab/store/templates.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

const char* const k_form_page_template = "forms/form.html";

std::string render_form_text(Session& session, const util::PrintDocument& doc,
                             const std::string& format) {
    if (format == "html") {
        const auto page = store::find_template(k_form_page_template, session.workspace().root());
        if (!page) {
            session.fail(k_exit_invalid, msg("export.no_form_page", k_form_page_template));
        }
        return util::render_html(doc, *page);
    }
    return format == "csv" ? util::render_csv(doc) : util::render_markdown(doc);
}

} // namespace

Option* add_form_options(Command& command, FormExportOptions& options, i18n::Language lang) {
    auto* form = command.add_option("--form", options.form, i18n::text(lang, "help.opt_form"))
                     ->type_name("approval|minutes|tracking|sync|acceptance|feedback")
                     ->one_of(rules::form_kind_names());
    command.add_option("--format", options.format, i18n::text(lang, "help.opt_form_format"))
        ->type_name("md|html|csv|xlsx")
        ->one_of({"md", "html", "csv", "xlsx"});
    return form;
}

void run_form_export(Session& session, const FormExportOptions& options, const std::string& request,
                     const std::string& output) {
    if (request.empty()) {
        session.fail(k_exit_usage, msg("export.form_request"));
    }
    if (options.format == "xlsx" && output.empty()) {
        session.fail(k_exit_usage, msg("export.xlsx_output"));
    }
    const auto kind = rules::parse_form_kind(options.form);
    if (!kind) {
        session.fail(k_exit_usage, msg("export.form_request"));
    }
    session.show_past(); // a form only reads: --now shows it as it stood then
    const auto loaded = session.load_request(session.resolve_request(request));
    const auto context = session.context();
    const auto replayed = rules::replay(loaded, context.roster);
    std::optional<model::Survey> survey;
    if (kind == rules::FormKind::feedback) {
        survey = load_survey(session, loaded);
    }
    const rules::FormSource source{loaded, replayed, context, survey ? &*survey : nullptr};
    auto built = rules::build_form(*kind, source);
    if (built.refusal) {
        session.refuse(*built.refusal);
    }
    auto doc = rules::print_document(*built.document, session.lang());
    doc.footer = session.tr(msg("form.generated", COLLAB_VERSION));
    if (options.format == "xlsx") {
        write_xlsx_output(session, doc, output);
        return;
    }
    const auto text = render_form_text(session, doc, options.format);
    if (output.empty()) {
        // As rendered: every text went through util::printable, which drops the control
        // characters the terminal filter is there for; CSV keeps its CRLF.
        session.raw_out() << text;
    } else {
        store::write_output_file(session.user_path(output), text);
    }
}

} // namespace collab::cli
