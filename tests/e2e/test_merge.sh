#!/usr/bin/env bash
# The record model under git: two clones that each create and submit a request at
# the same moment merge without conflict; two people acting on one request in two
# clones merge without conflict; each request stays a handful of files; merged
# histories are judged by `collab check`; parallel collab runs never tear a record.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

seed="$E2E_ROOT/seed"
new_test_workspace "$seed" || exit 1
git clone -q --bare "$seed" "$E2E_ROOT/remote.git"
a="$E2E_ROOT/a"
b="$E2E_ROOT/b"
git clone -q "$E2E_ROOT/remote.git" "$a"
git clone -q "$E2E_ROOT/remote.git" "$b"

full=(--background "Customers wait" --goal "Reply in 2 hours" --item "Map the flow :: chart reviewed"
    --resource "Admin access" --due 2026-07-31)

# --- two clones, two people, the same moment ------------------------------------------
cd "$a" || exit 1
A=$(collab --as zhang request new --title "From clone A" --dept cs "${full[@]}")
run collab --as zhang request submit "$A"
expect_rc 0 "clone A: zhang submits"
git add -A && git commit -qm "zhang: request A"
cd "$b" || exit 1
B=$(collab --as zhao request new --title "From clone B" --dept tech "${full[@]}")
run collab --as zhao request submit "$B"
expect_rc 0 "clone B: zhao submits"
git add -A && git commit -qm "zhao: request B"
if [ "$A" != "$B" ]; then pass; else fail "two clones at the same --now made the same id $A"; fi

git -C "$a" push -q origin HEAD
run git -C "$b" pull --no-rebase --no-edit -q origin main
expect_rc 0 "clone B pulls clone A's work: a clean merge"
expect_eq "$(git -C "$b" diff --name-only --diff-filter=U)" "" "no conflicted files"
run git -C "$b" push -q origin HEAD
expect_rc 0 "clone B pushes the merge"
run git -C "$a" pull --no-rebase --no-edit -q origin main
expect_rc 0 "clone A fast-forwards"
for clone in "$a" "$b"; do
    cd "$clone" || exit 1
    run collab request list
    expect_rc 0 "list after the merge in $(basename "$clone")"
    expect_eq "$(sort <<<"$OUT")" "$(sort <<<"ID        STATE      DUE         WAITING ON  TITLE
$A  submitted  2026-07-31  李华        From clone A
$B  submitted  2026-07-31  王强        From clone B")" "both requests, both submitted, in $(basename "$clone")"
    run collab check
    expect_rc 0 "check after the merge in $(basename "$clone")"
    expect_eq "$OUT" "0 errors, 0 warnings" "the merged workspace is clean in $(basename "$clone")"
done
cd "$b" || exit 1
expect_eq "$(find "requests/$A" -type f | LC_ALL=C sort)" "requests/$A/log/zhang.yaml
requests/$A/request.yaml" "request A is two files: the form and zhang's log"
expect_eq "$(find "requests/$B" -type f | LC_ALL=C sort)" "requests/$B/log/zhao.yaml
requests/$B/request.yaml" "request B is two files: the form and zhao's log"
expect_eq "$(git status --porcelain)" "" "nothing is left over after the merge"
expect_not_contains "$(grep -v '^#' .gitattributes)" "merge=union" "no merge=union in .gitattributes"

# --- one request, two people, two clones -----------------------------------------------------
# zhang's request is approved by li (one department: signatures replace a meeting).
cd "$a" || exit 1
C=$(collab --as zhang request new --title "Signed in two clones" --dept cs "${full[@]}")
collab --as zhang request submit "$C" >/dev/null
run collab --as li --now 2026-07-06T11:00 review "$C" --approve --check goals=yes \
    --check resources=yes --check breakdown=yes
expect_rc 0 "li approves C"
git add -A && git commit -qm "C approved" && git push -q origin HEAD
git -C "$b" pull --no-rebase --no-edit -q origin main
# Clone A: zhang signs. Clone B: li signs. Different people, different log files.
run collab --as zhang --now 2026-07-06T14:00 sign "$C"
expect_rc 0 "clone A: zhang signs"
git add -A && git commit -qm "zhang signs C" && git push -q origin HEAD
cd "$b" || exit 1
run collab --as li --now 2026-07-06T14:00 sign "$C"
expect_rc 0 "clone B: li signs"
git add -A && git commit -qm "li signs C"
run git pull --no-rebase --no-edit -q origin main
expect_rc 0 "two signatures from two clones merge cleanly"
expect_eq "$(git diff --name-only --diff-filter=U)" "" "no conflicted files after the signatures"
run collab log "$C" --now 2026-07-06T15:00
expect_rc 0 "log after the merge"
expect_match "$OUT" "张敏 \(zhang\) +signed" "the log has zhang's signature"
expect_match "$OUT" "李华 \(li\) +signed" "the log has li's signature"
run collab request show "$C" --now 2026-07-06T15:00
expect_match "$OUT" "^State +final$" "with both signatures merged, C is final"
run collab check --now 2026-07-06T15:00
expect_rc 0 "check after merging two people's work on one request"
expect_eq "$(find "requests/$C" -type f | LC_ALL=C sort)" "requests/$C/log/li.yaml
requests/$C/log/zhang.yaml
requests/$C/request.yaml" "C is three files after review and two signatures"
git push -q origin HEAD

