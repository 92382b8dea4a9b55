#!/usr/bin/env bash
# `collab inbox` and `collab next` for every role at every step of review and
# sign-off: initiator (zhang), supervisor (li), li's delegate (chen, also a participant),
# the tech head (wang), participants (zhao, chen) and outsiders (qian, sun). Whole outputs, overdue
# items first, the JSON fields, and that neither command writes anything.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday

# name ID: "名字 (id)" as the roster shows it.
name() {
    case $1 in
    zhang) echo "张敏 (zhang)" ;; li) echo "李华 (li)" ;; qian) echo "钱峰 (qian)" ;;
    wang) echo "王强 (wang)" ;; zhao) echo "赵磊 (zhao)" ;; chen) echo "陈晨 (chen)" ;;
    sun) echo "孙悦 (sun)" ;;
    esac
}
# inbox_is PERSON WANT DESCRIPTION: PERSON's inbox is exactly WANT (after the header line).
inbox_is() {
    local who=$1 want=$2 n
    run collab --as "$who" inbox
    expect_rc 0 "$3: inbox of $who"
    n=$(grep -cE '^  (  |! )[^ ]' <<<"$want") # one line per item: "    R-..." or "  ! R-..."
    if [ -z "$want" ]; then
        expect_eq "$OUT" "Waiting on $(name "$who"): 0 items" "$3: $who waits on nothing"
    else
        expect_eq "$OUT" "Waiting on $(name "$who"): $n item$([ "$n" = 1 ] || echo s)
$want" "$3: inbox of $who"
    fi
}
# empty_inboxes STEP PERSON...: each PERSON has nothing waiting.
empty_inboxes() {
    local step=$1 p
    shift
    for p in "$@"; do inbox_is "$p" "" "$step"; done
}

ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1

# === draft ========================================================================================
A=$(collab --as zhang request new --title "Ticket routing" --background "Tickets bounce between teams" \
    --goal "Route each ticket once" --item "Map the flow :: chart reviewed" \
    --dept cs --dept tech --participant zhao --participant chen --resource "Admin access" --due 2026-07-31)
commit "A drafted"
run collab next "$A"
expect_eq "$OUT" "$A (draft): Ticket routing
  张敏 (zhang): submit it to your supervisor
    \$ collab request submit $A" "draft: next"
inbox_is zhang "    $A  Ticket routing
      submit it to your supervisor
      \$ collab request submit $A" "draft"
empty_inboxes "draft" li qian wang zhao chen sun

# === submitted ====================================================================================
collab --as zhang request submit "$A" >/dev/null
commit "A submitted"
REVIEW_A="    $A  Ticket routing
      initial review: approve, return for changes or reject, answering the checklist
      due 2026-07-08 18:00 (2 working days left)
      \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\""
run collab next "$A"
expect_eq "$OUT" "$A (submitted): Ticket routing
  李华 (li): initial review: approve, return for changes or reject, answering the checklist
    due 2026-07-08 18:00 (2 working days left)
    \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
    \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
    \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"" "submitted: next names the supervisor and the due time"
inbox_is li "$REVIEW_A" "submitted"
inbox_is chen "    $A  Ticket routing
      initial review: approve, return for changes or reject, answering the checklist (for 李华 (li))
      due 2026-07-08 18:00 (2 working days left)
      \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"" "submitted (the delegate)"
