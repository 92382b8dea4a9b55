#!/usr/bin/env bash
# `collab review`: approve, return (edit, resubmit: round 2), reject; who may review
# (the supervisor the request went to, or their delegate, never the initiator); the
# checklist and the comments it needs; the 2-working-day service level (1 for a
# customer), shown by `request show` and reported by `collab check`. Every refusal
# exits 3, names its rule and leaves every file byte for byte as it was.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday


ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1

# === approve ================================================================================
A=$(new_req zhang --due 2026-07-31 --participant zhao)
collab --as zhang request submit "$A" >/dev/null
commit "A submitted"

# --- the wrong people --------------------------------------------------------------------
refused "review by another department's head" review collab --as wang review "$A" --approve "${ALL_YES[@]}"
expect_eq "$ERR" "collab: refused by rule 'review': only 李华 (li), the supervisor $A was submitted to, or their delegate may review it; you are 王强 (wang)
hint: ask 李华 (li); when they are away, the delegate named in people.yaml may act for them" \
    "the wrong reviewer is told who the right one is"
refused "review by the initiator" review collab --as zhang review "$A" --approve "${ALL_YES[@]}"
expect_contains "$ERR" "only 李华 (li), the supervisor $A was submitted to" "the initiator is pointed to the supervisor"
expect_contains "$ERR" "you are 张敏 (zhang)" "the initiator is named"
refused "review by a participant" review collab --as zhao review "$A" --approve "${ALL_YES[@]}"
refused "review by someone whose manager is another person" review collab --as sun review "$A" --approve "${ALL_YES[@]}"

# --- the checklist and the comments ----------------------------------------------------------
refused "approve without 'breakdown'" review \
    collab --as li review "$A" --approve --check goals=yes --check resources=yes
expect_eq "$ERR" "collab: refused by rule 'review': every checklist item must be answered; missing: breakdown
hint: answer each with --check goals=yes|no, --check resources=yes|no, --check breakdown=yes|no (add :note after the answer)" \
    "the missing checklist item is named, with the way to answer it"
refused "approve with no checklist" review collab --as li review "$A" --approve
expect_contains "$ERR" "missing: goals, resources, breakdown" "every missing item is named"
refused "return without a comment" review collab --as li review "$A" --return "${ALL_YES[@]}"
expect_eq "$ERR" "collab: refused by rule 'review': to return a request, say why with --comment
hint: add --comment \"...\"" "return needs a comment"
refused "reject without a comment" review collab --as li review "$A" --reject "${ALL_YES[@]}"
expect_eq "$ERR" "collab: refused by rule 'review': to reject a request, say why with --comment
hint: add --comment \"...\"" "reject needs a comment"
refused "approve with a 'no' and no comment" review \
    collab --as li review "$A" --approve --check goals=yes --check resources=no:tight --check breakdown=yes
expect_eq "$ERR" "collab: refused by rule 'review': approving with a \"no\" on the checklist needs a --comment saying why
hint: add --comment \"...\"" "approving with a no needs a comment"
usage_error "review with no decision" collab --as li review "$A" "${ALL_YES[@]}"
expect_eq "$ERR" "collab: error: give exactly one of --approve, --return or --reject" "the missing decision is named"
usage_error "review with two decisions" collab --as li review "$A" --approve --reject "${ALL_YES[@]}" --comment x
usage_error "a checklist answer that is not yes or no" \
    collab --as li review "$A" --approve --check goals=maybe --check resources=yes --check breakdown=yes
expect_eq "$ERR" "collab: error: --check 'goals=maybe' must be goals, resources or breakdown = yes or no, e.g. --check resources=no:budget unclear" \
    "a bad answer is explained"
usage_error "an unknown checklist item" \
    collab --as li review "$A" --approve --check goal=yes --check resources=yes --check breakdown=yes

# --- the supervisor approves, with a 'no' explained -------------------------------------------
run collab --as li review "$A" --approve --check "goals=yes:fits the service plan" \
    --check "resources=no:budget not confirmed" --check breakdown=yes --comment "Budget comes from Q3"
