#!/usr/bin/env bash
# `collab progress` and `collab blocker close`: several days of daily progress on a split
# two-department request, by the owners and by the project lead; a blocker that names what
# is needed, from whom and by when shows in that person's inbox with its deadline, is
# reported by `collab check` as blocker.late once its time has passed, and is closed by
# the person it waits on (or the task's owner), not by anyone else; an active task with
# no update for more than one working day is stale (a warning of `collab check`, marked in
# `collab task list`). Refusals exit 3 and write nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request

# === Wednesday 2026-07-08: the first updates ======================================================
export COLLAB_NOW=2026-07-08T17:30
run collab --as chen progress "$RID/T1" --note "Collected this month's tickets" --percent 20
expect_rc 0 "chen posts progress on T1"
expect_eq "$OUT" "Progress on $RID/T1 recorded." "progress is confirmed"
expect_eq "$ERR" "" "no warning"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/chen.yaml" "progress goes into the owner's log"
log=$(cat "requests/$RID/log/chen.yaml")
expect_line "$log" "  action: progress" "logged as progress"
expect_line "$log" "  task: T1" "with its task"
expect_line "$log" "  note: Collected this month's tickets" "with its note"
expect_line "$log" "  percent: 20" "with its percent"
run collab --now 2026-07-08T17:40 --as wang progress "$RID/T4" --note "Rule outline drafted" --percent 20
expect_rc 0 "wang posts progress on T4"
commit "Wednesday"

# --- who may post, and what a blocker must say ------------------------------------------------------
refused "progress by someone outside the task" progress collab --as sun progress "$RID/T1" --note "Looks good"
expect_eq "$ERR" "collab: refused by rule 'progress': only the owner of T1, 陈晨 (chen), or the project lead 张敏 (zhang) posts its progress" \
    "only the owner or the lead posts progress"
refused "progress by another task's owner" progress collab --as wang progress "$RID/T1" --note "Helping out"
refused "progress by the supervisor" progress collab --as li progress "$RID/T1" --note "Checked"
refused "progress on a task that does not exist" progress collab --as zhang progress "$RID/T9" --note "x"
refused "a blocker without --by" progress \
    collab --as chen progress "$RID/T1" --note "Stuck" --blocker "last year's tickets" --from li
expect_eq "$ERR" "collab: refused by rule 'progress': a blocker names what is needed (--blocker), from whom (--from) and by when (--by)" \
    "a blocker names what, from whom and by when"
refused "a blocker without --from" progress \
    collab --as chen progress "$RID/T1" --note "Stuck" --blocker "last year's tickets" --by 2026-07-09T17:00
usage_error "a blocker from someone not in the roster" \
    collab --as chen progress "$RID/T1" --note "Stuck" --blocker "tickets" --from nobody --by 2026-07-09T17:00
expect_eq "$ERR" "collab: error: 'nobody' is not in the roster (people.yaml)" "the unknown person is named, as a usage error"
refused "a blocker whose --by is not a time" progress \
    collab --as chen progress "$RID/T1" --note "Stuck" --blocker "tickets" --from li --by "5pm"
expect_eq "$ERR" "collab: refused by rule 'progress': --by '5pm' is not a time; write 2026-07-06T17:00" "how to write --by"
usage_error "progress without a note" collab --as chen progress "$RID/T1" --percent 40
expect_eq "$ERR" "collab: error: say what was done with --note" "the note is asked for"
usage_error "a percent over 100" collab --as chen progress "$RID/T1" --note "x" --percent 150

# === Thursday 2026-07-09: a blocker =================================================================
export COLLAB_NOW=2026-07-09T10:00
run collab --as chen progress "$RID/T1" --note "Need last year's tickets" --percent 30 \
    --blocker "last year's tickets" --from li --by 2026-07-09T17:00
