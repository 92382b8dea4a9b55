#!/usr/bin/env bash
# A working-day count that needs a year no calendar covers is never a made-up number.
# The after-sales example (only calendars/cn-2026.yaml; its request was submitted
# 2026-07-06, review due 2026-07-08, form due 2026-09-30) checked on 2027-01-05:
#  1. uncovered_years: error: check reports calendar.uncovered, in every format, and
#     shows "?" instead of a count; guards refuse with exit 4 naming 2027 and
#     `collab calendar import FILE`; read commands show "?" and a note, never a number;
#  2. after `collab calendar import 2027.json` (a holiday-cn file): the right counts, by hand (2026's
#     holidays, 2027-01-01 off): review 124 working days late, the request 64;
#  3. uncovered_years: weekends-only, no 2027 file: counted (125*, 65*), with a
#     calendar.weekends-only warning and the "*" note;
#  4. calendar.ending from 1 December, not on 30 November.
. "$(dirname "$0")/lib.sh"

ws="$E2E_ROOT/ws"
mkdir -p "$ws"
cp -R "$COLLAB_SOURCE_DIR/examples/after-sales/." "$ws/"
cd "$ws" || exit 1
git init -q && git add -A && git commit -qm example
sed -i 's/^language: zh$/language: en/' collab.yaml
# The example's private keys are not shipped: the test's own entries go unsigned.
sed -i 's/^signatures: required$/signatures: optional/' collab.yaml
git commit -qam english
R=R-ZDC840
export COLLAB_NOW=2027-01-05T10:00

# --- 1. uncovered_years: error --------------------------------------------------------
run collab check
expect_rc 1 "check fails on calendar.uncovered"
expect_contains "$OUT" "calendar.uncovered" "check reports calendar.uncovered"
expect_contains "$OUT" "count working days in 2027, which no calendar covers" "the finding names 2027"
expect_contains "$OUT" "collab calendar import FILE" "the finding says how to add the year"
expect_contains "$OUT" "? working days late" "the lateness shows as ?"
expect_not_contains "$OUT" "1 working day late" "no made-up lateness of 1"
if grep -Eq '[0-9]+ working days? late' <<<"$OUT"; then
    fail "no number of working days late is printed" "$OUT"
else pass; fi
run collab check --owner li
expect_contains "$OUT" "calendar.uncovered" "check --owner li keeps the calendar note of li's request"
expect_contains "$OUT" "review.overdue" "and li's own finding"
run collab check --owner wang
expect_not_contains "$OUT" "calendar.uncovered" "no calendar note for someone with no finding there"
run collab check --format json
expect_contains "$OUT" '"rule": "calendar.uncovered"' "JSON has calendar.uncovered"
expect_contains "$OUT" '"late_days": null' "JSON late_days is null, not a number"
expect_not_contains "$OUT" '"late_days": 1,' "JSON has no made-up late_days"
for format in junit github gitlab sarif; do
    run collab check --format "$format"
    expect_contains "$OUT" "calendar.uncovered" "$format has calendar.uncovered"
done
run collab check --no-cache --format json
cold=$OUT
run collab check --format json
expect_eq "$OUT" "$cold" "cached and uncached reports agree"
run collab check --list-rules
for rule in calendar.uncovered calendar.weekends-only calendar.ending; do
    expect_contains "$OUT" "$rule" "--list-rules has $rule"
done
run collab check --explain calendar.uncovered
expect_rc 0 "--explain calendar.uncovered"
expect_contains "$OUT" "collab calendar import FILE" "the explanation says how to add the year"
run collab --lang zh check --explain calendar.ending
expect_contains "$OUT" "collab calendar import FILE" "the Chinese explanation of calendar.ending"

# Guards refuse, exit 4, and write nothing.
A=$(COLLAB_NOW=2026-12-01T10:00 new_req zhang --due 2027-03-01)
git add -A && git commit -qm draft
run collab --as zhang request submit "$A"
expect_rc 4 "submit with a due date in 2027 is refused with exit 4"
expect_contains "$ERR" "2027" "the refusal names 2027"
expect_contains "$ERR" "collab calendar import FILE" "the refusal says how to add it"
expect_contains "$ERR" "uncovered_years: weekends-only" "the refusal says what else can be done"
expect_eq "$(git status --porcelain)" "" "a refused submit writes nothing"
# Due on the last day of 2026, submitted on 30 December: the review's two working days
# reach into 2027.
B=$(COLLAB_NOW=2026-12-30T10:00 new_req zhang --due 2026-12-31)
git add -A && git commit -qm draft
run env COLLAB_NOW=2026-12-30T10:00 "$COLLAB_BIN" --as zhang request submit "$B"
expect_rc 4 "submit whose review would be due in 2027 is refused with exit 4"
expect_contains "$ERR" "2027" "the refusal names 2027"
expect_contains "$ERR" "collab calendar import FILE" "the refusal says how to add it"
expect_eq "$(git status --porcelain)" "" "a refused submit writes nothing"

