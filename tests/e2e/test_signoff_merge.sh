#!/usr/bin/env bash
# Two clones of one workspace, merged with git: each person writes only their own
# log file, so signatures given at the same time in two clones merge without a
# conflict, and a merge may itself complete the signatures and make a request final.
# Two different review verdicts recorded at the same time are reported by
# `collab check` as review.conflict, with how to resolve it.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00 # a Monday

# two_dept_request TITLE: a cs + tech request by zhang with participants zhao and chen.
two_dept_request() {
    collab --as zhang request new --title "$1" --background "Tickets bounce between teams" \
        --goal "Route each ticket once" --item "Map the flow :: chart reviewed" \
        --dept cs --dept tech --participant zhao --participant chen --resource "Admin access" --due 2026-07-31
}

base="$E2E_ROOT/base"
new_workspace "$base" || exit 1
cd "$base" || exit 1

# P: approved, meeting held, nobody signed. Q: the same, and zhang, li and chen signed.
P=$(two_dept_request "Ticket routing")
Q=$(two_dept_request "Escalation rules")
for id in "$P" "$Q"; do
    collab --as zhang request submit "$id" >/dev/null
    collab --as li review "$id" --approve "${ALL_YES[@]}" >/dev/null
    collab --as li meeting "$id" --attendee li --attendee wang --duration 30 --minutes "Agreed" >/dev/null
done
for p in zhang li chen; do collab --now 2026-07-06T11:00 --as "$p" sign "$Q" >/dev/null; done
commit "P and Q ready to sign"
HP=$(content "$P")
HQ=$(content "$Q")

git clone -q "$base" "$E2E_ROOT/a"
git clone -q "$base" "$E2E_ROOT/b"
export COLLAB_NOW=2026-07-07T10:00

# --- clone A: wang signs both; clone B: zhao signs both, at the same time --------------------------
cd "$E2E_ROOT/a" || exit 1
run collab --as wang sign "$P"
expect_eq "$OUT" "Signed $P (content $HP).
Still waiting for signatures from 张敏 (zhang), 李华 (li), 赵磊 (zhao), 陈晨 (chen)." "A: wang signs P"
run collab --as wang sign "$Q"
expect_eq "$OUT" "Signed $Q (content $HQ).
Still waiting for signatures from 赵磊 (zhao)." "A: wang signs Q; zhao is missing here"
expect_eq "$(state "$Q")" "approved" "A: Q is not final in clone A"
commit "wang signs"
cd "$E2E_ROOT/b" || exit 1
run collab --as zhao sign "$P"
expect_eq "$OUT" "Signed $P (content $HP).
Still waiting for signatures from 张敏 (zhang), 李华 (li), 王强 (wang), 陈晨 (chen)." "B: zhao signs P"
run collab --as zhao sign "$Q"
expect_eq "$OUT" "Signed $Q (content $HQ).
Still waiting for signatures from 王强 (wang)." "B: zhao signs Q; wang is missing here"
expect_eq "$(state "$Q")" "approved" "B: Q is not final in clone B"
commit "zhao signs"

# --- merge B into A --------------------------------------------------------------------------------
merge_clean "$E2E_ROOT/a" "$E2E_ROOT/b" "B into A"
cd "$E2E_ROOT/a" || exit 1
run collab check
expect_rc 0 "check after the merge"
expect_eq "$OUT" "0 errors, 0 warnings" "concurrent signatures are no problem"

# P: both signatures count; the remaining signers finish it.
expect_eq "$(state "$P")" "approved" "P: still approved after the merge"
run collab next "$P"
expect_eq "$OUT" "$P (approved): Ticket routing
  张敏 (zhang): sign the form as initiator
    \$ collab sign $P
  李华 (li): sign the form as supervisor
    \$ collab sign $P
  陈晨 (chen): sign the form as participant
    \$ collab sign $P" "P: next lists only the three who have not signed in either clone"
run collab log "$P"
expect_line "$OUT" "2026-07-07 10:00  王强 (wang)  signed ($HP)" "P: wang's signature from clone A"
expect_line "$OUT" "2026-07-07 10:00  赵磊 (zhao)  signed ($HP)" "P: zhao's signature from clone B"

# Q: the merge itself completes the signatures.
run collab request show "$Q"
expect_line "$OUT" "State         final" "Q: the merge makes it final"
expect_eq "$(state "$Q")" "final" "Q: JSON state final"
run collab log "$Q" --format json
expect_contains "$OUT" '"final_at": "2026-07-07T10:00:00+08:00",' "Q: final at the time of the later signature"
expect_contains "$OUT" '"distributed_to": [
    "zhang",
    "li",
    "wang",
    "zhao",
    "chen"
  ]' "Q: distributed to every collaborator"