expect_rc 0 "chen posts progress with a blocker"
B=$(first_id B "$OUT")
expect_match "$B" '^B-[0-9A-Z]{4}$' "the blocker has an id"
expect_eq "$OUT" "Progress on $RID/T1 recorded.
Blocker $B raised: waiting on 李华 (li) by 2026-07-09T17:00." "the blocker is raised, naming whom it waits on and by when"
log=$(cat "requests/$RID/log/chen.yaml")
expect_line "$log" "    id: $B" "the blocker is in chen's log"
expect_line "$log" "    from: li" "with whom it waits on"
expect_line "$log" "    by: 2026-07-09T17:00:00+08:00" "and by when, with the offset"
run collab --now 2026-07-09T11:00 --as zhang progress "$RID/T1" --note "Lead: chart draft started" --percent 35
expect_rc 0 "the project lead posts progress on chen's task"
expect_eq "$OUT" "Progress on $RID/T1 recorded." "the lead's progress is recorded"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/chen.yaml
 M requests/$RID/log/zhang.yaml" "the lead's progress goes into the lead's log"
commit "Thursday morning"

export COLLAB_NOW=2026-07-09T12:00
run collab --as li inbox
expect_contains "$OUT" "    $RID  Ticket routing
      provide what blocker $B needs: last year's tickets (for T1)
      due 2026-07-09 17:00" "li sees the blocker in her inbox with its deadline"
expect_line "$OUT" "      \$ collab blocker close $B" "li is given the command to close it"
run collab next "$RID"
expect_line "$OUT" "  李华 (li): provide what blocker $B needs: last year's tickets (for T1)" "next: li provides"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 4 | 35% | 1 | Lead: chart draft started" \
    "task list: the latest progress, its percent and one open blocker"
run collab task show "$RID/T1"
expect_contains "$OUT" "PROGRESS       35%

Updates
  2026-07-08 17:30  Collected this month's tickets
  2026-07-09 10:00  Need last year's tickets
  2026-07-09 11:00  Lead: chart draft started

Open blockers
  $B  last year's tickets  needs 李华 (li) by " "task show: the update history and the open blocker"
run collab task show "$RID/T1" --format json
expect_contains "$OUT" "\"id\": \"$B\"," "task show JSON: the open blocker"
run collab check
expect_rc 0 "before its time the blocker is not late"
expect_not_contains "$OUT" "blocker.late" "no late blocker yet"

# --- after 17:00 the blocker is late -------------------------------------------------------------------
export COLLAB_NOW=2026-07-09T18:00
run collab check
expect_rc 1 "a late blocker is an error of check"
expect_line "$OUT" "李华 (li)" "check groups the finding under the person it waits on"
expect_match "$OUT" "^  requests/$RID/log/chen\\.yaml:[0-9]+:[0-9]+: error: blocker $B \\(last year's tickets\\) needed from 李华 \\(li\\) by 2026-07-09 17:00 is still open: 1 working day late \\[blocker\\.late\\]$" \
    "check names the blocker, whom it waits on and since when, and how late (1 working day on its own day)"
expect_line "$OUT" "1 error, 0 warnings" "one error"
run collab check --format json
expect_rc 1 "check JSON: exit 1"
expect_contains "$OUT" '"rule": "blocker.late",' "check JSON: blocker.late"
expect_contains "$OUT" '"person": "li",' "check JSON: the person it waits on"
expect_contains "$OUT" '"late_days": 1,' "check JSON: 1 working day late"

# --- closing it ----------------------------------------------------------------------------------------
export COLLAB_NOW=2026-07-10T09:00
refused "an unrelated person closing the blocker" progress collab --as sun blocker close "$B"
expect_eq "$ERR" "collab: refused by rule 'progress': blocker $B is closed by the task's owner, by 李华 (li) whom it waits on, or by the project lead" \
    "who may close it"
refused "another task's owner closing the blocker" progress collab --as wang blocker close "$B"
refused "the sales head closing it" progress collab --as qian blocker close "$B"
run collab --as li blocker close "$B" --note "Sent the 2025 export"
expect_rc 0 "li, whom it waits on, closes the blocker"
expect_eq "$OUT" "Blocker $B of $RID closed." "the blocker is closed"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/li.yaml" "the closing goes into li's log"
expect_line "$(cat "requests/$RID/log/li.yaml")" "  blocker: $B" "li's log names the blocker"
commit "blocker closed"
refused "closing it twice" progress collab --as chen blocker close "$B"
expect_eq "$ERR" "collab: refused by rule 'progress': blocker $B is already closed" "already closed"
run collab --as li inbox
expect_not_contains "$OUT" "$B" "the blocker left li's inbox"
run collab check
expect_rc 0 "check passes once the blocker is closed"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 3 | 35% | - | Lead: chart draft started" \
    "task list: no open blocker; T1 updated yesterday is not stale"
