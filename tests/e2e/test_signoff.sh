#!/usr/bin/env bash
# `collab meeting`, `collab sign` and `collab ack`: a two-department request cannot
# become final without a review meeting attended by both department heads; a
# one-department request is finalised by its signatures alone; a form edited after
# two signatures voids them and those two must sign again; a final request is frozen
# (edits refused, hand edits reported by `collab check`) and each collaborator
# confirms receipt. Every refusal exits 3, names its rule and writes nothing.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday


ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1

# === two departments: customer service and technology ===========================================
A=$(collab --as zhang request new --title "Ticket routing" --background "Tickets bounce between teams" \
    --goal "Route each ticket once" --item "Map the flow :: chart reviewed by both heads" \
    --dept cs --dept tech --participant zhao --participant chen --resource "Admin access" --due 2026-07-31)
collab --as zhang request submit "$A" >/dev/null
collab --as li review "$A" --approve "${ALL_YES[@]}" >/dev/null
commit "A approved"
H=$(content "$A")

run collab next "$A"
expect_eq "$OUT" "$A (approved): Ticket routing
  张敏 (zhang), 李华 (li): hold and record the review meeting (需求评审会); 李华 (li), 王强 (wang) must attend
    \$ collab meeting $A" "next: the meeting comes first, and who must attend"

# --- no signature before the meeting ------------------------------------------------------
refused "the initiator signing before the meeting" meeting collab --as zhang sign "$A"
expect_eq "$ERR" "collab: refused by rule 'meeting': $A involves more than one department: record the review meeting, attended by 李华 (li), 王强 (wang), before signing
hint: collab meeting $A --at DATETIME --duration MINUTES --attendee ... --minutes TEXT" \
    "the refusal names both heads and how to record the meeting"
refused "a head signing before the meeting" meeting collab --as wang sign "$A"
refused "the meeting recorded by a department head" meeting \
    collab --as wang meeting "$A" --attendee li --attendee wang --duration 30 --minutes "Agreed"
expect_eq "$ERR" "collab: refused by rule 'meeting': the review meeting of $A is recorded by the initiator 张敏 (zhang) or the supervisor 李华 (li)" \
    "only the initiator or the supervisor records the meeting"
refused "the meeting recorded by a participant" meeting \
    collab --as zhao meeting "$A" --attendee li --attendee wang --duration 30 --minutes "Agreed"
before=$(snapshot .)
run collab --as zhang meeting "$A" --attendee li --attendee wang --minutes "Agreed"
expect_rc 2 "a meeting without its duration"
expect_eq "$ERR" "collab: error: give the meeting's length in minutes with --duration" "the duration is asked for"
run collab --as zhang meeting "$A" --attendee li --attendee wang --duration 30
expect_rc 2 "a meeting without minutes (and no editor)"
run collab --as zhang meeting "$A" --attendee li --attendee nobody --duration 30 --minutes x
expect_rc 2 "a meeting with an attendee not in the roster"
expect_eq "$ERR" "collab: error: 'nobody' is not in the roster (people.yaml)" "the unknown attendee is named"
expect_unchanged . "$before" "meetings given wrong flags write nothing"

# --- a meeting without wang: recorded, but it does not count --------------------------------
run collab --now 2026-07-06T11:00 --as zhang meeting "$A" --attendee li --attendee zhao --duration 20 \
    --minutes "Tech could not come"
expect_rc 0 "a meeting without the tech head is recorded"
expect_eq "$OUT" "Review meeting of $A recorded; attendees: 李华 (li), 赵磊 (zhao)." "the meeting is confirmed"
expect_eq "$ERR" "collab: warning: this meeting does not satisfy the meeting rule: 王强 (wang) did not attend; the request cannot become final until a meeting they attend is recorded" \
    "the missing head is warned about"
expect_eq "$(git status --porcelain)" " M requests/$A/log/zhang.yaml" "the meeting goes into the recorder's log"
commit "meeting without wang"
run collab request show "$A"
expect_line "$OUT" "State         approved" "still approved, not final"
refused "signing after a meeting without wang" meeting collab --as zhang sign "$A"
refused "wang signing after a meeting without wang" meeting collab --as wang sign "$A"
run collab next "$A"
expect_line "$OUT" "  张敏 (zhang), 李华 (li): hold and record the review meeting (需求评审会); 李华 (li), 王强 (wang) must attend" \
    "next still asks for the meeting"

# --- the meeting with both heads --------------------------------------------------------------
printf 'Routing rules agreed.\nTech builds the router.\n' >"$E2E_ROOT/minutes.txt"
run collab --now 2026-07-06T16:00 --as li meeting "$A" --at 2026-07-06T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes-file "$E2E_ROOT/minutes.txt" \
    --decision "Go ahead" --decision "Weekly check-in"
