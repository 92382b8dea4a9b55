#include <algorithm>
#include <collab/notify/bot_message.hpp>
#include <collab/util/base64.hpp>
#include <collab/util/hmac.hpp>
#include <collab/util/json_writer.hpp>
#include <collab/util/text.hpp>
#include <collab/util/utf8.hpp>

namespace collab::notify {

using i18n::msg;
using model::ChannelKind;

Limits limits_of(ChannelKind kind) {
    switch (kind) {
    case ChannelKind::feishu:
        // 100 requests a minute and 5 a second per bot; a body of at most 20 KB.
        return {100, 5, 18000};
    case ChannelKind::dingtalk:
        // 20 messages a minute per robot (more is blocked for 10 minutes).
        return {20, 1, 18000};
    case ChannelKind::wecom:
        // 20 messages a minute per bot; markdown content of at most 4096 bytes.
        return {20, 1, 4000};
    case ChannelKind::email:
        return {60, 1, 100000};
    }
    return {};
}

bool is_link_line(const std::string& line) {
    return (line.rfind("https://", 0) == 0 || line.rfind("http://", 0) == 0) &&
           line.find_first_of(" \t\n") == std::string::npos;
}

std::size_t max_message_bytes(ChannelKind kind, model::MessageForm form) {
    // A post or a card wraps every line in JSON (about 60 bytes each, pretty-printed):
    // its text gets well under half of Feishu's 20 KB.
    if (kind == ChannelKind::feishu && form != model::MessageForm::text) {
        return 7000;
    }
    return limits_of(kind).max_bytes;
}

namespace {

std::size_t block_bytes(const Block& block) {
    std::size_t size = block.name.size() + block.mention.size() + block.link.size() + 32;
    for (const auto& line : block.lines) {
        size += line.size() + 8;
    }
    return size;
}

// The longest prefix of `text` within `bytes` that ends at a character boundary.
std::string cut_utf8(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    auto end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

} // namespace

std::vector<Composed> split_to_fit(const Composed& message, std::size_t max_bytes) {
    std::vector<Composed> parts;
    Composed current{message.title, {}, message.locale};
    std::size_t size = message.title.size();
    for (auto block : message.blocks) {
        const auto room =
            max_bytes > message.title.size() + 64 ? max_bytes - message.title.size() - 64 : 64;
        if (block_bytes(block) > room) {
            std::vector<std::string> kept;
            std::size_t used = block.name.size() + block.mention.size() + 32;
            for (const auto& line : block.lines) {
                if (used + line.size() + 8 > room) {
                    kept.push_back("…");
                    break;
                }
                used += line.size() + 8;
                kept.push_back(line);
            }
            if (kept.empty() || kept.front() == "…") {
                kept = {cut_utf8(block.lines.empty() ? "" : block.lines.front(), room / 2) + "…"};
            }
            block.lines = std::move(kept);
        }
        const auto bytes = block_bytes(block);
        if (!current.blocks.empty() && size + bytes > max_bytes) {
            parts.push_back(std::move(current));
            current = Composed{message.title, {}, message.locale};
            size = message.title.size();
        }
        size += bytes;
        current.blocks.push_back(std::move(block));
    }
    if (!current.blocks.empty()) {
        parts.push_back(std::move(current));
    }
    return parts;
}

std::string feishu_sign(const std::string& secret, long long timestamp_seconds) {
    return util::base64_encode(
        util::hmac_sha256(std::to_string(timestamp_seconds) + "\n" + secret, ""));
}

std::string dingtalk_sign(const std::string& secret, long long timestamp_ms) {
    return util::base64_encode(
        util::hmac_sha256(secret, std::to_string(timestamp_ms) + "\n" + secret));
}

namespace {

// Feishu text: `<at user_id="ou_...">Name</at>` mentions.
std::string feishu_text(const Composed& message) {
    std::string text = message.title + "\n";
    for (const auto& block : message.blocks) {
        text += "\n";
        if (!block.mention.empty()) {
            text += "<at user_id=\"" + block.mention + "\">" + block.name + "</at>";
        } else {
            text += block.name;
        }
        text += (block.link.empty() ? "" : " " + block.link) + "\n";
        for (const auto& line : block.lines) {
            text += line + "\n";
        }
    }
    return text;
}

// A Feishu rich-text post's `content`: `{"post": {"zh_cn": {"title", "content": [[...]]}}}`,
// a paragraph per line; a mention is `{"tag": "at", "user_id"}`, a link `{"tag": "a"}`.
void write_post_content(util::JsonWriter& w, const Composed& message) {
    const auto text_element = [&w](const std::string& text) {
        w.begin_object().key("tag").value("text").key("text").value(text).end_object();
    };
    const auto link_element = [&w](const std::string& url) {
        w.begin_object().key("tag").value("a").key("text").value(url).key("href").value(url);
        w.end_object();
    };
    w.begin_object().key("post").begin_object().key(message.locale).begin_object();
    w.key("title").value(message.title);
    w.key("content").begin_array();
    for (const auto& block : message.blocks) {
        w.begin_array();
        if (!block.mention.empty()) {
            w.begin_object().key("tag").value("at").key("user_id").value(block.mention);
            w.key("user_name").value(block.name).end_object();
        } else {
            text_element(block.name);
        }
        if (!block.link.empty()) {
            text_element(" ");
            link_element(block.link);
        }
        w.end_array();
        for (const auto& line : block.lines) {
            w.begin_array();
            if (is_link_line(line)) {
                link_element(line);
            } else {
                text_element(line);
            }
            w.end_array();
        }
    }
    w.end_array().end_object().end_object().end_object();
}

// A Feishu message card (msg_type interactive): a header with the title, a lark_md
// section per person, mentioned as `<at id=ou_...></at>`, and a rule between people.
void write_card(util::JsonWriter& w, const Composed& message) {
    w.begin_object();
    w.key("config").begin_object().key("wide_screen_mode").value(true).end_object();
    w.key("header").begin_object().key("title").begin_object();
    w.key("tag").value("plain_text").key("content").value(message.title);
    w.end_object().end_object();
    w.key("elements").begin_array();
    bool first = true;
    for (const auto& block : message.blocks) {
        if (!first) {
            w.begin_object().key("tag").value("hr").end_object();
        }
        first = false;
        std::string text =
            block.mention.empty() ? "**" + block.name + "**" : "<at id=" + block.mention + "></at>";
        if (!block.link.empty()) {
            text += " [" + block.link + "](" + block.link + ")";
        }
        for (const auto& line : block.lines) {
            text += "\n" + (is_link_line(line) ? "[" + line + "](" + line + ")" : line);
        }
        w.begin_object().key("tag").value("div").key("text").begin_object();
        w.key("tag").value("lark_md").key("content").value(text).end_object().end_object();
    }
    w.end_array().end_object();
}

// DingTalk markdown: "@mobile" in the text and the id in `at`.
std::string dingtalk_text(const Composed& message) {
    std::string text = "### " + message.title + "\n";
    for (const auto& block : message.blocks) {
        text += "\n**" + block.name + "**";
        if (!block.mention.empty()) {
            text += " @" + block.mention;
        }
        if (!block.link.empty()) {
            text += " [" + block.link + "](" + block.link + ")";
        }
        text += "\n\n";
        for (const auto& line : block.lines) {
            text += "> " + (is_link_line(line) ? "[" + line + "](" + line + ")" : line) + "\n\n";
        }
    }
    return text;
}

// WeCom markdown: `<@userid>` mentions.
std::string wecom_text(const Composed& message) {
    std::string text = "**" + message.title + "**\n";
    for (const auto& block : message.blocks) {
        text += "\n";
        if (!block.mention.empty()) {
            text += "<@" + block.mention + "> ";
        }
        text += "**" + block.name + "**";
        if (!block.link.empty()) {
            text += " [" + block.link + "](" + block.link + ")";
        }
        text += "\n";
        for (const auto& line : block.lines) {
            text += "> " + (is_link_line(line) ? "[" + line + "](" + line + ")" : line) + "\n";
        }
    }
    return text;
}

bool all_digits(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '+' || c == '-';
    });
}

} // namespace

