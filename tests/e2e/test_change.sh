#!/usr/bin/env bash
# `collab change`: after the split, a deadline moves only through a change request with a
# reason. The proposal names its downstream impact (tasks that depend on the moved task
# and would start after their own deadline); the supervisor approves or rejects it
# (nobody else); the owners of the affected tasks re-confirm it; only then does the table
# change, and the history shows old and new values. A hand edit of a frozen deadline in
# tasks.yaml is found by `collab check` as tasks.changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request
collab --now 2026-07-08T17:30 --as chen progress "$RID/T1" --note "Collected this month's tickets" --percent 40 >/dev/null
collab --now 2026-07-10T17:30 --as wang progress "$RID/T4" --note "Rule outline drafted" --percent 40 >/dev/null
commit "progress"
export COLLAB_NOW=2026-07-13T10:00 # Monday

# === refusals ==========================================================================================
refused "a change without a reason" change collab --as zhao change "$RID" --task-deadline T2=2026-07-29
expect_eq "$ERR" "collab: refused by rule 'change': a change request needs a reason (--reason)" "the reason is required"
refused "a change that changes nothing" change collab --as zhao change "$RID" --reason "Vendor late"
expect_contains "$ERR" "collab: refused by rule 'change': the change request changes nothing: give --task-deadline" \
    "what a change may change"
refused "a change of a task that does not exist" change \
    collab --as zhao change "$RID" --reason "Vendor late" --task-deadline T9=2026-07-29
expect_eq "$ERR" "collab: refused by rule 'change': $RID has no task T9" "the unknown task is named"
refused "a new deadline on a Saturday" change \
    collab --as zhao change "$RID" --reason "Vendor late" --task-deadline T2=2026-07-25
expect_contains "$ERR" "2026-07-25 is not a working day; the next working day is 2026-07-27" \
    "the weekend deadline names the next working day"
refused "a change proposed by someone outside the request" change \
    collab --as sun change "$RID" --reason "Vendor late" --task-deadline T2=2026-07-29
expect_eq "$ERR" "collab: refused by rule 'change': 孙悦 (sun) is not a collaborator of $RID" "only collaborators propose changes"
refused "a task deadline moved past the request's due date" change \
    collab --as wang change "$RID" --reason "More time" --task-deadline T4=2026-08-05
git checkout -q -- . # should the proposal have been written, drop it so the rest can go on
usage_error "a --task-deadline without a date" collab --as zhao change "$RID" --reason "Vendor late" --task-deadline T2
expect_eq "$ERR" "collab: error: --task-deadline 'T2' must read TASK=YYYY-MM-DD" "how to write --task-deadline"

# === the change request ===============================================================================
run collab --as zhao change "$RID" --reason "Vendor API delivered late" --task-deadline T2=2026-07-29
expect_rc 0 "zhao proposes moving T2's deadline"
CR=$(first_id CR "$OUT")
expect_match "$CR" '^CR-[0-9A-Z]{4}$' "the change request has an id"
expect_line "$OUT" "Change request $CR proposed for $RID:" "the proposal is confirmed"
expect_line "$OUT" "  T2 deadline 2026-07-22 -> 2026-07-29" "the proposal shows old and new deadline"
expect_match "$OUT" "^Downstream impact: T3 would start after (its|their) own deadline$" \
    "the downstream impact names T3, which depends on T2 and is due 2026-07-29"
expect_line "$OUT" "Next: approval by 李华 (li), then re-confirmation by 赵磊 (zhao)." "who approves and who re-confirms"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/zhao.yaml" "the proposal goes into zhao's log"
log=$(cat "requests/$RID/log/zhao.yaml")
expect_line "$log" "  change: $CR" "the log has the change request"
expect_line "$log" "  reason: Vendor API delivered late" "with its reason"
expect_line "$log" "  impact: [T3]" "with its downstream impact"
expect_line "$log" "  affected: [zhao]" "and the affected owners"
commit "change proposed"