expect_rc 0 "the supervisor records the meeting both heads attended"
expect_eq "$OUT" "Review meeting of $A recorded; attendees: 李华 (li), 王强 (wang), 张敏 (zhang)." "confirmed"
expect_eq "$ERR" "" "no warning: the meeting satisfies the rule"
log=$(cat "requests/$A/log/li.yaml")
expect_line "$log" "  action: meeting" "the log has the meeting"
expect_line "$log" "  held_at: 2026-07-06T14:00:00+08:00" "the log has when it was held"
expect_line "$log" "  duration_minutes: 30" "the log has its duration"
expect_line "$log" "  attendees: [li, wang, zhang]" "the log has the attendees"
expect_line "$log" "    Tech builds the router." "the log has the minutes from the file"
expect_line "$log" "  decisions: [Go ahead, Weekly check-in]" "the log has the decisions"
commit "meeting"

run collab --now 2026-07-06T16:00 next "$A"
expect_eq "$OUT" "$A (approved): Ticket routing
  张敏 (zhang): sign the form as initiator
    \$ collab sign $A
  李华 (li): sign the form as supervisor
    \$ collab sign $A
  王强 (wang): sign the form as department head
    \$ collab sign $A
  赵磊 (zhao): sign the form as participant
    \$ collab sign $A
  陈晨 (chen): sign the form as participant
    \$ collab sign $A" "next: every required signer, with their role"
refused "a signature from outside the request" signoff collab --as sun sign "$A"
expect_eq "$ERR" "collab: refused by rule 'signoff': 孙悦 (sun) is not among the signers of $A: 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)" \
    "the refusal lists the signers"
# li's delegate chen, a participant too, signs only as participant, never for li.
in_copy delegate-signs
run collab --as chen sign "$A"
expect_rc 0 "the delegate signs as participant"
expect_eq "$OUT" "Signed $A (content $H).
Still waiting for signatures from 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao)." \
    "the delegate signing does not sign for the supervisor"
expect_not_contains "$(cat "requests/$A/log/chen.yaml")" "on_behalf_of" "the delegate's signature acts for nobody"
expect_match "$(git status --porcelain)" "^.. requests/$A/log/chen\.yaml$" "the delegate's signature goes into their own log"
cd "$ws" || exit 1

# --- signatures -----------------------------------------------------------------------------------
export COLLAB_NOW=2026-07-07T09:00
run collab --as zhang sign "$A"
expect_rc 0 "the initiator signs"
expect_eq "$OUT" "Signed $A (content $H).
Still waiting for signatures from 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)." "sign names the content and who is left"
expect_eq "$(git status --porcelain)" " M requests/$A/log/zhang.yaml" "a signature goes into the signer's log"
expect_line "$(cat "requests/$A/log/zhang.yaml")" "  content: $H" "the signature is bound to the content hash"
commit "zhang signed"
refused "signing the same version twice" signoff collab --as zhang sign "$A"
expect_eq "$ERR" "collab: refused by rule 'signoff': you already signed this version of $A ($H)" "a second signature is refused"
run collab --as wang sign "$A" --comment "Tech commits two engineers"
expect_rc 0 "the tech head signs with a comment"
expect_line "$(cat "requests/$A/log/wang.yaml")" "  comment: Tech commits two engineers" "the comment is logged"
for p in li zhao; do
    run collab --as "$p" sign "$A"
    expect_rc 0 "$p signs"
done
expect_eq "$OUT" "Signed $A (content $H).
Still waiting for signatures from 陈晨 (chen)." "one signature left"
run collab request show "$A"
expect_line "$OUT" "State         approved" "not final while a signature is missing"
commit "four signatures"
export COLLAB_NOW=2026-07-07T09:30
run collab --as chen sign "$A"
expect_rc 0 "the last signer signs"
expect_eq "$OUT" "Signed $A (content $H).
$A is now final (终稿) and frozen; distributed to 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)." \
    "the last signature makes it final and names everyone it went to"
commit "final"
run collab request show "$A"
expect_line "$OUT" "State         final" "show: final"
run collab request show "$A" --format json
expect_contains "$OUT" '"state": "final",' "JSON: final"
run collab log "$A" --format json
expect_contains "$OUT" '"final_at": "2026-07-07T09:30:00+08:00",' "log JSON: when it became final"
expect_contains "$OUT" '"distributed_to": [
    "zhang",
    "li",
    "wang",
    "zhao",
    "chen"
  ]' "log JSON: everyone it went to"
run collab log "$A"
expect_line "$OUT" "2026-07-07 09:30  final (终稿) at content $H; frozen and distributed to 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)" \
    "log: the final version"
run collab check
expect_rc 0 "a final request passes check"