run collab log "$Q"
expect_eq "$(count_containing "$OUT" "final (终稿) at content $HQ")" "1" "Q: the log shows the final version once"
for p in zhang li wang zhao chen; do
    run collab --as "$p" inbox
    expect_line "$OUT" "      \$ collab ack $Q" "Q: $p has the final version to confirm"
done
run collab --as zhao ack "$Q"
expect_rc 0 "Q: a receipt after the merge"

# The merge is the same in the other direction.
merge_clean "$E2E_ROOT/b" "$E2E_ROOT/a" "A into B"
cd "$E2E_ROOT/b" || exit 1
expect_eq "$(state "$Q")" "final" "B: Q is final after merging A"
expect_eq "$(collab log "$P" --format json)" "$(collab -C "$E2E_ROOT/a" log "$P" --format json)" \
    "both clones derive the same history of P"

# Back in A, the remaining signers sign P.
cd "$E2E_ROOT/a" || exit 1
commit "zhao ack"
collab --as zhang sign "$P" >/dev/null
collab --as li sign "$P" >/dev/null
run collab --as chen sign "$P"
expect_rc 0 "P: the last signer signs after the merge"
expect_eq "$OUT" "Signed $P (content $HP).
$P is now final (终稿) and frozen; distributed to 张敏 (zhang), 李华 (li), 王强 (wang), 赵磊 (zhao), 陈晨 (chen)." \
    "P: final with the signatures of both clones"
expect_eq "$(state "$P")" "final" "P: final"
run collab check
expect_rc 0 "check after P is final"

# === two review verdicts at the same time =========================================================
export COLLAB_NOW=2026-07-06T10:00
base2="$E2E_ROOT/base2"
new_workspace "$base2" || exit 1
cd "$base2" || exit 1
R=$(two_dept_request "Refund rules")
collab --as zhang request submit "$R" >/dev/null
commit "R submitted"
git clone -q "$base2" "$E2E_ROOT/c"
git clone -q "$base2" "$E2E_ROOT/d"
cd "$E2E_ROOT/c" || exit 1
collab --as li review "$R" --approve "${ALL_YES[@]}" >/dev/null
commit "li approves"
cd "$E2E_ROOT/d" || exit 1
collab --as chen review "$R" --return "${ALL_YES[@]}" --comment "Add the refund limits" >/dev/null 2>&1
commit "chen returns"
expect_eq "$(state "$R")" "returned" "D: returned in clone D"
cp -r "$E2E_ROOT/c" "$E2E_ROOT/c2" # to resolve the other way below
merge_clean "$E2E_ROOT/c" "$E2E_ROOT/d" "two reviews"
cd "$E2E_ROOT/c" || exit 1
run collab check
expect_rc 1 "check finds the two reviews"
expect_eq "$OUT" "李华 (li)
  requests/$R/log/li.yaml:4:3: error: $R has two reviews recorded at the same time in different clones: return by chen and approve by li; the first counts. Agree which stands, then remove the other entry (git revert the commit that added it): requests/$R/log/chen.yaml or requests/$R/log/li.yaml [review.conflict]
1 error, 0 warnings" "review.conflict names both verdicts, the file and how to resolve it"
run collab check --format json
expect_contains "$OUT" '"rule": "review.conflict",' "check JSON: review.conflict"
expect_contains "$OUT" "\"file\": \"requests/$R/log/li.yaml\"," "check JSON: the file"
# Resolve: the return does not stand.
git revert --no-edit "$(git log --format=%H -1 --grep='chen returns')" >/dev/null
run collab check
expect_rc 0 "reverting the return resolves the conflict"
expect_eq "$(state "$R")" "approved" "the approval stands"
# Or the other way: the approval does not stand.
merge_clean "$E2E_ROOT/c2" "$E2E_ROOT/d" "two reviews, second copy"
cd "$E2E_ROOT/c2" || exit 1
git revert --no-edit "$(git log --format=%H -1 --grep='li approves')" >/dev/null
run collab check
expect_rc 0 "reverting the approval resolves the conflict"
expect_eq "$(state "$R")" "returned" "the return stands"
run collab next "$R"
expect_line "$OUT" "  张敏 (zhang): returned for changes: edit the form, then submit it again" "the initiator edits next"

finish
