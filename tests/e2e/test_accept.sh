#!/usr/bin/env bash
# `collab deliver` and `collab accept`: the acceptance form (成果验收单) and the joint
# acceptance of stage 5, from a split request to `accepted`, with fixed --now values.
#   T1 is delivered on time and passes on its first delivery;
#   T2 is overdue, delivered late, fails acceptance on Wednesday 2026-09-30 with a
#      re-acceptance date across the National Day holiday (2026-10-01..07): at most 3
#      working days, counted with the make-up Saturday 2026-10-10, so 2026-10-10 is
#      allowed and 2026-10-12 (4 working days) is refused; it is reworked, delivered
#      again as v2 and passes, signed by every acceptor;
#   T3 is delivered as a named version and passes: the request becomes accepted.
# Every refusal exits 3, names its rule, prints nothing on stdout and writes nothing.
. "$(dirname "$0")/lib.sh"


# refused DESCRIPTION RULE COMMAND...: exit 3, the first stderr line names RULE, nothing
# on stdout, no file of the workspace in the current folder changed.
# in_copy NAME: continue in a throw-away copy of the workspace (to try something
# without changing the story told in $ws); `cd "$ws"` comes back.
# row TASK: the row of TASK in `collab task list --all` (accepted tasks too), columns
# joined by " | ".
row() { sed -E 's/  +/ | /g' <<<"$(collab task list "$A" --all)" | grep -F "$A/$1 "; }

# === the request: final on Wednesday 2026-09-09 =======================================
# A (two departments, cs and tech): initiator and project lead zhang 张敏, supervisor li
# 李华 (head of cs), head of tech wang 王强, participants zhao 赵磊 (tech), chen 陈晨 (cs);
# two action items; due Friday 2026-10-16.
ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
A=$(collab --now 2026-09-07T09:00 --as zhang request new --title "Dispatch tickets" \
    --background "Tickets wait for a person" --goal "Dispatch every ticket at once" \
    --item "Publish the ticket API document :: customer service reviews it" \
    --item "Dispatch tickets automatically :: 95% reach a person within 5 minutes" \
    --dept cs --dept tech --participant zhao --participant chen \
    --resource "Test environment access" --due 2026-10-16) || exit 1
collab --now 2026-09-07T09:10 --as zhang request submit "$A" >/dev/null || exit 1
collab --now 2026-09-08T10:00 --as li review "$A" --approve "${ALL_YES[@]}" >/dev/null || exit 1
collab --now 2026-09-08T15:00 --as zhang meeting "$A" --at 2026-09-08T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "Dispatch agreed" >/dev/null || exit 1
for p in zhang li wang zhao chen; do
    collab --now 2026-09-09T09:30 --as "$p" sign "$A" >/dev/null || exit 1
done
commit "A final"

# The task table (split 2026-09-09 10:00, confirmed 10:30). Acceptors are the project
# lead zhang and the task's collaborators, never its owner:
#   T1 Write the API document  zhao, collaborators chen        2026-09-18  covers 1  -> zhang, chen
#   T2 Build the dispatcher    zhao, collaborators wang, chen  2026-09-28  covers 2, after T1
#                                                                        -> zhang, wang, chen
#   T3 Train the agents        chen, collaborators zhao        2026-10-15  covers 2, after T2
#                                                                        -> zhang, zhao
collab --now 2026-09-09T10:00 --as zhang split "$A" \
    --task "name=Write the API document;owner=zhao;collaborators=chen;deadline=2026-09-18;deliverable=API document v1.0;covers=1" \
    --task "name=Build the dispatcher;owner=zhao;collaborators=wang,chen;deadline=2026-09-28;deliverable=Dispatcher v1;depends=T1;covers=2" \
    --task "name=Train the agents;owner=chen;collaborators=zhao;deadline=2026-10-15;deliverable=Training slides;depends=T2;covers=2" \
    >/dev/null || exit 1