# --- merged histories are judged by the same rules ------------------------------------------
# D is approved; zhang withdraws it in clone A while li, not knowing, signs it in clone B.
cd "$a" || exit 1
git pull --no-rebase --no-edit -q origin main
D=$(collab --as zhang request new --title "Withdrawn meanwhile" --dept cs "${full[@]}")
collab --as zhang request submit "$D" >/dev/null
collab --as li --now 2026-07-06T11:00 review "$D" --approve --check goals=yes \
    --check resources=yes --check breakdown=yes >/dev/null
git add -A && git commit -qm "D approved" && git push -q origin HEAD
git -C "$b" pull --no-rebase --no-edit -q origin main
run collab --as zhang --now 2026-07-07T10:00 request withdraw "$D" --comment "no longer needed"
expect_rc 0 "clone A: zhang withdraws D"
git add -A && git commit -qm "D withdrawn" && git push -q origin HEAD
cd "$b" || exit 1
run collab --as li --now 2026-07-07T11:00 sign "$D"
expect_rc 0 "clone B: li signs D, not knowing"
git add -A && git commit -qm "li signs D"
run git pull --no-rebase --no-edit -q origin main
expect_rc 0 "the withdrawal and the signature merge without a git conflict"
run collab request show "$D" --now 2026-07-07T12:00
expect_match "$OUT" "^State +withdrawn$" "the merged request is withdrawn"
run collab check --now 2026-07-07T12:00 --fail-on warning
expect_rc 1 "check flags a signature recorded after the withdrawal"
expect_contains "$OUT" "$D" "the finding names the request"

# --- one person acting in two clones: their log conflicts, and collab says so ---------------
# E is approved; zhang signs it in clone A and, in clone B, withdraws it.
git push -q origin HEAD
cd "$a" || exit 1
git pull --no-rebase --no-edit -q origin main
E=$(collab --as zhang request new --title "Same person twice" --dept cs "${full[@]}")
collab --as zhang request submit "$E" >/dev/null
git add -A && git commit -qm "E submitted" && git push -q origin HEAD
git -C "$b" pull --no-rebase --no-edit -q origin main
collab --as zhang --now 2026-07-06T12:00 request withdraw "$E" >/dev/null
git add -A && git commit -qm "E withdrawn in A" && git push -q origin HEAD
cd "$b" || exit 1
log="requests/$E/log/zhang.yaml"
collab --as zhang --now 2026-07-06T13:00 request withdraw "$E" --comment "from B" >/dev/null
git add -A && git commit -qm "E withdrawn in B"
run git pull --no-rebase --no-edit -q origin main
expect_eq "$(git diff --name-only --diff-filter=U)" "$log" "only zhang's own log of E conflicts"
marker=$(grep -n '^<<<<<<<' "$log" | cut -d: -f1)
expect_match "$marker" '^[0-9]+$' "zhang's log of E has one conflict marker"
run collab request show "$E"
expect_rc 4 "a log with conflict markers is invalid"
expect_match "$ERR" "^$log:$marker:1: error: .*conflict" "the error names the conflict marker's line and says it is a merge conflict"
git merge --abort

# --- parallel collab runs in one workspace -----------------------------------------------------
par="$E2E_ROOT/par"
new_test_workspace "$par" || exit 1
cd "$par" || exit 1
for i in $(seq 1 12); do
    collab --as zhang request new --title "Parallel $i" --dept cs "${full[@]}" >"$E2E_ROOT/par.$i" 2>&1 &
done
wait
expect_eq "$(count_requests "$par")" "12" "twelve parallel request new make twelve requests"
expect_eq "$(cat "$E2E_ROOT"/par.* | sort -u | grep -cE '^R-[0-9A-Z]{6}$')" "12" "twelve different ids"
R=$(cat "$E2E_ROOT/par.1")
for i in $(seq 1 8); do
    (
        collab --as zhang request submit "$R" >/dev/null 2>&1
        echo $? >"$E2E_ROOT/rc.$i"
    ) &
done
wait
expect_eq "$(cat "$E2E_ROOT"/rc.* | sort | uniq -c | sed 's/^ *//')" "1 0
7 3" "of eight parallel submits one succeeds and seven are refused"
expect_eq "$(grep -c '  action: submit' "requests/$R/log/zhang.yaml")" "1" "the log has one submission"
run collab check
expect_rc 0 "check after parallel runs"
expect_eq "$(find . -path ./.git -prune -o -name '*.tmp*' -print)" "" "no temporary files are left"

finish
