#!/usr/bin/env bash
# Between final and split a request is under change control like any other after final:
# `collab request withdraw` is refused with a hint to `collab change ID --withdraw`, and
# `collab change` on a final request (a due date, an action item) is proposed, approved by
# the supervisor and in force for the split. A change request that withdraws the request,
# proposed by the initiator and approved by the supervisor, ends it as withdrawn. Before
# final, `collab change` is refused with a hint to edit or withdraw the form.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

# --- before final: change is refused, the hint says edit or withdraw ------------------------
new_workspace "$E2E_ROOT/draft" || exit 1
cd "$E2E_ROOT/draft" || exit 1
D=$(collab --now 2026-07-06T09:00 --as zhang request new --title "Draft" --background "b" --goal "g" \
    --item "Do it :: done" --dept cs --participant chen --resource "time" --due 2026-07-31)
commit "draft"
refused "a change request on a draft" change \
    collab --now 2026-07-06T10:00 --as zhang change "$D" --due 2026-08-14 --reason "Later"
expect_eq "$ERR" "collab: refused by rule 'change': cannot change $D: it is draft
hint: before final, edit the form (collab request edit $D) or withdraw it (collab request withdraw $D)" \
    "before final, the hint points at edit and withdraw"

# --- final, not split: withdraw points at a change request ------------------------------------
final_request "$E2E_ROOT/ws"
export COLLAB_NOW=2026-07-07T11:00
refused "withdrawing a final request directly" frozen collab --as zhang request withdraw "$RID"
expect_eq "$ERR" "collab: refused by rule 'frozen': cannot withdraw $RID: it is final
hint: after final, withdrawing is a change request the supervisor approves: collab change $RID --withdraw --reason \"...\"" \
    "the withdraw refusal names the change request that does it"

# A change of the due date before the split: proposed, approved, in force for the split.
run collab --as zhang change "$RID" --due 2026-08-14 --reason "Agents on leave in July"
expect_rc 0 "a change request on a final request"
CR=$(first_id CR "$OUT")
expect_line "$OUT" "  due 2026-07-31 -> 2026-08-14" "the change names the due date in force"
refused "a task change before the split" change \
    collab --as zhang change "$RID" --task-deadline T1=2026-07-20 --reason "More time"
expect_eq "$ERR" "collab: refused by rule 'change': $RID is not split yet: a change of its tasks (task-deadline) waits for the split
hint: tasks come with the split: collab split $RID" "task changes wait for the split"
run collab next "$RID"
expect_contains "$OUT" "collab change approve $CR" "next: the supervisor decides the change"
run collab --as li change approve "$CR"
expect_rc 0 "the supervisor approves"
expect_line "$OUT" "Change request $CR is in effect:" "no task to re-confirm: in effect at once"
commit "due moved"
run collab --as zhang split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" \
    --task "name=Write routing rules;owner=wang;deadline=2026-08-12;deliverable=Rules v1;covers=2"
expect_rc 0 "a task after the old due date but before the new one is split"
git checkout -q -- . && git clean -qfd

# --- withdrawing a final request: a change request the supervisor approves --------------------
refused "a withdrawal mixed with other changes" change \
    collab --as zhang change "$RID" --withdraw --scope "more" --reason "Stop"
expect_eq "$ERR" "collab: refused by rule 'change': a withdrawal is a change request of its own: give --withdraw without other changes" \
    "a withdrawal stands alone"
refused "a withdrawal proposed by a participant" change \
    collab --as chen change "$RID" --withdraw --reason "Stop"
expect_eq "$ERR" "collab: refused by rule 'change': only the initiator 张敏 (zhang) may withdraw $RID; you are 陈晨 (chen)" \
    "only the initiator withdraws"
run collab --as zhang change "$RID" --withdraw --reason "The vendor solved it"
expect_rc 0 "the initiator proposes to withdraw"
W=$(first_id CR "$OUT")
expect_line "$OUT" "  withdraw the request" "the change says what it does"
run collab request show "$RID"
expect_line "$(squeeze "$OUT")" "State | final" "still final until the supervisor approves"
refused "approval by someone other than the supervisor" change collab --as zhang change approve "$W"
run collab --as li change approve "$W"
expect_rc 0 "the supervisor approves the withdrawal"
expect_eq "$OUT" "Change request $W approved: $RID is withdrawn." "the request ends as withdrawn"
commit "withdrawn"
run collab request show "$RID"
expect_line "$(squeeze "$OUT")" "State | withdrawn" "show: withdrawn"
run collab next "$RID"
expect_not_contains "$OUT" "collab split" "nothing waits on a withdrawn request"
refused "splitting a withdrawn request" split collab --as zhang split "$RID" --task "$TASK1"
run collab check
expect_rc 0 "check: a withdrawn request is clean"

finish
