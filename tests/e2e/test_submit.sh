#!/usr/bin/env bash
# `collab request submit` and `withdraw`: who may, the review's due time in working
# days (customer requests, National Day), and every refusal of the form rule. A
# refusal exits 3 and leaves every file byte for byte as it was.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1


# --- a Monday submission: due two working days later at the end of the day ------------
A=$(new_req zhang --due 2026-07-31)
commit
run collab --as zhang request submit "$A"
expect_rc 0 "the initiator submits"
expect_eq "$OUT" "$A submitted to 李华 (li) for review; the review is due by 2026-07-08 18:00." \
    "submit names the supervisor and the review's due time"
expect_eq "$ERR" "" "a clean submit writes nothing to stderr"
run collab request show "$A"
expect_line "$OUT" "State        submitted" "the request is submitted"
expect_line "$OUT" "Reviewer     李华 (li)" "the reviewer is the initiator's manager"
expect_line "$OUT" "Waiting on   李华 (li)" "it now waits on the supervisor"
expect_match "$OUT" "^Review +due 2026-07-08 18:00" "show gives the review's due time"
run collab request show "$A" --format json
expect_contains "$OUT" '"state": "submitted",' "JSON state"
expect_contains "$OUT" '"reviewer": "li",' "JSON reviewer"
expect_contains "$OUT" '"review_due": "2026-07-08T18:00:00+08:00",' "JSON review due with its offset"
expect_contains "$OUT" '"review_late": false' "not late yet"
log=$(cat "requests/$A/log/zhang.yaml")
expect_line "$log" "  action: submit" "the submission is in the initiator's log"
expect_line "$log" "  to: li" "the log says to whom"
expect_eq "$(git status --porcelain)" " M requests/$A/log/zhang.yaml" "submit only appends to the initiator's log"
commit
# Someone in technology goes to their own manager.
Z=$(new_req zhao --dept tech --due 2026-07-31)
run collab --as zhao request submit "$Z"
expect_eq "$OUT" "$Z submitted to 王强 (wang) for review; the review is due by 2026-07-08 18:00." \
    "zhao's request goes to wang"

# --- review due times ---------------------------------------------------------------------
# due_for NOW [FLAGS...]: creates and submits a request at NOW, prints the due time.
due_for() {
    local now=$1 id
    shift
    id=$(COLLAB_NOW=$now new_req zhang --due 2026-12-31 "$@")
    COLLAB_NOW=$now collab --as zhang request submit "$id" | sed -n 's/.*the review is due by \(.*\)\.$/\1/p'
}
expect_eq "$(due_for 2026-07-06T10:00 --customer ACME)" "2026-07-07 18:00" \
    "a customer's request submitted Monday is due Tuesday 18:00"
expect_eq "$(due_for 2026-07-10T09:00)" "2026-07-14 18:00" "Friday + 2 working days skips the weekend"
expect_eq "$(due_for 2026-07-10T09:00 --customer ACME)" "2026-07-13 18:00" "a customer's Friday request is due Monday"
expect_eq "$(due_for 2026-07-11T10:00)" "2026-07-14 18:00" "a Saturday submission counts from Monday"
# National Day: 10-01..10-07 off; Thu 10-08 and Fri 10-09 are the first working days.
expect_eq "$(due_for 2026-09-30T10:00)" "2026-10-09 18:00" "submitted 09-30: due across National Day"
expect_eq "$(due_for 2026-09-30T17:59 --customer ACME)" "2026-10-08 18:00" \
    "a customer's request of 09-30 is due the first day after National Day"
# Saturday 10-10 is a make-up working day (调休).
expect_eq "$(due_for 2026-10-09T10:00 --customer ACME)" "2026-10-10 18:00" \
    "the make-up Saturday counts as a working day"
expect_eq "$(due_for 2026-10-09T10:00)" "2026-10-12 18:00" "10-09 + 2: the make-up Saturday, then Monday"
# Spring Festival: Saturday 02-14 is worked, 02-15..02-23 are off.
expect_eq "$(due_for 2026-02-13T17:00)" "2026-02-24 18:00" "submitted 02-13: due across Spring Festival"
commit

# --- refusals: exit 3, nothing written -----------------------------------------------------

R=$(new_req zhang --due 2026-07-31)
commit
refused "submit by a colleague" submit collab --as chen request submit "$R"
expect_eq "$ERR" "collab: refused by rule 'submit': only the initiator 张敏 (zhang) may submit $R; you are 陈晨 (chen)
hint: ask 张敏 (zhang) to do it, or act as them with --as if you are" "the wrong person is told who may submit"
refused "submit by the supervisor" submit collab --as li request submit "$R"
refused "submit by the lead of another department" submit collab --as wang request submit "$R"
run collab --lang zh --as chen request submit "$R"
expect_rc 3 "a refusal in Chinese"
expect_contains "$ERR" "submit" "the Chinese refusal names the rule id"
expect_contains "$ERR" "张敏 (zhang)" "the Chinese refusal names the initiator"