for pair in zhao:T1 zhao:T2 chen:T3; do
    collab --now 2026-09-09T10:30 --as "${pair%%:*}" task confirm "$A/${pair#*:}" >/dev/null || exit 1
done
commit "A split and confirmed"
export COLLAB_NOW=2026-09-10T09:00

# === refusals before any delivery ======================================================
refused "delivering a task that waits on another" deliver collab --as zhao deliver "$A/T2" --check 2=yes
expect_eq "$ERR" "collab: refused by rule 'deliver': task T2 is waiting: only an active task or one in rework is delivered" \
    "the waiting state is named"
refused "a collaborator delivering the owner's task" deliver collab --as chen deliver "$A/T1" --check 1=yes
expect_eq "$ERR" "collab: refused by rule 'deliver': only the owner of T1, 赵磊 (zhao), delivers it" \
    "only the owner delivers"
refused "the project lead delivering the owner's task" deliver collab --as zhang deliver "$A/T1" --check 1=yes
refused "a delivery without its self-check" deliver collab --as zhao deliver "$A/T1"
expect_eq "$ERR" "collab: refused by rule 'deliver': the self-check of T1 does not answer action item 1
hint: add --check 1=yes|no[:note] for every action item the task covers" \
    "the unanswered action item is named, with how to answer it"
refused "a self-check answering another item" deliver collab --as zhao deliver "$A/T1" --check 2=yes
usage_error "a self-check answer that is not yes or no" collab --as zhao deliver "$A/T1" --check 1=maybe
expect_eq "$ERR" "collab: error: --check '1=maybe' must read ITEM=yes|no[:note], e.g. --check 1=yes" \
    "the self-check format is explained"
usage_error "a self-check without an item number" collab --as zhao deliver "$A/T1" --check yes
refused "accepting a task not delivered" accept collab --as zhang accept "$A/T1" --pass
expect_eq "$ERR" "collab: refused by rule 'accept': task T1 is active: acceptance follows a delivery" \
    "acceptance follows a delivery"
refused "delivering a task that does not exist" deliver collab --as zhao deliver "$A/T9" --check 1=yes

# === T1: delivered on time, accepted on the first delivery ==============================
# Deadline Friday 2026-09-18; delivered Thursday 2026-09-17 16:00: on time.
run collab --now 2026-09-17T16:00 --as zhao deliver "$A/T1" --check "1=yes:reviewed by 陈晨" \
    --description "Every endpoint with examples" --link docs/api.md
expect_rc 0 "T1 is delivered"
expect_eq "$OUT" "$A/T1 delivered as v1; joint acceptance by 张敏 (zhang), 陈晨 (chen)." \
    "the delivery names its version and every acceptor"
expect_eq "$ERR" "" "no warning: delivered before the deadline"
expect_eq "$(git status --porcelain)" " M requests/$A/log/zhao.yaml" "the acceptance form goes into the owner's log"
log=$(cat "requests/$A/log/zhao.yaml")
expect_line "$log" "  action: deliver" "the log has the delivery"
expect_line "$log" "  at: 2026-09-17T16:00:00+08:00" "the delivery time comes from --now"
expect_line "$log" "  name: API document v1.0" "the deliverable's name defaults to the task table's"
expect_line "$log" "  version: v1" "the first version is v1"
expect_line "$log" "  description: Every endpoint with examples" "the description is kept"
expect_line "$log" "  link: docs/api.md" "the link to the artifact is kept"
expect_line "$log" '  late: "no"' "the delivery is recorded as on time"
expect_line "$log" "    - item: 1" "the self-check answers item 1"
expect_line "$log" '      done: "yes"' "item 1 is done"
expect_line "$log" "      note: reviewed by 陈晨" "with its note"
commit "T1 delivered"

refused "delivering T1 again before acceptance" deliver \
    collab --now 2026-09-17T16:30 --as zhao deliver "$A/T1" --check 1=yes --version v1.1
expect_eq "$ERR" "collab: refused by rule 'deliver': task T1 is delivered: only an active task or one in rework is delivered" \
    "a delivered task waits for its acceptance"