std::string message_text(const Composed& message, ChannelKind kind, model::MessageForm form) {
    switch (kind) {
    case ChannelKind::feishu:
        if (form != model::MessageForm::text) {
            util::JsonWriter w;
            if (form == model::MessageForm::post) {
                write_post_content(w, message);
            } else {
                write_card(w, message);
            }
            return std::move(w).str();
        }
        return feishu_text(message);
    case ChannelKind::dingtalk:
        return dingtalk_text(message);
    case ChannelKind::wecom:
        return wecom_text(message);
    case ChannelKind::email:
        break;
    }
    std::string text = message.title + "\n";
    for (const auto& block : message.blocks) {
        text += "\n" + block.name + (block.link.empty() ? "" : " " + block.link) + "\n";
        for (const auto& line : block.lines) {
            text += line + "\n";
        }
    }
    return text;
}

std::string mail_html(const Composed& message) {
    const auto escape = [](const std::string& text) {
        return util::xml_escape(text);
    };
    std::string html = "<html><body><h3>" + escape(message.title) + "</h3>\n";
    for (const auto& block : message.blocks) {
        html += "<p><b>" + escape(block.name) + "</b>";
        if (!block.link.empty()) {
            html += " <a href=\"" + escape(block.link) + "\">" + escape(block.link) + "</a>";
        }
        html += "</p>\n<ul>\n";
        for (const auto& line : block.lines) {
            if (is_link_line(line)) {
                html += "<li><a href=\"" + escape(line) + "\">" + escape(line) + "</a></li>\n";
            } else if (line.rfind("$ ", 0) == 0) {
                html += "<li><code>" + escape(line) + "</code></li>\n";
            } else {
                html += "<li>" + escape(line) + "</li>\n";
            }
        }
        html += "</ul>\n";
    }
    return html + "</body></html>\n";
}

