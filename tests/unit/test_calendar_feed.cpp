// The requests' dates as calendar events (rules/calendar_feed) and their iCalendar
// form (util/icalendar, time/vtimezone).
#include "execution_story.hpp"

#include <collab/rules/calendar_feed.hpp>
#include <collab/time/vtimezone.hpp>
#include <collab/util/icalendar.hpp>

namespace test_calendar_feed {

using namespace execution_story;

namespace {

std::vector<rules::FeedEvent> feed(const model::Request& r, std::string_view now) {
    const fixtures::World world;
    const auto context = world.at(now);
    const auto status = derive_status(r, world.roster);
    const auto execution = derive_execution(r, status, world.roster);
    return calendar_feed(r, status, execution, context);
}

const rules::FeedEvent* find(const std::vector<rules::FeedEvent>& events, const std::string& uid) {
    for (const auto& event : events) {
        if (event.uid == uid) {
            return &event;
        }
    }
    return nullptr;
}

std::string local(const std::optional<time::Timestamp>& at) {
    REQUIRE(at.has_value());
    return fixtures::shanghai().format(*at);
}

std::string uids(const std::vector<rules::FeedEvent>& events) {
    std::string out;
    for (const auto& event : events) {
        out += (out.empty() ? "" : " ") + event.uid;
    }
    return out;
}

} // namespace

TEST_SUITE("rules: calendar_feed") {
    TEST_CASE(
        "a submitted request: its review due, at the end of the working day, for the reviewer") {
        auto r = fixtures::request(k_form, k_id);
        step(r, "2026-09-07T09:00", "zhang", "create");
        step(r, "2026-09-07T10:00", "zhang", "submit", "to: li");
        const auto events = feed(r, "2026-09-07 11:00");
        REQUIRE(events.size() == 1);
        const auto& review = events.front();
        CHECK(review.uid == k_id + ".review-due.1@collab");
        CHECK(review.kind == "review-due");
        // Two working days after Monday's submission: Wednesday, 18:00.
        CHECK(local(review.end) == "2026-09-09T18:00:00+08:00");
        CHECK(local(review.start) == "2026-09-09T17:30:00+08:00");
        CHECK(review.people == std::vector<std::string>{"li", "zhang"});
        CHECK(en(review.summary).find(k_id) != std::string::npos);
        // Reviewed: no longer due.
        step(r, "2026-09-08T10:00", "li", "review", review_fields("approve"));
        CHECK(find(feed(r, "2026-09-08 11:00"), k_id + ".review-due.1@collab") == nullptr);
    }

    TEST_CASE("a split request: the meeting, every task's deadline, the next sync; the same uids "
              "every run") {
        const auto r = confirmed_request();
        const auto events = feed(r, "2026-09-10 09:00");
        const auto* meeting = find(events, k_id + ".meeting.4@collab");
        REQUIRE(meeting != nullptr);
        CHECK(local(meeting->start) == "2026-09-08T15:00:00+08:00");
        CHECK(local(meeting->end) == "2026-09-08T15:30:00+08:00"); // no duration recorded: 30 min
        CHECK(meeting->people == std::vector<std::string>{"li", "wang"});
        for (const auto& [task, day] : std::vector<std::pair<std::string, std::string>>{
                 {"T1", "2026-09-18"}, {"T2", "2026-09-28"}, {"T3", "2026-10-15"}}) {
            const auto* deadline = find(events, k_id + ".task." + task + "@collab");
            REQUIRE(deadline != nullptr);
            CHECK(deadline->day == day);
            CHECK_FALSE(deadline->start.has_value());
        }
        const auto* sync = find(events, k_id + ".sync-due.1@collab");
        REQUIRE(sync != nullptr);
        CHECK(sync->people.front() == "zhang"); // the project lead runs it
        CHECK(uids(feed(r, "2026-09-10 09:00")) == uids(events));

        // chen owns T3 and supports T1 and T2.
        const auto chen = events_of(events, "chen");
        CHECK(find(chen, k_id + ".task.T1@collab") != nullptr);
        CHECK(find(chen, k_id + ".task.T3@collab") != nullptr);
        CHECK(find(chen, k_id + ".meeting.4@collab") == nullptr);
    }

    TEST_CASE("an open blocker's 'by' and a failed acceptance's re-acceptance date") {
        auto r = confirmed_request();
        step(r, "2026-09-10T09:00", "zhao", "progress",
             "task: T1\nnote: x\nblocker: {id: B-AAAA, text: Old tickets, from: chen, by: "
             "\"2026-09-11T17:00\"}");
        auto events = feed(r, "2026-09-10 10:00");
        const auto* blocker = find(events, k_id + ".blocker.B-AAAA@collab");
        REQUIRE(blocker != nullptr);
        CHECK(local(blocker->end) == "2026-09-11T17:00:00+08:00");
        CHECK(blocker->people == std::vector<std::string>{"chen", "zhao"});
        step(r, "2026-09-10T15:00", "chen", "unblock", "blocker: B-AAAA");
        CHECK(find(feed(r, "2026-09-10 16:00"), k_id + ".blocker.B-AAAA@collab") == nullptr);

        deliver(r, "2026-09-17T16:00", "zhao", "T1", "v1", false);
        fail(r, "2026-09-17T17:00", "chen", "T1", "2026-09-22");
        events = feed(r, "2026-09-18 09:00");
        const auto* again = find(events, k_id + ".reaccept.T1.1@collab");
        REQUIRE(again != nullptr);
        CHECK(again->day == "2026-09-22");
        CHECK(std::find(again->people.begin(), again->people.end(), "zhao") != again->people.end());
    }
}

TEST_SUITE("util: icalendar") {
    TEST_CASE("TEXT values are escaped") {
        CHECK(util::ical_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
        CHECK(util::ical_text("two\nlines\r\nthree") == "two\\nlines\\nthree");
        CHECK(util::ical_text(std::string("bell\a")) == "bell");
    }

    TEST_CASE("lines fold at 75 octets, never inside a UTF-8 character") {
        const std::string ascii(200, 'x');
        const auto folded = util::ical_fold(ascii);
        std::size_t at = 0;
        std::string joined;
        while (at < folded.size()) {
            const auto end = folded.find("\r\n", at);
            REQUIRE(end != std::string::npos);
            const auto line = folded.substr(at, end - at);
            CHECK(line.size() <= 75);
            joined += at == 0 ? line : line.substr(1);
            at = end + 2;
        }
        CHECK(joined == ascii);
        // 3-byte characters: a cut at 75 would fall inside one.
        std::string chinese = "SUMMARY:";
        for (int i = 0; i < 40; ++i) {
            chinese += "审";
        }
        const auto cjk = util::ical_fold(chinese);
        CHECK(cjk.find("\r\n ") != std::string::npos);
        for (std::size_t i = 0; i + 2 < cjk.size(); ++i) {
            if (cjk.compare(i, 3, "\r\n ") == 0) {
                CHECK((static_cast<unsigned char>(cjk[i + 3]) & 0xC0) != 0x80);
            }
        }
        CHECK(util::ical_fold("SHORT:1") == "SHORT:1\r\n");
    }
}

TEST_SUITE("time: vtimezone") {
    TEST_CASE("Asia/Shanghai: one standard offset, +0800") {
        const auto zone = fixtures::shanghai();
        util::ICalendarWriter out;
        const auto from = *time::parse_timestamp("2026-01-01", zone);
        const auto to = *time::parse_timestamp("2026-12-31", zone);
        time::write_vtimezone(out, zone, from, to);
        const auto& text = out.str();
        CHECK(text.find("TZID:Asia/Shanghai\r\n") != std::string::npos);
        CHECK(text.find("BEGIN:DAYLIGHT") == std::string::npos);
        CHECK(text.find("TZOFFSETTO:+0800\r\n") != std::string::npos);
        CHECK(time::ical_local(zone, *time::parse_timestamp("2026-07-06T09:30", zone)) ==
              "20260706T093000");
        CHECK(time::ical_utc(*time::parse_timestamp("2026-07-06T09:30", zone)) ==
              "20260706T013000Z");
    }

    TEST_CASE("Europe/Berlin over 2026: summer time from 29 March, winter time from 25 October") {
        const auto zone = *time::Zone::locate("Europe/Berlin");
        util::ICalendarWriter out;
        time::write_vtimezone(out, zone, *time::parse_timestamp("2026-01-10", zone),
                              *time::parse_timestamp("2026-12-20", zone));
        const auto& text = out.str();
        const auto daylight = text.find("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\n"
                                        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n");
        const auto winter = text.find("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\n"
                                      "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n");
        CHECK(daylight != std::string::npos);
        CHECK(winter != std::string::npos);
        CHECK(daylight < winter);
        CHECK(text.find("20270328") == std::string::npos); // nothing past the span
    }
}

} // namespace test_calendar_feed
