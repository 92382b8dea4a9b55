// Time zones, timestamp text and clock times. Expected instants are written as UTC
// by hand (Asia/Shanghai is UTC+8 all year; New York switches on 2026-03-08 and
// 2026-11-01).
#include <collab/time/timestamp.hpp>
#include <doctest/doctest.h>

namespace test_timestamp {

namespace {

using namespace collab::time;
using namespace date::literals;
using namespace std::chrono_literals;

// An instant written as its UTC date and time.
Timestamp utc(Date day, std::chrono::seconds clock) {
    return date::sys_days{day} + clock;
}

Zone shanghai() {
    const auto zone = Zone::locate("Asia/Shanghai");
    REQUIRE(zone.has_value());
    return *zone;
}

Zone new_york() {
    const auto zone = Zone::locate("America/New_York");
    REQUIRE(zone.has_value());
    return *zone;
}

} // namespace

TEST_SUITE("collab::time") {

    TEST_CASE("Zone::locate knows IANA names and refuses others") {
        const auto zone = Zone::locate("Asia/Shanghai");
        REQUIRE(zone.has_value());
        CHECK(zone->name() == "Asia/Shanghai");
        CHECK_FALSE(Zone::locate("Mars/Olympus_Mons").has_value());
        CHECK_FALSE(Zone::locate("").has_value());
        CHECK(Zone::utc().name() == "UTC");
    }

    TEST_CASE("local date and minutes in a zone") {
        const Zone zone = shanghai();
        // 20:00 UTC on Jul 5 is already 04:00 on Jul 6 in Shanghai.
        const Timestamp at = utc(2026_y / 7 / 5, 20h);
        CHECK(zone.local_date(at) == 2026_y / 7 / 6);
        CHECK(zone.local_minutes(at) == 240);
        CHECK(Zone::utc().local_date(at) == 2026_y / 7 / 5);
        CHECK(Zone::utc().local_minutes(at) == 1200);
        // Seconds do not round up a minute.
        CHECK(zone.local_minutes(utc(2026_y / 7 / 6, 1h + 30min + 59s)) == 570);
    }

    TEST_CASE("at_local turns a local date and clock into an instant") {
        CHECK(shanghai().at_local(2026_y / 7 / 6, 570) == utc(2026_y / 7 / 6, 1h + 30min));
        CHECK(shanghai().at_local(2026_y / 7 / 6, 0) == utc(2026_y / 7 / 5, 16h));
        CHECK(Zone::utc().at_local(2026_y / 7 / 6, 570) == utc(2026_y / 7 / 6, 9h + 30min));
        CHECK(new_york().at_local(2026_y / 1 / 15, 540) == utc(2026_y / 1 / 15, 14h)); // EST
        CHECK(new_york().at_local(2026_y / 7 / 6, 540) == utc(2026_y / 7 / 6, 13h));   // EDT
    }

    TEST_CASE("at_local through daylight-saving changes does not throw") {
        const Zone zone = new_york();
        // 02:30 does not exist on 2026-03-08: the clock jumps to 03:00 EDT (07:00 UTC).
        CHECK(zone.at_local(2026_y / 3 / 8, 150) == utc(2026_y / 3 / 8, 7h));
        // 01:30 happens twice on 2026-11-01: the first one, still EDT.
        CHECK(zone.at_local(2026_y / 11 / 1, 90) == utc(2026_y / 11 / 1, 5h + 30min));
    }

    TEST_CASE("format and format_short") {
        const Timestamp at = utc(2026_y / 7 / 6, 1h + 30min);
        CHECK(shanghai().format(at) == "2026-07-06T09:30:00+08:00");
        CHECK(shanghai().format_short(at) == "2026-07-06 09:30");
        CHECK(Zone::utc().format(at) == "2026-07-06T01:30:00+00:00");
        CHECK(Zone::utc().format_short(at) == "2026-07-06 01:30");
        CHECK(new_york().format(at) == "2026-07-05T21:30:00-04:00");
        CHECK(new_york().format(utc(2026_y / 1 / 15, 14h + 5s)) == "2026-01-15T09:00:05-05:00");
        CHECK(shanghai().format(utc(2026_y / 12 / 31, 16h)) == "2027-01-01T00:00:00+08:00");
    }

    TEST_CASE("parse_timestamp accepts the documented forms") {
        const Zone zone = shanghai();
        const Timestamp half_past_nine = utc(2026_y / 7 / 6, 1h + 30min);
        CHECK(parse_timestamp("2026-07-06", zone) == utc(2026_y / 7 / 5, 16h));
        CHECK(parse_timestamp("2026-07-06T09:30", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06 09:30", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06T09:30:15", zone) == half_past_nine + 15s);
        CHECK(parse_timestamp("2026-07-06 09:30:15", zone) == half_past_nine + 15s);
        CHECK(parse_timestamp("2026-07-06T09:30:00+08:00", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06T09:30:00+0800", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06T01:30:00Z", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-05T21:30:00-04:00", zone) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06T07:00:00+05:30", zone) == half_past_nine);
        // An explicit offset wins over the zone.
        CHECK(parse_timestamp("2026-07-06T01:30:00Z", Zone::utc()) == half_past_nine);
        CHECK(parse_timestamp("2026-07-06T09:30", Zone::utc()) == utc(2026_y / 7 / 6, 9h + 30min));
        CHECK(parse_timestamp("2026-07-06T23:59:59", Zone::utc()) ==
              utc(2026_y / 7 / 6, 23h + 59min + 59s));
    }

    TEST_CASE("parse_timestamp rejects everything else") {
        const Zone zone = shanghai();
        for (const char* text : {"",
                                 "garbage",
                                 "2026",
                                 "2026-07",
                                 "2026-02-30",
                                 "2026-13-01",
                                 "2026/07/06",
                                 "2026-7-6",
                                 " 2026-07-06",
                                 "2026-07-06 ",
                                 "2026-07-06T",
                                 "2026-07-06T24:00",
                                 "2026-07-06T09:60",
                                 "2026-07-06T09:30:60",
                                 "2026-07-06T9:30",
                                 "2026-07-06T09",
                                 "2026-07-06T09:30:1",
                                 "2026-07-06x09:30",
                                 "2026-07-06T09:30:00.5Z",
                                 "2026-07-06T09:30:00+8",
                                 "2026-07-06T09:30:00+08:00x",
                                 "2026-07-06T09:30:00+24:00",
                                 "2026-07-06T09:30:00+08:60",
                                 "2026-07-06+08:00",
                                 "2026-07-06Z",
                                 "2026-07-06T09:30:00 +08:00",
                                 "2026-07-06T09:30:00UTC"}) {
            CAPTURE(text);
            CHECK_FALSE(parse_timestamp(text, zone).has_value());
        }
    }

    TEST_CASE("format and parse_timestamp round-trip") {
        const Zone zone = new_york();
        for (const Timestamp at :
             {utc(2026_y / 1 / 15, 14h + 5s), utc(2026_y / 7 / 6, 1h + 30min),
              utc(2026_y / 11 / 1, 5h + 30min), utc(2026_y / 11 / 1, 6h + 30min)}) {
            CAPTURE(zone.format(at));
            CHECK(parse_timestamp(zone.format(at), shanghai()) == at);
        }
    }

    TEST_CASE("parse_clock") {
        CHECK(parse_clock("18:00") == 1080);
        CHECK(parse_clock("00:00") == 0);
        CHECK(parse_clock("23:59") == 1439);
        CHECK(parse_clock("09:30") == 570);
        CHECK(parse_clock("9:30") == 570);
        for (const char* text : {"25:00", "24:00", "18:60", "18", "18:0", "", "ab:cd", "18:00 ",
                                 " 18:00", "-1:00", "123:00", "18:00:00", "18.00", "1800"}) {
            CAPTURE(text);
            CHECK_FALSE(parse_clock(text).has_value());
        }
    }

} // TEST_SUITE

} // namespace test_timestamp