# --- frozen ---------------------------------------------------------------------------------------
make_editor "$E2E_ROOT/move-due.sh" 'sed -i "s/^due: .*/due: 2026-08-14/" "$1"'
before=$(snapshot .)
run env EDITOR="$E2E_ROOT/move-due.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 3 "editing a final request"
expect_line "$ERR" "collab: refused by rule 'frozen': cannot edit $A: it is final" "the edit is refused by rule 'frozen'"
expect_unchanged . "$before" "the refused edit writes nothing"
refused "editing a final request from a file" frozen \
    collab --as zhang request edit "$A" --file "requests/$A/request.yaml"
refused "signing a final request" signoff collab --as li sign "$A"
refused "another meeting after final" meeting \
    collab --as li meeting "$A" --attendee li --attendee wang --duration 10 --minutes x
refused "reviewing a final request" review collab --as li review "$A" --approve "${ALL_YES[@]}"
refused "submitting a final request" submit collab --as zhang request submit "$A"

# --- distribution: every collaborator confirms receipt -----------------------------------------
for p in zhang li wang zhao chen; do
    run collab --as "$p" inbox
    expect_line "$OUT" "      read the final version (终稿) and confirm receipt" "$p has the final version to confirm"
    expect_line "$OUT" "      \$ collab ack $A" "$p is given the ack command"
done
run collab --as qian inbox
expect_eq "$OUT" "Waiting on 钱峰 (qian): 0 items" "the sales head is no collaborator"
refused "an ack from outside the request" signoff collab --as sun ack "$A"
expect_eq "$ERR" "collab: refused by rule 'signoff': 孙悦 (sun) is not a collaborator of $A" "sun is not a collaborator"
run collab --now 2026-07-07T11:00 --as wang ack "$A"
expect_rc 0 "wang confirms receipt"
expect_eq "$OUT" "Receipt of the final version of $A confirmed." "ack confirms"
expect_eq "$(git status --porcelain)" " M requests/$A/log/wang.yaml" "the ack goes into wang's log"
# inbox sees the request as it stood at its --now: ask at the time of the ack.
run collab --now 2026-07-07T11:00 --as wang inbox
expect_eq "$OUT" "Waiting on 王强 (wang): 0 items" "ack clears wang's inbox"
commit "wang ack"
refused "a second ack" signoff collab --as wang ack "$A"
expect_eq "$ERR" "collab: refused by rule 'signoff': you already confirmed receipt of $A" "a second ack is refused"
run collab --now 2026-07-07T11:00 log "$A"
expect_line "$OUT" "2026-07-07 11:00  王强 (wang)  confirmed receipt of the final version" "log: the ack"

# --- a hand edit of the final form ---------------------------------------------------------------
sed -i 's/^goal: .*/goal: Route each ticket twice/' "requests/$A/request.yaml"
run collab check
expect_rc 1 "check finds the frozen form changed"
expect_line "$OUT" "  requests/$A/request.yaml:1:1: error: the final form of $A was changed without an approved change request (final $H, now $(content "$A")); restore it (git checkout) or propose a change request [frozen.changed]" \
    "check names the final and the current content and how to restore it"
expect_line "$OUT" "1 error, 0 warnings" "one error"
git checkout -q -- "requests/$A/request.yaml"
run collab check
expect_rc 0 "restored, check passes again"

# === one department: signatures alone ============================================================
export COLLAB_NOW=2026-07-08T10:00
S=$(collab --as zhang request new --title "Reply templates" --background "Replies differ" \
    --goal "One template per issue" --item "Write templates :: 20 templates reviewed" \
    --dept cs --participant chen --resource "Editor time" --due 2026-07-31)
collab --as zhang request submit "$S" >/dev/null
run collab --as li review "$S" --approve "${ALL_YES[@]}"
expect_eq "$OUT" "$S approved; 张敏 (zhang) can now arrange the review meeting and signatures." "approved"
commit "S approved"
HS=$(content "$S")
run collab next "$S"
expect_eq "$OUT" "$S (approved): Reply templates
  张敏 (zhang): sign the form as initiator
    \$ collab sign $S
  李华 (li): sign the form as supervisor
    \$ collab sign $S
  陈晨 (chen): sign the form as participant
    \$ collab sign $S" "next: no meeting, the signatures are the online confirmation"
run collab --as chen sign "$S"
expect_rc 0 "a participant signs first, without a meeting"
run collab --as li sign "$S"
expect_rc 0 "the supervisor signs"
run collab --as zhang sign "$S"
expect_rc 0 "the initiator signs last"
expect_eq "$OUT" "Signed $S (content $HS).
$S is now final (终稿) and frozen; distributed to 张敏 (zhang), 李华 (li), 陈晨 (chen)." \
    "three signatures make the one-department request final"
