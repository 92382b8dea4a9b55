// What collab notify sends each platform: signatures (checked against values computed
// independently, with Python's hmac module), bodies with mentions, size limits, and the
// reading of each platform's answer.
#include "fixtures.hpp"

#include <collab/notify/bot_message.hpp>
#include <collab/util/hmac.hpp>
#include <doctest/doctest.h>

namespace test_notify_message {

namespace {

using namespace collab;
using namespace collab::notify;
using model::ChannelKind;

Composed sample() {
    return {"collab: 1 to act",
            {{"李华", "ou_li", {"R-1 \"Faster replies\": review it", "$ collab review R-1"}, ""},
             {"王强", "", {"R-1: sign", "$ collab sign R-1"}, ""}},
            "zh_cn"};
}

} // namespace

TEST_CASE("Feishu and DingTalk signatures as the platforms compute them") {
    CHECK(feishu_sign("s3cr3t", 1599360473) == "FWybWOj9zQpX2vSqsqPBAll39NxHPOckCTILwEDNjzM=");
    CHECK(dingtalk_sign("s3cr3t", 1599360473000) == "4w3yzfInWe8pTFtE9Wn5i9mX2NGfwDdObJnayqZKBgk=");
    CHECK(util::url_encode("a+b/c=") == "a%2Bb%2Fc%3D");
}

TEST_CASE("a signed Feishu body carries timestamp, sign and the mentions") {
    const auto post =
        bot_request(sample(), ChannelKind::feishu, "https://h/hook/x", "s3cr3t", 1599360473123);
    CHECK(post.url == "https://h/hook/x");
    CHECK(post.body.find("\"timestamp\": \"1599360473\"") != std::string::npos);
    CHECK(post.body.find("\"sign\": \"FWybWOj9zQpX2vSqsqPBAll39NxHPOckCTILwEDNjzM=\"") !=
          std::string::npos);
    CHECK(post.body.find("\"msg_type\": \"text\"") != std::string::npos);
    CHECK(post.body.find("<at user_id=\\\"ou_li\\\">李华</at>") != std::string::npos);
    // Unsigned: neither field.
    const auto plain = bot_request(sample(), ChannelKind::feishu, "https://h/hook/x", "", 1);
    CHECK(plain.body.find("\"sign\"") == std::string::npos);
    CHECK(plain.body.find("\"timestamp\"") == std::string::npos);
}

TEST_CASE("a Feishu post: paragraphs of text, an at element per mention, links as a") {
    auto message = sample();
    message.locale = "en_us";
    message.blocks[0].lines.push_back("https://site.example/requests/R-1.html");
    const auto post = bot_request(message, ChannelKind::feishu, "https://h/hook/x", "s3cr3t",
                                  1599360473123, model::MessageForm::post);
    CHECK(post.body.find("\"sign\": \"FWybWOj9zQpX2vSqsqPBAll39NxHPOckCTILwEDNjzM=\"") !=
          std::string::npos);
    CHECK(post.body.find("\"msg_type\": \"post\"") != std::string::npos);
    CHECK(post.body.find("\"content\": {\n    \"post\": {\n      \"en_us\": {\n        "
                         "\"title\": \"collab: 1 to act\"") != std::string::npos);
    CHECK(post.body.find("\"tag\": \"at\",\n              \"user_id\": \"ou_li\"") !=
          std::string::npos);
    CHECK(post.body.find("\"tag\": \"a\",\n              \"text\": "
                         "\"https://site.example/requests/R-1.html\",\n              \"href\": "
                         "\"https://site.example/requests/R-1.html\"") != std::string::npos);
    // Without a mention id the name is text.
    CHECK(post.body.find("\"text\": \"王强\"") != std::string::npos);
    CHECK(post.body.find("<at") == std::string::npos);
}

TEST_CASE("a Feishu card: msg_type interactive, the card under card, <at id=...> in lark_md") {
    auto message = sample();
    message.blocks[0].link = "https://site.example/people/li.html";
    const auto post = bot_request(message, ChannelKind::feishu, "https://h/hook/x", "s3cr3t",
                                  1599360473123, model::MessageForm::card);
    CHECK(post.body.find("\"timestamp\": \"1599360473\"") != std::string::npos);
    CHECK(post.body.find("\"msg_type\": \"interactive\"") != std::string::npos);
    CHECK(post.body.find("\"card\": {") != std::string::npos);
    CHECK(post.body.find("\"content\": \"collab: 1 to act\"") != std::string::npos);
    CHECK(post.body.find("\"content\": \"<at id=ou_li></at> "
                         "[https://site.example/people/li.html](https://site.example/people/"
                         "li.html)\\nR-1 \\\"Faster replies\\\": review it\\n$ collab review "
                         "R-1\"") != std::string::npos);
    CHECK(post.body.find("\"tag\": \"hr\"") != std::string::npos);
    CHECK(post.body.find("\"content\": \"**王强**\\nR-1: sign") != std::string::npos);
    // The dry run shows the card itself.
    CHECK(message_text(message, ChannelKind::feishu, model::MessageForm::card)
              .find("\"tag\": \"lark_md\"") != std::string::npos);
    CHECK(is_link_line("https://x/y.html"));
    CHECK_FALSE(is_link_line("https://x/y.html and more"));
    CHECK_FALSE(is_link_line("$ collab review R-1"));
}

TEST_CASE("a signed DingTalk request signs the URL; mobiles and user ids go to at") {
    auto message = sample();
    message.blocks[1].mention = "13800000001";
    const auto post =
        bot_request(message, ChannelKind::dingtalk, "https://oapi/robot/send?access_token=t",
                    "s3cr3t", 1599360473000);
    CHECK(post.url == "https://oapi/robot/send?access_token=t&timestamp=1599360473000&sign="
                      "4w3yzfInWe8pTFtE9Wn5i9mX2NGfwDdObJnayqZKBgk%3D");
    CHECK(post.body.find("\"msgtype\": \"markdown\"") != std::string::npos);
    CHECK(post.body.find("\"atMobiles\": [\n      \"13800000001\"\n    ]") != std::string::npos);
    CHECK(post.body.find("\"atUserIds\": [\n      \"ou_li\"\n    ]") != std::string::npos);
    CHECK(post.body.find("@13800000001") != std::string::npos);
}

TEST_CASE("WeCom markdown mentions with <@userid>") {
    const auto post = bot_request(sample(), ChannelKind::wecom, "https://q/send?key=k", "", 1);
    CHECK(post.url == "https://q/send?key=k");
    CHECK(post.body.find("<@ou_li> **李华**") != std::string::npos);
}

TEST_CASE("a message over the size limit is split between people") {
    Composed big{"t", {}, "zh_cn"};
    for (int i = 0; i < 10; ++i) {
        big.blocks.push_back({"p" + std::to_string(i), "", {std::string(900, 'x')}, ""});
    }
    const auto parts = split_to_fit(big, limits_of(ChannelKind::wecom).max_bytes);
    REQUIRE(parts.size() == 3);
    CHECK(parts[0].blocks.size() == 4);
    CHECK(parts[2].blocks.size() == 2);
    for (const auto& part : parts) {
        CHECK(message_text(part, ChannelKind::wecom).size() <= 4096);
    }
    // One block alone too large is cut, never dropped.
    Composed huge{"t", {{"p", "", {std::string(3000, 'x'), std::string(3000, 'y')}, ""}}, "zh_cn"};
    const auto cut = split_to_fit(huge, 4000);
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].blocks[0].lines.back() == "…");
}

