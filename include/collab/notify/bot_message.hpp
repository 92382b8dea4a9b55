#pragma once

#include <collab/i18n/message.hpp>
#include <collab/model/notify_settings.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// collab::notify: what `collab notify` sends, as each platform wants it. Pure: texts in,
// request bodies, signatures and the reading of the platform's answer out.
namespace collab::notify {

// One person's part of a message: their name, the id the platform mentions them by
// (empty: the name is written plain) and the lines of their notices.
struct Block {
    std::string name;
    std::string mention;
    std::vector<std::string> lines; // a line that is an http(s) URL is rendered as a link
    std::string link;               // the person's page (the digest), after their name
};

// True for a line that is a link: an http:// or https:// URL alone.
bool is_link_line(const std::string& line);

// One message to one channel: a title (carrying the bot's keyword, when it has one) and
// a block per person.
struct Composed {
    std::string title;
    std::vector<Block> blocks;
    // The language of the texts, for a Feishu rich-text post (`zh_cn` or `en_us`).
    std::string locale = "zh_cn";
};

// The documented limits of a platform's custom bot.
struct Limits {
    int per_minute = 20;
    int per_second = 1;
    std::size_t max_bytes = 4000; // of the message text
};
Limits limits_of(model::ChannelKind kind);

// The largest text a message may have on a channel: a Feishu post or card spends
// part of the platform's 20 KB on its JSON structure.
std::size_t max_message_bytes(model::ChannelKind kind, model::MessageForm form);

// Splits a message into as few messages as fit the platform's size limit, blocks kept
// whole where they fit; a block too large alone is cut at a line.
std::vector<Composed> split_to_fit(const Composed& message, std::size_t max_bytes);

// Feishu custom bot: Base64(HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an
// empty message); the timestamp in seconds.
std::string feishu_sign(const std::string& secret, long long timestamp_seconds);
// DingTalk custom robot: Base64(HMAC-SHA256 keyed by `secret` over `timestamp + "\n" +
// secret`), not yet URL-encoded; the timestamp in milliseconds.
std::string dingtalk_sign(const std::string& secret, long long timestamp_ms);

// The text of a message in the platform's markup, mentions included. A Feishu post is
// its `content` JSON, a card the card's JSON: exactly what is sent.
std::string message_text(const Composed& message, model::ChannelKind kind,
                         model::MessageForm form = model::MessageForm::text);

// The HTML part of a mail: the same text, escaped, a paragraph per person.
std::string mail_html(const Composed& message);

// What to POST: the URL (signed for DingTalk) and the JSON body (signed for Feishu).
struct HttpPost {
    std::string url;
    std::string body;
};
// `url` has its ${NAME} placeholders filled already; `secret` is empty without signing;
// `now_ms` is the clock in milliseconds since the epoch. `form` chooses a Feishu
// message's msg_type: text, post (rich text) or interactive (a card).
HttpPost bot_request(const Composed& message, model::ChannelKind kind, const std::string& url,
                     const std::string& secret, long long now_ms,
                     model::MessageForm form = model::MessageForm::text);

// Fills the `${NAME}` placeholders of a URL from `lookup`; the names it could not find
// are added to `missing`.
std::string fill_url(const std::string& url,
                     const std::function<std::optional<std::string>(const std::string&)>& lookup,
                     std::vector<std::string>& missing);

// How a platform answered a send.
enum class Outcome {
    sent,         // code 0
    rate_limited, // the platform's rate-limit code, or HTTP 429: retry after a pause
    refused,      // any other code (a wrong signature, keyword, IP): do not retry
    failed,       // no answer, a timeout, an HTTP 5xx or an unreadable body: retry
};
struct Answer {
    Outcome outcome = Outcome::failed;
    long long code = -1;  // Feishu `code`, DingTalk and WeCom `errcode`
    std::string message;  // the platform's `msg` / `errmsg`
    i18n::Message reason; // what it means, for the report
};
// Reads an HTTP answer (status 0: no answer, `transport_error` says why).
Answer read_answer(model::ChannelKind kind, long http_status, const std::string& body,
                   const std::string& transport_error);

} // namespace collab::notify
