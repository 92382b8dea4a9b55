#!/usr/bin/env bash
# `collab log`: the whole history of a request through review and sign-off, as text
# and as JSON: both rounds of a returned request and what changed between them, the
# delegate acting for the supervisor, the meeting, signatures voided by an edit, the
# final version and each receipt. Content hashes are read from `request show`.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday

# at NOW COMMAND...: runs a collab command at NOW, quietly; a failure is a failed check.
at() {
    local now=$1
    shift
    if ! COLLAB_NOW=$now collab "$@" >/dev/null 2>"$E2E_ROOT/at.err"; then
        fail "setup step failed: collab $*" "$(cat "$E2E_ROOT/at.err")"
    fi
}

ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1

A=$(collab --as zhang request new --title "Ticket routing" --background "Tickets bounce between teams" \
    --goal "Route each ticket once" --item "Map the flow :: chart reviewed" \
    --dept cs --dept tech --participant zhao --resource "Admin access" --due 2026-07-31)
H1=$(content "$A" 2026-07-09T10:00)
at 2026-07-06T10:30 --as zhang request submit "$A"
at 2026-07-06T15:00 --as chen review "$A" --return --check "goals=yes:fits the plan" \
    --check "resources=no:who pays for access?" --check breakdown=yes --comment "Name the budget and a faster goal"
make_editor "$E2E_ROOT/round2.sh" 'sed -i -e "s/^due: .*/due: 2026-08-14/" -e "s/^goal: .*/goal: Route each ticket within an hour/" "$1"'
commit "round 1"
run env COLLAB_NOW=2026-07-07T09:00 EDITOR="$E2E_ROOT/round2.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 0 "the returned form is edited"
H2=$(content "$A" 2026-07-09T10:00)
at 2026-07-07T10:00 --as zhang request submit "$A"
at 2026-07-08T09:00 --as li review "$A" --approve "${ALL_YES[@]}" --comment "Go"
at 2026-07-08T11:00 --as zhang meeting "$A" --at 2026-07-08T10:00 --duration 25 --attendee li \
    --attendee wang --attendee zhao --minutes "Routing agreed" --decision "Tech builds it" --decision "CS tests it"
at 2026-07-08T12:00 --as zhang sign "$A"
at 2026-07-08T12:30 --as wang sign "$A" --comment "Two engineers"
make_editor "$E2E_ROOT/later.sh" 'sed -i "s/^due: .*/due: 2026-08-21/" "$1"'
run env COLLAB_NOW=2026-07-08T13:00 EDITOR="$E2E_ROOT/later.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 0 "the approved form is edited after two signatures"
H3=$(content "$A" 2026-07-09T10:00)
at 2026-07-08T14:00 --as zhang sign "$A"
at 2026-07-08T14:10 --as li sign "$A"
at 2026-07-08T14:20 --as wang sign "$A"
at 2026-07-08T14:30 --as zhao sign "$A"
at 2026-07-09T09:00 --as wang ack "$A"
commit "final"
# Read after the last entry: log shows the request as it stood at --now.
export COLLAB_NOW=2026-07-09T10:00

# --- text ---------------------------------------------------------------------------------------
before=$(snapshot .)
run collab log "$A"
expect_rc 0 "log"
expect_eq "$OUT" "2026-07-06 10:00  张敏 (zhang)  created the draft
2026-07-06 10:30  张敏 (zhang)  submitted it to 李华 (li)
2026-07-06 15:00  陈晨 (chen) (for 李华 (li))  returned it for changes
    checklist: goals yes (fits the plan), resources no (who pays for access?), breakdown yes
    comment: Name the budget and a faster goal
2026-07-07 09:00  张敏 (zhang)  edited the form ($H1 -> $H2)
    due: 2026-07-31 -> 2026-08-14
    goal: Route each ticket once -> Route each ticket within an hour
2026-07-07 10:00  张敏 (zhang)  submitted it to 李华 (li)
2026-07-08 09:00  李华 (li)  approved it
    checklist: goals yes, resources yes, breakdown yes
    comment: Go
2026-07-08 11:00  张敏 (zhang)  recorded the review meeting of 2026-07-08 10:00 (25 min)
    attendees: 李华 (li), 王强 (wang), 赵磊 (zhao)
    decision: Tech builds it
    decision: CS tests it
2026-07-08 12:00  张敏 (zhang)  signed ($H2); void: the form changed since
2026-07-08 12:30  王强 (wang)  signed ($H2); void: the form changed since
    comment: Two engineers
