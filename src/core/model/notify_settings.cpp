#include <algorithm>
#include <collab/model/notify_settings.hpp>
#include <collab/model/roster.hpp>

namespace collab::model {

using i18n::msg;

std::string_view channel_kind_name(ChannelKind kind) {
    switch (kind) {
    case ChannelKind::feishu:
        return "feishu";
    case ChannelKind::dingtalk:
        return "dingtalk";
    case ChannelKind::wecom:
        return "wecom";
    case ChannelKind::email:
        return "email";
    }
    return "feishu";
}

std::optional<ChannelKind> parse_channel_kind(std::string_view text) {
    for (auto kind :
         {ChannelKind::feishu, ChannelKind::dingtalk, ChannelKind::wecom, ChannelKind::email}) {
        if (text == channel_kind_name(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<MessageForm> parse_message_form(std::string_view text) {
    if (text == "text") {
        return MessageForm::text;
    }
    if (text == "post") {
        return MessageForm::post;
    }
    if (text == "card") {
        return MessageForm::card;
    }
    return std::nullopt;
}

std::string url_host(std::string_view url) {
    const auto scheme = url.find("://");
    auto rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        rest = rest.substr(at + 1);
    }
    if (!rest.empty() && rest.front() == '[') {
        return std::string(rest.substr(1, rest.find(']') - 1));
    }
    return std::string(rest.substr(0, rest.find(':')));
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1") {
        return true;
    }
    // 127.0.0.0/8 written as four decimal numbers.
    if (host.substr(0, 4) != "127.") {
        return false;
    }
    int dots = 0;
    for (char c : host) {
        if (c == '.') {
            ++dots;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return dots == 3 && host.back() != '.';
}

bool is_env_name(std::string_view text) {
    if (text.empty() || text.size() > 64 || (text.front() >= '0' && text.front() <= '9')) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

bool looks_like_secret(std::string_view text) {
    if (is_env_name(text)) {
        return false;
    }
    const auto is_hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    // A DingTalk signing secret: "SEC" and 64 hex digits.
    if (text.size() >= 19 && text.substr(0, 3) == "SEC" &&
        std::all_of(text.begin() + 3, text.end(), is_hex)) {
        return true;
    }
    const bool token_chars = std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '+' || c == '/' || c == '=' || c == '.';
    });
    const bool digit =
        std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool letter = std::any_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    return text.size() >= 16 && token_chars && digit && letter;
}

std::vector<std::string> url_placeholders(std::string_view url) {
    std::vector<std::string> names;
    for (auto at = url.find("${"); at != std::string_view::npos; at = url.find("${", at + 2)) {
        const auto end = url.find('}', at);
        if (end == std::string_view::npos) {
            break;
        }
        names.emplace_back(url.substr(at + 2, end - at - 2));
    }
    return names;
}

namespace {

// The parts of a URL a token may hide in: each path segment and each query value, with
// the `${NAME}` placeholders taken out.
std::vector<std::string> url_parts(std::string_view url) {
    std::string text(url);
    for (auto at = text.find("${"); at != std::string::npos; at = text.find("${", at)) {
        const auto end = text.find('}', at);
        if (end == std::string::npos) {
            break;
        }
        text.erase(at, end - at + 1);
    }
    const auto scheme = text.find("://");
    if (scheme != std::string::npos) {
        text = text.substr(scheme + 3);
    }
    std::vector<std::string> parts;
    std::string part;
    for (char c : text) {
        if (c == '/' || c == '?' || c == '&' || c == '#') {
            parts.push_back(part);
            part.clear();
        } else if (c == '=') {
            part.clear(); // a query key is not a secret; its value is
        } else {
            part += c;
        }
    }
    parts.push_back(part);
    // The host (and any user:password@ before it) is the first part.
    if (!parts.empty() && parts.front().find('@') != std::string::npos) {
        parts.front() = "user:password@";
    }
    return parts;
}

void refuse_literal(yaml::MapReader& reader, std::string_view key) {
    if (const auto* node = reader.optional(key)) {
        reader.diagnostics().error(
            yaml::location(reader.path(), *node),
            msg("notify.literal_secret_key", key, std::string(key) + "_env"));
    }
}

std::string read_env_name(yaml::MapReader& reader, std::string_view key) {
    auto value = reader.optional_string(key);
    if (!value) {
        return {};
    }
    if (!is_env_name(*value)) {
        reader.diagnostics().error(yaml::location(reader.path(), *reader.optional(key)),
                                   looks_like_secret(*value)
                                       ? msg("notify.secret_in_env_field", key)
                                       : msg("notify.bad_env_name", key, *value));
        return {};
    }
    return *value;
}

// `message:`: a Feishu channel's form of message.
void read_channel_form(yaml::MapReader& reader, NotifyChannel& channel, bool& ok) {
    const auto form = reader.optional_string("message");
    if (!form) {
        return;
    }
    const auto at = yaml::location(reader.path(), *reader.optional("message"));
    if (channel.kind != ChannelKind::feishu) {
        reader.diagnostics().error(at, msg("notify.message_not_feishu"));
        ok = false;
    } else if (auto parsed = parse_message_form(*form)) {
        channel.message = *parsed;
    } else {
        reader.diagnostics().error(at, msg("notify.bad_message_form", *form));
        ok = false;
    }
}

// `tls:` and `ca_file:` of an email channel. Sending in clear is a choice made in the
// file, and only for a relay on this machine: a mail crossing a network is never sent
// readable by whoever is on the path.
void read_channel_tls(yaml::MapReader& reader, NotifyChannel& channel, bool& ok) {
    const auto tls = reader.optional_string("tls");
    const auto ca_file = reader.optional_string("ca_file");
    if ((tls || ca_file) && channel.kind != ChannelKind::email) {
        const auto* node = reader.optional(tls ? "tls" : "ca_file");
        reader.diagnostics().error(yaml::location(reader.path(), *node),
                                   msg("notify.tls_not_email", tls ? "tls" : "ca_file"));
        ok = false;
        return;
    }
    if (tls) {
        const auto at = yaml::location(reader.path(), *reader.optional("tls"));
        if (*tls == "required") {
            channel.tls = MailTls::required;
        } else if (*tls == "none") {
            channel.tls = MailTls::none;
            const auto host = url_host(channel.url);
            if (channel.url.rfind("smtps://", 0) == 0) {
                reader.diagnostics().error(at, msg("notify.tls_none_smtps"));
                ok = false;
            } else if (!is_loopback_host(host)) {
                reader.diagnostics().error(at, msg("notify.tls_none_remote", host));
                ok = false;
            }
        } else {
            reader.diagnostics().error(at, msg("notify.bad_tls", *tls));
            ok = false;
        }
    }
    if (ca_file) {
        channel.ca_file = *ca_file;
        if (ca_file->empty()) {
            reader.diagnostics().error(yaml::location(reader.path(), *reader.optional("ca_file")),
                                       msg("notify.empty_ca_file"));
            ok = false;
        }
    }
}

std::optional<NotifyChannel> read_channel(const yaml::Node& node, const std::string& path,
                                          Diagnostics& out) {
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return std::nullopt;
    }
    NotifyChannel channel;
    channel.where = yaml::location(path, node);
    channel.name = reader.required_string("name").value_or("");
    if (!channel.name.empty() && !is_valid_id(channel.name)) {
        out.error(yaml::location(path, *reader.optional("name")),
                  msg("notify.bad_channel_name", channel.name));
    }
    bool ok = !channel.name.empty();
    if (auto kind = reader.required_string("kind")) {
        if (auto parsed = parse_channel_kind(*kind)) {
            channel.kind = *parsed;
        } else {
            out.error(yaml::location(path, *reader.optional("kind")),
                      msg("notify.bad_kind", *kind));
            ok = false;
        }
    } else {
        ok = false;
    }
    if (auto url = reader.required_string("url")) {
        channel.url = *url;
        const auto* at = reader.optional("url");
        for (const auto& part : url_parts(*url)) {
            if (part == "user:password@" || looks_like_secret(part)) {
                out.error(yaml::location(path, *at), msg("notify.secret_in_url", "url"));
                ok = false;
                break;
            }
        }
        for (const auto& name : url_placeholders(*url)) {
            if (!is_env_name(name)) {
                out.error(yaml::location(path, *at), msg("notify.bad_env_name", "url", name));
                ok = false;
            }
        }
        const bool http = url->rfind("https://", 0) == 0 || url->rfind("http://", 0) == 0;
        const bool smtp = url->rfind("smtp://", 0) == 0 || url->rfind("smtps://", 0) == 0;
        if (ok && (channel.kind == ChannelKind::email ? !smtp : !http)) {
            out.error(yaml::location(path, *at),
                      msg("notify.bad_url", channel_kind_name(channel.kind)));
            ok = false;
        }
    } else {
        ok = false;
    }
    for (const auto* key : {"secret", "token", "password", "access_token", "key"}) {
        if (reader.optional(key) != nullptr) {
            refuse_literal(reader, key);
            ok = false;
        }
    }
    channel.secret_env = read_env_name(reader, "secret_env");
    channel.user_env = read_env_name(reader, "user_env");
    channel.password_env = read_env_name(reader, "password_env");
    channel.keyword = reader.optional_string("keyword").value_or("");
    channel.from = reader.optional_string("from").value_or("");
    channel.departments = reader.string_list("departments");
    channel.people = reader.string_list("people");
    if (const auto* at = reader.optional("departments")) {
        channel.departments_at = yaml::location(path, *at);
    }
    if (const auto* at = reader.optional("people")) {
        channel.people_at = yaml::location(path, *at);
    }
    read_channel_form(reader, channel, ok);
    read_channel_tls(reader, channel, ok);
    if (channel.kind == ChannelKind::email && channel.from.empty()) {
        out.error(channel.where, msg("notify.email_needs_from"));
        ok = false;
    }
    if (channel.departments.empty() && channel.people.empty()) {
        out.error(channel.where, msg("notify.serves_nobody", channel.name));
        ok = false;
    }
    reader.finish();
    if (!ok) {
        return std::nullopt;
    }
    return channel;
}

} // namespace

std::vector<NotifyChannel> read_notify_settings(const yaml::Node& node, const std::string& path,
                                                Diagnostics& out) {
    std::vector<NotifyChannel> channels;
    yaml::MapReader reader(node, path, out);
    if (!reader.is_map()) {
        return channels;
    }
    if (const auto* list = reader.required("channels")) {
        if (!list->is_sequence()) {
            out.error(yaml::location(path, *list), msg("roster.need_list", "channels"));
        } else {
            for (const auto& item : list->items()) {
                if (auto channel = read_channel(item, path, out)) {
                    const bool twice =
                        std::any_of(channels.begin(), channels.end(),
                                    [&](const auto& other) { return other.name == channel->name; });
                    if (twice) {
                        out.error(channel->where, msg("notify.duplicate_channel", channel->name));
                        continue;
                    }
                    channels.push_back(std::move(*channel));
                }
            }
        }
    }
    reader.finish();
    return channels;
}

} // namespace collab::model