empty_inboxes "submitted" zhang qian wang zhao sun
# The time left counts down in working days.
run collab --now 2026-07-07T10:00 --as li inbox
expect_line "$OUT" "      due 2026-07-08 18:00 (1 working day left)" "Tuesday: 1 working day left"
run collab --now 2026-07-09T10:00 --as li inbox
expect_line "$OUT" "  ! $A  Ticket routing" "Thursday: the review is overdue and marked"
expect_line "$OUT" "      was due 2026-07-08 18:00: 1 working day late" "Thursday: 1 working day late"
run collab --now 2026-07-09T10:00 next "$A"
expect_line "$OUT" "    was due 2026-07-08 18:00: 1 working day late" "next says the review is late"
# JSON: the delegate's item says for whom.
run collab --as chen inbox --format json
expect_eq "$OUT" "{
  \"person\": \"chen\",
  \"items\": [
    {
      \"request\": \"$A\",
      \"step\": \"review\",
      \"who\": [
        \"li\"
      ],
      \"on_behalf_of\": \"li\",
      \"what\": \"initial review: approve, return for changes or reject, answering the checklist\",
      \"command\": \"collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes\",
      \"commands\": [
        \"collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes\",
        \"collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \\\"…\\\"\",
        \"collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \\\"…\\\"\"
      ],
      \"due\": \"2026-07-08T18:00:00+08:00\",
      \"title\": \"Ticket routing\",
      \"overdue\": false,
      \"working_days_left\": 2
    }
  ]
}" "inbox JSON of the delegate"
run collab next "$A" --format json
expect_eq "$OUT" "{
  \"id\": \"$A\",
  \"state\": \"submitted\",
  \"steps\": [
    {
      \"request\": \"$A\",
      \"step\": \"review\",
      \"who\": [
        \"li\"
      ],
      \"on_behalf_of\": \"\",
      \"what\": \"initial review: approve, return for changes or reject, answering the checklist\",
      \"command\": \"collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes\",
      \"commands\": [
        \"collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes\",
        \"collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \\\"…\\\"\",
        \"collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \\\"…\\\"\"
      ],
      \"due\": \"2026-07-08T18:00:00+08:00\",
      \"overdue\": false
    }
  ]
}" "next JSON"
# Who you are: --as by email, COLLAB_USER.
run collab --as li.hua@example.com inbox
expect_eq "$OUT" "Waiting on 李华 (li): 1 item
$REVIEW_A" "--as by email"
run env COLLAB_USER=li "$COLLAB_BIN" inbox
expect_eq "$OUT" "Waiting on 李华 (li): 1 item
$REVIEW_A" "COLLAB_USER"

# --- the printed commands work when pasted into a shell ----------------------------------------
mkdir -p "$E2E_ROOT/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$COLLAB_BIN" >"$E2E_ROOT/bin/collab"
chmod +x "$E2E_ROOT/bin/collab"
# pasted LINE: runs LINE as typed into bash, as li, with collab on the PATH.
pasted() { run env PATH="$E2E_ROOT/bin:$PATH" COLLAB_USER=li bash -c "$1"; }
run collab --as li next "$A"
mapfile -t printed < <(sed -n 's/^ *\$ //p' <<<"$OUT")
expect_eq "${#printed[@]}" 3 "next prints one command per choice"
in_copy pasted-approve
pasted "${printed[0]}"
expect_rc 0 "the pasted --approve line is accepted"
expect_eq "$(state "$A")" approved "the pasted --approve line approves"
for i in 1 2; do
    in_copy "pasted-$i"
    before=$(snapshot .)
    pasted "${printed[$i]}"
    expect_rc 2 "pasted line $i: refused while the comment is the placeholder"
    expect_eq "$ERR" "collab: error: --comment is still the placeholder … of the command inbox or next printed: write your own text in its place" \
        "pasted line $i: the placeholder is named"
    expect_unchanged . "$before" "pasted line $i: nothing written"
    pasted "${printed[$i]/…/Name the budget}"
    expect_rc 0 "pasted line $i with the comment written: accepted"
    expect_eq "$(state "$A")" "$([ "$i" = 1 ] && echo returned || echo rejected)" "pasted line $i: its decision"
done
cd "$ws" || exit 1

# === returned =====================================================================================
export COLLAB_NOW=2026-07-07T10:00
collab --as li review "$A" --return "${ALL_YES[@]}" --comment "Say who owns routing" >/dev/null
commit "A returned"
run collab next "$A"
expect_eq "$OUT" "$A (returned): Ticket routing
  张敏 (zhang): returned for changes: edit the form, then submit it again
    \$ collab request edit $A" "returned: next"
inbox_is zhang "    $A  Ticket routing
      returned for changes: edit the form, then submit it again
      \$ collab request edit $A" "returned"
run collab --as zhang inbox --format json
expect_line "$OUT" '      "step": "resubmit",' "returned: JSON step"
empty_inboxes "returned" li qian wang zhao chen sun