refused "the owner accepting their own task" accept collab --now 2026-09-17T16:30 --as zhao accept "$A/T1" --pass
expect_eq "$ERR" "collab: refused by rule 'accept': task T1 is accepted jointly by 张敏 (zhang), 陈晨 (chen)" \
    "the refusal lists the acceptors"
refused "someone outside the task accepting" accept collab --now 2026-09-17T16:30 --as sun accept "$A/T1" --pass
refused "the supervisor accepting a task he does not collaborate on" accept \
    collab --now 2026-09-17T16:30 --as li accept "$A/T1" --pass
usage_error "neither --pass nor --fail" collab --now 2026-09-17T16:30 --as chen accept "$A/T1"
expect_eq "$ERR" "collab: error: give exactly one of --pass or --fail" "one verdict is asked for"
usage_error "both --pass and --fail" collab --now 2026-09-17T16:30 --as chen accept "$A/T1" --pass --fail \
    --comment x --reaccept-by 2026-09-18

run collab --now 2026-09-17T17:00 --as chen accept "$A/T1" --pass
expect_rc 0 "chen passes T1"
expect_eq "$OUT" "$A/T1: pass recorded; still waiting for 张敏 (zhang)." "the pass is recorded; zhang is still to sign"
expect_eq "$(git status --porcelain)" " M requests/$A/log/chen.yaml" "the verdict goes into the acceptor's log"
expect_line "$(cat "requests/$A/log/chen.yaml")" "  verdict: pass" "the log has the verdict"
commit "T1 chen pass"
export COLLAB_NOW=2026-09-17T17:00
refused "a second verdict from the same acceptor" accept collab --now 2026-09-17T17:30 --as chen accept "$A/T1" --pass
expect_eq "$ERR" "collab: refused by rule 'accept': you already gave your verdict on this delivery of T1" \
    "one verdict per acceptor and delivery"
expect_eq "$(row T1)" "$A/T1 | Write the API document | 赵磊 | delivered | 2026-09-18 | 1 | 0% | - | -" \
    "T1 is delivered until everyone has signed"

run collab --now 2026-09-18T09:00 --as zhang accept "$A/T1" --pass
expect_rc 0 "zhang passes T1"
expect_eq "$OUT" "$A/T1 accepted: every acceptor signed." "the last signature accepts T1"
commit "T1 accepted"
export COLLAB_NOW=2026-09-18T09:00
expect_eq "$(row T1)" "$A/T1 | Write the API document | 赵磊 | accepted | 2026-09-18 | - | 0% | - | -" \
    "T1 is accepted: no countdown"
run collab --now 2026-12-01T09:00 task show "$A/T1"
expect_line "$(sed -E "s/  +/ | /g" <<<"$OUT")" "DEADLINE | 2026-09-18" "task show: an accepted task has no days left, never negative ones"
run collab --now 2026-12-01T09:00 task list "$A" --all --format json
expect_contains "$OUT" '"days_left": null,' "task list JSON: no countdown for an accepted task"
expect_match "$(row T2)" "^$A/T2 \\| Build the dispatcher \\| 赵磊 \\| active" "T2 no longer waits on T1"
# T2 waited on T1 until now: it cannot have been idle while it could not start.
run collab --now 2026-09-18T10:00 check --rule task.stale
expect_not_contains "$OUT" "$A/T2" "T2, active for an hour, is not reported stale"
refused "accepting an accepted task" accept collab --now 2026-09-18T09:30 --as zhang accept "$A/T1" --pass
expect_eq "$ERR" "collab: refused by rule 'accept': task T1 is accepted: acceptance follows a delivery" \
    "an accepted task takes no more verdicts"
refused "delivering an accepted task" deliver \
    collab --now 2026-09-18T09:30 --as zhao deliver "$A/T1" --check 1=yes --version v2

