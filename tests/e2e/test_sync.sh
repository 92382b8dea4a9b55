#!/usr/bin/env bash
# `collab sync`, `collab action done` and `collab risk add|update`: the weekly sync of a
# split two-department request. `sync ID --agenda` prints Markdown (overdue items first,
# then per owner: the last 7 days' updates, what is due in the next 7 days, open blockers
# and risks; then the request's risks and open action items). `sync ID` records the
# meeting by the project lead; its action items land in their owner's inbox and are closed
# with `action done`. A risk is opened, tracked and resolved. A 45-minute sync is recorded
# with a warning and reported by `check` as sync.too-long; no sync for more than 7 days is
# sync.missed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"

# --- before the split there is no agenda and no sync ------------------------------------------------
export COLLAB_NOW=2026-07-07T09:45
usage_error "an agenda before the split" collab --as zhang sync "$RID" --agenda
expect_eq "$ERR" "collab: error: $RID has no tasks yet: split it first" "split first"
refused "a sync before the split" sync collab --as zhang sync "$RID" --duration 10 --attendee zhang --minutes "x"
expect_eq "$ERR" "collab: refused by rule 'sync': cannot record a sync for $RID: it is final
hint: \`collab next $RID\` says what step comes next and who takes it" "no sync on a request that is not in progress"

split_request
run collab --now 2026-07-07T11:00 next "$RID"
expect_line "$OUT" "  张敏 (zhang): hold the sync meeting, due every 7 working days (at most 30 minutes); print the agenda first" \
    "next: the lead holds the sync"
expect_line "$OUT" "    due 2026-07-16 18:00 (7 working days left)" \
    "the first sync is due at the end of the 7th working day after the split (Tuesday 07-07)"

# --- two days of work, a blocker and three risks ----------------------------------------------------
collab --now 2026-07-08T17:30 --as chen progress "$RID/T1" --note "Collected this month's tickets" --percent 20 >/dev/null
collab --now 2026-07-08T17:40 --as wang progress "$RID/T4" --note "Rule outline drafted" --percent 20 >/dev/null
run collab --now 2026-07-09T10:00 --as chen progress "$RID/T1" --note "Need last year's tickets" --percent 30 \
    --blocker "last year's tickets" --from li --by 2026-07-09T17:00
B=$(first_id B "$OUT")
collab --now 2026-07-09T11:00 --as zhao progress "$RID/T2" --note "Read the vendor API docs" --percent 10 >/dev/null
commit "progress"

export COLLAB_NOW=2026-07-09T11:30
refused "a risk without an owner" sync collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --due 2026-07-16
expect_eq "$ERR" "collab: refused by rule 'sync': a risk names what could go wrong (--text), who watches it (--owner) and by when it is resolved (--due)" \
    "a risk names what, who and by when"
refused "a risk owned by someone not in the roster" sync \
    collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --owner nobody --due 2026-07-16
refused "a risk on a task that does not exist" sync \
    collab --as zhao risk add "$RID/T9" --text "Vendor API may change" --owner zhao --due 2026-07-16
refused "a risk due on a Saturday" sync \
    collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --owner zhao --due 2026-07-18
expect_eq "$ERR" "collab: refused by rule 'sync': due 2026-07-18 is not a working day; the next working day is 2026-07-20" \
    "a risk's due date is a working day, like a task's deadline"
refused "a risk due on National Day" sync \
    collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --owner zhao --due 2026-10-01
expect_match "$ERR" "^collab: refused by rule 'sync': due 2026-10-01 falls on .*, not a working day; the next working day is 2026-10-08$" \
    "a holiday names the next working day"
run collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --owner zhao --due 2026-07-16
expect_rc 0 "zhao adds a risk to T2"
RK=$(first_id RK "$OUT")
expect_eq "$OUT" "Risk $RK added to $RID." "the risk gets an id"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/zhao.yaml" "the risk goes into zhao's log"
run collab --now 2026-07-09T11:40 --as zhang risk add "$RID" --text "Agents busy in peak season" --owner li --due 2026-07-24
expect_rc 0 "the lead adds a risk to the request"
RK2=$(first_id RK "$OUT")
run collab --now 2026-07-09T12:00 --as zhang risk add "$RID/T4" --text "Rules conflict with the SLA" --owner wang --due 2026-07-14
RK3=$(first_id RK "$OUT")
commit "risks"

run collab task show "$RID/T2"
expect_contains "$OUT" "Risks
  $RK  [open]  Vendor API may change" "task show lists the open risk"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T2 | Build the router | 赵磊 | waiting | 2026-07-22 | 9 | 10% | - / 1 risk | Read the vendor API docs" \
    "task list counts the risk"
run collab --as zhao inbox
expect_contains "$OUT" "      risk $RK (open): Vendor API may change
      due 2026-07-16 18:00" "the risk's owner has it in the inbox with its due date"

# wang resolves the SLA risk the same day; zhao's risk is being mitigated.
refused "someone else updating a risk" sync collab --as chen risk update "$RK" --status resolved
expect_eq "$ERR" "collab: refused by rule 'sync': risk $RK is updated by its owner 赵磊 (zhao) or the project lead" \
    "only the risk's owner or the lead updates it"
run collab --now 2026-07-09T15:00 --as wang risk update "$RK3" --status resolved --note "SLA team agreed"
expect_rc 0 "wang resolves the SLA risk"
expect_eq "$OUT" "Risk $RK3 is now resolved." "the risk is resolved"
run collab --now 2026-07-09T15:00 --as wang inbox
expect_not_contains "$OUT" "$RK3" "a resolved risk leaves its owner's inbox"
run collab --now 2026-07-09T15:00 task show "$RID/T4"
expect_not_contains "$OUT" "[open]" "task show: no open risk on T4 any more"
run collab --now 2026-07-09T15:00 log "$RID"
expect_line "$OUT" "2026-07-09 12:00  张敏 (zhang)  added risk $RK3: Rules conflict with the SLA" "log: the risk opened"
expect_line "$OUT" "2026-07-09 15:00  王强 (wang)  set risk $RK3 to resolved" "log: the risk resolved"
commit "SLA risk resolved"

# === the agenda on Thursday evening ================================================================
export COLLAB_NOW=2026-07-09T18:00
run collab --as zhang sync "$RID" --agenda
expect_rc 0 "the agenda"
expect_eq "$ERR" "" "the agenda prints no warning"
expect_match "$OUT" "^- $B last year's tickets — needs 李华 \\(li\\) by 2026-07-09[ T]17:00" \
    "chen's open blocker, whom it waits on and by when"
expect_eq "$(grep -v "^- $B last year's tickets — needs" <<<"$OUT")" "# Weekly sync of $RID: Ticket routing

2026-07-09 18:00 · at most 30 minutes · last sync: never

## Overdue

- blocker $B last year's tickets: needed from 李华 (li) by 2026-07-09 17:00

## 陈晨 (chen)

### Updates of the last 7 days

- 2026-07-08 17:30 T1: Collected this month's tickets
- 2026-07-09 10:00 T1: Need last year's tickets

### Due in the next 7 days

- T1 Map the ticket flow (Ticket flow chart v1): 2026-07-15

### Open blockers


## 王强 (wang)

### Updates of the last 7 days

- 2026-07-08 17:40 T4: Rule outline drafted

### Due in the next 7 days

- none

### Open blockers

- none

## 张敏 (zhang)

### Updates of the last 7 days

- none

### Due in the next 7 days

- none

### Open blockers

- none

## 赵磊 (zhao)

### Updates of the last 7 days

- 2026-07-09 11:00 T2: Read the vendor API docs

### Due in the next 7 days

- none

### Open blockers

- none

### Risks

- $RK [open] Vendor API may change

## Risks of the request

- $RK2 [open] Agents busy in peak season — 李华 (li), 2026-07-24" \
    "the agenda: the late blocker first, then each owner, then the request's risks"
expect_not_contains "$OUT" "$RK3" "a resolved risk is off the agenda"
run collab --as chen sync "$RID" --agenda
expect_rc 0 "anyone may print the agenda"

# Friday's agenda: next Friday is within the coming week.
run collab --now 2026-07-10T10:00 --as zhang sync "$RID" --agenda
expect_contains "$OUT" "## 王强 (wang)

### Updates of the last 7 days

- 2026-07-08 17:40 T4: Rule outline drafted

### Due in the next 7 days

- T4 Write routing rules (Routing rule sheet v1): 2026-07-17" \
    "on Friday 2026-07-10, T4 due Friday 2026-07-17 is due next week"

# li sends the tickets on Friday morning.
collab --now 2026-07-10T09:00 --as li blocker close "$B" >/dev/null
commit "blocker closed"

# === the sync on Friday 2026-07-10 ================================================================
export COLLAB_NOW=2026-07-10T10:40
SYNC=(--at 2026-07-10T10:00 --duration 25 --attendee zhang --attendee chen --attendee zhao --attendee wang
    --attendee li --report "chen: Collected tickets | Draw the chart | none"
    --report "zhao: Read the API docs | Start the router once T1 is in | vendor API"
    --report "wang: Rule outline | Finish the rule sheet | none"
    --action "Share the 2025 ticket export :: li :: 2026-07-14"
    --minutes "T1 on track once the export arrives.")
refused "a sync recorded by someone other than the lead" sync collab --as zhao sync "$RID" "${SYNC[@]}"
expect_eq "$ERR" "collab: refused by rule 'sync': the weekly sync of $RID is recorded by the project lead 张敏 (zhang)" \
    "only the project lead records the sync"
usage_error "a sync without its duration" collab --as zhang sync "$RID" --attendee zhang --minutes "x"
usage_error "a sync without attendees" collab --as zhang sync "$RID" --duration 20 --minutes "x"
usage_error "a sync without minutes" collab --as zhang sync "$RID" --duration 20 --attendee zhang </dev/null
usage_error "an action item without a deadline" \
    collab --as zhang sync "$RID" --duration 20 --attendee zhang --minutes "x" --action "Share the export :: li"
expect_eq "$ERR" "collab: error: --action 'Share the export :: li' must read TEXT :: OWNER :: YYYY-MM-DD, with an owner from the roster" \
    "how to write an action item"
usage_error "an action item for someone not in the roster" \
    collab --as zhang sync "$RID" --duration 20 --attendee zhang --minutes "x" --action "Share :: nobody :: 2026-07-14"
refused "an action item due on a Sunday" sync \
    collab --as zhang sync "$RID" --duration 20 --attendee zhang --minutes "x" --action "Share :: li :: 2026-07-12"
expect_eq "$ERR" "collab: refused by rule 'sync': due 2026-07-12 is not a working day; the next working day is 2026-07-13" \
    "an action item's deadline is a working day, like a task's deadline"
usage_error "a report without an owner" \
    collab --as zhang sync "$RID" --duration 20 --attendee zhang --minutes "x" --report "did things"

run collab --as zhang sync "$RID" "${SYNC[@]}"
expect_rc 0 "the lead records the sync"
A=$(first_id A "$OUT")
expect_eq "$OUT" "Sync of $RID recorded: 25 minutes, 5 attendees.
  $A  Share the 2025 ticket export :: li :: 2026-07-14" "the sync and its action item"
expect_eq "$ERR" "" "25 minutes: no warning"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/zhang.yaml" "the sync goes into the lead's log"
log=$(cat "requests/$RID/log/zhang.yaml")
expect_line "$log" "  action: sync" "log: a sync"
expect_line "$log" "  held_at: 2026-07-10T10:00:00+08:00" "log: when it was held"
expect_line "$log" "  duration_minutes: 25" "log: its duration"
expect_line "$log" "  attendees: [zhang, chen, zhao, wang, li]" "log: the attendees"
expect_line "$log" "    - owner: zhao" "log: zhao's report"
expect_line "$log" "      next_week: Start the router once T1 is in" "log: next week's plan"
expect_line "$log" "      risks: vendor API" "log: the risks reported"
expect_line "$log" "    - id: $A" "log: the action item"
expect_line "$log" "      deadline: 2026-07-14" "log: its deadline"
expect_line "$log" "  minutes: T1 on track once the export arrives." "log: the minutes"
commit "sync"

run collab --as li inbox
expect_contains "$OUT" "    $RID  Ticket routing
      action item $A: Share the 2025 ticket export
      due 2026-07-14 18:00" "the action item is in its owner's inbox with its deadline"
expect_line "$OUT" "      \$ collab action done $A" "with the command to close it"
run collab next "$RID"
expect_line "$OUT" "  李华 (li): action item $A: Share the 2025 ticket export" "next: li's action item"
run collab sync "$RID" --agenda
expect_contains "$OUT" "last sync: 2026-07-10 10:00" "the agenda names the last sync, when it was held"
expect_contains "$OUT" "## Open action items

- $A Share the 2025 ticket export — 李华 (li), 2026-07-14" "the agenda lists the open action item"
run collab log "$RID"
expect_match "$OUT" "^2026-07-10 10:[0-9]{2}  张敏 \\(zhang\\)  recorded the weekly sync \\(25 min\\)$" "log: the sync"

# --- the action item is done ------------------------------------------------------------------------
export COLLAB_NOW=2026-07-13T09:00
refused "someone else closing li's action item" sync collab --as chen action "done" "$A"
expect_eq "$ERR" "collab: refused by rule 'sync': action item $A is closed by its owner 李华 (li) or the project lead" \
    "only its owner or the lead"
run collab --as li action "done" "$A"
expect_rc 0 "li closes her action item"
expect_eq "$OUT" "Action item $A of $RID done." "the action item is done"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/li.yaml" "into li's log"
refused "closing it twice" sync collab --as li action "done" "$A"
expect_eq "$ERR" "collab: refused by rule 'sync': action item $A is already done" "already done"
run collab --as li inbox
expect_not_contains "$OUT" "$A" "the action item left li's inbox"
run collab log "$RID"
expect_line "$OUT" "2026-07-13 09:00  李华 (li)  finished action item $A" "log: the action item done"
run collab --as zhao risk update "$RK" --status mitigating --note "Pinned the API version"
expect_rc 0 "zhao mitigates his risk"
run collab task show "$RID/T2"
expect_contains "$OUT" "  $RK  [mitigating]  Vendor API may change" "task show: the risk's new status"
run collab sync "$RID" --agenda
expect_line "$OUT" "- $RK [mitigating] Vendor API may change" "the agenda: the risk's new status"
run collab --as zhang risk update "$RK" --status resolved --note "Vendor confirmed the API"
expect_rc 0 "the lead resolves zhao's risk"
run collab task show "$RID/T2"
expect_not_contains "$OUT" "[mitigating]" "task show: the risk is no longer open"
run collab --as zhao inbox
expect_not_contains "$OUT" "$RK" "the risk left zhao's inbox"
commit "Monday"

# --- a 45-minute sync ---------------------------------------------------------------------------------
export COLLAB_NOW=2026-07-13T15:00
run collab --as zhang sync "$RID" --at 2026-07-13T14:00 --duration 45 --attendee zhang --attendee chen \
    --attendee zhao --minutes "Long discussion of the rule sheet."
expect_rc 0 "a 45-minute sync is recorded"
expect_eq "$OUT" "Sync of $RID recorded: 45 minutes, 3 attendees." "recorded"
expect_eq "$ERR" "collab: warning: the meeting took 45 minutes, over the 30 the sync rule allows; it is recorded and reported" \
    "with a warning"
commit "long sync"
run collab check
expect_rc 0 "a long sync is a warning"
expect_match "$OUT" "^  requests/$RID/log/zhang\\.yaml:[0-9]+:[0-9]+: warning: a sync of $RID took 45 minutes, over the 30 allowed \\[sync\\.too-long\\]$" \
    "check: the long sync"
run collab check --format json
expect_contains "$OUT" '"rule": "sync.too-long",' "check JSON: sync.too-long"
expect_contains "$OUT" "\"message\": \"a sync of $RID took 45 minutes, over the 30 allowed\"" "check JSON: its message"
run collab check --fail-on warning
expect_rc 1 "--fail-on warning fails on the long sync"

# --- no sync for more than 7 working days -----------------------------------------------------------
# The last sync was held on Monday 07-13: 07-14 .. 07-17 and 07-20 .. 07-22 are the 7 working
# days, so the next one is due by the end of Wednesday 07-22 (not 14:00 on Monday 07-20).
run collab --now 2026-07-22T18:00 check --format json
expect_not_contains "$OUT" "sync.missed" "not missed before the end of the 7th working day"
run collab --now 2026-07-23T09:00 check
expect_rc 1 "a missed sync is an error"
expect_line "$OUT" "  requests/$RID/request.yaml:1:1: error: $RID has had no sync meeting since 2026-07-13 14:00 (the rule is every 7 working days): 1 working day late [sync.missed]" \
    "check: the missed sync"
run collab --now 2026-07-24T10:00 check --rule sync.missed
expect_line "$OUT" "  requests/$RID/request.yaml:1:1: error: $RID has had no sync meeting since 2026-07-13 14:00 (the rule is every 7 working days): 2 working days late [sync.missed]" \
    "check: the missed sync, two working days on"
run collab --now 2026-07-23T09:00 check --format json
expect_contains "$OUT" '"rule": "sync.missed",' "check JSON: sync.missed"
run collab --now 2026-07-23T09:00 --as zhang inbox
expect_contains "$OUT" "      hold the sync meeting, due every 7 working days (at most 30 minutes); print the agenda first
      was due 2026-07-22 18:00: 1 working day late" "the lead is asked for the sync"

finish