expect_rc 0 "the supervisor approves with a 'no' and a comment"
expect_eq "$OUT" "$A approved; 张敏 (zhang) can now arrange the review meeting and signatures." "approve confirms"
expect_eq "$ERR" "" "an on-time approval prints nothing on stderr"
expect_eq "$(git status --porcelain)" "?? requests/$A/log/li.yaml" "the review is written to the reviewer's own log only"
log=$(cat "requests/$A/log/li.yaml")
expect_line "$log" "  action: review" "the log has the review"
expect_line "$log" "  decision: approve" "the log has the decision"
expect_line "$log" '    resources: "no"' "the log has the checklist answer"
expect_line "$log" "    resources: budget not confirmed" "the log has the checklist note"
expect_line "$log" "  comment: Budget comes from Q3" "the log has the comment"
expect_not_contains "$log" "on_behalf_of" "the supervisor acts for nobody"
run collab request show "$A"
expect_line "$OUT" "State         approved" "show: approved"
expect_line "$OUT" "Review        due 2026-07-08 18:00, done 2026-07-06 10:00: on time" "show: reviewed on time"
run collab request show "$A" --format json
expect_contains "$OUT" '"state": "approved",' "JSON: approved"
expect_contains "$OUT" '"review_late": false,' "JSON: not late"
run collab log "$A"
expect_line "$OUT" "2026-07-06 10:00  李华 (li)  approved it" "log: the approval"
expect_line "$OUT" "    checklist: goals yes (fits the service plan), resources no (budget not confirmed), breakdown yes" \
    "log: the checklist with its notes"
expect_line "$OUT" "    comment: Budget comes from Q3" "log: the comment"
commit "A approved"
refused "a second review" review collab --as li review "$A" --reject "${ALL_YES[@]}" --comment "changed my mind"
expect_contains "$ERR" "cannot review $A: it is approved" "a decided review cannot be taken again"

# === return, edit, resubmit: round 2 ===========================================================
B=$(new_req zhang --due 2026-07-31 --participant chen)
collab --as zhang request submit "$B" >/dev/null
commit "B submitted"
run collab --now 2026-07-06T15:00 --as li review "$B" --return --check goals=yes \
    --check "resources=no:no budget line" --check breakdown=yes --comment "Name the budget"
expect_rc 0 "the supervisor returns B"
expect_eq "$OUT" "$B returned to 张敏 (zhang) for changes." "return confirms"
run collab --now 2026-07-06T15:00 request show "$B"
expect_line "$OUT" "State         returned" "show: returned"
expect_line "$OUT" "Waiting on    张敏 (zhang)" "a returned request waits on the initiator"
run collab --now 2026-07-06T15:00 next "$B"
expect_eq "$OUT" "$B (returned): Faster replies
  张敏 (zhang): returned for changes: edit the form, then submit it again
    \$ collab request edit $B" "next: the initiator edits and resubmits"
commit "B returned"
refused "signing a returned request" signoff collab --as zhang sign "$B"
refused "a meeting for a returned request" meeting \
    collab --as zhang meeting "$B" --attendee li --duration 10 --minutes x
refused "reviewing a returned request" review collab --as li review "$B" --approve "${ALL_YES[@]}"
refused "editing someone else's returned request" form \
    collab --as li request edit "$B" --file "requests/$B/request.yaml"
expect_contains "$ERR" "only the initiator 张敏 (zhang) may edit $B; you are 李华 (li)" "only the initiator edits"

make_editor "$E2E_ROOT/move-due.sh" 'sed -i "s/^due: .*/due: 2026-08-14/" "$1"'
old=$(collab request show "$B" --format json | sed -n 's/^  "content": "\(.*\)",$/\1/p')
refused "resubmitting the returned form unchanged" submit \
    collab --now 2026-07-07T08:00 --as zhang request submit "$B"