run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T2 | Build the router | 赵磊 | waiting | 2026-07-22 | 7 | 0% | - | -" \
    "a proposed change changes nothing yet"
run collab --as li inbox
expect_contains "$OUT" "    $RID  Ticket routing
      decide change request $CR: Vendor API delivered late
      \$ collab change approve $CR
      \$ collab change reject $CR --comment \"…\"" "the supervisor has the decision in her inbox"
run collab next "$RID"
expect_line "$OUT" "  李华 (li): decide change request $CR: Vendor API delivered late" "next: li decides"

# --- approval by the supervisor only ----------------------------------------------------------------
refused "re-confirming before the approval" change collab --as zhao change confirm "$CR"
expect_eq "$ERR" "collab: refused by rule 'change': change $CR is not approved; owners confirm it after the supervisor approves" \
    "approval comes first"
refused "the initiator approving" change collab --as zhang change approve "$CR"
expect_eq "$ERR" "collab: refused by rule 'change': change $CR is approved or rejected by the supervisor 李华 (li)" \
    "only the supervisor decides"
refused "the tech head approving" change collab --as wang change approve "$CR"
refused "the proposer approving" change collab --as zhao change approve "$CR"
usage_error "an unknown change request" collab --as li change approve CR-ZZZZ
expect_eq "$ERR" "collab: error: nothing is recorded under 'CR-ZZZZ'" "the unknown id is named"
export COLLAB_NOW=2026-07-13T11:00
run collab --as li change approve "$CR"
expect_rc 0 "li approves"
expect_eq "$OUT" "Change request $CR approved; waiting for re-confirmation by 赵磊 (zhao)." "approved, waiting for zhao"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/li.yaml" "the decision goes into li's log"
commit "change approved"
refused "deciding twice" change collab --as li change reject "$CR" --comment "Changed my mind"
expect_contains "$ERR" "collab: refused by rule 'change': change $CR was already decided" "already decided"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T2 | Build the router | 赵磊 | waiting | 2026-07-22 | 7 | 0% | - | -" \
    "approved but not re-confirmed: the table has not changed"
run collab --as zhao inbox
expect_contains "$OUT" "      re-confirm change request $CR, which affects your task: Vendor API delivered late
      \$ collab change confirm $CR" "zhao is asked to re-confirm"

# --- re-confirmation by the affected owner ----------------------------------------------------------
refused "an owner the change does not affect re-confirming" change collab --as chen change confirm "$CR"
expect_eq "$ERR" "collab: refused by rule 'change': change $CR does not affect a task of 陈晨 (chen)" "chen is not affected"
export COLLAB_NOW=2026-07-13T14:00
run collab --as zhao change confirm "$CR"
expect_rc 0 "zhao re-confirms"
expect_eq "$OUT" "Change request $CR is in effect:
  T2 deadline 2026-07-22 -> 2026-07-29" "the change is in effect, with old and new deadline"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/zhao.yaml" "the re-confirmation goes into zhao's log"
commit "change in effect"
refused "re-confirming twice" change collab --as zhao change confirm "$CR"

run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T2 | Build the router | 赵磊 | waiting | 2026-07-29 | 12 | 0% | - | -" \
    "task list shows the new deadline"
