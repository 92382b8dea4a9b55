// collab notify: tells people in their Feishu, DingTalk and WeCom groups, or by email,
// what they must do now: after a push (--since REV) or each working morning (--digest).
#include "cli/actions.hpp"
#include "cli/commands.hpp"

#include <chrono>
#include <collab/i18n/list.hpp>
#include <collab/net/http.hpp>
#include <collab/notify/bot_message.hpp>
#include <collab/notify/rate_spacing.hpp>
#include <collab/rules/notify.hpp>
#include <collab/rules/notify_route.hpp>
#include <collab/store/git_history.hpp>
#include <collab/store/send_times.hpp>
#include <collab/store/sent_log.hpp>
#include <collab/util/json_writer.hpp>
#include <cstdlib>
#include <map>
#include <thread>

namespace collab::cli {

using i18n::msg;

namespace {

struct NotifyOptions {
    std::string since;
    bool digest = false;
    bool dry_run = false;
    OutputFormat format = OutputFormat::text;
    int timeout_seconds = 10;
    int retries = 3;
};

// The entries recorded since REV: for each log file, those whose seq its text at REV
// does not hold (logs are append-only).
std::vector<rules::Notice> notices_since(Session& session, const std::string& rev,
                                         const std::vector<model::Request>& requests) {
    i18n::Message why;
    const auto base = store::GitBase::open(session.workspace().root(), rev, why);
    if (!base) {
        session.fail(k_exit_usage, why);
    }
    const auto context = session.context();
    std::map<std::string, std::set<long long>> at_base;
    std::vector<rules::Notice> notices;
    for (const auto& request : requests) {
        std::vector<const model::Event*> fresh;
        for (const auto& event : request.events) {
            const auto& path = event.where.path;
            auto found = at_base.find(path);
            if (found == at_base.end()) {
                const auto text = base->read_at_ref(path);
                found = at_base.emplace(path, rules::seqs_in_log_text(text.value_or(""))).first;
            }
            if (found->second.count(event.seq) == 0) {
                fresh.push_back(&event);
            }
        }
        if (!fresh.empty()) {
            auto more = rules::notices_for(request, fresh, context);
            notices.insert(notices.end(), more.begin(), more.end());
        }
    }
    return notices;
}

std::vector<rules::Notice> digest(Session& session, const std::vector<model::Request>& requests) {
    const auto context = session.context();
    std::vector<rules::Notice> notices;
    for (const auto& person : context.roster.people()) {
        const auto items = rules::inbox_for(person.id, requests, context);
        auto more = rules::digest_notices(person.id, items, context);
        notices.insert(notices.end(), more.begin(), more.end());
    }
    return notices;
}

// A notice as the lines of a message, in the workspace's language; after a push, with
// the link to the request's page when the workspace has a site (`site_url:`).
std::vector<std::string> notice_lines(Session& session, const rules::Notice& notice,
                                      bool is_digest) {
    std::vector<std::string> lines;
    std::string head = notice.request + " \u201c" + notice.title + "\u201d";
    if (!notice.happened.id.empty()) {
        head += ": " + session.tr(notice.happened);
    }
    lines.push_back(head);
    std::string what = session.tr(notice.what);
    if (!notice.on_behalf_of.empty()) {
        what += " " + session.tr(msg("inbox.for",
                                     session.workspace().roster().display(notice.on_behalf_of)));
    }
    if (notice.due) {
        const auto when = session.workspace().zone().format_short(*notice.due);
        what += " (" +
                session.tr(notice.overdue ? msg("notify.overdue", when) : msg("notify.by", when)) +
                ")";
    }
    lines.push_back(what);
    lines.push_back("$ " + notice.command);
    const auto page = model::request_page(session.workspace().config(), notice.request);
    if (!page.empty() && !is_digest) {
        lines.push_back(page);
    }
    return lines;
}

// One channel's message(s): the composed text and the sent-log keys of each part.
struct Outgoing {
    const model::NotifyChannel* channel = nullptr;
    std::vector<notify::Composed> parts;
    std::vector<std::vector<std::string>> keys; // per part
    std::vector<std::vector<std::string>> people;
};

Outgoing compose(Session& session, const rules::ChannelBatch& batch, bool is_digest) {
    const auto& channel = *batch.channel;
    const auto& roster = session.workspace().roster();
    notify::Composed whole;
    whole.locale = session.lang() == i18n::Language::zh ? "zh_cn" : "en_us";
    whole.title = session.tr(
        is_digest ? msg("notify.digest_title",
                        time::format_date(session.workspace().zone().local_date(session.now())))
                  : msg("notify.title", batch.people.size()));
    if (!channel.keyword.empty() && whole.title.find(channel.keyword) == std::string::npos) {
        whole.title += " \u00b7 " + channel.keyword;
    }
    std::vector<std::vector<std::string>> keys_of_block;
    for (const auto& group : batch.people) {
        const auto* person = roster.find(group.person);
        notify::Block block;
        block.name = person != nullptr ? person->name : group.person;
        block.mention = person != nullptr
                            ? person->mention_id(model::channel_kind_name(channel.kind))
                            : std::string();
        if (is_digest) {
            block.link = model::person_page(session.workspace().config(), group.person);
        }
        std::vector<std::string> keys;
        for (const auto& notice : group.notices) {
            for (auto& line : notice_lines(session, notice, is_digest)) {
                block.lines.push_back(std::move(line));
            }
            keys.push_back(notice.event);
        }
        whole.blocks.push_back(std::move(block));
        keys_of_block.push_back(std::move(keys));
    }
    Outgoing out;
    out.channel = &channel;
    // Email: one mail per person; a bot: as few messages as its size limit allows.
    const auto limit = channel.kind == model::ChannelKind::email
                           ? std::size_t{0}
                           : notify::max_message_bytes(channel.kind, channel.message);
    out.parts = limit == 0 ? std::vector<notify::Composed>{} : notify::split_to_fit(whole, limit);
    if (limit == 0) {
        for (const auto& block : whole.blocks) {
            out.parts.push_back({whole.title, {block}, whole.locale});
        }
    }
    std::size_t next = 0;
    for (const auto& part : out.parts) {
        std::vector<std::string> keys;
        std::vector<std::string> people;
        for (std::size_t i = 0; i < part.blocks.size(); ++i, ++next) {
            keys.insert(keys.end(), keys_of_block[next].begin(), keys_of_block[next].end());
            people.push_back(batch.people[next].person);
        }
        out.keys.push_back(std::move(keys));
        out.people.push_back(std::move(people));
    }
    return out;
}

std::optional<std::string> environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

// Between retries: `COLLAB_TEST_NOTIFY_BACKOFF_MS` (tests only) replaces the first pause.
std::chrono::milliseconds first_backoff() {
    if (const auto text = environment("COLLAB_TEST_NOTIFY_BACKOFF_MS")) {
        try {
            return std::chrono::milliseconds(std::stoi(*text));
        } catch (const std::exception&) {
        }
    }
    return std::chrono::milliseconds(2000);
}

struct ChannelReport {
    std::string channel;
    std::string kind;
    int messages = 0;
    int sent = 0;
    std::vector<std::string> people;
    std::string error; // empty when every part was sent
};

// An email channel's TLS: required unless `tls: none`; a relative `ca_file` is in the
// workspace.
net::MailSecurity mail_security(const store::Workspace& workspace,
                                const model::NotifyChannel& channel) {
    net::MailSecurity security;
    security.tls = channel.tls == model::MailTls::required;
    if (!channel.ca_file.empty()) {
        const std::filesystem::path file(channel.ca_file);
        security.ca_file = (file.is_absolute() ? file : workspace.root() / file).string();
    }
    return security;
}

// What an SMTP server's answer means. A server without STARTTLS and a certificate that
// is not trusted are refusals: trying again would not change them.
notify::Answer mail_answer(const net::HttpResult& result, const model::NotifyChannel& channel) {
    notify::Answer answer;
    if (result.status == 250) {
        answer.outcome = notify::Outcome::sent;
    } else if (result.no_starttls) {
        answer.outcome = notify::Outcome::refused;
        answer.reason = msg("notify.mail_no_starttls", model::url_host(channel.url));
    } else if (result.untrusted_certificate) {
        answer.outcome = notify::Outcome::refused;
        answer.reason = msg("notify.mail_untrusted", model::url_host(channel.url), result.error);
    } else {
        answer.reason = msg("notify.answer.no_answer", result.error);
    }
    return answer;
}

long long clock_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Sends one part with bounded retries: a failure or a rate limit waits and tries again
// (the pause doubling, a rate limit's four times as long), a refusal stops at once.
notify::Answer send_part(const Outgoing& out, std::size_t index, const std::string& url,
                         const std::string& secret, const NotifyOptions& options,
                         const store::Workspace& workspace) {
    const auto& roster = workspace.roster();
    const auto& channel = *out.channel;
    const auto timeout = std::chrono::milliseconds(options.timeout_seconds * 1000);
    auto pause = first_backoff();
    notify::Answer answer;
    for (int attempt = 0; attempt <= options.retries; ++attempt) {
        if (attempt > 0) {
            std::this_thread::sleep_for(answer.outcome == notify::Outcome::rate_limited ? pause * 4
                                                                                        : pause);
            pause *= 2;
        }
        if (channel.kind == model::ChannelKind::email) {
            const auto& part = out.parts[index];
            net::Mail mail;
            mail.from = channel.from;
            const auto* person = roster.find(out.people[index].front());
            mail.to = {person != nullptr ? person->mention_id("email") : ""};
            mail.subject = part.title;
            mail.text = notify::message_text(part, channel.kind);
            mail.html = notify::mail_html(part);
            const auto user =
                channel.user_env.empty() ? "" : environment(channel.user_env).value_or("");
            const auto password =
                channel.password_env.empty() ? "" : environment(channel.password_env).value_or("");
            const auto result = net::send_mail(url, user, password, mail, timeout,
                                               mail_security(workspace, channel));
            answer = mail_answer(result, channel);
        } else {
            const auto post = notify::bot_request(out.parts[index], channel.kind, url, secret,
                                                  clock_ms(), channel.message);
            const auto result = net::post_json(post.url, post.body, timeout);
            answer = notify::read_answer(channel.kind, result.status, result.body, result.error);
        }
        if (answer.outcome == notify::Outcome::sent || answer.outcome == notify::Outcome::refused) {
            break;
        }
    }
    return answer;
}

ChannelReport send(Session& session, const Outgoing& out, store::SentLog& log,
                   store::SendTimes& times, const NotifyOptions& options) {
    const auto& channel = *out.channel;
    ChannelReport report{channel.name,
                         std::string(model::channel_kind_name(channel.kind)),
                         static_cast<int>(out.parts.size()),
                         0,
                         {},
                         {}};
    for (const auto& people : out.people) {
        report.people.insert(report.people.end(), people.begin(), people.end());
    }
    std::vector<std::string> missing;
    const auto url = notify::fill_url(channel.url, environment, missing);
    std::string secret;
    if (!channel.secret_env.empty()) {
        secret = environment(channel.secret_env).value_or("");
        if (secret.empty()) {
            missing.push_back(channel.secret_env);
        }
    }
    if (!missing.empty()) {
        report.error = session.tr(msg("notify.missing_env", i18n::list_argument(missing)));
        return report;
    }
    const auto limits = notify::limits_of(channel.kind);
    for (std::size_t i = 0; i < out.parts.size(); ++i) {
        // The platform's documented rate, counting this run's sends and the last runs'.
        const auto now = clock_ms();
        const auto at = notify::next_send_at(times.of(channel.name), limits, now);
        if (at > now) {
            std::this_thread::sleep_for(std::chrono::milliseconds(at - now));
        }
        const auto answer = send_part(out, i, url, secret, options, session.workspace());
        if (answer.outcome != notify::Outcome::sent) {
            report.error = session.tr(answer.reason);
            return report;
        }
        times.add(channel.name, clock_ms(), clock_ms());
        log.add(channel.name, out.keys[i]);
        ++report.sent;
    }
    return report;
}

void print_dry_run(Session& session, const std::vector<Outgoing>& outgoing,
                   const std::vector<std::string>& unreached, const NotifyOptions& options) {
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("dry_run").value(true).key("channels").begin_array();
        for (const auto& out : outgoing) {
            for (std::size_t i = 0; i < out.parts.size(); ++i) {
                w.begin_object();
                w.key("channel").value(out.channel->name);
                w.key("kind").value(std::string(model::channel_kind_name(out.channel->kind)));
                w.key("people").begin_array();
                for (const auto& person : out.people[i]) {
                    w.value(person);
                }
                w.end_array().key("keys").begin_array();
                for (const auto& key : out.keys[i]) {
                    w.value(key);
                }
                w.end_array();
                w.key("text").value(
                    notify::message_text(out.parts[i], out.channel->kind, out.channel->message));
                w.end_object();
            }
        }
        w.end_array().key("unreached").begin_array();
        for (const auto& person : unreached) {
            w.value(person);
        }
        w.end_array().end_object();
        session.out() << w.str();
        return;
    }
    for (const auto& out : outgoing) {
        for (const auto& part : out.parts) {
            session.out() << "== " << out.channel->name << " ("
                          << model::channel_kind_name(out.channel->kind) << ") ==\n"
                          << notify::message_text(part, out.channel->kind, out.channel->message)
                          << '\n';
        }
    }
    if (outgoing.empty()) {
        session.out() << session.tr("notify.nothing") << '\n';
    }
}

void run_notify(Session& session, const NotifyOptions& options) {
    if (options.digest == !options.since.empty()) {
        session.fail(k_exit_usage, msg("notify.since_or_digest"));
    }
    const auto& workspace = session.workspace();
    const auto& channels = workspace.config().notify;
    Diagnostics problems;
    rules::check_channel_audience(channels, workspace.roster(), problems);
    if (problems.has_errors()) {
        session.fail(k_exit_invalid, problems);
    }
    if (channels.empty()) {
        session.fail(k_exit_usage, msg("notify.no_channels"));
    }
    const auto context = session.context();
    if (options.digest) {
        const auto today = context.zone.local_date(context.now);
        const auto working = context.calendar.is_working_day(today);
        const auto* is = std::get_if<bool>(&working);
        if (is != nullptr && !*is) {
            if (options.format == OutputFormat::json) {
                util::JsonWriter w;
                w.begin_object().key("working_day").value(false).key("channels").begin_array();
                w.end_array().end_object();
                session.out() << w.str();
            } else {
                session.out() << session.tr(msg("notify.not_working_day", time::format_date(today)))
                              << '\n';
            }
            return;
        }
    }
    const auto requests = session.load_all_requests();
    const auto notices = options.digest ? digest(session, requests)
                                        : notices_since(session, options.since, requests);
    auto log = store::SentLog::load(workspace.root());
    const auto sent = [&](const std::string& channel, const std::string& key) {
        return log.has(channel, key);
    };
    std::vector<std::string> unreached;
    const auto batches =
        rules::route_notices(notices, channels, workspace.roster(), sent, unreached);
    std::vector<Outgoing> outgoing;
    for (const auto& batch : batches) {
        outgoing.push_back(compose(session, batch, options.digest));
    }
    for (const auto& person : unreached) {
        session.warn(msg("notify.unreached", workspace.roster().display(person)));
    }
    if (options.dry_run) {
        print_dry_run(session, outgoing, unreached, options);
        return;
    }
    auto times = store::SendTimes::load(workspace.root());
    std::vector<ChannelReport> reports;
    for (const auto& out : outgoing) {
        reports.push_back(send(session, out, log, times, options));
    }
    bool failed = false;
    if (options.format == OutputFormat::json) {
        util::JsonWriter w;
        w.begin_object().key("channels").begin_array();
        for (const auto& report : reports) {
            w.begin_object();
            w.key("channel").value(report.channel).key("kind").value(report.kind);
            w.key("messages").value(report.messages).key("sent").value(report.sent);
            w.key("people").begin_array();
            for (const auto& person : report.people) {
                w.value(person);
            }
            w.end_array();
            w.key("error");
            if (report.error.empty()) {
                w.null();
            } else {
                w.value(report.error);
            }
            w.end_object();
            failed = failed || !report.error.empty();
        }
        w.end_array().end_object();
        session.out() << w.str();
    } else {
        for (const auto& report : reports) {
            if (report.error.empty()) {
                session.out() << session.tr(msg("notify.sent", report.channel, report.sent,
                                                people_text(report.people, workspace.roster())))
                              << '\n';
            } else {
                failed = true;
                session.err() << "collab: " << session.tr("severity.error") << ": "
                              << session.tr(msg("notify.failed", report.channel, report.error))
                              << '\n';
            }
        }
        if (reports.empty()) {
            session.out() << session.tr("notify.nothing") << '\n';
        }
    }
    if (failed) {
        throw Exit{k_exit_findings};
    }
}

} // namespace

void register_notify(Command& app, Session& session) {
    const auto lang = session.lang();
    const auto tr = [lang](const char* id) {
        return i18n::text(lang, id);
    };
    auto options = std::make_shared<NotifyOptions>();
    auto* notify = app.add_subcommand("notify", tr("help.notify"));
    notify->add_option("--since", options->since, tr("help.opt_notify_since"))->type_name("REV");
    notify->add_flag("--digest", options->digest, tr("help.opt_notify_digest"));
    notify->add_flag("--dry-run", options->dry_run, tr("help.opt_notify_dry_run"));
    notify->add_option("--timeout", options->timeout_seconds, tr("help.opt_notify_timeout"))
        ->type_name("SECONDS")
        ->range(1, 300);
    notify->add_option("--retries", options->retries, tr("help.opt_notify_retries"))
        ->type_name("N")
        ->range(0, 10);
    add_format_option(*notify, session, options->format);
    notify->callback([&session, options] { run_notify(session, *options); });
}

} // namespace collab::cli