expect_eq "$ERR" "collab: refused by rule 'submit': $B was returned and has not been changed since (content $old): change the form as the review asked, then submit it again
hint: fix the form with \`collab request edit $B\`, then submit again" "a returned form is changed before it is submitted again"
run env COLLAB_NOW=2026-07-07T09:00 EDITOR="$E2E_ROOT/move-due.sh" "$COLLAB_BIN" --as zhang request edit "$B"
expect_rc 0 "the initiator edits the returned form in the editor"
new=$(collab --now 2026-07-07T09:00 request show "$B" --format json | sed -n 's/^  "content": "\(.*\)",$/\1/p')
expect_eq "$OUT" "$B edited: content $old -> $new." "the edit names both versions"
expect_eq "$(git status --porcelain)" " M requests/$B/log/zhang.yaml
 M requests/$B/request.yaml" "the edit changes the form and the initiator's log"
expect_line "$(cat "requests/$B/request.yaml")" "due: 2026-08-14" "the new due date is in the form"
commit "B edited"
run collab --now 2026-07-07T10:00 --as zhang request submit "$B"
expect_rc 0 "the initiator resubmits"
expect_eq "$OUT" "$B submitted to 李华 (li) for review; the review is due by 2026-07-09 18:00." \
    "round 2 gets a new review due time"
run collab --now 2026-07-07T10:00 request show "$B"
expect_line "$OUT" "State         submitted (round 2)" "show: round 2"
expect_line "$OUT" "Due           2026-08-14" "show: the new due date"
run collab --now 2026-07-07T10:00 request show "$B" --format json
expect_contains "$OUT" '"round": 2,' "JSON: round 2"
expect_contains "$OUT" '"review_due": "2026-07-09T18:00:00+08:00",' "JSON: the round-2 review due time"
run collab --now 2026-07-07T10:00 log "$B"
expect_eq "$OUT" "2026-07-06 10:00  张敏 (zhang)  created the draft
2026-07-06 10:00  张敏 (zhang)  submitted it to 李华 (li)
2026-07-06 15:00  李华 (li)  returned it for changes
    checklist: goals yes, resources no (no budget line), breakdown yes
    comment: Name the budget
2026-07-07 09:00  张敏 (zhang)  edited the form ($old -> $new)
    due: 2026-07-31 -> 2026-08-14
2026-07-07 10:00  张敏 (zhang)  submitted it to 李华 (li)" "log: both rounds and the change between them"
commit "B resubmitted"
run collab --now 2026-07-08T10:00 --as li review "$B" --approve "${ALL_YES[@]}"
expect_rc 0 "round 2 is approved"
run collab --now 2026-07-08T10:00 request show "$B"
expect_line "$OUT" "Review        due 2026-07-09 18:00, done 2026-07-08 10:00: on time" \
    "round 2's review is judged against round 2's due time"
commit "B approved"

# === reject ====================================================================================
C=$(new_req zhang --due 2026-07-31)
collab --as zhang request submit "$C" >/dev/null
commit "C submitted"
run collab --as li review "$C" --reject --check "goals=no:not our goal" --check resources=yes \
    --check breakdown=yes --comment "Sales owns this"
expect_rc 0 "the supervisor rejects"
expect_eq "$OUT" "$C rejected; 张敏 (zhang) has been told why." "reject confirms"
run collab request show "$C"
expect_line "$OUT" "State        rejected" "show: rejected"
run collab next "$C"
expect_eq "$OUT" "$C (rejected): Faster replies
  Nothing: this request is over." "next: nothing more"
run collab --as zhang inbox
expect_not_contains "$OUT" "$C" "a rejected request waits on nobody"
commit "C rejected"
refused "submitting a rejected request" submit collab --as zhang request submit "$C"
expect_contains "$ERR" "cannot submit $C: it is rejected" "submit says it is rejected"
refused "signing a rejected request" signoff collab --as zhang sign "$C"
expect_contains "$ERR" "cannot sign $C: it is rejected" "sign says it is rejected"
refused "signing a rejected request as supervisor" signoff collab --as li sign "$C"
refused "editing a rejected request" form collab --as zhang request edit "$C" --file "requests/$C/request.yaml"
refused "reviewing a rejected request again" review collab --as li review "$C" --approve "${ALL_YES[@]}"
refused "a meeting for a rejected request" meeting \
    collab --as zhang meeting "$C" --attendee li --duration 10 --minutes x
refused "withdrawing a rejected request" submit collab --as zhang request withdraw "$C"

# === the delegate ==============================================================================
D=$(new_req zhang --due 2026-07-31)
collab --as zhang request submit "$D" >/dev/null
commit "D submitted"
run collab --as chen review "$D" --approve "${ALL_YES[@]}"
expect_rc 0 "the delegate approves for the supervisor"
expect_eq "$OUT" "$D approved; 张敏 (zhang) can now arrange the review meeting and signatures." "the delegate's approval confirms"
expect_eq "$ERR" "recorded as acting for 李华 (li)" "the delegate is told the record names li"
expect_eq "$(git status --porcelain)" "?? requests/$D/log/chen.yaml" "the delegate writes their own log"
expect_line "$(cat "requests/$D/log/chen.yaml")" "  on_behalf_of: li" "the record says for whom"
run collab log "$D"
expect_line "$OUT" "2026-07-06 10:00  陈晨 (chen) (for 李华 (li))  approved it" "log: the delegate and for whom"
run collab log "$D" --format json
expect_contains "$OUT" '"by": "chen",
      "on_behalf_of": "li",
      "action": "review",' "log JSON: on_behalf_of"
run collab request show "$D"
expect_line "$OUT" "State        approved" "the delegate's approval counts"
commit "D approved by the delegate"

# The delegate may not review their own request: make zhang li's delegate.
sed -i 's/^    delegate: chen.*/    delegate: zhang/' people.yaml
expect_line "$(cat people.yaml)" "    delegate: zhang" "the roster now names zhang as li's delegate"
commit "zhang is li's delegate"
E=$(new_req zhang --due 2026-07-31)
collab --as zhang request submit "$E" >/dev/null
commit "E submitted"
refused "the delegate reviewing their own request" review collab --as zhang review "$E" --approve "${ALL_YES[@]}"
expect_eq "$ERR" "collab: refused by rule 'review': you initiated $E: a delegate may not review their own request" \
    "the initiator may not review as delegate"
run collab --as zhang inbox
expect_not_contains "$OUT" "collab review $E" "the initiator's inbox does not offer a review they may not take"
F=$(new_req chen --due 2026-07-31)
collab --as chen request submit "$F" >/dev/null
run collab --as zhang review "$F" --return "${ALL_YES[@]}" --comment "Add the night shift"
expect_rc 0 "the new delegate may review a colleague's request"
expect_eq "$ERR" "recorded as acting for 李华 (li)" "recorded as acting for li"
refused "the old delegate no longer may" review collab --as chen review "$E" --approve "${ALL_YES[@]}"

# === a late review and a customer's request ======================================================
lw="$E2E_ROOT/late"
new_workspace "$lw" || exit 1
cd "$lw" || exit 1
L=$(new_req zhang --due 2026-07-31)
run collab --as zhang request submit "$L"
expect_eq "$OUT" "$L submitted to 李华 (li) for review; the review is due by 2026-07-08 18:00." "Monday + 2 working days"
K=$(new_req zhao --due 2026-07-31 --dept tech --customer "ACME Ltd")
run collab --as zhao request submit "$K"
expect_eq "$OUT" "$K submitted to 王强 (wang) for review; the review is due by 2026-07-07 18:00." \
    "a customer's request is due the next working day"
run collab request show "$K" --format json
expect_contains "$OUT" '"review_due": "2026-07-07T18:00:00+08:00",' "JSON: the customer's review due time"
commit "L and K submitted"

run collab check --now 2026-07-07T17:59
expect_rc 0 "nothing overdue on Tuesday 17:59"
expect_eq "$OUT" "0 errors, 0 warnings" "check is clean"
run collab check --now 2026-07-08T10:00
expect_rc 1 "the customer's review is overdue on Wednesday"
expect_eq "$OUT" "王强 (wang)
  requests/$K/request.yaml:1:1: error: the review of $K by 王强 (wang) was due 2026-07-07 18:00; it is 1 working day late [review.overdue]
1 error, 0 warnings" "check names wang and the customer's late review only"
run collab check --now 2026-07-09T10:00
expect_rc 1 "both reviews are overdue on Thursday"
expect_line "$OUT" "李华 (li)" "check names li"
expect_line "$OUT" "  requests/$L/request.yaml:1:1: error: the review of $L by 李华 (li) was due 2026-07-08 18:00; it is 1 working day late [review.overdue]" \
    "check: li is 1 working day late"
expect_line "$OUT" "  requests/$K/request.yaml:1:1: error: the review of $K by 王强 (wang) was due 2026-07-07 18:00; it is 2 working days late [review.overdue]" \
    "check: wang is 2 working days late"
expect_line "$OUT" "2 errors, 0 warnings" "two errors"
run collab check --now 2026-07-09T10:00 --format json
expect_contains "$OUT" '"rule": "review.overdue",' "check JSON: the rule"
expect_contains "$OUT" '"person": "li",' "check JSON: the person"
expect_contains "$OUT" '"late_days": 1,' "check JSON: the days late"

export COLLAB_NOW=2026-07-09T10:00 # Thursday
run collab request show "$L"
expect_line "$OUT" "Review       due 2026-07-08 18:00: OVERDUE" "show: the pending review is overdue"
run collab --as li inbox
expect_line "$OUT" "  ! $L  Faster replies" "inbox marks the overdue review"
expect_line "$OUT" "      was due 2026-07-08 18:00: 1 working day late" "inbox says how late"
run collab --as li review "$L" --approve "${ALL_YES[@]}"
expect_rc 0 "a late review is still recorded"
expect_eq "$ERR" "collab: warning: the review was due 2026-07-08 18:00: recorded as late" "the late review is warned"
run collab request show "$L"
expect_line "$OUT" "Review       due 2026-07-08 18:00, done 2026-07-09 10:00: LATE" "show: the review was LATE"
run collab request show "$L" --format json
expect_contains "$OUT" '"review_late": true,' "JSON: review_late true"
expect_contains "$OUT" '"review_due": "2026-07-08T18:00:00+08:00",' "JSON: the due time stays"
run collab check
expect_rc 1 "wang's review is still overdue"
expect_not_contains "$OUT" "$L" "a review done, even late, is no longer overdue"
run collab --as wang review "$K" --approve "${ALL_YES[@]}"
expect_rc 0 "the customer's late review"
run collab check
expect_rc 0 "nothing overdue once both are reviewed"

finish
