#!/usr/bin/env bash
# A merge of two clones that leaves two different verdicts on the same review: the
# supervisor li approves in clone A while his delegate chen returns the request in
# clone B, at the same --now. Git merges the two logs without a conflict; `collab
# check` reports review.conflict, for li, with both verdicts, who gave them, which
# counts and how to resolve it; both clones agree on the state whichever way they
# merged; reverting either entry resolves it. The same person deciding twice in two
# clones is a git conflict first (exit 4), and a review.conflict once both entries
# are kept.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-15T12:00 # a Wednesday

# clones NAME: a workspace NAME-a holding zhang's request H (submitted to li on
# 07-15 09:10, committed), cloned to NAME-b; sets H, WA and WB.
clones() {
    WA="$E2E_ROOT/$1-a"
    WB="$E2E_ROOT/$1-b"
    new_test_workspace "$WA" || exit 1
    H=$(collab -C "$WA" --now 2026-07-15T09:00 --as zhang request new --title "Shared reply inbox" \
        --background "Replies get lost" --goal "One inbox" --item "Set up the inbox :: every reply in it" \
        --dept cs --resource "Mail admin access" --due 2026-07-31) || exit 1
    collab -C "$WA" --now 2026-07-15T09:10 --as zhang request submit "$H" >/dev/null || exit 1
    (cd "$WA" && commit "H submitted")
    git clone -q "$WA" "$WB"
}
approve_in() { # approve_in DIR AT: li approves H
    (cd "$1" && collab --now "$2" --as li review "$H" --approve "${ALL_YES[@]}" >/dev/null && commit "li approves")
}
return_in() { # return_in DIR AT: chen, li's delegate, returns H
    (cd "$1" && collab --now "$2" --as chen review "$H" --return --check goals=yes --check resources=no \
        --check breakdown=yes --comment "Say which mailboxes" >/dev/null 2>&1 && commit "chen returns")
}
merge_from() { # merge_from DIR OTHER: merges OTHER's main into DIR
    git -C "$1" pull -q --no-rebase --no-edit "$2" main || fail "merging $2 into $1"
}
state_of() { collab -C "$1" request show "$H" | sed -n 's/^State  *//p'; }

# === li approves in A, chen (his delegate) returns in B, at the same time ========================
clones verdicts
approve_in "$WA" 2026-07-15T11:00
return_in "$WB" 2026-07-15T11:00
run collab -C "$WA" check
expect_rc 0 "clone A alone: no conflict"
run collab -C "$WB" check
expect_rc 0 "clone B alone: no conflict"
expect_eq "$(state_of "$WA") $(state_of "$WB")" "approved returned" "before the merge: approved in A, returned in B"

merge_from "$WA" "$WB"
expect_eq "$(git -C "$WA" status --porcelain)" "" "the merge is clean for git: two people's logs"
expect_eq "$(ls "$WA/requests/$H/log")" "chen.yaml
li.yaml
zhang.yaml" "each verdict is in its author's log"
before=$(snapshot "$WA")
run collab -C "$WA" check
expect_rc 1 "after the merge: check fails"
expect_eq "$OUT" "李华 (li)
  requests/$H/log/li.yaml:4:3: error: $H has two reviews recorded at the same time in different clones: return by chen and approve by li; the first counts. Agree which stands, then remove the other entry (git revert the commit that added it): requests/$H/log/chen.yaml or requests/$H/log/li.yaml [review.conflict]
1 error, 0 warnings" "review.conflict: both verdicts, who gave them, which counts and how to resolve it"
expect_unchanged "$WA" "$before" "check writes nothing"
# Whichever entry the team keeps, the message must say where each one is.
expect_contains "$OUT" "requests/$H/log/chen.yaml" "review.conflict names the log of the verdict that counts too"
expect_eq "$(state_of "$WA")" "returned" "the first verdict in log order counts: returned"

run collab -C "$WA" check --format json
expect_eq "$(py 'print("\n".join(" ".join((f["rule"], f["severity"], f["request"], f["person"], f["file"], str(f["line"]))) for f in d["findings"]))' <<<"$OUT")" \
    "review.conflict error $H li requests/$H/log/li.yaml 4" "JSON: rule, severity, request, who must settle it, where"
run collab -C "$WA" check --format github
expect_eq "$OUT" "::error file=requests/$H/log/li.yaml,line=4,col=3,title=review.conflict::$H has two reviews recorded at the same time in different clones: return by chen and approve by li; the first counts. Agree which stands, then remove the other entry (git revert the commit that added it): requests/$H/log/chen.yaml or requests/$H/log/li.yaml" \
    "github: the conflict as an annotation on the entry that does not count"
