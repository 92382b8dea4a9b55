#pragma once

#include <collab/util/diagnostic.hpp>
#include <collab/yaml/map_reader.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::model {

// The platforms `collab notify` reaches: a Feishu custom bot, a DingTalk custom robot, a
// WeCom group bot, or email over SMTP.
enum class ChannelKind { feishu, dingtalk, wecom, email };
std::string_view channel_kind_name(ChannelKind kind);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);

// The form of a Feishu message (`message:` of a feishu channel): plain `text`, rich text
// (`post`, msg_type post) or a message card (`card`, msg_type interactive).
enum class MessageForm { text, post, card };
std::optional<MessageForm> parse_message_form(std::string_view text);

// How an email channel protects the connection (`tls:`): `required` (the default:
// STARTTLS for smtp://, TLS from the start for smtps://; never in clear) or `none` (a
// relay on this machine only: refused for any host but a loopback one).
enum class MailTls { required, none };

// One channel of collab.yaml `notify: channels:`. Nothing secret is written here: the
// webhook's token and the signing secret live in environment variables (CI variables)
// that the channel names; `url` may hold `${NAME}` placeholders filled from them.
struct NotifyChannel {
    std::string name; // an id: the sent-log and the output name the channel by it
    ChannelKind kind = ChannelKind::feishu;
    std::string url;        // https://... for the bots, smtp://host:port for email
    std::string secret_env; // the variable holding the signing secret (Feishu, DingTalk)
    std::string keyword;    // a bot's custom keyword: every message carries it
    std::vector<std::string> departments; // the departments whose people it serves
    std::vector<std::string> people;      // and these people, by roster id
    // email: the sender, and the variables holding the SMTP user and password.
    std::string from;
    std::string user_env;
    std::string password_env;
    MailTls tls = MailTls::required;
    // A PEM file of the certificate authorities to trust instead of the system's (a
    // private CA); relative to the workspace root, or absolute. Empty: the system's.
    std::string ca_file;
    MessageForm message = MessageForm::text; // feishu only
    SourceLocation where;
    SourceLocation departments_at;
    SourceLocation people_at;
};

// True for a name an environment variable may have: A-Z, 0-9 and '_', not starting with
// a digit, at most 64 characters.
bool is_env_name(std::string_view text);

// True when a text looks like a credential rather than a name: long runs of letters and
// digits mixed, a DingTalk "SEC..." secret, a token in a URL that is not `${NAME}`.
bool looks_like_secret(std::string_view text);

// The host of a URL: between "://" (and any "user@") and the port or path; an IPv6
// address without its brackets.
std::string url_host(std::string_view url);

// True for a host that is this machine: localhost, 127.0.0.0/8, ::1.
bool is_loopback_host(std::string_view host);

// The placeholders `${NAME}` of a URL, in order.
std::vector<std::string> url_placeholders(std::string_view url);

// Reads `notify:` of collab.yaml. A literal secret (a `secret`, `token` or `password`
// key, a token written into the URL, an `*_env` value that is not a variable name) is an
// error at its line naming the field, so that it never stays in a tracked file.
std::vector<NotifyChannel> read_notify_settings(const yaml::Node& node, const std::string& path,
                                                Diagnostics& out);

} // namespace collab::model
