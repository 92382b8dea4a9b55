#!/usr/bin/env bash
# `collab export --ics`: the requests' dates as iCalendar, read back with an independent
# parser (Python's icalendar, Debian python3-icalendar; the test is skipped without it).
# The request R of final_request.sh, split into four tasks, with a sync held and a
# blocker open, exported on 2026-07-16 (re-acceptance dates: tests/unit/test_calendar_feed):
#  - every event parses, with its time in Asia/Shanghai (VTIMEZONE +0800), deadlines as
#    all-day DATE values, and the UIDs are the same on a second export (a subscribed
#    calendar updates, never duplicates);
#  - the review meeting, the sync (its 20 minutes), every task deadline, the blocker's
#    "by", the re-acceptance date and the next sync are there;
#  - --person keeps what concerns that person; one request or all; -o writes a file;
#  - Chinese summaries in a zh workspace; an unknown person and a missing --ics are
#    usage errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import icalendar' 2>/dev/null; then
    echo "SKIP: $PYTHON has no icalendar (apt-get install python3-icalendar)"
    exit 77
fi
# ics_events FILE: one line per VEVENT, "UID|CATEGORY|DTSTART|DTEND|SUMMARY", sorted;
# DTSTART/DTEND as the parser reads them (a date, or a zone-aware time in ISO form).
ics_events() {
    "$PYTHON" - "$1" <<'PY'
import sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
rows = []
for event in cal.walk("VEVENT"):
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    rows.append("|".join([str(event["UID"]), str(event["CATEGORIES"].cats[0]),
                          start.isoformat(), end.isoformat(), str(event["SUMMARY"])]))
for row in sorted(rows):
    print(row)
# Round trip: what the parser writes back parses to the same events.
again = icalendar.Calendar.from_ical(cal.to_ical())
assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in cal.walk("VEVENT")]
PY
}

final_request "$E2E_ROOT/ws"
split_request
collab --now 2026-07-08T10:00 --as zhang sync "$RID" --duration 20 --attendee zhang --attendee chen \
    --attendee zhao --attendee wang --minutes "First sync" >/dev/null || fail "the sync is recorded"
run collab --now 2026-07-09T10:00 --as chen progress "$RID/T1" --note "Need last year's tickets" \
    --percent 30 --blocker "last year's tickets" --from li --by 2026-07-20T17:00
expect_rc 0 "a progress update with a blocker"
B=$(first_id B "$OUT")
commit "work"

NOW=2026-07-16T09:00
run collab --now "$NOW" export --ics "$RID" -o "$E2E_ROOT/r.ics"
expect_rc 0 "export --ics -o FILE"
expect_eq "$OUT" "" "nothing on stdout with -o"
ICS=$(cat "$E2E_ROOT/r.ics")
expect_contains "$ICS" $'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n' "an iCalendar file with CRLF line ends"
expect_contains "$ICS" $'TZID:Asia/Shanghai\r\n' "a VTIMEZONE for the workspace's zone"
expect_contains "$ICS" $'TZOFFSETTO:+0800\r\n' "at +0800"
EVENTS=$(ics_events "$E2E_ROOT/r.ics")
expect_rc 0 "(parsed)"
for task in T1:2026-07-15 T2:2026-07-22 T3:2026-07-29 T4:2026-07-17; do
    id=${task%%:*} day=${task#*:}
    next_day=$(date -d "$day + 1 day" +%F)
    expect_match "$EVENTS" "^$RID\\.task\\.$id@collab\\|task\\|$day\\|$next_day\\|$RID $id " \
        "task $id: an all-day event on its deadline $day"
done
expect_match "$EVENTS" "^$RID\\.sync\\.[0-9]+@collab\\|sync\\|2026-07-08T10:00:00\\+08:00\\|2026-07-08T10:20:00\\+08:00\\|" \
    "the sync held: 10:00 for its 20 minutes"
expect_match "$EVENTS" "^$RID\\.blocker\\.$B@collab\\|blocker\\|2026-07-20T16:30:00\\+08:00\\|2026-07-20T17:00:00\\+08:00\\|" \
    "the blocker's 'by': the half hour before 17:00"
expect_match "$EVENTS" "^$RID\\.sync-due\\.2@collab\\|sync-due\\|" "the next sync is due"
expect_match "$EVENTS" "^$RID\\.meeting\\.[0-9]+@collab\\|meeting\\|" "the review meeting"

# The same UIDs on a second export; all requests give the same here (there is one).
run collab --now "$NOW" export --ics "$RID"
printf '%s' "$OUT" >"$E2E_ROOT/again.ics"
expect_eq "$(ics_events "$E2E_ROOT/again.ics" | cut -d'|' -f1)" "$(cut -d'|' -f1 <<<"$EVENTS")" \
    "a second export: the same UIDs"
run collab --now "$NOW" export --ics
printf '%s' "$OUT" >"$E2E_ROOT/all.ics"
expect_eq "$(ics_events "$E2E_ROOT/all.ics")" "$EVENTS" "every request: the same events (one request here)"

# --person: chen owns T1, supports nothing else, attended the sync, raised the blocker.
run collab --now "$NOW" export --ics --person chen
printf '%s' "$OUT" >"$E2E_ROOT/chen.ics"
CHEN=$(ics_events "$E2E_ROOT/chen.ics")
expect_match "$CHEN" "\\.task\\.T1@collab" "chen: T1"
expect_match "$CHEN" "\\.blocker\\.$B@collab" "chen: the blocker chen raised"
expect_not_contains "$CHEN" ".task.T2@collab" "chen: not zhao's T2"
expect_not_contains "$CHEN" ".task.T4@collab" "chen: not wang's T4"

# -o FILE relative to -C DIR, as the option's help says.
cd "$E2E_ROOT" || exit 1
run collab -C ws --now "$NOW" export --ics "$RID" -o from-c.ics
expect_rc 0 "export -C ws -o from-c.ics"
cd ws || exit 1
expect_file "$E2E_ROOT/ws/from-c.ics" "-o is taken from -C DIR"
expect_eq "$(cat "$E2E_ROOT/ws/from-c.ics")" "$ICS" "the same file"

usage_error "an unknown person" collab --now "$NOW" export --ics --person nobody
expect_contains "$ERR" "nobody" "the unknown person is named"
usage_error "export without saying what" collab --now "$NOW" export
expect_contains "$ERR" "--ics" "the error says --ics"

# A Chinese workspace: Chinese summaries.
sed -i 's/^language: en$/language: zh/' collab.yaml
run collab --now "$NOW" export --ics "$RID"
printf '%s' "$OUT" >"$E2E_ROOT/zh.ics"
expect_match "$(ics_events "$E2E_ROOT/zh.ics")" "\\.task\\.T1@collab\\|task\\|.*截止" "Chinese summaries"
git checkout -q -- collab.yaml

finish
