// collab deliver TASK, collab accept TASK, collab feedback ID: stage 5, the
// acceptance form (成果验收单), joint acceptance and the feedback survey (沟通反馈表).
#include "cli/actions.hpp"
#include "cli/commands.hpp"
#include "cli/survey_template.hpp"

#include <collab/model/survey.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/execution_transitions.hpp>
#include <collab/rules/form_rule.hpp>
#include <collab/rules/request_status.hpp>
#include <collab/util/json_writer.hpp>

namespace collab::cli {

using i18n::msg;

namespace {

struct DeliverOptions {
    std::string task;
    std::string name;
    std::string version;
    std::string description;
    std::string link;
    std::vector<std::string> checks;
};

struct AcceptOptions {
    std::string task;
    bool pass = false;
    bool fail = false;
    std::string comment;
    std::string reaccept_by;
};

struct FeedbackOptions {
    std::string id;
    std::vector<std::string> answers;
    std::string comment;
    OutputFormat format = OutputFormat::text;
};

std::vector<rules::SelfCheck> parse_checks(Session& session,
                                           const std::vector<std::string>& texts) {
    std::vector<rules::SelfCheck> checks;
    for (const auto& text : texts) {
        const auto equals = text.find('=');
        rules::SelfCheck check;
        try {
            check.item = std::stoi(text.substr(0, equals));
        } catch (const std::exception&) {
            session.fail(k_exit_usage, msg("deliver.bad_check", text));
        }
        const auto rest = equals == std::string::npos ? std::string() : text.substr(equals + 1);
        const auto colon = rest.find(':');
        const auto answer = rest.substr(0, colon);
        if (answer != "yes" && answer != "no") {
            session.fail(k_exit_usage, msg("deliver.bad_check", text));
        }
        check.done = answer == "yes";
        check.note = colon == std::string::npos ? "" : rest.substr(colon + 1);
        checks.push_back(check);
    }
    return checks;
}

void run_deliver(Session& session, const DeliverOptions& options) {
    session.lock_workspace();
    const auto [id, task_id] = session.resolve_task(options.task);
    const auto context = session.context();
    const auto checks = parse_checks(session, options.checks);
    std::string version;
    rules::DeliveryTiming timing;
    std::vector<std::string> acceptors;
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        if (auto refusal = rules::check_deliver(request, replayed, task_id, session.actor(),
                                                options.version, checks, context)) {
            return txn::Decision{*refusal};
        }
        const auto* task = replayed.execution.find_task(task_id);
        timing = rules::delivery_timing(*task, context);
        version = options.version.empty() ? rules::next_version(*task) : options.version;
        acceptors = rules::acceptors(request, task->task);
        txn::Entry entry{model::ActionKind::deliver};
        auto& extra = entry.fields;
        extra.set("task", text_node(task_id));
        extra.set("name", text_node(options.name.empty() ? task->task.deliverable : options.name));
        extra.set("version", text_node(version));
        if (!options.description.empty()) {
            extra.set("description", text_node(options.description));
        }
        if (!options.link.empty()) {
            extra.set("link", text_node(options.link));
        }
        extra.set("late", text_node(timing.late ? "yes" : "no"));
        auto self_check = yaml::Node::make_sequence();
        for (const auto& check : checks) {
            auto node = yaml::Node::make_map();
            node.set("item", text_node(std::to_string(check.item)));
            node.set("done", text_node(check.done ? "yes" : "no"));
            if (!check.note.empty()) {
                node.set("note", text_node(check.note));
            }
            self_check.push_back(std::move(node));
        }
        extra.set("self_check", std::move(self_check));
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("deliver.done", id, task_id, version,
                                    people_text(acceptors, context.roster)))
                  << '\n';
    if (timing.late) {
        session.warn(msg("deliver.late", timing.deadline));
    }
}

void run_accept(Session& session, const AcceptOptions& options) {
    session.lock_workspace();
    if (options.pass == options.fail) {
        session.fail(k_exit_usage, msg("accept.one_verdict"));
    }
    const auto [id, task_id] = session.resolve_task(options.task);
    const auto context = session.context();
    const auto outcome = write_entry(
        session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
            if (auto refusal =
                    rules::check_accept(request, replayed, task_id, session.actor(), options.pass,
                                        options.comment, options.reaccept_by, context)) {
                return txn::Decision{*refusal};
            }
            txn::Entry entry{model::ActionKind::accept};
            entry.fields.set("task", text_node(task_id));
            entry.fields.set("verdict", text_node(options.pass ? "pass" : "fail"));
            if (!options.comment.empty()) {
                entry.fields.set("comment", text_node(options.comment));
            }
            if (options.fail) {
                entry.fields.set("reaccept_by", text_node(options.reaccept_by));
            }
            return txn::Decision{std::move(entry)};
        });
    // The request with the verdict just written.
    const auto after = replay_of(session, outcome.request).execution;
    const auto* task = after.find_task(task_id);
    if (options.fail) {
        session.out() << session.tr(msg("accept.failed", id, task_id, options.reaccept_by)) << '\n';
        session.warn_if_guessed({options.reaccept_by});
    } else if (task->state == rules::TaskState::accepted) {
        session.out() << session.tr(msg("accept.accepted", id, task_id)) << '\n';
        if (after.accepted_at) {
            session.out() << session.tr(msg("accept.request_accepted", id)) << '\n';
        }
    } else {
        std::vector<std::string> waiting;
        for (const auto& person : rules::acceptors(outcome.request, task->task)) {
            if (task->verdicts.count(person) == 0) {
                waiting.push_back(person);
            }
        }
        session.out() << session.tr(msg("accept.waiting", id, task_id,
                                        people_text(waiting, context.roster)))
                      << '\n';
    }
}