run collab request show "$S"
expect_line "$OUT" "State         final" "final without a meeting"
run collab log "$S"
expect_not_contains "$OUT" "meeting" "no meeting in the log"
expect_eq "$(count_containing "$OUT" "final (终稿) at content")" "1" "the log shows the final version once"
commit "S final"

# === a form edited after two signatures ===========================================================
export COLLAB_NOW=2026-07-08T14:00
E=$(collab --as zhang request new --title "Night rota" --background "Night tickets wait" \
    --goal "Cover nights" --item "Plan a rota :: rota published" \
    --dept cs --participant chen --resource "Night allowance :: 3000 CNY" --due 2026-07-31)
collab --as zhang request submit "$E" >/dev/null
collab --as li review "$E" --approve "${ALL_YES[@]}" >/dev/null
collab --now 2026-07-08T14:10 --as li sign "$E" >/dev/null
collab --now 2026-07-08T14:20 --as chen sign "$E" >/dev/null
commit "E: two signatures"
E1=$(content "$E")
refused "someone else editing the approved form" form \
    collab --as li request edit "$E" --file "requests/$E/request.yaml"
# An approved form may not be edited into one the form rule refuses.
make_editor "$E2E_ROOT/stranger.sh" 'sed -i "s/^participants: .*/participants: [chen, nobody]/" "$1"'
before=$(snapshot .)
run env EDITOR="$E2E_ROOT/stranger.sh" "$COLLAB_BIN" --as zhang request edit "$E"
expect_rc 3 "editing the approved form to name someone not in the roster"
expect_match "$ERR" "^collab: refused by rule 'form': " "the invalid edit is refused by rule 'form'"
expect_unchanged . "$before" "the invalid edit writes nothing"
git checkout -q -- . # undo whatever the edit wrote, so the rest of the script can go on
make_editor "$E2E_ROOT/allowance.sh" 'sed -i "s/3000 CNY/4500 CNY/" "$1"'
run env COLLAB_NOW=2026-07-08T15:00 EDITOR="$E2E_ROOT/allowance.sh" "$COLLAB_BIN" --as zhang request edit "$E"
expect_rc 0 "the initiator edits the approved form"
# Read commands show the request as it stood at --now: from here on, it is the edit's time.
export COLLAB_NOW=2026-07-08T15:00
E2=$(content "$E")
expect_eq "$OUT" "$E edited: content $E1 -> $E2." "the edit names both versions"
expect_eq "$(git status --porcelain)" " M requests/$E/log/zhang.yaml
 M requests/$E/request.yaml" "the old signatures are not touched, only the form and the editor's log"
run collab request show "$E"
expect_line "$OUT" "State         approved" "an edit keeps the request approved"
commit "E edited"
run collab next "$E"
expect_eq "$OUT" "$E (approved): Night rota
  张敏 (zhang): sign the form as initiator
    \$ collab sign $E
  李华 (li): sign again as supervisor: the form changed after your signature
    \$ collab sign $E
  陈晨 (chen): sign again as participant: the form changed after your signature
    \$ collab sign $E" "next: the two who signed must sign again"
run collab next "$E" --format json
expect_contains "$OUT" '"what": "sign again as supervisor: the form changed after your signature",' "next JSON: sign again"
for p in li chen; do
    run collab --now 2026-07-08T15:00 --as "$p" inbox # at the time of the edit
    expect_line "$OUT" "    $E  Night rota" "$p's inbox lists the edited request"
    expect_contains "$OUT" "sign again as " "$p's inbox says to sign again"
done
run collab log "$E"
expect_line "$OUT" "2026-07-08 14:10  李华 (li)  signed ($E1); void: the form changed since" "log: li's old signature is void"
expect_line "$OUT" "2026-07-08 14:20  陈晨 (chen)  signed ($E1); void: the form changed since" "log: chen's old signature is void"
expect_line "$OUT" "2026-07-08 15:00  张敏 (zhang)  edited the form ($E1 -> $E2)" "log: the edit"
expect_line "$OUT" "    resources: Night allowance :: 3000 CNY -> Night allowance :: 4500 CNY" "log: what changed"
run collab --as zhang sign "$E"
expect_eq "$OUT" "Signed $E (content $E2).
Still waiting for signatures from 李华 (li), 陈晨 (chen)." "the void signatures do not count"
run collab --as li sign "$E"
expect_rc 0 "li signs the new version"
run collab --as chen sign "$E"
expect_eq "$OUT" "Signed $E (content $E2).
$E is now final (终稿) and frozen; distributed to 张敏 (zhang), 李华 (li), 陈晨 (chen)." \
    "final once both signed again"
run collab log "$E" --format json
expect_contains "$OUT" "\"summary\": \"signed ($E2)\"," "log JSON: a valid signature of the new version"

finish