HttpPost bot_request(const Composed& message, ChannelKind kind, const std::string& url,
                     const std::string& secret, long long now_ms, model::MessageForm form) {
    HttpPost post{url, {}};
    util::JsonWriter w;
    w.begin_object();
    switch (kind) {
    case ChannelKind::feishu:
        if (!secret.empty()) {
            const auto seconds = now_ms / 1000;
            w.key("timestamp").value(std::to_string(seconds));
            w.key("sign").value(feishu_sign(secret, seconds));
        }
        switch (form) {
        case model::MessageForm::text:
            w.key("msg_type").value("text");
            w.key("content").begin_object().key("text").value(feishu_text(message)).end_object();
            break;
        case model::MessageForm::post:
            w.key("msg_type").value("post");
            w.key("content");
            write_post_content(w, message);
            break;
        case model::MessageForm::card:
            // A custom bot takes the card itself under "card", not in "content".
            w.key("msg_type").value("interactive");
            w.key("card");
            write_card(w, message);
            break;
        }
        break;
    case ChannelKind::dingtalk: {
        w.key("msgtype").value("markdown");
        w.key("markdown").begin_object();
        w.key("title").value(message.title);
        w.key("text").value(dingtalk_text(message));
        w.end_object();
        w.key("at").begin_object();
        w.key("atMobiles").begin_array();
        for (const auto& block : message.blocks) {
            if (all_digits(block.mention)) {
                w.value(block.mention);
            }
        }
        w.end_array();
        w.key("atUserIds").begin_array();
        for (const auto& block : message.blocks) {
            if (!block.mention.empty() && !all_digits(block.mention)) {
                w.value(block.mention);
            }
        }
        w.end_array();
        w.key("isAtAll").value(false);
        w.end_object();
        if (!secret.empty()) {
            post.url += (url.find('?') == std::string::npos ? "?" : "&");
            post.url += "timestamp=" + std::to_string(now_ms) +
                        "&sign=" + util::url_encode(dingtalk_sign(secret, now_ms));
        }
        break;
    }
    case ChannelKind::wecom:
        w.key("msgtype").value("markdown");
        w.key("markdown").begin_object().key("content").value(wecom_text(message)).end_object();
        break;
    case ChannelKind::email:
        w.key("text").value(message_text(message, kind));
        break;
    }
    w.end_object();
    post.body = std::move(w).str();
    return post;
}