# === resubmitted (round 2) ========================================================================
# From here on the clock is at the resubmission: inbox sees a request as it stood at its --now.
export COLLAB_NOW=2026-07-07T11:00
# Changed as the review asked (a returned form goes back changed).
sed 's/^goal: .*/goal: Route each ticket once; zhang owns routing/' "requests/$A/request.yaml" >"$E2E_ROOT/A2.yaml"
collab --as zhang request edit "$A" --file "$E2E_ROOT/A2.yaml" >/dev/null
collab --as zhang request submit "$A" >/dev/null
commit "A resubmitted"
run collab next "$A"
expect_eq "$OUT" "$A (submitted): Ticket routing
  李华 (li): initial review: approve, return for changes or reject, answering the checklist
    due 2026-07-09 18:00 (2 working days left)
    \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
    \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
    \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"" "round 2: next has the new due time"
inbox_is li "    $A  Ticket routing
      initial review: approve, return for changes or reject, answering the checklist
      due 2026-07-09 18:00 (2 working days left)
      \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"" "resubmitted"
inbox_is chen "    $A  Ticket routing
      initial review: approve, return for changes or reject, answering the checklist (for 李华 (li))
      due 2026-07-09 18:00 (2 working days left)
      \$ collab review $A --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $A --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $A --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"" "resubmitted (the delegate)"
empty_inboxes "resubmitted" zhang qian wang zhao sun
# Half an hour earlier the resubmission had not happened: A was still returned.
run collab --now 2026-07-07T10:30 --as li inbox
expect_eq "$OUT" "Waiting on 李华 (li): 0 items" "inbox --now before the resubmission: li has nothing yet"
run collab --now 2026-07-07T10:30 --as zhang inbox
expect_eq "$OUT" "Waiting on 张敏 (zhang): 1 item
    $A  Ticket routing
      returned for changes: edit the form, then submit it again
      \$ collab request edit $A" "inbox --now before the resubmission: zhang still has the returned form"

# === approved: the meeting ========================================================================
export COLLAB_NOW=2026-07-08T10:00
collab --as li review "$A" --approve "${ALL_YES[@]}" >/dev/null
commit "A approved"
MEETING_A="    $A  Ticket routing
      hold and record the review meeting (需求评审会); 李华 (li), 王强 (wang) must attend
      \$ collab meeting $A"
run collab next "$A"
expect_eq "$OUT" "$A (approved): Ticket routing
  张敏 (zhang), 李华 (li): hold and record the review meeting (需求评审会); 李华 (li), 王强 (wang) must attend
    \$ collab meeting $A" "approved: next"
inbox_is zhang "$MEETING_A" "approved"
inbox_is li "$MEETING_A" "approved"
run collab --as li inbox --format json
expect_line "$OUT" '      "step": "meeting",' "approved: JSON step"
expect_line "$OUT" '        "zhang",' "approved: JSON who has the initiator"
expect_line "$OUT" '        "li"' "approved: JSON who has the supervisor"
empty_inboxes "approved" qian zhao chen sun

# === meeting held: signatures =====================================================================
collab --as li meeting "$A" --attendee li --attendee wang --duration 30 --minutes "Agreed" >/dev/null
commit "meeting"
sign_item() { # sign_item ROLE
    printf '    %s  Ticket routing\n      sign the form as %s\n      $ collab sign %s' "$A" "$1" "$A"
}
inbox_is zhang "$(sign_item initiator)" "signing"
inbox_is li "$(sign_item supervisor)" "signing"
inbox_is wang "$(sign_item "department head")" "signing"
inbox_is zhao "$(sign_item participant)" "signing"
inbox_is chen "$(sign_item participant)" "signing"
empty_inboxes "signing" qian sun
run collab --as wang inbox --format json
expect_line "$OUT" '      "step": "sign",' "signing: JSON step"
expect_line "$OUT" '      "due": null,' "signing: a signature has no due time"
collab --as zhang sign "$A" >/dev/null
collab --as wang sign "$A" >/dev/null
commit "two signatures"
empty_inboxes "after signing" zhang wang
run collab next "$A"
expect_eq "$OUT" "$A (approved): Ticket routing
  李华 (li): sign the form as supervisor
    \$ collab sign $A
  赵磊 (zhao): sign the form as participant
    \$ collab sign $A
  陈晨 (chen): sign the form as participant
    \$ collab sign $A" "next lists only the signatures still missing"

# === overdue first ================================================================================
# li also has a review submitted today (due Friday) and one submitted last week, overdue.
P=$(collab --as zhang request new --title "Shift swap" --background "b" --goal "g" \
    --item "Write the rule :: rule published" --dept cs --resource "None" --due 2026-07-31)
