#!/usr/bin/env bash
# Two clones of one workspace post progress on different tasks of the same split request
# at the same moment, commit, and merge with git: each person writes only their own log
# file, so the merge has no conflict, and both updates (with a blocker and a risk raised
# on the way) are visible in `task list`, `task show`, `log`, `inbox` and `check` of
# the merged tree, the same in both clones.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"


base="$E2E_ROOT/base"
final_request "$base"
split_request
collab --now 2026-07-07T17:00 --as chen progress "$RID/T1" --note "Started on the flow" --percent 10 >/dev/null
commit "first progress"

git clone -q "$base" "$E2E_ROOT/a"
git clone -q "$base" "$E2E_ROOT/b"
export COLLAB_NOW=2026-07-08T17:30

# --- clone A: chen on T1, with a blocker on li ---------------------------------------------------------
cd "$E2E_ROOT/a" || exit 1
run collab --as chen progress "$RID/T1" --note "Chart drafted" --percent 40 \
    --blocker "last year's tickets" --from li --by 2026-07-09T17:00
expect_rc 0 "A: chen posts progress on T1"
B=$(first_id B "$OUT")
expect_eq "$(git status --porcelain)" " M requests/$RID/log/chen.yaml" "A: only chen's log changes"
commit "A: chen on T1"

# --- clone B: wang on T4 and zhao's risk on T2, at the same time ---------------------------------------
cd "$E2E_ROOT/b" || exit 1
run collab --as wang progress "$RID/T4" --note "Rule outline drafted" --percent 30
expect_rc 0 "B: wang posts progress on T4"
run collab --as zhao risk add "$RID/T2" --text "Vendor API may change" --owner zhao --due 2026-07-16
expect_rc 0 "B: zhao adds a risk on T2"
RK=$(first_id RK "$OUT")
expect_eq "$(git status --porcelain)" " M requests/$RID/log/wang.yaml
 M requests/$RID/log/zhao.yaml" "B: only wang's and zhao's logs change"
run collab task list "$RID"
expect_line "$(squeeze "$OUT")" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 5 | 10% | - | Started on the flow" \
    "B: chen's update of clone A is not here yet"
commit "B: wang on T4, zhao's risk"

# --- merge B into A ------------------------------------------------------------------------------------------
merge_clean "$E2E_ROOT/a" "$E2E_ROOT/b" "B into A"
cd "$E2E_ROOT/a" || exit 1
run collab task list "$RID"
expect_rc 0 "A: task list after the merge"
merged_list=$OUT
rows=$(squeeze "$OUT")
expect_line "$rows" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 5 | 40% | 1 | Chart drafted" \
    "A: chen's update and blocker on T1"
expect_line "$rows" "$RID/T4 | Write routing rules | 王强 | active | 2026-07-17 | 7 | 30% | - | Rule outline drafted" \
    "A: wang's update on T4 from clone B"
expect_line "$rows" "$RID/T2 | Build the router | 赵磊 | waiting | 2026-07-22 | 10 | 0% | - / 1 risk | -" \
    "A: zhao's risk on T2 from clone B"
run collab task show "$RID/T1"
expect_contains "$OUT" "Updates
  2026-07-07 17:00  Started on the flow
  2026-07-08 17:30  Chart drafted" "A: task show T1 has both updates"
expect_contains "$OUT" "Open blockers
  $B  last year's tickets  needs 李华 (li) by " "A: task show T1 has the blocker"
run collab task show "$RID/T4"
expect_contains "$OUT" "Updates
  2026-07-08 17:30  Rule outline drafted" "A: task show T4 has wang's update"
run collab task show "$RID/T2"
expect_contains "$OUT" "  $RK  [open]  Vendor API may change" "A: task show T2 has the risk"
run collab log "$RID"
expect_line "$OUT" "2026-07-08 17:30  陈晨 (chen)  progress on T1: Chart drafted" "A: log has chen's update"
expect_line "$OUT" "2026-07-08 17:30  王强 (wang)  progress on T4: Rule outline drafted" "A: log has wang's update"
expect_line "$OUT" "2026-07-08 17:30  赵磊 (zhao)  added risk $RK: Vendor API may change" "A: log has zhao's risk"
run collab --as li inbox
expect_contains "$OUT" "provide what blocker $B needs: last year's tickets (for T1)" "A: li sees the blocker"
run collab check
expect_rc 0 "A: the merged workspace passes check"
expect_line "$OUT" "0 errors, 0 warnings" "A: no finding"

# --- the other way round: A into B gives the same table ------------------------------------------------------
merge_clean "$E2E_ROOT/b" "$E2E_ROOT/a" "A into B"
cd "$E2E_ROOT/b" || exit 1
run collab task list "$RID"
expect_eq "$OUT" "$merged_list" "B: the same table as A after the merge"

# --- the next day, each clone again, then both merges ----------------------------------------------------------
export COLLAB_NOW=2026-07-09T16:00
cd "$E2E_ROOT/a" || exit 1
run collab --as li blocker close "$B" --note "Export sent"
expect_rc 0 "A: li closes the blocker"
run collab --as chen progress "$RID/T1" --note "Chart reviewed" --percent 80
expect_rc 0 "A: chen posts again"
commit "A: Thursday"
cd "$E2E_ROOT/b" || exit 1
run collab --as wang progress "$RID/T4" --note "Rule sheet half done" --percent 50
expect_rc 0 "B: wang posts again"
run collab --as zhao risk update "$RK" --status mitigating --note "Pinned the version"
expect_rc 0 "B: zhao updates his risk"
commit "B: Thursday"
merge_clean "$E2E_ROOT/b" "$E2E_ROOT/a" "Thursday: A into B"
run collab task list "$RID"
rows=$(squeeze "$OUT")
expect_line "$rows" "$RID/T1 | Map the ticket flow | 陈晨 | active | 2026-07-15 | 4 | 80% | - | Chart reviewed" \
    "B: chen's second update, the blocker closed in A"
expect_line "$rows" "$RID/T4 | Write routing rules | 王强 | active | 2026-07-17 | 6 | 50% | - | Rule sheet half done" \
    "B: wang's second update"
run collab task show "$RID/T2"
expect_contains "$OUT" "  $RK  [mitigating]  Vendor API may change" "B: the risk's new status"
run collab check --fail-on warning
expect_rc 0 "B: nothing to report after both merges"
merge_clean "$E2E_ROOT/a" "$E2E_ROOT/b" "Thursday: B into A"
run collab -C "$E2E_ROOT/a" task list "$RID"
expect_eq "$OUT" "$(collab -C "$E2E_ROOT/b" task list "$RID")" "both clones show the same table"

finish
