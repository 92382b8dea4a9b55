#!/usr/bin/env bash
# collab-gen-workspace ($GEN_BIN): the same seed gives byte-identical workspaces, another
# seed a different one, and what it writes is a valid workspace: `collab check` finds no
# file errors and no illegal or hand-edited records, only time findings (overdue tasks
# among them); `collab inbox` and `collab request list` read it.
. "$(dirname "$0")/../e2e/lib.sh"
: "${GEN_BIN:?set GEN_BIN to the collab-gen-workspace binary}"

tree_sums() { (cd "$1" && find . -path ./.git -prune -o -type f -print | LC_ALL=C sort | xargs sha256sum); }

run "$GEN_BIN" --requests 40 --seed 7 "$E2E_ROOT/a"
expect_rc 0 "generate a workspace"
expect_match "$OUT" "^tasks [1-9][0-9]*$" "the generator counts the tasks"
run "$GEN_BIN" --requests 40 --seed 7 "$E2E_ROOT/b"
expect_rc 0 "generate it again"
expect_eq "$(tree_sums "$E2E_ROOT/a")" "$(tree_sums "$E2E_ROOT/b")" "the same seed gives the same files"
run "$GEN_BIN" --requests 40 --seed 8 "$E2E_ROOT/c"
expect_rc 0 "generate with another seed"
if [ "$(tree_sums "$E2E_ROOT/a")" = "$(tree_sums "$E2E_ROOT/c")" ]; then
    fail "another seed gives other files"
else pass; fi
expect_eq "$(find "$E2E_ROOT/a/requests" -mindepth 1 -maxdepth 1 -type d | wc -l | tr -d ' ')" "40" \
    "40 request folders"
run "$GEN_BIN" --requests 40 --seed 7 "$E2E_ROOT/a"
expect_rc 2 "refuses to overwrite a workspace"

cd "$E2E_ROOT/a" || exit 1
run collab check --now 2026-11-26T10:00 --format json
if [ "$RC" -eq 0 ] || [ "$RC" -eq 1 ]; then pass; else fail "check exits 0 or 1, not $RC" "$ERR"; fi
rules=$(sed -n 's/^ *"rule": "\([^"]*\)".*/\1/p' <<<"$OUT" | sort | uniq -c)
for bad in file.invalid transition.illegal form.changed-after-submit frozen.changed tasks.changed \
    split.invalid review.conflict form.incomplete; do
    expect_not_contains "$rules" " $bad" "no $bad finding"
done
expect_contains "$rules" " task.overdue" "some tasks are overdue"
expect_eq "$ERR" "" "check reads every file without a warning"

run collab request list
expect_rc 0 "request list"
expect_contains "$OUT" "in-progress" "some requests are in progress"
expect_contains "$OUT" "closed" "some are closed"
expect_contains "$OUT" "draft" "some are drafts"
# The busiest task owner's inbox.
who=$(grep -h '^    owner: ' requests/*/tasks.yaml | sort | uniq -c | sort -rn | awk 'NR == 1 {print $3}')
run collab --as "$who" --now 2026-11-26T10:00 inbox
expect_rc 0 "inbox of $who"
expect_eq "$ERR" "" "inbox without a warning"
finish