TEST_CASE("each platform's answer: sent, rate limited, refused with the reason, failed") {
    CHECK(read_answer(ChannelKind::feishu, 200, R"({"code":0,"data":{},"msg":"success"})", "")
              .outcome == Outcome::sent);
    const auto bad_sign = read_answer(
        ChannelKind::feishu, 200,
        R"({"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"})",
        "");
    CHECK(bad_sign.outcome == Outcome::refused);
    CHECK(bad_sign.code == 19021);
    CHECK(bad_sign.reason.id == "notify.answer.bad_sign");
    CHECK(read_answer(ChannelKind::feishu, 200, R"({"code":11232,"msg":"frequency limited"})", "")
              .outcome == Outcome::rate_limited);
    CHECK(read_answer(ChannelKind::dingtalk, 200,
                      R"({"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"})",
                      "")
              .outcome == Outcome::rate_limited);
    const auto keyword = read_answer(
        ChannelKind::dingtalk, 200, R"({"errcode":310000,"errmsg":"keywords not in content"})", "");
    CHECK(keyword.outcome == Outcome::refused);
    CHECK(keyword.reason.id == "notify.answer.keyword");
    CHECK(read_answer(ChannelKind::wecom, 200,
                      R"({"errcode":45009,"errmsg":"api freq out of limit"})", "")
              .outcome == Outcome::rate_limited);
    CHECK(read_answer(ChannelKind::wecom, 200, R"({"errcode":0,"errmsg":"ok"})", "").outcome ==
          Outcome::sent);
    CHECK(read_answer(ChannelKind::wecom, 502, "Bad Gateway", "").outcome == Outcome::failed);
    CHECK(read_answer(ChannelKind::wecom, 0, "", "Timeout was reached").outcome == Outcome::failed);
}

TEST_CASE("URL placeholders are filled from the environment; missing ones are named") {
    std::vector<std::string> missing;
    const auto lookup = [](const std::string& name) -> std::optional<std::string> {
        if (name == "TOKEN") {
            return "abc";
        }
        return std::nullopt;
    };
    CHECK(fill_url("https://h/hook/${TOKEN}?x=${OTHER}", lookup, missing) ==
          "https://h/hook/abc?x=");
    CHECK(missing == std::vector<std::string>{"OTHER"});
}

} // namespace test_notify_message