# === T2: overdue, delivered late, failed across National Day ==========================
# Its deadline is Monday 2026-09-28: due until 18:00 that day (work_day_end).
run collab --now 2026-09-28T18:00 check --rule task.overdue
expect_rc 0 "T2 is not overdue at 18:00 on its deadline"
run collab --now 2026-09-29T09:00 check --rule task.overdue
expect_rc 1 "T2 is overdue the next morning"
expect_line "$OUT" "  requests/$A/tasks.yaml:16:15: error: $A/T2 Build the dispatcher was due 2026-09-28 and is not accepted: 1 working day late [task.overdue]" \
    "check reports T2 overdue by one working day"

# Delivered at 18:00 on the deadline is on time; a minute later it is late (tried in copies).
in_copy at-1800
run collab --now 2026-09-28T18:00 --as zhao deliver "$A/T2" --check 2=yes
expect_rc 0 "a delivery at 18:00 on the deadline"
expect_eq "$ERR" "" "at 18:00 on the deadline it is not late"
expect_line "$(cat "requests/$A/log/zhao.yaml")" '  late: "no"' "recorded as on time"
in_copy at-1801
run collab --now 2026-09-28T18:01 --as zhao deliver "$A/T2" --check 2=yes
expect_rc 0 "a delivery at 18:01 on the deadline"
expect_eq "$ERR" "collab: warning: delivered after the deadline 2026-09-28: recorded as late" "at 18:01 it is late"
cd "$ws" || exit 1

# The real delivery: Tuesday 2026-09-29 10:00, a working day after the deadline.
run collab --now 2026-09-29T10:00 --as zhao deliver "$A/T2" --check "2=no:80% within 5 minutes so far"
expect_rc 0 "a late delivery is allowed"
expect_eq "$OUT" "$A/T2 delivered as v1; joint acceptance by 张敏 (zhang), 王强 (wang), 陈晨 (chen)." \
    "T2 goes to its three acceptors"
expect_eq "$ERR" "collab: warning: delivered after the deadline 2026-09-28: recorded as late" \
    "the owner is told it is late"
log=$(cat "requests/$A/log/zhao.yaml")
expect_line "$log" '  late: "yes"' "the delivery is recorded as late"
expect_line "$log" '      done: "no"' "a self-check item may be answered not done"
expect_line "$log" "      note: 80% within 5 minutes so far" "with its note"
expect_line "$log" "  name: Dispatcher v1" "the deliverable of T2"
commit "T2 delivered late"

run collab --now 2026-09-30T09:00 --as zhang accept "$A/T2" --pass
expect_eq "$OUT" "$A/T2: pass recorded; still waiting for 王强 (wang), 陈晨 (chen)." "zhang passes; two to go"
commit "T2 zhang pass"

# wang fails it on Wednesday 2026-09-30. Working days after 2026-09-30, with National Day
# 2026-10-01..07 off and Saturday 2026-10-10 worked instead (调休):
#   10-08 Thu = 1, 10-09 Fri = 2, 10-10 Sat (make-up) = 3, 10-12 Mon = 4.
export COLLAB_NOW=2026-09-30T10:00
refused "a fail without comments" accept collab --as wang accept "$A/T2" --fail --reaccept-by 2026-10-10
expect_eq "$ERR" "collab: refused by rule 'accept': a failed acceptance needs written comments (--comment) saying what to change
hint: add --comment \"...\"" "comments are required"
refused "a fail without a re-acceptance date" accept collab --as wang accept "$A/T2" --fail --comment "Too slow"
expect_contains "$ERR" "--reaccept-by" "the refusal names the missing option"
expect_not_contains "$ERR" "''" "a missing date is asked for, not quoted back as ''"
refused "a re-acceptance date that is not a date" accept \
    collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-32
expect_eq "$ERR" "collab: refused by rule 'accept': --reaccept-by '2026-10-32' is not a date; write YYYY-MM-DD" \
    "a bad date is named"
refused "a re-acceptance date 4 working days away" accept \
    collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-12
expect_eq "$ERR" "collab: refused by rule 'accept': re-acceptance on 2026-10-12 is 4 working days away; the accept rule allows at most 3 (by 2026-10-10)" \
    "4 working days counted across National Day, with the latest allowed date (the make-up Saturday)"