# A department head has no manager: nobody could review.
H=$(new_req li --due 2026-07-31)
commit
refused "submit by someone with no manager" submit collab --as li request submit "$H"
expect_contains "$ERR" "has no manager in people.yaml" "the missing manager is named"
expect_contains "$ERR" "hint: set 'manager' for li in people.yaml" "the fix is given"

# A missing field: the detail line names request.yaml:LINE:COL and the field.
cat >"$E2E_ROOT/no-goal.yaml" <<'EOF'
title: Night shift support
source: internal
due: 2026-07-31
departments: [cs]
participants: []
background: Tickets filed at night wait.
goal: ""
items:
  - action: Plan a night rota
    acceptance: rota published
resources:
  - what: Night allowance
    amount: 3000 CNY
EOF
M=$(collab --as zhang request new --file "$E2E_ROOT/no-goal.yaml" 2>/dev/null)
commit
refused "submit with an empty goal" form collab --as zhang request submit "$M"
expect_eq "$ERR" "collab: refused by rule 'form': $M does not satisfy the form rule (1 problem)
  requests/$M/request.yaml:7:7: error: the form has no 'goal'; fill it in
hint: fix the form with \`collab request edit $M\`, then submit again" "the missing goal is named with its line and column"
grep -v '^goal:' "$E2E_ROOT/no-goal.yaml" >"$E2E_ROOT/no-goal-key.yaml"
M2=$(collab --as zhang request new --file "$E2E_ROOT/no-goal-key.yaml" 2>/dev/null)
commit
refused "submit with no goal key" form collab --as zhang request submit "$M2"
expect_match "$ERR" "^  requests/$M2/request\.yaml:[0-9]+:[0-9]+: error: the form has no 'goal'; fill it in$" \
    "an absent key is named with a place in request.yaml"
# Several problems are all listed, each with its line.
cat >"$E2E_ROOT/many.yaml" <<'EOF'
title: ""
source: internal
due: 2026-07-31
departments: []
participants: []
background: x
goal: y
items: []
resources: []
EOF
M3=$(collab --as zhang request new --file "$E2E_ROOT/many.yaml" 2>/dev/null)
commit
refused "submit with several problems" form collab --as zhang request submit "$M3"
expect_match "$ERR" "^  requests/$M3/request\.yaml:1:[0-9]+: error: the form has no 'title'" "the empty title's line"
expect_match "$ERR" "^  requests/$M3/request\.yaml:4:[0-9]+: error: .*department" "the empty departments' line"
expect_match "$ERR" "^  requests/$M3/request\.yaml:8:[0-9]+: error: .*action item" "the empty items' line"
expect_match "$ERR" "^  requests/$M3/request\.yaml:9:[0-9]+: error: .*resource" "the empty resources' line"

# The due date on a holiday names the holiday and the next working day.
F=$(new_req zhang --due 2026-10-05 2>/dev/null)
commit
refused "due on a holiday" form collab --as zhang request submit "$F"
expect_line "$ERR" "  requests/$F/request.yaml:6:6: error: due 2026-10-05 falls on 国庆节 National Day, not a working day; the next working day is 2026-10-08" \
    "the holiday and the next working day are named"
F2=$(new_req zhang --due 2026-02-20 2>/dev/null)
commit
refused "due in Spring Festival" form collab --as zhang request submit "$F2"
expect_contains "$ERR" "falls on 春节 Spring Festival, not a working day; the next working day is 2026-02-24" \
    "Spring Festival is named"
# A weekend.
W=$(new_req zhang --due 2026-07-11 2>/dev/null)
commit
refused "due on a Saturday" form collab --as zhang request submit "$W"
expect_line "$ERR" "  requests/$W/request.yaml:6:6: error: due 2026-07-11 is not a working day; the next working day is 2026-07-13" \
    "a weekend due date names the next working day"
# A make-up Saturday is a working day and is accepted.
S=$(new_req zhang --due 2026-10-10)
run collab --as zhang request submit "$S"
expect_rc 0 "due on a make-up Saturday (调休) is fine"
commit
# A date in a year with no calendar.
Y=$(new_req zhang --due 2027-01-05 2>/dev/null)
commit
# A missing calendar is about the workspace's files: exit 4.
refused_with 4 "due in an uncovered year" form collab --as zhang request submit "$Y"
expect_contains "$ERR" "2027, which no calendar file covers" "the uncovered year is named"
# A due date already past.
P=$(new_req zhang --due 2026-07-03 2>/dev/null)
commit
refused "due date in the past" form collab --as zhang request submit "$P"
expect_contains "$ERR" "2026-07-03 has already passed" "the past due date is named"

# People and departments.
U=$(new_req zhang --due 2026-07-31 --participant zhoa 2>/dev/null)
commit
refused "an unknown participant" form collab --as zhang request submit "$U"
expect_line "$ERR" "  requests/$U/request.yaml:8:16: error: 'zhoa' is not in the roster (did you mean 'zhao'?)" \
    "an unknown participant gets a suggestion"
D=$(new_req zhang --due 2026-07-31 --participant tech 2>/dev/null)
commit
refused "a department named as a participant" form collab --as zhang request submit "$D"
expect_contains "$ERR" "error: 'tech' is the department 技术部, not a person; name one person" \
    "a department named as a person is explained"
D2=$(new_req zhang --due 2026-07-31 --dept sails 2>/dev/null)
commit
refused "an unknown department" form collab --as zhang request submit "$D2"
expect_contains "$ERR" "department 'sails'" "the unknown department is named"
L=$(new_req zhang --due 2026-07-31 --lead zzz 2>/dev/null)
commit
refused "an unknown project lead" form collab --as zhang request submit "$L"
expect_contains "$ERR" "'zzz' is not in the roster" "the unknown lead is named"

# Budget amounts need a number and a currency.
for amount in "500" "500元" "about 500 CNY" "CNY"; do
    X=$(new_req zhang --due 2026-07-31 --resource "Budget :: $amount" 2>/dev/null)
    commit
    refused "budget amount '$amount'" form collab --as zhang request submit "$X"
    expect_contains "$ERR" "amount '$amount' must be a number with a currency, e.g. 500 CNY" \
        "the amount '$amount' is explained"
done
for amount in "500 CNY" "1,200.50 USD" "3000 RMB"; do
    X=$(new_req zhang --due 2026-07-31 --resource "Budget :: $amount" 2>/dev/null)
    run collab --as zhang request submit "$X"
    expect_rc 0 "budget amount '$amount' is accepted"
done
commit

# Submitting twice.
refused "a second submit" submit collab --as zhang request submit "$A"
expect_eq "$ERR" "collab: refused by rule 'submit': cannot submit $A: it is submitted
hint: it is waiting for the supervisor's review" "submitting twice says where the request is"

# --- request edit of a submitted request ---------------------------------------------------
before=$(snapshot "$ws")
run collab --as zhang request edit "$A" --file "$E2E_ROOT/no-goal.yaml"
expect_rc 3 "editing a submitted request"
expect_contains "$ERR" "cannot edit $A: it is submitted" "the edit refusal says why"
make_editor "$E2E_ROOT/touch.sh" 'echo "# touched" >>"$1"'
run env EDITOR="$E2E_ROOT/touch.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 3 "editing a submitted request in the editor"
expect_unchanged "$ws" "$before" "refused edits"

# --- withdraw ------------------------------------------------------------------------------
before=$(snapshot "$ws")
run collab --as li request withdraw "$A"
expect_rc 3 "withdraw by the supervisor"
expect_contains "$ERR" "only the initiator 张敏 (zhang) may withdraw $A; you are 李华 (li)" \
    "withdraw by someone else is refused with the reason"
run collab --as chen request withdraw "$A"
expect_rc 3 "withdraw by a colleague"
expect_unchanged "$ws" "$before" "refused withdrawals"
run collab --as zhang request withdraw "$A" --comment "Merged into another request"
expect_rc 0 "the initiator withdraws a submitted request"
expect_eq "$OUT" "$A withdrawn." "withdraw confirms"
run collab request show "$A"
expect_line "$OUT" "State        withdrawn" "the request is withdrawn"
expect_line "$(cat "requests/$A/log/zhang.yaml")" "  comment: Merged into another request" "the comment is logged"
commit
before=$(snapshot "$ws")
refused "submitting a withdrawn request" submit collab --as zhang request submit "$A"
expect_contains "$ERR" "cannot submit $A: it is withdrawn" "a withdrawn request cannot be submitted"
run collab --as zhang request withdraw "$A"
expect_rc 3 "withdrawing twice"
run collab --as zhang request edit "$A" --file "$E2E_ROOT/no-goal.yaml"
expect_rc 3 "editing a withdrawn request"
expect_unchanged "$ws" "$before" "actions on a withdrawn request"
# A draft can be withdrawn too.
run collab --as zhang request withdraw "$R"
expect_rc 0 "withdrawing a draft"
run collab request list --state withdrawn
expect_line "$OUT" "$R  withdrawn  2026-07-31  -           Faster replies" "withdrawn requests wait on nobody"

# The request submitted on 02-13 was due 02-24; by 07-06 its review is overdue.
run collab check
expect_rc 1 "check finds the overdue review"
expect_match "$OUT" "error: the review of R-[0-9A-Z]{6} by 李华 \(li\) was due 2026-02-24 18:00; it is 91 working days late \[review\.overdue\]" \
    "check reports the review overdue since 02-24"
expect_line "$OUT" "1 error, 0 warnings" "only that review is overdue"

finish
