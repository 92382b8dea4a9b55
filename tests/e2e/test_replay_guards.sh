#!/usr/bin/env bash
# A deliver entry that the guard refuses is not applied when written by hand either: the
# owner of T1 delivers v1, the acceptance fails, and a second deliver of v1 is added to
# the owner's log by hand (as an edit or a merge could). The command refuses the same
# version; `collab check` reports the hand-written entry as transition.illegal with its
# file and line, and the task stays in rework.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request

run collab --now 2026-07-14T16:00 --as chen deliver "$RID/T1" --version v1 --check 1=yes
expect_rc 0 "chen delivers T1 as v1"
run collab --now 2026-07-14T17:00 --as zhang accept "$RID/T1" --fail --comment "Examples missing" \
    --reaccept-by 2026-07-16
expect_rc 0 "zhang fails T1"
commit "T1 delivered and failed"

refused "the same version again" deliver \
    collab --now 2026-07-15T10:00 --as chen deliver "$RID/T1" --version v1 --check 1=yes
run collab --now 2026-07-15T10:00 check
expect_rc 0 "check is clean before the hand edit"
expect_not_contains "$OUT" "transition.illegal" "nothing illegal before the hand edit"

# The hand-written entry carries no signature, like one of an older release: under
# `signatures: optional` it reaches the replay (under required it is signature.missing).
sed -i 's/^signatures: required$/signatures: optional/' collab.yaml
log="requests/$RID/log/chen.yaml"
seq=$(($(cat "requests/$RID"/log/*.yaml | sed -n 's/^- seq: //p' | sort -n | tail -n 1) + 1))
cat >>"$log" <<YAML
- seq: $seq
  at: 2026-07-15T10:00:00+08:00
  by: chen
  action: deliver
  content: $(sed -n 's/^  content: //p' "$log" | tail -n 1)
  task: T1
  name: Ticket flow chart v1
  version: v1
  late: "no"
  self_check:
    - item: "1"
      done: "yes"
YAML
line=$(grep -n "^- seq: $seq\$" "$log" | cut -d: -f1)
run collab --now 2026-07-15T11:00 check
expect_rc 1 "check fails on the hand-written deliver"
expect_contains "$OUT" "$log:$line:" "check names the entry's file and line"
expect_contains "$OUT" "transition.illegal" "the repeated version is an illegal transition"
expect_contains "$OUT" "the 'deliver' entry by chen is not legal at that point of $RID" \
    "check says which entry"
run collab --now 2026-07-15T11:00 task show "$RID/T1"
expect_match "$OUT" "^STATE +rework$" "T1 stays in rework: the entry did not apply"

finish