refused "a re-acceptance date after the holiday week" accept \
    collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-16
expect_contains "$ERR" "re-acceptance on 2026-10-16 is 8 working days away" "the count goes on after the holiday"
refused "a re-acceptance date in the past" accept \
    collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-09-29
expect_eq "$ERR" "collab: refused by rule 'accept': the re-acceptance date 2026-09-29 has already passed" \
    "a past date is refused"
# A re-acceptance date on a holiday cannot be met: nobody works that day (tried in a copy).
in_copy holiday
refused "a re-acceptance date on National Day" accept \
    collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-03
cd "$ws" || exit 1
# The limit is the number in collab.yaml: with 4 days, 2026-10-12 is allowed (in a copy).
in_copy reaccept-4
sed -i 's/reaccept_within_days: 3 /reaccept_within_days: 4 /' collab.yaml
expect_contains "$(cat collab.yaml)" "reaccept_within_days: 4 " "the limit is set to 4 in collab.yaml"
run collab --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-12
expect_rc 0 "with reaccept_within_days: 4, 2026-10-12 is within the limit"
expect_line "$(cat "requests/$A/log/wang.yaml")" "  reaccept_by: 2026-10-12" "the date is recorded"
cd "$ws" || exit 1

run collab --as wang accept "$A/T2" --fail --comment "Dispatch takes 8 minutes; must be under 5" \
    --reaccept-by 2026-10-10
expect_rc 0 "a fail with comments and re-acceptance on the make-up Saturday 2026-10-10 (3 working days)"
expect_eq "$OUT" "$A/T2 failed acceptance; back to its owner for rework, re-acceptance by 2026-10-10." \
    "the fail sends T2 back for rework"
expect_eq "$ERR" "" "no warning"
log=$(cat "requests/$A/log/wang.yaml")
expect_line "$log" "  verdict: fail" "the log has the fail"
expect_line "$log" "  comment: Dispatch takes 8 minutes; must be under 5" "and the written comments"
expect_line "$log" "  reaccept_by: 2026-10-10" "and the re-acceptance date"
commit "T2 failed"

refused "a verdict on a task in rework" accept collab --as chen accept "$A/T2" --pass
expect_eq "$ERR" "collab: refused by rule 'accept': task T2 is rework: acceptance follows a delivery" \
    "once failed, the task waits for a new delivery"
expect_eq "$(row T2)" "$A/T2 | Build the dispatcher | 赵磊 | rework | 2026-10-10 | 3 | 0% | - | -" \
    "T2 is in rework: its deadline is the re-acceptance date meanwhile, so it is not overdue"
run collab --now 2026-10-09T10:00 check --rule task.overdue
expect_rc 0 "not task.overdue inside the re-acceptance window"
run collab next "$A"
expect_line "$OUT" "  赵磊 (zhao): rework T2 after the failed acceptance and deliver again by 2026-10-10" \
    "next: zhao reworks T2"
expect_line "$OUT" "    due 2026-10-10 18:00 (3 working days left)" "by the end of the make-up Saturday"

# Not re-accepted by the end of 2026-10-10: check reports reaccept.late, 1 working day late
# on Monday 2026-10-12 (the Sunday between is off).
run collab --now 2026-10-10T18:00 check --rule reaccept.late
expect_rc 0 "not late at 18:00 on the re-acceptance date"
expect_line "$OUT" "0 errors, 0 warnings" "nothing to report yet"
run collab --now 2026-10-12T09:00 check --rule reaccept.late
expect_rc 1 "late on the next working day"
expect_line "$OUT" "  requests/$A/tasks.yaml:1:1: error: $A/T2 failed acceptance and was to be re-accepted by 2026-10-10; it is not accepted yet: 1 working day late [reaccept.late]" \
    "check reports the missed re-acceptance"