2026-07-08 13:00  张敏 (zhang)  edited the form ($H2 -> $H3)
    due: 2026-08-14 -> 2026-08-21
2026-07-08 14:00  张敏 (zhang)  signed ($H3)
2026-07-08 14:10  李华 (li)  signed ($H3)
2026-07-08 14:20  王强 (wang)  signed ($H3)
2026-07-08 14:30  赵磊 (zhao)  signed ($H3)
2026-07-08 14:30  final (终稿) at content $H3; frozen and distributed to 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao)
2026-07-09 09:00  王强 (wang)  confirmed receipt of the final version" "the whole history, both rounds, void signatures and the final version"
expect_eq "$ERR" "" "log prints nothing on stderr"
expect_eq "$(grep -c "submitted it to 李华 (li)" <<<"$OUT")" "2" "two rounds: two submissions"
# A unique prefix of the id is enough.
run collab log "${A:0:5}"
expect_rc 0 "log by a unique prefix"
expect_line "$OUT" "2026-07-09 09:00  王强 (wang)  confirmed receipt of the final version" "the prefix finds the request"
run collab log R-NOPE42
expect_rc 2 "log of an unknown request"
expect_eq "$ERR" "collab: error: no request matches 'R-NOPE42'; \`collab request list\` shows them all" "the unknown id is named"

# --- JSON ---------------------------------------------------------------------------------------
run collab log "$A" --format json
expect_rc 0 "log JSON"
expect_contains "$OUT" "{
  \"id\": \"$A\",
  \"state\": \"final\",
  \"events\": [" "JSON: id and state"
expect_contains "$OUT" "    {
      \"seq\": 3,
      \"at\": \"2026-07-06T15:00:00+08:00\",
      \"by\": \"chen\",
      \"on_behalf_of\": \"li\",
      \"action\": \"review\",
      \"content\": \"$H1\",
      \"summary\": \"returned it for changes\",
      \"details\": [
        \"checklist: goals yes (fits the plan), resources no (who pays for access?), breakdown yes\",
        \"comment: Name the budget and a faster goal\"
      ]
    }," "JSON: the delegate's return, on behalf of li"
expect_contains "$OUT" "      \"action\": \"edit\",
      \"content\": \"$H2\",
      \"summary\": \"edited the form ($H1 -> $H2)\",
      \"details\": [
        \"due: 2026-07-31 -> 2026-08-14\",
        \"goal: Route each ticket once -> Route each ticket within an hour\"
      ]" "JSON: the changed fields of round 2"
expect_contains "$OUT" "      \"summary\": \"signed ($H2); void: the form changed since\"," "JSON: a void signature"
expect_contains "$OUT" "      \"action\": \"ack\"," "JSON: the receipt"
expect_contains "$OUT" "  \"final_at\": \"2026-07-08T14:30:00+08:00\",
  \"distributed_to\": [
    \"zhang\",
    \"li\",
    \"wang\",
    \"zhao\"
  ]
}" "JSON: when final and to whom"
expect_eq "$(grep -c '"seq": ' <<<"$OUT")" "15" "JSON: every event"
expect_eq "$(grep -c '"on_behalf_of": "li"' <<<"$OUT")" "1" "JSON: only the delegate's entry acts for someone"
expect_unchanged . "$before" "log writes nothing"

# --- in Chinese -----------------------------------------------------------------------------------
run collab --lang zh log "$A"
expect_rc 0 "log in Chinese"
expect_line "$OUT" "2026-07-06 15:00  陈晨 (chen) （代 李华 (li)）  退回修改" "the Chinese log names the delegate and for whom"
expect_line "$OUT" "2026-07-08 14:30  成为终稿（内容 $H3）；已冻结并分发给 张敏 (zhang)、李华 (li)、王强 (wang)、赵磊 (zhao)" \
    "the Chinese log has the final version"
expect_contains "$OUT" "due: 2026-07-31 -> 2026-08-14" "the Chinese log has the change"

# --- a draft and a fresh submission -----------------------------------------------------------------
export COLLAB_NOW=2026-07-06T10:00
B=$(collab --as chen request new --title "Shift swap" --background "b" --goal "g" \
    --item "Write the rule :: rule published" --dept cs --resource "None" --due 2026-07-31)
run collab log "$B"
expect_eq "$OUT" "2026-07-06 10:00  陈晨 (chen)  created the draft" "a draft has one entry"
run collab log "$B" --format json
expect_contains "$OUT" '"final_at": null,
  "distributed_to": []' "JSON: not final, distributed to nobody"

finish