run collab -C "$WA" check --rule review.conflict --owner li
expect_rc 1 "--rule review.conflict --owner li finds it"
run collab -C "$WA" check --rule review.overdue
expect_rc 0 "the conflict is not an overdue review"
run collab -C "$WA" check --now 2026-07-15T11:00
expect_rc 1 "the conflict is found at the very minute of the two verdicts"
run collab -C "$WA" log "$H"
expect_contains "$OUT" "李华 (li)  approved it" "log: li's approval"
expect_contains "$OUT" "陈晨 (chen) (for 李华 (li))  returned it for changes" "log: chen's return for li"

# The other clone merges too: both agree.
merge_from "$WB" "$WA"
run collab -C "$WB" check
expect_rc 1 "clone B after merging A: the same conflict"
expect_contains "$OUT" "[review.conflict]" "clone B: review.conflict"
expect_eq "$(state_of "$WB")" "returned" "both clones derive the same state after merging each other"
run collab -C "$WB" check --format json
expect_eq "$(py 'print("\n".join(" ".join((f["person"], f["file"])) for f in d["findings"]))' <<<"$OUT")" \
    "li requests/$H/log/li.yaml" "clone B: the same finding"

# --- resolution: the team keeps li's approval and reverts chen's return --------------------------
return_commit=$(git -C "$WA" log --format=%H --grep="chen returns" -n 1)
git -C "$WA" revert --no-edit "$return_commit" >/dev/null 2>&1 || fail "git revert of chen's return"
run collab -C "$WA" check
expect_rc 0 "chen's return reverted: check passes"
expect_eq "$OUT" "0 errors, 0 warnings" "resolved: nothing left"
expect_eq "$(state_of "$WA")" "approved" "resolved: approved"

# --- or keeps the return and reverts li's approval ------------------------------------------------
approve_commit=$(git -C "$WB" log --format=%H --grep="li approves" -n 1)
git -C "$WB" revert --no-edit "$approve_commit" >/dev/null 2>&1 || fail "git revert of li's approval"
run collab -C "$WB" check
expect_rc 0 "li's approval reverted: check passes"
expect_eq "$(state_of "$WB")" "returned" "resolved the other way: returned to zhang"

# === the same verdicts at different times, merged the other way round ==============================
clones later
return_in "$WB" 2026-07-15T11:00
approve_in "$WA" 2026-07-15T11:30
merge_from "$WB" "$WA"
run collab -C "$WB" check
expect_rc 1 "verdicts half an hour apart in two clones: still a conflict"
expect_contains "$OUT" "return by chen and approve by li; the first counts." "the earlier verdict counts"
expect_match "$OUT" "^  requests/$H/log/li\.yaml:[0-9]+:[0-9]+: error: .*\[review\.conflict\]$" "the finding points at li's later approval"
merge_from "$WA" "$WB"
expect_eq "$(state_of "$WA") $(state_of "$WB")" "returned returned" "both clones: returned"

# === the supervisor decides in both clones: a git conflict first ======================================
clones twice
approve_in "$WA" 2026-07-15T11:00
(cd "$WB" && collab --now 2026-07-15T11:00 --as li review "$H" --return --check goals=yes --check resources=no \
    --check breakdown=yes --comment "Say which mailboxes" >/dev/null && commit "li returns")
git -C "$WA" pull -q --no-rebase --no-edit "$WB" main >/dev/null 2>&1
run collab -C "$WA" check
expect_rc 4 "an unresolved git conflict in li's log: exit 4"
expect_match "$ERR" "^requests/$H/log/li\.yaml:[0-9]+:[0-9]+: error: .*merge conflict" "exit 4 names the conflicted log"
# Resolved as the message says: both sides' entries kept.
# Ours whole (its header and li's approval), then the entries of theirs (li's return).
log="requests/$H/log/li.yaml"
{ git -C "$WA" show ":2:$log"; git -C "$WA" show ":3:$log" | sed -n '/^- /,$p'; } >"$WA/$log"
(cd "$WA" && commit "merged, both entries kept")
run collab -C "$WA" check
expect_rc 1 "both of li's verdicts kept: check fails"
expect_contains "$OUT" "approve by li and return by li; the first counts." "review.conflict: li's two verdicts"

finish