# --- rework: delivered again as v2 on Friday 2026-10-09 ------------------------------------
export COLLAB_NOW=2026-10-09T15:00
refused "the rework delivered under the version already given" deliver \
    collab --as zhao deliver "$A/T2" --check 2=yes --version v1
expect_eq "$ERR" "collab: refused by rule 'deliver': T2 was already delivered as version v1; give the new version a new number" \
    "a rework needs a new version"
run collab --as zhao deliver "$A/T2" --check "2=yes:4 minutes on the test data"
expect_rc 0 "the rework is delivered"
expect_eq "$OUT" "$A/T2 delivered as v2; joint acceptance by 张敏 (zhang), 王强 (wang), 陈晨 (chen)." \
    "the version is bumped to v2, and every acceptor decides again"
expect_eq "$ERR" "" "redelivered inside the re-acceptance window: on time"
log=$(cat "requests/$A/log/zhao.yaml")
expect_eq "$(count_lines "$log" "  action: deliver")" "3" "every round is kept: T1, T2 v1, T2 v2"
expect_line "$log" "  version: v2" "the log has v2"
expect_eq "$(grep -c '^  late: "no"$' <<<"$log")" "2" "T1 and the rework of T2 are on time"
commit "T2 v2"
# The re-acceptance date binds the acceptors too: delivered again but not accepted by the
# end of 2026-10-10 is still a late re-acceptance (the finding says "it is not accepted
# yet"), and next gives the acceptors that date.
run collab --now 2026-10-09T16:00 next "$A"
expect_line "$OUT" "  王强 (wang): joint acceptance of T2 (v2): does it match the request, is the quality there?" \
    "next: the acceptors decide on v2"
run collab --now 2026-10-12T09:00 check --rule reaccept.late
expect_rc 1 "v2 delivered but not re-accepted by 2026-10-10"
expect_line "$OUT" "  requests/$A/tasks.yaml:1:1: error: $A/T2 failed acceptance and was to be re-accepted by 2026-10-10; it is not accepted yet: 1 working day late [reaccept.late]" \
    "check reports the missed re-acceptance after the rework was delivered"

# Every acceptor signs again on the make-up Saturday 2026-10-10 (zhang's earlier pass was
# for v1).
run collab --now 2026-10-10T09:00 --as wang accept "$A/T2" --pass
expect_eq "$OUT" "$A/T2: pass recorded; still waiting for 张敏 (zhang), 陈晨 (chen)." \
    "the earlier pass on v1 does not count for v2"
run collab --now 2026-10-10T09:10 --as chen accept "$A/T2" --pass
expect_eq "$OUT" "$A/T2: pass recorded; still waiting for 张敏 (zhang)." "chen passes v2"
run collab --now 2026-10-10T09:30 --as zhang accept "$A/T2" --pass
expect_eq "$OUT" "$A/T2 accepted: every acceptor signed." "with zhang, everyone has signed: T2 is accepted"
commit "T2 accepted"
run collab --now 2026-10-12T09:00 check --rule reaccept.late --rule task.overdue
expect_rc 0 "T2 accepted: neither late re-acceptance nor overdue"
expect_match "$(COLLAB_NOW=2026-10-12T09:00 row T3)" "^$A/T3 \\| Train the agents \\| 陈晨 \\| active" \
    "T3 can start (read after T2's acceptance)"

# === T3: a named version, on time; the last acceptance accepts the request ================
export COLLAB_NOW=2026-10-12T09:00
run collab --as chen deliver "$A/T3" --check 2=yes --version 1.0 --name "Agent training slides"
expect_eq "$OUT" "$A/T3 delivered as 1.0; joint acceptance by 张敏 (zhang), 赵磊 (zhao)." \
    "the owner's version name is used"
expect_eq "$ERR" "" "on time: deadline 2026-10-15"
log=$(cat "requests/$A/log/chen.yaml")
expect_line "$log" "  name: Agent training slides" "the deliverable's name from --name"
expect_line "$log" '  version: "1.0"' "the version as given"
commit "T3 delivered"