run collab task list "$RID" --format json
expect_contains "$OUT" '"deadline": "2026-07-29",' "task list JSON: the new deadline"
run collab task show "$RID/T2"
expect_line "$OUT" "DEADLINE       2026-07-29 (12 working days left)" "task show: the new deadline"
run collab --as zhao inbox
expect_not_contains "$OUT" "$CR" "nothing left to re-confirm"
run collab log "$RID"
expect_line "$OUT" "2026-07-13 10:00  赵磊 (zhao)  proposed change request $CR: Vendor API delivered late" "log: the proposal"
expect_match "$OUT" "^2026-07-13 11:00  李华 \\(li\\)  approved? change request $CR$" "log: the approval"
expect_line "$OUT" "2026-07-13 14:00  赵磊 (zhao)  re-confirmed change request $CR" "log: the re-confirmation"
expect_contains "$OUT" "T2 deadline 2026-07-22 -> 2026-07-29" "log: the history shows the old and the new deadline"
# In Chinese the history is Chinese: once the ids, dates and people are taken out of
# its lines, no ASCII letter is left.
run collab --lang zh log "$RID"
expect_line "$OUT" "    T2 截止日期 2026-07-22 -> 2026-07-29" "zh log: the history line is in Chinese"
history=$(sed -n "/变更申请 $CR 生效：/,/^[0-9]/p" <<<"$OUT" | grep '^    ')
expect_eq "$history" "    T2 截止日期 2026-07-22 -> 2026-07-29" "zh log: the change's history, line by line"
expect_eq "$(sed -E 's/\b(T[0-9]+|CR-[0-9A-Z]{4})\b//g' <<<"$history" | grep -c '[A-Za-z]')" "0" \
    "zh log: no English words in the change's history"
run collab --lang zh log "$RID" --format json
expect_contains "$OUT" '"T2 截止日期 2026-07-22 -> 2026-07-29"' "zh log JSON: the history in Chinese"
run collab check
expect_rc 0 "the approved change passes check"
expect_not_contains "$OUT" "tasks.changed" "no hand edit reported"

# --- a rejected change changes nothing -----------------------------------------------------------------
run collab --as zhang change "$RID" --reason "More time for training" --due 2026-08-14
expect_rc 0 "the lead proposes moving the due date"
CR2=$(first_id CR "$OUT")
expect_line "$OUT" "  due 2026-07-31 -> 2026-08-14" "old and new due date"
refused "rejecting without a comment" change collab --as li change reject "$CR2"
run collab --as li change reject "$CR2" --comment "Keep the date"
expect_rc 0 "li rejects"
expect_eq "$OUT" "Change request $CR2 rejected; nothing changes." "rejected"
refused "re-confirming a rejected change" change collab --as zhang change confirm "$CR2"
run collab log "$RID"
expect_line "$OUT" "    comment: Keep the date" "log: the rejection's comment"
commit "change rejected"

# === a hand edit of a frozen deadline ========================================================
sed -i 's/deadline: 2026-07-17/deadline: 2026-07-24/' "requests/$RID/tasks.yaml"
expect_eq "$(git status --porcelain)" " M requests/$RID/tasks.yaml" "T4's deadline edited by hand"
run collab check
expect_rc 1 "check finds the hand edit"
expect_match "$OUT" "^  requests/$RID/tasks\\.yaml:[0-9]+:[0-9]+: error: task $RID/T4 in tasks.yaml differs from what was split; deadlines and tasks change only through \`collab change\` — restore it \\(git checkout\\) or propose a change request \\[tasks\\.changed\\]$" \
    "check: tasks.changed names the task and how to fix it"
run collab check --format json
expect_contains "$OUT" '"rule": "tasks.changed",' "check JSON: tasks.changed"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T4 | Write routing rules | 王强 | active (EDITED BY HAND: see collab check) | 2026-07-17 | 4 | 40% | - | Rule outline drafted" \
    "task list marks the hand-edited row that check reports, with the frozen deadline"
git checkout -q -- "requests/$RID/tasks.yaml"
run collab check
expect_rc 0 "restored, check passes"

# A hand edit of the owner is caught too.
sed -i 's/owner: wang/owner: chen/' "requests/$RID/tasks.yaml"
run collab check
expect_rc 1 "check finds the owner changed by hand"
expect_contains "$OUT" "task $RID/T4 in tasks.yaml differs from what was split" "the changed task is named"
git checkout -q -- "requests/$RID/tasks.yaml"

finish
