// The message catalog: complete in both languages, ids unique, and every id the
// sources ask for present. The sources are scanned as text (COLLAB_SOURCE_DIR/src), so
// a new message that was not added to messages/*.inc fails here, not in front of a user.
#include <algorithm>
#include <cctype>
#include <collab/i18n/list.hpp>
#include <collab/i18n/message.hpp>
#include <collab/i18n/state_label.hpp>
#include <collab/rules/execution.hpp>
#include <collab/rules/request_status.hpp>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace test_catalog {

namespace {

namespace fs = std::filesystem;
using collab::i18n::has_message;

// The positional placeholders of a catalog text: {0}, {1}, ... ("{{" and "}}" are
// literal braces; a plural choice "{1|day|days}" counts as {1}).
std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> found;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "{{") == 0 || text.compare(i, 2, "}}") == 0) {
            ++i;
            continue;
        }
        if (text[i] != '{') {
            continue;
        }
        const auto close = text.find('}', i);
        if (close == std::string::npos) {
            found.insert("<unclosed>");
            break;
        }
        auto placeholder = text.substr(i, close - i + 1);
        if (const auto bar = placeholder.find('|'); bar != std::string::npos) {
            placeholder = placeholder.substr(0, bar) + "}";
        }
        found.insert(placeholder);
        i = close;
    }
    return found;
}

struct Use {
    std::string id;
    std::string where; // file:line
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int line_of(const std::string& text, std::size_t offset) {
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

// The text between the parenthesis at `open` and its match, skipping string and
// character literals.
std::string arguments(const std::string& text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\') {
                    ++i;
                }
            }
            continue;
        }
        if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return text.substr(open + 1, i - open - 1);
        }
    }
    return {};
}

// The first argument (up to a comma outside parentheses, brackets and literals).
std::string first_argument(const std::string& args) {
    int depth = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const char c = args[i];
        if (c == '"' || c == '\'') {
            for (++i; i < args.size() && args[i] != c; ++i) {
                if (args[i] == '\\') {
                    ++i;
                }
            }
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 0) {
            return args.substr(0, i);
        }
    }
    return args;
}

// Message ids as the catalog writes them: dotted words ("refuse.not_signer",
// "next.sign.department-head"); a literal ending in '.' is a prefix completed at run
// time ("review.done." + decision).
const std::regex k_id_literal(R"re("([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)*\.?)")re");

struct Scan {
    std::vector<Use> ids;
    std::vector<Use> prefixes;
    int files = 0;
};

Scan scan_sources() {
    Scan scan;
    const fs::path root = fs::path(COLLAB_SOURCE_DIR) / "src";
    // msg( takes the id first; text( and tr( take it after the language, if at all.
    const std::regex call(R"((?:^|[^A-Za-z0-9_])(msg|text|tr)\()");
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        const auto ext = entry.path().extension();
        if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) {
            continue;
        }
        ++scan.files;
        const auto text = read_file(entry.path());
        const auto relative = fs::relative(entry.path(), COLLAB_SOURCE_DIR).string();
        for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
            const auto open = static_cast<std::size_t>(it->position(0) + it->length(0) - 1);
            const auto args = arguments(text, open);
            const auto searched = (*it)[1] == "msg" ? first_argument(args) : args;
            for (std::sregex_iterator lit(searched.begin(), searched.end(), k_id_literal), lend;
                 lit != lend; ++lit) {
                const std::string id = (*lit)[1];
                // Ids have at least one dot; plain words ("approve") are arguments.
                if (id.find('.') == std::string::npos) {
                    continue;
                }
                const Use use{id, relative + ":" + std::to_string(line_of(text, open))};
                (id.back() == '.' ? scan.prefixes : scan.ids).push_back(use);
            }
        }
    }
    return scan;
}

} // namespace

