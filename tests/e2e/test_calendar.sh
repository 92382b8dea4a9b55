#!/usr/bin/env bash
# Working-day arithmetic with China's 2026 calendar: `calendar add`, `between`,
# `show`; uncovered years are an error unless collab.yaml says weekends-only.
# Expected dates are worked out by hand from ../shared/calendar-cn-2026.yaml:
#   Spring Festival 02-15..02-23 off, Sat 02-14 and Sat 02-28 worked;
#   National Day 10-01..10-07 off, Sun 09-20 and Sat 10-10 worked.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
before=$(snapshot "$ws")

# add FROM N WANT DESCRIPTION
add() {
    run collab calendar add "$1" "$2"
    expect_rc 0 "calendar add $1 $2"
    expect_eq "$OUT" "$3" "$4 (add $1 $2)"
}
add 2026-07-06 1 2026-07-07 "an ordinary Tuesday"
add 2026-07-10 1 2026-07-13 "Friday + 1 skips the weekend"
add 2026-07-06 5 2026-07-13 "a working week"
add 2026-02-13 1 2026-02-14 "Spring Festival: the make-up Saturday is the next working day"
add 2026-02-13 2 2026-02-24 "Spring Festival: then the festival is skipped"
add 2026-02-14 1 2026-02-24 "from the make-up Saturday over the festival"
add 2026-02-27 1 2026-02-28 "the second make-up Saturday"
add 2026-02-28 1 2026-03-02 "after the second make-up Saturday comes Monday"
add 2026-09-30 1 2026-10-08 "National Day: the first day after the holiday"
add 2026-09-30 3 2026-10-10 "National Day: the make-up Saturday is the third"
add 2026-09-30 4 2026-10-12 "National Day: then Monday"
add 2026-09-18 1 2026-09-20 "the make-up Sunday before National Day"
add 2026-09-24 1 2026-09-28 "Mid-Autumn 09-25..09-27 is skipped"
add 2026-12-30 1 2026-12-31 "the last working day of the year"
# Negative N counts backwards over the same days.
add 2026-10-08 -1 2026-09-30 "back over National Day"
add 2026-10-12 -1 2026-10-10 "back to the make-up Saturday"
add 2026-02-24 -1 2026-02-14 "back to Spring Festival's make-up Saturday"
add 2026-02-24 -3 2026-02-12 "three back over Spring Festival"
add 2026-07-13 -1 2026-07-10 "Monday - 1 is Friday"
# N = 0: the day itself when it is a working day, else the next working day.
add 2026-07-06 0 2026-07-06 "N=0 on a working day"
add 2026-10-05 0 2026-10-08 "N=0 on a holiday rolls forward"
add 2026-07-11 0 2026-07-13 "N=0 on a Saturday rolls forward"
add 2026-10-10 0 2026-10-10 "N=0 on a make-up Saturday is that day"
run collab calendar add 2026-09-30 1 --format json
expect_rc 0 "calendar add --format json"
expect_eq "$OUT" '{
  "from": "2026-09-30",
  "days": 1,
  "date": "2026-10-08"
}' "calendar add JSON"

# between A B: working days after A up to and including B.
between() {
    run collab calendar between "$1" "$2"
    expect_rc 0 "calendar between $1 $2"
    expect_eq "$OUT" "$3" "$4 (between $1 $2)"
}
between 2026-07-06 2026-07-06 0 "the same day"
between 2026-07-06 2026-07-07 1 "the next day"
between 2026-07-10 2026-07-13 1 "Friday to Monday"
between 2026-07-10 2026-07-12 0 "Friday to Sunday"
between 2026-09-30 2026-10-10 3 "over National Day with its make-up Saturday"
between 2026-10-10 2026-09-30 -3 "backwards is negative"
between 2026-02-13 2026-02-28 6 "over Spring Festival with both make-up Saturdays"
between 2026-01-01 2026-12-31 248 "the whole of 2026"
run collab calendar between 2026-09-30 2026-10-10 --format json
expect_rc 0 "between --format json"
expect_eq "$OUT" '{
  "from": "2026-09-30",
  "to": "2026-10-10",
  "working_days": 3
}' "between JSON"

# show
run collab calendar show 2026
expect_rc 0 "calendar show 2026"
expect_eq "$OUT" "Holidays of 2026 (CN, from calendars/cn-2026.yaml)
Source: imported from 2026.json
Notice: https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
HOLIDAY                      DAYS OFF                  DAYS  MAKE-UP WORKDAYS
元旦 New Year's Day          2026-01-01 .. 2026-01-03  3     2026-01-04
春节 Spring Festival         2026-02-15 .. 2026-02-23  9     2026-02-14, 2026-02-28
清明节 Qingming Festival     2026-04-04 .. 2026-04-06  3     -
劳动节 Labour Day            2026-05-01 .. 2026-05-05  5     2026-05-09
端午节 Dragon Boat Festival  2026-06-19 .. 2026-06-21  3     -
中秋节 Mid-Autumn Festival   2026-09-25 .. 2026-09-27  3     -
国庆节 National Day          2026-10-01 .. 2026-10-07  7     2026-09-20, 2026-10-10" \
    "calendar show 2026 lists the seven holidays, lined up by display width"