void show_survey(Session& session, const model::Request& request, const model::Survey& survey,
                 OutputFormat format) {
    if (format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("id").value(request.id).key("questions").begin_array();
        for (const auto& question : survey.questions) {
            w.begin_object().key("key").value(question.key).key("text").value(question.text);
            w.end_object();
        }
        w.end_array().key("improve").value(survey.improve).end_object();
        session.out() << w.str();
        return;
    }
    auto& out = session.out();
    out << session.tr(msg("feedback.title", request.id, request.form.title)) << '\n';
    for (const auto& question : survey.questions) {
        out << "  " << question.key << "  " << question.text << '\n';
    }
    out << "  --comment  " << survey.improve << '\n';
    out << session.tr(msg("feedback.how", request.id)) << '\n';
}

// The survey's answers as KEY=SCORE; a malformed or repeated one stops with exit 2.
std::map<std::string, int> parse_answers(Session& session, const std::vector<std::string>& texts) {
    std::map<std::string, int> answers;
    for (const auto& text : texts) {
        const auto equals = text.find('=');
        try {
            std::size_t used = 0;
            const auto value = text.substr(equals + 1);
            const bool fresh =
                answers.emplace(text.substr(0, equals), std::stoi(value, &used)).second;
            if (equals == std::string::npos || used != value.size() || !fresh) {
                throw std::invalid_argument(text);
            }
        } catch (const std::exception&) {
            session.fail(k_exit_usage, msg("feedback.bad_answer", text));
        }
    }
    return answers;
}

void run_feedback(Session& session, const FeedbackOptions& options) {
    if (options.answers.empty()) {
        session.show_past(); // showing the survey only reads
        const auto request = session.load_request(session.resolve_request(options.id));
        show_survey(session, request, load_survey(session, request), options.format);
        return;
    }
    const auto answers = parse_answers(session, options.answers);
    const auto id = session.resolve_request(options.id);
    write_entry(session, id, [&](const model::Request& request, const rules::Replayed& replayed) {
        std::vector<std::string> keys;
        for (const auto& question : load_survey(session, request).questions) {
            keys.push_back(question.key);
        }
        if (auto refusal = rules::check_feedback(request, replayed, session.actor(), keys, answers,
                                                 session.context())) {
            return txn::Decision{*refusal};
        }
        txn::Entry entry{model::ActionKind::feedback};
        auto scores = yaml::Node::make_map();
        for (const auto& key : keys) {
            scores.set(key, text_node(std::to_string(answers.at(key))));
        }
        entry.fields.set("answers", std::move(scores));
        if (!options.comment.empty()) {
            entry.fields.set("comment", text_node(options.comment));
        }
        return txn::Decision{std::move(entry)};
    });
    session.out() << session.tr(msg("feedback.done", id)) << '\n';
}

} // namespace

void register_accept(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto deliver_options = std::make_shared<DeliverOptions>();
    auto* deliver = app.add_subcommand("deliver", tr("help.deliver"));
    deliver->add_option("TASK", deliver_options->task, tr("help.opt_task_ref"))->required();
    deliver->add_option("--name", deliver_options->name, tr("help.opt_deliverable_name"));
    deliver->add_option("--version", deliver_options->version, tr("help.opt_deliverable_version"));
    deliver->add_option("--description", deliver_options->description, tr("help.opt_description"));
    deliver->add_option("--link", deliver_options->link, tr("help.opt_link"))
        ->type_name("URL|PATH");
    deliver->add_option("--check", deliver_options->checks, tr("help.opt_self_check"))
        ->type_name("ITEM=yes|no[:NOTE]");
    deliver->callback([&session, deliver_options] { run_deliver(session, *deliver_options); });

    auto accept_options = std::make_shared<AcceptOptions>();
    auto* accept = app.add_subcommand("accept", tr("help.accept"));
    accept->add_option("TASK", accept_options->task, tr("help.opt_task_ref"))->required();
    accept->add_flag("--pass", accept_options->pass, tr("help.opt_pass"));
    accept->add_flag("--fail", accept_options->fail, tr("help.opt_fail"));
    accept->add_option("--comment", accept_options->comment, tr("help.opt_accept_comment"));
    accept->add_option("--reaccept-by", accept_options->reaccept_by, tr("help.opt_reaccept_by"))
        ->type_name("DATE");
    accept->callback([&session, accept_options] { run_accept(session, *accept_options); });

    auto feedback_options = std::make_shared<FeedbackOptions>();
    auto* feedback = app.add_subcommand("feedback", tr("help.feedback"));
    feedback->add_option("ID", feedback_options->id, tr("help.opt_id"))->required();
    feedback->add_option("--answer", feedback_options->answers, tr("help.opt_answer"))
        ->type_name("KEY=1..5");
    feedback->add_option("--comment", feedback_options->comment, tr("help.opt_improve"));
    add_format_option(*feedback, session, feedback_options->format);
    feedback->callback([&session, feedback_options] { run_feedback(session, *feedback_options); });
}

} // namespace collab::cli