std::string fill_url(const std::string& url,
                     const std::function<std::optional<std::string>(const std::string&)>& lookup,
                     std::vector<std::string>& missing) {
    std::string out;
    std::size_t at = 0;
    while (at < url.size()) {
        const auto open = url.find("${", at);
        const auto close = open == std::string::npos ? open : url.find('}', open);
        if (close == std::string::npos) {
            out += url.substr(at);
            break;
        }
        out += url.substr(at, open - at);
        const auto name = url.substr(open + 2, close - open - 2);
        if (auto value = lookup(name); value && !value->empty()) {
            out += *value;
        } else {
            missing.push_back(name);
        }
        at = close + 1;
    }
    return out;
}

namespace {

// The integer after `"key":` in a JSON text, if any.
std::optional<long long> json_int(const std::string& body, const std::string& key) {
    const auto at = body.find("\"" + key + "\"");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    auto pos = body.find(':', at);
    if (pos == std::string::npos) {
        return std::nullopt;
    }
    ++pos;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\n' || body[pos] == '\t')) {
        ++pos;
    }
    bool negative = false;
    if (pos < body.size() && body[pos] == '-') {
        negative = true;
        ++pos;
    }
    long long value = 0;
    bool digits = false;
    while (pos < body.size() && body[pos] >= '0' && body[pos] <= '9' && value < 1000000000000LL) {
        value = value * 10 + (body[pos++] - '0');
        digits = true;
    }
    if (!digits) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

// The string after `"key":`, without unescaping beyond \" (messages are short ASCII).
std::string json_text(const std::string& body, const std::string& key) {
    const auto at = body.find("\"" + key + "\"");
    if (at == std::string::npos) {
        return {};
    }
    auto open = body.find('"', body.find(':', at));
    if (open == std::string::npos) {
        return {};
    }
    std::string out;
    for (auto pos = open + 1; pos < body.size() && out.size() < 300; ++pos) {
        if (body[pos] == '\\' && pos + 1 < body.size()) {
            out += body[++pos];
        } else if (body[pos] == '"') {
            break;
        } else {
            out += body[pos];
        }
    }
    return util::escape_controls(out);
}

} // namespace

Answer read_answer(ChannelKind kind, long http_status, const std::string& body,
                   const std::string& transport_error) {
    Answer answer;
    if (http_status == 0) {
        answer.reason = msg("notify.answer.no_answer", transport_error);
        return answer;
    }
    std::optional<long long> code;
    if (kind == ChannelKind::feishu) {
        code = json_int(body, "code");
        if (!code) {
            code = json_int(body, "StatusCode");
        }
        answer.message = json_text(body, "msg");
        if (answer.message.empty()) {
            answer.message = json_text(body, "StatusMessage");
        }
    } else {
        code = json_int(body, "errcode");
        answer.message = json_text(body, "errmsg");
    }
    const bool limited_code = code && ((kind == ChannelKind::feishu && *code == 11232) ||
                                       (kind == ChannelKind::dingtalk && *code == 130101) ||
                                       (kind == ChannelKind::wecom && *code == 45009));
    if (http_status == 429 || limited_code) {
        answer.outcome = Outcome::rate_limited;
        answer.code = code.value_or(http_status);
        answer.reason = msg("notify.answer.rate_limited", answer.code, answer.message);
        return answer;
    }
    if (http_status >= 500 || !code) {
        answer.code = code.value_or(-1);
        answer.reason = msg("notify.answer.http", http_status);
        return answer;
    }
    answer.code = *code;
    if (*code == 0) {
        answer.outcome = Outcome::sent;
        return answer;
    }
    answer.outcome = Outcome::refused;
    std::string why = "notify.answer.refused";
    if (kind == ChannelKind::feishu && *code == 19021) {
        why = "notify.answer.bad_sign";
    } else if (kind == ChannelKind::feishu && *code == 19024) {
        why = "notify.answer.keyword";
    } else if (kind == ChannelKind::feishu && *code == 19022) {
        why = "notify.answer.ip";
    } else if (kind == ChannelKind::dingtalk && *code == 310000) {
        if (answer.message.find("sign") != std::string::npos) {
            why = "notify.answer.bad_sign";
        } else if (answer.message.find("keyword") != std::string::npos) {
            why = "notify.answer.keyword";
        } else if (answer.message.find("ip") != std::string::npos) {
            why = "notify.answer.ip";
        }
    }
    answer.reason = msg(why, *code, answer.message);
    return answer;
}

} // namespace collab::notify