# Read commands: a marker and a note, never a number.
run collab --as li inbox
expect_rc 0 "inbox"
expect_contains "$OUT" "? working days late" "inbox shows ? for the lateness"
expect_contains "$OUT" "? no calendar covers 2027" "inbox notes the missing year"
expect_contains "$OUT" "collab calendar import FILE" "inbox says how to add it"
run collab --as li inbox --format json
expect_contains "$OUT" '"working_days_left": null' "inbox JSON has no number"
expect_contains "$OUT" '"working_days_left_uncovered_year": 2027' "inbox JSON names 2027"
run collab next "$R"
expect_contains "$OUT" "? working days late" "next shows ?"
expect_contains "$OUT" "? no calendar covers 2027" "next notes the missing year"

# --- 2. with a calendar for 2027 --------------------------------------------------------
# The 2027 notice as the holiday-cn JSON a team downloads the day it appears, taken in
# with one command (made up for this test: New Year 01-01..03, Spring Festival 02-05..13
# with make-up Sunday 01-31 and Saturday 02-20).
cat >"$E2E_ROOT/2027.json" <<'JSON'
{
  "year": 2027,
  "papers": ["https://example.org/notice-2027"],
  "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
    {"name": "春节", "date": "2027-01-31", "isOffDay": false},
    {"name": "春节", "date": "2027-02-05", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-07", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "春节", "date": "2027-02-09", "isOffDay": true},
    {"name": "春节", "date": "2027-02-10", "isOffDay": true},
    {"name": "春节", "date": "2027-02-11", "isOffDay": true},
    {"name": "春节", "date": "2027-02-12", "isOffDay": true},
    {"name": "春节", "date": "2027-02-13", "isOffDay": true},
    {"name": "春节", "date": "2027-02-20", "isOffDay": false}
  ]
}
JSON
run collab calendar import "$E2E_ROOT/2027.json"
expect_rc 0 "the 2027 JSON imports"
expect_contains "$(cat collab.yaml)" "calendars/cn-2027.yaml" "collab.yaml lists the imported year"
git add -A && git commit -qm "calendar 2027"
run collab check
expect_not_contains "$OUT" "calendar." "no calendar finding once 2027 is covered"
expect_contains "$OUT" "it is 124 working days late" "the review's lateness, counted by hand"
expect_contains "$OUT" "64 working days late" "the request's lateness, counted by hand"
run collab --as li inbox
expect_contains "$OUT" "124 working days late" "inbox counts with the 2027 calendar"
expect_not_contains "$OUT" "no calendar covers" "no note"
run collab calendar between 2027-02-04 2027-02-16
expect_eq "$OUT" "2" "the Spring Festival is off: only Monday and Tuesday after it count"
run collab calendar between 2027-01-29 2027-02-01
expect_eq "$OUT" "2" "make-up Sunday 01-31 is a working day"
run collab calendar add 2027-02-19 1
expect_eq "$OUT" "2027-02-20" "make-up Saturday 02-20 is the next working day"
run collab --as zhang request submit "$A"
expect_rc 0 "submit in 2027 works once covered"
git add -A && git commit -qm submitted

# --- 3. weekends-only, no 2027 file ------------------------------------------------------
git rm -q calendars/cn-2027.yaml
sed -i 's|^calendars: .*$|calendars: [calendars/cn-2026.yaml]|; s/^uncovered_years: error$/uncovered_years: weekends-only/' collab.yaml
git commit -qam "weekends only"
run collab check
expect_contains "$OUT" "calendar.weekends-only" "check warns that 2027 was counted weekends-only"
expect_contains "$OUT" "it is 125* working days late" "the guessed count is marked"
expect_not_contains "$OUT" "calendar.uncovered" "nothing is refused"
run collab --as li inbox
expect_contains "$OUT" "125* working days late" "inbox marks the guessed count"
expect_contains "$OUT" "* counted without holidays: no calendar for 2027" "inbox notes the guess"

run env COLLAB_NOW=2026-12-30T10:00 "$COLLAB_BIN" --as zhang request submit "$B"
expect_rc 0 "with weekends-only the submit across the year end is made"
expect_contains "$OUT" "the review is due by 2027-01-01 18:00" "Friday 1 January counts: no holidays known"
expect_contains "$ERR" "* counted without holidays: no calendar for 2027" "submit says the due time was guessed"
git add -A && git commit -qm submitted

C=$(COLLAB_NOW=2026-12-02T10:00 new_req zhang --due 2027-03-01)
run env COLLAB_NOW=2026-12-02T11:00 "$COLLAB_BIN" --as zhang request submit "$C"
expect_rc 0 "with weekends-only a due date in 2027 is accepted"
expect_contains "$ERR" "2027-03-01 was checked against the work week alone" "the guard says the date was not checked against holidays"
git add -A && git commit -qm "submitted C"

# --- 4. calendar.ending ------------------------------------------------------------------
run collab check --now 2026-11-30T23:59
expect_not_contains "$OUT" "calendar.ending" "no calendar.ending on 30 November"
run collab check --now 2026-12-01T00:00
expect_contains "$OUT" "calendar.ending" "calendar.ending from 1 December"
expect_contains "$OUT" "no calendar covers 2027" "it names 2027"
run collab check --now 2026-12-01T00:00 --format sarif
expect_contains "$OUT" "calendar.ending" "calendar.ending in SARIF"

finish