run collab calendar show
expect_rc 0 "calendar show with no year"
expect_line "$OUT" "Holidays of 2026 (CN, from calendars/cn-2026.yaml)" "the year defaults to --now's"
run collab --lang zh calendar show 2026
expect_rc 0 "calendar show in Chinese"
expect_line "$OUT" "2026 年节假日（CN，来自 calendars/cn-2026.yaml）" "Chinese title"
expect_line "$OUT" "节日                         放假                      天数  调休上班" "Chinese headers line up"
run collab calendar show 2026 --format json
expect_rc 0 "calendar show --format json"
expect_eq "$(head -4 <<<"$OUT")" '{
  "year": 2026,
  "region": "CN",
  "file": "calendars/cn-2026.yaml",' "show JSON header"
expect_eq "$(grep -c '"name":' <<<"$OUT")" "7" "show JSON has seven holidays"
expect_contains "$OUT" '    {
      "name": "国庆节 National Day",
      "from": "2026-10-01",
      "to": "2026-10-07",
      "workdays": [
        "2026-09-20",
        "2026-10-10"
      ]
    }' "show JSON: National Day with its make-up days"

# --- years no calendar covers -----------------------------------------------------------------
msg="collab: error: no calendar covers 2027; add it with \`collab calendar import FILE\` (holiday-cn JSON or .ics) or add calendars/<region>-2027.yaml to collab.yaml's calendars, or set uncovered_years: weekends-only"
run collab calendar add 2027-01-04 1
expect_rc 4 "a date in 2027"
expect_eq "$ERR" "$msg" "2027 is refused, with both ways out"
expect_eq "$OUT" "" "no date is guessed"
run collab calendar add 2026-12-31 1
expect_rc 4 "counting into 2027"
expect_eq "$ERR" "$msg" "crossing into 2027 is refused too"
run collab calendar between 2026-12-01 2027-01-10
expect_rc 4 "between into 2027"
run collab calendar show 2027
expect_rc 4 "show 2027"
# Counting forward from 2025-12-31 only looks at 2026 days; N=0 or counting back
# into 2025 needs 2025's calendar (init installed it: here it is taken out again).
cp collab.yaml "$E2E_ROOT/collab.with2025"
sed -i 's|calendars/cn-2025.yaml, ||' collab.yaml
add 2025-12-31 1 2026-01-04 "from the last day of 2025 to the make-up Sunday 01-04"
run collab calendar add 2025-12-31 0
expect_rc 4 "N=0 on a date in 2025"
expect_contains "$ERR" "no calendar covers 2025" "2025 is named"
run collab calendar add 2026-01-05 -2
expect_rc 4 "counting back into 2025"
cp "$E2E_ROOT/collab.with2025" collab.yaml
add 2026-01-05 -2 2025-12-31 "with 2025's calendar, back into 2025"

cp collab.yaml "$E2E_ROOT/collab.good"
sed -i 's/^uncovered_years: error$/uncovered_years: weekends-only/' collab.yaml
run collab calendar add 2027-01-01 1
expect_rc 0 "weekends-only: 2027 is answered"
expect_eq "$OUT" "2027-01-04" "weekends-only: Friday 2027-01-01 + 1 is Monday"
run collab calendar add 2026-12-31 1
expect_rc 0 "weekends-only: counting into 2027"
expect_eq "$OUT" "2027-01-01" "weekends-only: 2027-01-01 is a plain Friday"
run collab calendar between 2026-12-31 2027-01-11
expect_eq "$OUT" "7" "weekends-only: between across the year end"
run collab calendar add 2026-09-30 1
expect_eq "$OUT" "2026-10-08" "weekends-only does not change covered years"
run collab calendar show 2027
expect_not_contains "$ERR" "or set uncovered_years: weekends-only" \
    "with weekends-only already set, show 2027 does not advise setting it"
cp "$E2E_ROOT/collab.good" collab.yaml

# The work week is configurable: a six-day week makes Saturday a working day.
sed -i 's/^work_week: .*/work_week: [mon, tue, wed, thu, fri, sat]/' collab.yaml
add 2026-07-10 1 2026-07-11 "a six-day week works Saturdays"
add 2026-09-30 1 2026-10-08 "holidays still apply to a six-day week"
cp "$E2E_ROOT/collab.good" collab.yaml

# --- usage errors -------------------------------------------------------------------------------
for bad in 2026-02-30 2026-13-01 26-07-06 2026/07/06 tomorrow ""; do
    run collab calendar add "$bad" 1
    expect_rc 2 "calendar add '$bad'"
    expect_eq "$ERR" "collab: error: '$bad' is not a date; write YYYY-MM-DD" "'$bad' is not a date"
done
run collab calendar between 2026-07-06 2026-02-30
expect_rc 2 "between with a bad date"
run collab calendar add 2026-07-06 one
expect_rc 2 "a non-numeric N"
run collab calendar add 2026-07-06
expect_rc 2 "a missing N"
run collab calendar show twenty
expect_rc 2 "show with a bad year"

expect_unchanged "$ws" "$before" "calendar commands"

finish