TEST_SUITE("collab::i18n::catalog") {

    TEST_CASE("every entry has English and Chinese text with the same placeholders") {
        REQUIRE_FALSE(collab::i18n::catalog().empty());
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id_text = entry.id;
            CAPTURE(id_text);
            REQUIRE(entry.en != nullptr);
            REQUIRE(entry.zh != nullptr);
            CHECK(std::string(entry.en) != "");
            CHECK(std::string(entry.zh) != "");
            CHECK(placeholders(entry.en) == placeholders(entry.zh));
            CHECK(placeholders(entry.en).count("<unclosed>") == 0);
        }
    }

    TEST_CASE("placeholders are positional: {0}, {1}, ... with none skipped") {
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id_text = entry.id;
            CAPTURE(id_text);
            for (const auto& p : placeholders(entry.en)) {
                CHECK(std::regex_match(p, std::regex(R"(\{[0-9]+\})")));
            }
        }
    }

    TEST_CASE("English counts take real plurals") {
        using collab::i18n::Language;
        using collab::i18n::msg;
        using collab::i18n::render;
        CHECK(render(Language::en, msg("inbox.left", "2026-07-08 18:00", 1)) ==
              "due 2026-07-08 18:00 (1 working day left)");
        CHECK(render(Language::en, msg("inbox.left", "2026-07-08 18:00", 3)) ==
              "due 2026-07-08 18:00 (3 working days left)");
        CHECK(render(Language::en, msg("inbox.left", "2026-07-08 18:00", 0)) ==
              "due 2026-07-08 18:00 (0 working days left)");
        // A count guessed without holidays (1*) is still one; an unknown one (?) is not.
        CHECK(render(Language::en, msg("inbox.late", "2026-07-08 18:00", "1*")) ==
              "was due 2026-07-08 18:00: 1* working day late");
        CHECK(render(Language::en, msg("inbox.late", "2026-07-08 18:00", "?")) ==
              "was due 2026-07-08 18:00: ? working days late");
        CHECK(render(Language::en, msg("inbox.late", "2026-07-08 18:00", 11)) ==
              "was due 2026-07-08 18:00: 11 working days late");
        CHECK(render(Language::en, msg("check.summary", 1, 2)) == "1 error, 2 warnings");
        CHECK(render(Language::en, msg("check.summary", 0, 1)) == "0 errors, 1 warning");
        CHECK(render(Language::en, msg("split.done", "R-7KQ2XM", 1)) ==
              "R-7KQ2XM split into 1 task:");
        CHECK(render(Language::zh, msg("inbox.left", "2026-07-08 18:00", 1)) ==
              "截止 2026-07-08 18:00（剩余 1 个工作日）");
        CHECK(render(Language::zh, msg("check.summary", 1, 2)) == "1 个错误，2 个警告");
    }

    TEST_CASE("no English text hedges a plural with (s)") {
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id_text = entry.id;
            CAPTURE(id_text);
            CHECK(std::string(entry.en).find("(s)") == std::string::npos);
        }
    }

    TEST_CASE("lists join with ', ' in English and '、' in Chinese") {
        using collab::i18n::Language;
        using collab::i18n::list_argument;
        using collab::i18n::msg;
        using collab::i18n::render;
        const auto people = list_argument({"李华 (li)", "王强 (wang)", "陈晨 (chen)"});
        CHECK(render(Language::en, msg("next.meeting", people))
                  .find("李华 (li), 王强 (wang), 陈晨 (chen)") != std::string::npos);
        CHECK(render(Language::zh, msg("next.meeting", people))
                  .find("李华 (li)、王强 (wang)、陈晨 (chen)") != std::string::npos);
        CHECK(render(Language::zh, msg("next.meeting", list_argument({"李华 (li)"})))
                  .find("李华 (li)") != std::string::npos);
        CHECK(collab::i18n::join_list(Language::zh, {"a", "b"}) == "a、b");
        CHECK(collab::i18n::join_list(Language::en, {"a", "b"}) == "a, b");
        CHECK(collab::i18n::join_list(Language::en, {}) == "");
    }

    TEST_CASE("catalog ids are unique and well-formed") {
        std::set<std::string> seen;
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id_text = entry.id;
            CAPTURE(id_text);
            CHECK(seen.insert(entry.id).second);
            CHECK(std::regex_match(std::string(entry.id),
                                   std::regex(R"([a-z][a-z0-9_]*(\.[a-z0-9_-]+)+)")));
            CHECK(has_message(entry.id));
        }
        CHECK_FALSE(has_message("no.such.message"));
    }

    TEST_CASE("render fills placeholders by position in either language") {
        using collab::i18n::Language;
        using collab::i18n::msg;
        using collab::i18n::render;
        CHECK(render(Language::en, msg("roster.unknown_manager", "boss", "zhang")) ==
              "manager 'boss' of 'zhang' is not in the roster");
        CHECK(render(Language::zh, msg("roster.unknown_manager", "boss", "zhang")) ==
              "“zhang”的上级“boss”不在人员名单中");
        CHECK(render(Language::en, msg("no.such.message", "a", 2)) == "[no.such.message] a, 2");
        CHECK(collab::i18n::text(Language::en, "severity.warning") == "warning");
        CHECK(collab::i18n::text(Language::zh, "severity.error") == "错误");
    }

    TEST_CASE("every message id used in the sources is in the catalog") {
        const auto scan = scan_sources();
        REQUIRE(scan.files > 0);
        // The scan must see the core's messages, or it is not looking at the sources.
        CHECK(scan.ids.size() > 100);
        for (const auto& use : scan.ids) {
            CAPTURE(use.where);
            CAPTURE(use.id);
            CHECK(has_message(use.id));
        }
    }

    TEST_CASE("sentences the rules build around ids have no English in Chinese") {
        // A refusal or a history line names the action in the sentence itself (not as an
        // English verb passed in), so its zh text has no ASCII letter outside commands.
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id = entry.id;
            if (id.rfind("change.op.", 0) != 0 && id.rfind("refuse.wrong_state.", 0) != 0 &&
                id.rfind("refuse.only_initiator.", 0) != 0) {
                continue;
            }
            CAPTURE(id);
            const std::string zh = entry.zh;
            CHECK(std::none_of(zh.begin(), zh.end(),
                               [](unsigned char c) { return std::isalpha(c) != 0; }));
        }
    }

    TEST_CASE("every state has a label: its id in English, a Chinese word in Chinese") {
        using collab::i18n::Language;
        using collab::i18n::state_label;
        std::vector<std::string> states;
        for (int i = 0; i <= static_cast<int>(collab::rules::RequestState::withdrawn); ++i) {
            states.emplace_back(
                collab::rules::state_name(static_cast<collab::rules::RequestState>(i)));
        }
        for (int i = 0; i <= static_cast<int>(collab::rules::TaskState::removed); ++i) {
            states.emplace_back(
                collab::rules::task_state_name(static_cast<collab::rules::TaskState>(i)));
        }
        for (const auto& state : states) {
            CAPTURE(state);
            CHECK(collab::i18n::has_message("state." + state));
            CHECK(state_label(Language::en, state) == state);
            const auto zh = state_label(Language::zh, state);
            CHECK(std::none_of(zh.begin(), zh.end(),
                               [](unsigned char c) { return std::isalpha(c) != 0; }));
        }
        CHECK(state_label(Language::zh, "in-progress") == "执行中");
        CHECK(state_label(Language::zh, "no-such-state") == "no-such-state");
    }

    TEST_CASE("a form names a state in Chinese as a table does") {
        // form.state.X, form.task_state.X and form.risk.X say in Chinese what state.X says.
        int compared = 0;
        for (const auto& entry : collab::i18n::catalog()) {
            const std::string id = entry.id;
            for (const std::string prefix : {"form.state.", "form.task_state.", "form.risk."}) {
                if (id.rfind(prefix, 0) == 0) {
                    CAPTURE(id);
                    CHECK(collab::i18n::text(collab::i18n::Language::zh,
                                             "state." + id.substr(prefix.size())) == entry.zh);
                    ++compared;
                }
            }
        }
        CHECK(compared >= 20);
    }

    TEST_CASE("ids built at run time: every prefix is known and every completion exists") {
        // An id built by concatenation cannot be checked where it is built: list each
        // prefix with the suffixes the code can append.
        const std::vector<std::string> roles = {"initiator", "supervisor", "department-head",
                                                "lead", "participant"};
        const std::vector<std::string> decisions = {"approve", "return", "reject"};
        const std::map<std::string, std::vector<std::string>> known = {
            {"next.sign.", roles},       // rules/next_step.cpp, signoff roles
            {"next.sign_again.", roles}, // rules/next_step.cpp
            {"review.done.", decisions}, // cli/cmd_review.cpp
            {"log.review.", decisions},  // cli/cmd_log.cpp
            // rules/*_transitions.cpp, split_rule.cpp: the action a state refuses
            {"refuse.wrong_state.",
             {"review", "meeting", "sign", "ack", "submit", "edit", "withdraw", "split", "confirm",
              "progress", "risk", "sync", "change", "deliver"}},
            // i18n/state_label.cpp: every request and task state, and the record states
            // of cli/record_view.cpp
            {"state.", {"draft",    "submitted", "returned", "approved",  "final",   "in-progress",
                        "accepted", "closed",    "rejected", "withdrawn", "planned", "waiting",
                        "active",   "delivered", "rework",   "removed",   "open",    "mitigating",
                        "resolved", "done",      "pending",  "confirming"}},
            // rules/request_transitions.cpp: what only the initiator may do
            {"refuse.only_initiator.", {"submit", "edit", "withdraw"}},
            // cli/cmd_log.cpp: "log." + action for every action without a line of its
            // own (submit, review, edit, meeting and sign have theirs): the stage 1-2
            // actions and those rules::derive_status accepts from later stages.
            // rules/form_document.cpp, form_execution.cpp: the forms' names, states,
            // roles and verdicts
            {"form.not_yet.", {"minutes", "tracking", "sync", "acceptance", "feedback"}},
            {"form.hint.", {"minutes", "tracking", "sync", "acceptance", "feedback"}},
            {"form.state.",
             {"draft", "submitted", "returned", "approved", "final", "in-progress", "accepted",
              "closed", "rejected", "withdrawn"}},
            {"form.role.", roles},
            {"form.verdict.", {"approve", "return", "reject", "pass", "fail", "pending"}},
            {"form.task_state.",
             {"planned", "waiting", "active", "delivered", "accepted", "rework", "removed"}},
            {"form.risk.", {"open", "mitigating", "resolved"}},
            // also cli/cmd_log.cpp: a review's checklist answers
            {"form.check.", {"goals", "resources", "breakdown", "yes", "no"}},
            {"form.change.", {"proposed", "approve", "reject", "effective"}},
            {"log.",
             {"create", "withdraw", "ack", "split", "confirm", "progress", "unblock", "risk",
              "risk-update", "sync", "action-done", "change", "change-decision", "change-confirm",
              "deliver", "accept", "feedback"}},
        };
        const auto scan = scan_sources();
        for (const auto& use : scan.prefixes) {
            CAPTURE(use.where);
            CAPTURE(use.id);
            CHECK(known.count(use.id) == 1);
        }
        for (const auto& [prefix, suffixes] : known) {
            for (const auto& suffix : suffixes) {
                const std::string id = prefix + suffix;
                CAPTURE(id);
                CHECK(has_message(id));
            }
        }
    }
}

} // namespace test_catalog