# Versions must differ from every earlier one, and an automatic number must not repeat a
# version the owner named (tried in copies).
in_copy versions
collab --now 2026-10-12T10:00 --as zhao accept "$A/T3" --fail --comment "Add the FAQ" \
    --reaccept-by 2026-10-14 >/dev/null
collab --now 2026-10-12T11:00 --as chen deliver "$A/T3" --check 2=yes --version 1.1 >/dev/null
collab --now 2026-10-12T12:00 --as zhao accept "$A/T3" --fail --comment "Still no FAQ" \
    --reaccept-by 2026-10-14 >/dev/null
refused "a rework delivered under an earlier version (1.0)" deliver \
    collab --now 2026-10-12T13:00 --as chen deliver "$A/T3" --check 2=yes --version 1.0
in_copy auto-version
collab --now 2026-10-12T10:00 --as zhao accept "$A/T3" --fail --comment "Add the FAQ" \
    --reaccept-by 2026-10-14 >/dev/null
# The second delivery is named v3; the third, unnamed, would be numbered v3 (its count).
collab --now 2026-10-12T11:00 --as chen deliver "$A/T3" --check 2=yes --version v3 >/dev/null
collab --now 2026-10-12T12:00 --as zhao accept "$A/T3" --fail --comment "Still no FAQ" \
    --reaccept-by 2026-10-14 >/dev/null
run collab --now 2026-10-12T13:00 --as chen deliver "$A/T3" --check 2=yes
expect_not_contains "$OUT" "delivered as v3;" "the third delivery is not numbered v3 again"
expect_eq "$(grep -cxF '  version: v3' "requests/$A/log/chen.yaml")" "1" "no two deliveries of T3 share version v3"
cd "$ws" || exit 1

run collab --now 2026-10-13T09:00 --as zhao accept "$A/T3" --pass
expect_eq "$OUT" "$A/T3: pass recorded; still waiting for 张敏 (zhang)." "zhao passes T3"
run collab --now 2026-10-13T11:30 --as zhang accept "$A/T3" --pass
expect_rc 0 "zhang passes T3"
expect_eq "$OUT" "$A/T3 accepted: every acceptor signed.
Every task of $A is accepted: the feedback survey is open (collab feedback $A)." \
    "the last acceptance accepts the request and opens the survey"
commit "A accepted"

export COLLAB_NOW=2026-10-13T12:00
run collab request show "$A"
expect_line "$OUT" "State         accepted" "the request is accepted"
run collab task list "$A"
expect_eq "$OUT" "No tasks." "task list shows open tasks only: none is left"
run collab task list "$A" --all
expect_eq "$(sed -E 's/  +/ | /g' <<<"$OUT")" "TASK | NAME | OWNER | STATE | DEADLINE | DAYS LEFT | PROGRESS | BLOCKERS | LATEST
$A/T1 | Write the API document | 赵磊 | accepted | 2026-09-18 | - | 0% | - | -
$A/T2 | Build the dispatcher | 赵磊 | accepted | 2026-09-28 | - | 0% | - | -
$A/T3 | Train the agents | 陈晨 | accepted | 2026-10-15 | - | 0% | - | -" "every task is accepted"
run collab log "$A"
expect_line "$OUT" "2026-09-30 10:00  王强 (wang)  acceptance of T2: fail" "the log shows the fail"
expect_line "$OUT" "    comment: Dispatch takes 8 minutes; must be under 5" "with its comments"
expect_eq "$(grep -c "delivered T2" <<<"$OUT")" "2" "the log shows both deliveries of T2"
run collab check --rule deliver --rule accept
expect_rc 0 "check: nothing overdue or late once accepted"
refused "delivering on an accepted request" deliver collab --as chen deliver "$A/T3" --check 2=yes --version 2.0
expect_eq "$ERR" "collab: refused by rule 'deliver': cannot deliver $A: it is accepted
hint: \`collab next $A\` says what step comes next and who takes it" "an accepted request takes no deliveries"
refused "accepting on an accepted request" accept collab --as zhao accept "$A/T3" --pass

finish