collab --as zhang request submit "$P" >/dev/null
O=$(collab --now 2026-07-01T10:00 --as zhang request new --title "Old request" --background "b" --goal "g" \
    --item "Do it :: done" --dept cs --resource "None" --due 2026-07-31)
collab --now 2026-07-01T10:00 --as zhang request submit "$O" >/dev/null
commit "P and O"
inbox_is li "  ! $O  Old request
      initial review: approve, return for changes or reject, answering the checklist
      was due 2026-07-03 18:00: 3 working days late
      \$ collab review $O --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $O --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $O --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
    $P  Shift swap
      initial review: approve, return for changes or reject, answering the checklist
      due 2026-07-10 18:00 (2 working days left)
      \$ collab review $P --approve --check goals=yes --check resources=yes --check breakdown=yes
      \$ collab review $P --return --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
      \$ collab review $P --reject --check goals=yes --check resources=yes --check breakdown=yes --comment \"…\"
$(sign_item supervisor)" "overdue first, then by due time, then undated"
run collab --as li inbox --format json
expect_eq "$(sed -n 's/^      "request": "\(.*\)",$/\1/p' <<<"$OUT" | tr '\n' ' ')" "$O $P $A " "JSON: the same order"
expect_eq "$(sed -n 's/^      "overdue": \(.*\),$/\1/p' <<<"$OUT" | tr '\n' ' ')" "true false false " "JSON: overdue flags"
expect_eq "$(sed -n 's/^      "working_days_left": \(.*\)$/\1/p' <<<"$OUT" | head -2 | tr '\n' ' ')" "-3 2 " \
    "JSON: working days left, negative when late"
expect_line "$OUT" '      "title": "Old request",' "JSON: the title"
collab --as li review "$O" --reject "${ALL_YES[@]}" --comment "Superseded" >/dev/null 2>&1
collab --as chen review "$P" --reject "${ALL_YES[@]}" --comment "Use the old rule" >/dev/null 2>&1
commit "O and P rejected"
inbox_is li "$(sign_item supervisor)" "the reviews are done"

# === final: ack ===================================================================================
export COLLAB_NOW=2026-07-09T09:00
for p in li zhao chen; do collab --as "$p" sign "$A" >/dev/null; done
commit "A final"
ACK_A="    $A  Ticket routing
      read the final version (终稿) and confirm receipt
      \$ collab ack $A"
run collab next "$A"
expect_eq "$OUT" "$A (final): Ticket routing
  张敏 (zhang): split the final request into tasks, one owner each (协作任务跟踪表)
    \$ collab split $A
  张敏 (zhang): read the final version (终稿) and confirm receipt
    \$ collab ack $A
  李华 (li): read the final version (终稿) and confirm receipt
    \$ collab ack $A
  王强 (wang): read the final version (终稿) and confirm receipt
    \$ collab ack $A
  赵磊 (zhao): read the final version (终稿) and confirm receipt
    \$ collab ack $A
  陈晨 (chen): read the final version (终稿) and confirm receipt
    \$ collab ack $A" "final: next"
inbox_is zhang "    $A  Ticket routing
      split the final request into tasks, one owner each (协作任务跟踪表)
      \$ collab split $A
$ACK_A" "final"
for p in li wang zhao; do inbox_is "$p" "$ACK_A" "final"; done
empty_inboxes "final" qian sun
run collab --as zhao inbox --format json
expect_line "$OUT" '      "step": "acknowledge",' "final: JSON step"
before=$(snapshot .)
for p in zhang li qian wang zhao chen sun; do
    collab --as "$p" inbox >/dev/null
    collab --as "$p" inbox --format json >/dev/null
done
collab next "$A" >/dev/null
collab next "$A" --format json >/dev/null
expect_unchanged . "$before" "inbox and next write nothing"
for p in li wang zhao chen; do
    run collab --as "$p" ack "$A"
    expect_rc 0 "$p acknowledges"
    inbox_is "$p" "" "after ack"
done
collab --as zhang ack "$A" >/dev/null
inbox_is zhang "    $A  Ticket routing
      split the final request into tasks, one owner each (协作任务跟踪表)
      \$ collab split $A" "after ack the initiator has only the split left"
run collab next "$A"
expect_eq "$OUT" "$A (final): Ticket routing
  张敏 (zhang): split the final request into tasks, one owner each (协作任务跟踪表)
    \$ collab split $A" "after every ack, next is the split"

finish
