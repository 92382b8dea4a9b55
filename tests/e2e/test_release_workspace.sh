#!/usr/bin/env bash
# Logs written by a released collab keep reading exactly as they did: the log is a
# public file format (collab(5)). tests/fixtures/release-workspace was written by the
# release before the action table (model/actions) by tests/fixtures/make_release_workspace.sh;
# every action appears in it. `check`, `log` and `request show` of its three requests
# must print what that release printed, stored in tests/fixtures/release-workspace.expected.
# With RECORD set, the outputs are written there instead (only ever with the release binary).
. "$(dirname "$0")/lib.sh"

fixture="$COLLAB_SOURCE_DIR/tests/fixtures/release-workspace"
expected="$COLLAB_SOURCE_DIR/tests/fixtures/release-workspace.expected"
ws="$E2E_ROOT/ws"
cp -r "$fixture" "$ws"
cd "$ws" || exit 1
git init -q && git add -A && git commit -qm "release workspace" || exit 1
read -r R B C <"$expected/ids"
NOW=2026-10-20T09:00

# out NAME COMMAND...: the command's stdout, stderr and exit code as NAME.
out() {
    local name=$1
    shift
    run collab --now "$NOW" "$@"
    local got
    got=$(printf '%s\n--- stderr\n%s\n--- exit %s\n' "$OUT" "$ERR" "$RC")
    if [ -n "${RECORD:-}" ]; then
        printf '%s\n' "$got" >"$expected/$name"
    else
        expect_eq "$got" "$(cat "$expected/$name")" "collab $* prints what the release printed"
    fi
}

out check.txt check
out check.json check --format json
for id in "$R" "$B" "$C"; do
    out "log-$id.txt" log "$id"
    out "log-$id.json" log "$id" --format json
    out "show-$id.txt" request show "$id"
done
out tasks.txt task list "$R"
out stats.txt stats
[ -n "${RECORD:-}" ] && finish

# Each action carries its own keys: a verdict (a key of accept) on a sync is an unknown key,
# kept with a warning naming the action, like any other unknown key.
log="requests/$R/log/zhang.yaml"
sed -i 's/^  minutes: T1 on track.$/&\n  verdict: pass/' "$log"
line=$(grep -n '^  verdict: pass$' "$log" | cut -d: -f1)
run collab --now "$NOW" check
expect_line "$ERR" "$log:$line:3: warning: unknown key 'verdict' on a 'sync' entry; it is kept" \
    "a verdict on a sync is an unknown key naming the action"
expect_contains "$OUT" "  $log:$line:3: warning: unknown key 'verdict' on a 'sync' entry; it is kept" \
    "check reports it with the other file findings"
# A key the action always carries is required: a submit without `to` is an error at the entry.
submit=$(grep -n '^  action: submit$' "$log" | cut -d: -f1)
sed -i '/^  to: li$/d' "$log"
run collab --now "$NOW" check
expect_rc 4 "a log entry without a required key is an error"
expect_line "$ERR" "$log:$((submit - 3)):3: error: a 'submit' entry needs 'to'; collab writes it with every submit (see collab(5))" \
    "the error names the file, the entry's line and the missing key"
finish
