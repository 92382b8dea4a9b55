// collab.yaml `notify:` and people.yaml `mention:`: channels read with their fields, and
// every literal secret refused at its line, naming the field.
#include "fixtures.hpp"

#include <collab/model/config.hpp>
#include <collab/model/roster.hpp>
#include <doctest/doctest.h>

namespace test_notify_settings {

namespace {

using namespace collab;
using fixtures::Lines;

fixtures::ConfigRead read(std::string_view text) {
    return fixtures::read_config_text(text);
}

} // namespace

TEST_CASE("notify channels are read with their kind, URL, secret variable and audience") {
    const auto result = read("name: w\n"
                             "notify:\n"
                             "  channels:\n"
                             "    - name: tech\n"
                             "      kind: feishu\n"
                             "      url: https://open.feishu.cn/open-apis/bot/v2/hook/"
                             "${COLLAB_FEISHU_TOKEN}\n"
                             "      secret_env: COLLAB_FEISHU_SECRET\n"
                             "      departments: [tech]\n"
                             "    - name: ops\n"
                             "      kind: dingtalk\n"
                             "      url: https://oapi.dingtalk.com/robot/send?access_token="
                             "${DING_TOKEN}\n"
                             "      keyword: collab\n"
                             "      people: [li, wang]\n");
    CHECK(result.diagnostics == Lines{});
    REQUIRE(result.config.has_value());
    const auto& channels = result.config->notify;
    REQUIRE(channels.size() == 2);
    CHECK(channels[0].name == "tech");
    CHECK(channels[0].kind == model::ChannelKind::feishu);
    CHECK(channels[0].secret_env == "COLLAB_FEISHU_SECRET");
    CHECK(channels[0].departments == std::vector<std::string>{"tech"});
    CHECK(channels[1].kind == model::ChannelKind::dingtalk);
    CHECK(channels[1].keyword == "collab");
    CHECK(channels[1].people == std::vector<std::string>{"li", "wang"});
    CHECK(model::url_placeholders(channels[1].url) == std::vector<std::string>{"DING_TOKEN"});
}

TEST_CASE("a literal secret in collab.yaml is refused at its line, naming the field") {
    const auto result =
        read("name: w\n"                                                       // 1
             "notify:\n"                                                       // 2
             "  channels:\n"                                                   // 3
             "    - name: a\n"                                                 // 4
             "      kind: dingtalk\n"                                          // 5
             "      url: https://oapi.dingtalk.com/robot/send?access_token=\n" // 6
             "      secret: SEC0123456789abcdef0123456789abcdef\n"             // 7
             "      people: [li]\n"                                            // 8
             "    - name: b\n"                                                 // 9
             "      kind: feishu\n"                                            // 10
             "      url: https://open.feishu.cn/open-apis/bot/v2/hook/"
             "5e3d587e-d78e-4a07-bd07-265f269f86fd\n"                                 // 11
             "      people: [li]\n"                                                   // 12
             "    - name: c\n"                                                        // 13
             "      kind: wecom\n"                                                    // 14
             "      url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${K}\n" // 15
             "      secret_env: SECa1b2c3d4e5f60718293a4b5c6d7e8f90\n"                // 16
             "      people: [li]\n");                                                 // 17
    CHECK_FALSE(result.config.has_value());
    CHECK(result.diagnostics ==
          Lines{"collab.yaml:7:15: error: field 'secret': a secret is never written in a tracked "
                "file; put it in an environment variable (a CI secret) and name that variable "
                "with 'secret_env'",
                "collab.yaml:11:12: error: field 'url': the URL holds a token; write ${NAME} in "
                "its place and set the environment variable NAME, e.g. "
                "https://open.feishu.cn/open-apis/bot/v2/hook/${COLLAB_FEISHU_TOKEN}",
                "collab.yaml:16:19: error: field 'secret_env': this looks like the secret itself; "
                "write the NAME of the environment variable that holds it, e.g. "
                "COLLAB_FEISHU_SECRET"});
}

TEST_CASE("a channel without kind, audience or a usable URL is an error at the channel") {
    const auto result = read("name: w\n"
                             "notify:\n"
                             "  channels:\n"
                             "    - name: a\n"
                             "      kind: slack\n"
                             "      url: https://x\n"
                             "      people: [li]\n"
                             "    - name: b\n"
                             "      kind: email\n"
                             "      url: https://x\n"
                             "      from: collab@example.com\n"
                             "      people: [li]\n"
                             "    - name: c\n"
                             "      kind: feishu\n"
                             "      url: http://127.0.0.1:8080/hook/abc\n");
    CHECK_FALSE(result.config.has_value());
    CHECK(result.diagnostics ==
          Lines{"collab.yaml:5:13: error: kind 'slack' must be feishu, dingtalk, wecom or email",
                "collab.yaml:10:12: error: field 'url': a email channel needs an http:// or "
                "https:// URL "
                "(smtp:// or smtps:// for email)",
                "collab.yaml:13:7: error: channel 'c' serves nobody; list its 'departments' or "
                "'people'"});
}

TEST_CASE("a Feishu channel's message form; an email channel's TLS and CA file") {
    const auto result = read("name: w\n"
                             "site_url: https://collab.example.com/cs/\n"
                             "notify:\n"
                             "  channels:\n"
                             "    - name: f\n"
                             "      kind: feishu\n"
                             "      url: https://open.feishu.cn/open-apis/bot/v2/hook/${T}\n"
                             "      message: card\n"
                             "      people: [li]\n"
                             "    - name: relay\n"
                             "      kind: email\n"
                             "      url: smtp://127.0.0.1:25\n"
                             "      from: collab@example.com\n"
                             "      tls: none\n"
                             "      people: [li]\n"
                             "    - name: mail\n"
                             "      kind: email\n"
                             "      url: smtps://smtp.example.com:465\n"
                             "      from: collab@example.com\n"
                             "      ca_file: certs/private-ca.pem\n"
                             "      people: [li]\n");
    CHECK(result.diagnostics == Lines{});
    REQUIRE(result.config.has_value());
    const auto& channels = result.config->notify;
    REQUIRE(channels.size() == 3);
    CHECK(channels[0].message == model::MessageForm::card);
    CHECK(channels[1].tls == model::MailTls::none);
    CHECK(channels[2].tls == model::MailTls::required);
    CHECK(channels[2].ca_file == "certs/private-ca.pem");
    CHECK(result.config->site_url == "https://collab.example.com/cs");
    CHECK(model::request_page(*result.config, "R-7KQ2XM") ==
          "https://collab.example.com/cs/requests/R-7KQ2XM.html");
    CHECK(model::person_page(*result.config, "li") ==
          "https://collab.example.com/cs/people/li.html");
    model::Config bare;
    CHECK(model::request_page(bare, "R-7KQ2XM").empty());
}

TEST_CASE("mail in clear only to this machine; forms and sites that are not are refused") {
    const auto result = read("name: w\n"                                         // 1
                             "site_url: ftp://example.com\n"                     // 2
                             "notify:\n"                                         // 3
                             "  channels:\n"                                     // 4
                             "    - name: relay\n"                               // 5
                             "      kind: email\n"                               // 6
                             "      url: smtp://mail.example.com:25\n"           // 7
                             "      from: collab@example.com\n"                  // 8
                             "      tls: none\n"                                 // 9
                             "      people: [li]\n"                              // 10
                             "    - name: ding\n"                                // 11
                             "      kind: dingtalk\n"                            // 12
                             "      url: https://oapi.dingtalk.com/robot/send\n" // 13
                             "      message: card\n"                             // 14
                             "      people: [li]\n"                              // 15
                             "    - name: f\n"                                   // 16
                             "      kind: feishu\n"                              // 17
                             "      url: https://open.feishu.cn/hook/${T}\n"     // 18
                             "      message: markdown\n"                         // 19
                             "      people: [li]\n"                              // 20
                             "    - name: s\n"                                   // 21
                             "      kind: email\n"                               // 22
                             "      url: smtp://[::1]:25\n"                      // 23
                             "      from: collab@example.com\n"                  // 24
                             "      tls: off\n"                                  // 25
                             "      people: [li]\n");                            // 26
    CHECK_FALSE(result.config.has_value());
    CHECK(result.diagnostics ==
          Lines{"collab.yaml:9:12: error: field 'tls': none sends mail readable by anyone on the "
                "network, so it is allowed only for a relay on this machine (localhost, "
                "127.0.0.1 or ::1), not 'mail.example.com'; remove it and let the server offer "
                "STARTTLS, or use smtps://",
                "collab.yaml:14:16: error: field 'message': only a feishu channel has a choice of "
                "message form; remove it",
                "collab.yaml:19:16: error: field 'message': 'markdown' must be text, post (rich "
                "text) or card (a message card)",
                "collab.yaml:25:12: error: field 'tls': 'off' must be required (the default) or "
                "none",
                "collab.yaml:2:11: error: site_url 'ftp://example.com' must be the http:// or "
                "https:// address of the published site, with a host and no query, e.g. "
                "https://collab.example.com/cs"});
    CHECK(model::url_host("smtp://user@[::1]:25/x") == "::1");
    CHECK(model::url_host("smtp://127.0.0.1:2525") == "127.0.0.1");
    CHECK(model::is_loopback_host("127.1.2.3"));
    CHECK(model::is_loopback_host("localhost"));
    CHECK_FALSE(model::is_loopback_host("127.0.0.1.example.com"));
    CHECK_FALSE(model::is_loopback_host("10.0.0.1"));
}

TEST_CASE("secrets look like secrets; variable names do not") {
    CHECK(model::looks_like_secret("SEC0123456789abcdef0123"));
    CHECK(model::looks_like_secret("5e3d587e-d78e-4a07-bd07-265f269f86fd"));
    CHECK(model::looks_like_secret("nIMtb7r3N9pkXyXdtAbx6e"));
    CHECK_FALSE(model::looks_like_secret("COLLAB_FEISHU_SECRET_2026"));
    CHECK_FALSE(model::looks_like_secret("hook"));
    CHECK_FALSE(model::looks_like_secret("open-apis"));
    CHECK(model::is_env_name("COLLAB_FEISHU_SECRET"));
    CHECK_FALSE(model::is_env_name("collab"));
    CHECK_FALSE(model::is_env_name("1ABC"));
}

TEST_CASE("people.yaml mention ids per platform; email falls back to the address") {
    const auto node = fixtures::parse_yaml("departments:\n"
                                           "  - id: tech\n"
                                           "people:\n"
                                           "  - id: li\n"
                                           "    name: 李华\n"
                                           "    email: li@example.com\n"
                                           "    department: tech\n"
                                           "    mention:\n"
                                           "      feishu: ou_li\n"
                                           "      dingtalk: \"13800000001\"\n"
                                           "      wecom: LiHua\n"
                                           "  - id: wang\n"
                                           "    name: 王芳\n"
                                           "    department: tech\n",
                                           "people.yaml");
    Diagnostics out;
    const auto roster = model::read_roster(node, "people.yaml", out);
    CHECK(fixtures::rendered(out) == Lines{});
    REQUIRE(roster.has_value());
    const auto* li = roster->find("li");
    CHECK(li->mention_id("feishu") == "ou_li");
    CHECK(li->mention_id("dingtalk") == "13800000001");
    CHECK(li->mention_id("wecom") == "LiHua");
    CHECK(li->mention_id("email") == "li@example.com");
    CHECK(roster->find("wang")->mention_id("feishu").empty());
}

} // namespace test_notify_settings