run collab log "$RID"
expect_line "$OUT" "2026-07-09 10:00  陈晨 (chen)  progress on T1: Need last year's tickets" "log: chen's update"
expect_line "$OUT" "2026-07-09 11:00  张敏 (zhang)  progress on T1: Lead: chart draft started" "log: the lead's update"
expect_line "$OUT" "2026-07-10 09:00  李华 (li)  closed blocker $B" "log: the blocker closed"

# --- a second blocker, closed by the task's owner -----------------------------------------------------
export COLLAB_NOW=2026-07-10T10:00
run collab --as wang progress "$RID/T4" --note "Need peak-hour volumes" --percent 40 \
    --blocker "peak-hour volumes" --from chen --by 2026-07-13T12:00
expect_rc 0 "wang raises a blocker on T4 waiting on chen"
B2=$(first_id B "$OUT")
run collab --as chen inbox
expect_contains "$OUT" "      provide what blocker $B2 needs: peak-hour volumes (for T4)
      due 2026-07-13 12:00" "chen sees wang's blocker with its deadline"
commit "Friday"

# === Monday 2026-07-13: T1 had no update on Friday, so it is stale ==================================
export COLLAB_NOW=2026-07-13T10:00
run collab check
expect_rc 0 "a stale task is a warning: check exits 0 without errors"
expect_line "$OUT" "陈晨 (chen)" "check groups the stale task under its owner"
expect_line "$OUT" "  requests/$RID/tasks.yaml:8:15: warning: $RID/T1 is active with no progress for 2 working days; post an update [task.stale]" \
    "check: T1 is stale, with its idle working days"
expect_not_contains "$OUT" "$RID/T4 is active" "T4, updated on Friday, is not stale"
expect_line "$OUT" "0 errors, 1 warning" "one warning"
# The owner's inbox: today's report is due by the end of the working day, even when the
# task is stale, and the task's own deadline is there with the days left or late.
run collab --as chen inbox
expect_contains "$OUT" "      post today's progress on T1 Map the ticket flow (last update 2 working days ago)
      due 2026-07-13 18:00 (0 working days left)" "the progress report is due at the end of today"
expect_contains "$OUT" "      deliver T1 Map the ticket flow by its deadline 2026-07-15
      due 2026-07-15 18:00 (2 working days left)" "the inbox shows T1's deadline and the days left"
run collab --now 2026-07-16T09:00 --as chen inbox
expect_contains "$OUT" "      deliver T1 Map the ticket flow by its deadline 2026-07-15
      was due 2026-07-15 18:00: 1 working day late" "and says when the task is late"
run collab check --fail-on warning
expect_rc 1 "--fail-on warning: the stale task fails check"
run collab check --format json
expect_contains "$OUT" '"rule": "task.stale",' "check JSON: task.stale"
expect_contains "$OUT" '"severity": "warning",' "check JSON: a warning"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T1 | Map the ticket flow | 陈晨 | active (stale) | 2026-07-15 | 2 | 35% | - | Lead: chart draft started" \
    "task list marks T1 stale"
run collab task list "$RID" --format json
expect_contains "$OUT" '"stale": true,' "task list JSON: stale"
run collab next "$RID"
expect_line "$OUT" "  陈晨 (chen): post today's progress on T1 Map the ticket flow (last update 2 working days ago)" \
    "next asks chen for today's progress"

# wang, the owner of T4, closes the blocker raised on his own task.
refused "a participant outside T4 closing its blocker" progress collab --as zhao blocker close "$B2"
run collab --as wang blocker close "$B2"
expect_rc 0 "the task's owner closes the blocker"
expect_eq "$OUT" "Blocker $B2 of $RID closed." "closed by the owner"
run collab --as chen progress "$RID/T1" --note "Chart reviewed with li" --percent 70
expect_rc 0 "chen posts again"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 2 | 70% | - | Chart reviewed with li" \
    "T1 is no longer stale"
run collab check --fail-on warning
expect_rc 0 "nothing stale, nothing late"
commit "Monday"

finish
