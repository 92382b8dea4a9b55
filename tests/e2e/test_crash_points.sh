#!/usr/bin/env bash
# Crash consistency: every command that writes several files (`request new`: the form,
# then the log; `request edit`: a copy of the old form, the form, then the log; `split`:
# tasks.yaml, then the log) is killed (COLLAB_TEST_CRASH_AT, tests only: _exit(137) as
# kill -9 would) at each write point: before and after each file's rename. After each
# crash `collab check` either reports what was left (exit 1, rule record.*) or finds the
# workspace exactly as before; `collab doctor` lists it and exits 1; `collab doctor
# --fix` repairs it, keeping any text a person wrote (in the workspace or in
# .collab/rescued/); then check exits 0, no temporary file is left, and the command runs
# again successfully.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
ws=$E2E_ROOT/ws
export COLLAB_NOW=2026-07-07T10:00
D=$(collab --as zhang request new --title "Draft to edit" --background "Replies are slow" \
    --goal "Reply faster" --item "Do it :: it is done" --dept cs --resource "Admin access")
commit "draft D"

# What a person wrote, each with a marker that must survive every crash.
cat >"$E2E_ROOT/new.yaml" <<'YAML'
title: Night rota NEWMARK
background: Night tickets wait
goal: Cover nights
items:
  - action: Plan a rota
    acceptance: rota published
departments: [cs]
resources:
  - what: Night allowance
    amount: 3000 CNY
YAML
sed 's/^title: .*/title: Edited title EDITMARK/' "requests/$D/request.yaml" >"$E2E_ROOT/edit.yaml"
cat >"$E2E_ROOT/tasks.yaml" <<YAML
tasks:
  - id: T1
    name: Map the ticket flow SPLITMARK
    owner: chen
    deadline: 2026-07-15
    deliverable: Ticket flow chart v1
    covers: [1]
  - id: T2
    name: Build the router
    owner: zhao
    deadline: 2026-07-22
    deliverable: Router v1.0
    depends_on: [T1]
    covers: [2]
  - id: T3
    name: Train the agents
    owner: zhang
    deadline: 2026-07-29
    deliverable: Training slides v1
    depends_on: [T2]
    covers: [3]
YAML

temp_files() { find . -path ./.git -prune -o -name '.*.tmp.*' -print; }
marker_kept() { grep -rlF "$1" requests .collab/rescued 2>/dev/null | head -n 1; }

# writes COMMAND...: how many files COMMAND writes (run in a throw-away copy).
writes() {
    local n=1
    while :; do
        in_copy count
        COLLAB_TEST_CRASH_AT=write.after-rename:$n collab "$@" >/dev/null 2>&1
        [ $? -eq 137 ] || break
        n=$((n + 1))
    done
    cd "$ws" || exit 1
    echo $((n - 1))
}

# crash_at NAME MARK POINT LAST COMMAND...: kills COMMAND at POINT in a copy of the
# workspace and checks what follows. LAST is 1 for the point after the commit point.
crash_at() {
    local name=$1 mark=$2 point=$3 last=$4 what before
    shift 4
    what="$name killed at $point"
    in_copy "crash-$name-${point//:/-}"
    before=$(snapshot .)
    COLLAB_TEST_CRASH_AT=$point run collab "$@"
    expect_rc 137 "$what: the crash point is reached"
    local written
    written=$(grep -rlF "$mark" requests 2>/dev/null | grep -v '/\.[^/]*\.tmp\.' | head -n 1)
    run collab check
    local check_rc=$RC check_out=$OUT
    if [ "$check_rc" -eq 0 ]; then
        if [ "$last" -eq 1 ]; then pass; else
            expect_unchanged . "$before" "$what: check is clean, so nothing changed"
        fi
    else
        # 4: a request folder holding only a temporary file has no request.yaml (file.invalid).
        expect_eq "$([ "$check_rc" -eq 1 ] || [ "$check_rc" -eq 4 ] && echo reported)" reported \
            "$what: check reports the leftover"
        local mid
        mid=$(snapshot .)
        run collab doctor
        expect_rc 1 "$what: doctor lists what needs repair"
        expect_contains "$OUT" "run \`collab doctor --fix\`" "$what: doctor says how"
        expect_unchanged . "$mid" "$what: doctor without --fix writes nothing"
    fi
    run collab doctor --fix
    expect_rc 0 "$what: doctor --fix repairs"
    run collab check
    expect_rc 0 "$what: check is clean after the repair"
    expect_eq "$(temp_files)" "" "$what: no temporary file left"
    run collab doctor
    expect_rc 0 "$what: nothing left to repair"
    expect_eq "$OUT" "nothing to repair" "$what: doctor says so"
    if [ -n "$written" ]; then
        expect_eq "$([ -n "$(marker_kept "$mark")" ] && echo kept)" kept "$what: the text written is kept"
    fi
    if [ "$last" -eq 0 ]; then
        run collab "$@"
        expect_rc 0 "$what: the command runs again"
        run collab check
        expect_rc 0 "$what: and check is clean"
    fi
    cd "$ws" || exit 1
}

# crash_everywhere NAME MARK COMMAND...: every write point of COMMAND.
crash_everywhere() {
    local name=$1 mark=$2 total n
    shift 2
    total=$(writes "$@")
    expect_eq "$([ "$total" -ge 2 ] && echo yes)" yes "$name writes several files ($total)"
    for n in $(seq 1 "$total"); do
        crash_at "$name" "$mark" "write.before-rename:$n" 0 "$@"
        crash_at "$name" "$mark" "write.after-rename:$n" "$([ "$n" -eq "$total" ] && echo 1 || echo 0)" "$@"
    done
}

crash_everywhere "request new" NEWMARK --as zhang request new --file "$E2E_ROOT/new.yaml"
crash_everywhere "request edit" EDITMARK --as zhang request edit "$D" --file "$E2E_ROOT/edit.yaml"
crash_everywhere "split" SPLITMARK --as zhang split "$RID" --file "$E2E_ROOT/tasks.yaml"

# === what check and doctor say ======================================================================
# --- a form without its create entry: the request folder goes, the form is kept -------------------
in_copy words
COLLAB_TEST_CRASH_AT=write.after-rename:1 collab --as zhang request new --file "$E2E_ROOT/new.yaml" >/dev/null 2>&1
O=$(ls requests | grep -vxF -e "$RID" -e "$D")
run collab check
expect_line "$OUT" "  requests/$O/request.yaml:1:1: error: $O has a form but no 'create' entry: a command was killed before it recorded the request; run \`collab doctor --fix\` (it keeps the form in .collab/rescued/) [record.orphan]" \
    "check names the orphan form and the repair"
run collab check --explain record.orphan
expect_contains "$OUT" "the entry is the commit point" "the rule is explained"
run collab doctor --fix
expect_eq "$OUT" "requests/$O/request.yaml: $O has a form but no entry: \`request new\` was killed before it recorded the request
  request folder removed; its form is kept in .collab/rescued/$O.request.yaml: run \`request new --file\` with it to create the request again
1 repaired" "doctor says what it did and where the form is"
expect_no_file "requests/$O" "the orphan request folder is gone"
expect_contains "$(cat ".collab/rescued/$O.request.yaml")" "$(cat "$E2E_ROOT/new.yaml")" "the form is kept as written"

# --- a form edited without its edit entry: the old form comes back, the edited one is kept --------
in_copy words
COLLAB_TEST_CRASH_AT=write.after-rename:2 collab --as zhang request edit "$D" --file "$E2E_ROOT/edit.yaml" >/dev/null 2>&1
run collab check
expect_line "$OUT" "  requests/$D/request.yaml: error: a 'request edit' of $D was killed before it recorded its entry (.collab/pending/$D.request.yaml holds the form as it was); run \`collab doctor --fix\` [record.interrupted]" \
    "check names the interrupted edit"
run collab doctor --fix
expect_eq "$OUT" "requests/$D/request.yaml: the form of $D was edited without its 'edit' entry: \`request edit\` was killed
  form restored as it was before the edit; the edited text is kept in .collab/rescued/$D.request.yaml: run \`request edit --file\` with it to edit again
1 repaired" "doctor restores the form and says where the edit is"
expect_eq "$(git diff --stat -- requests)" "" "the form is as committed"
expect_contains "$(cat ".collab/rescued/$D.request.yaml")" "EDITMARK" "the edited text is kept"

# --- a temporary file ------------------------------------------------------------------------------
in_copy temp
COLLAB_TEST_CRASH_AT=write.before-rename:1 collab --as zhang request edit "$D" --file "$E2E_ROOT/edit.yaml" >/dev/null 2>&1
T=$(temp_files | sed 's|^\./||')
expect_match "$T" "^\\.collab/pending/\\.$D\\.request\\.yaml\\.tmp\\.[0-9]+\\.[0-9a-f]{8}$" "the temporary file is named after its target"
run collab check
expect_line "$OUT" "  $T: error: a temporary file left by a killed write; run \`collab doctor --fix\` to remove it [record.temp]" \
    "check reports the temporary file"
run collab doctor --fix
expect_eq "$OUT" "$T: temporary file left by a killed write
  removed
1 repaired" "doctor removes it"

# --- in Chinese -----------------------------------------------------------------------------------
in_copy temp
COLLAB_TEST_CRASH_AT=write.before-rename:1 collab --as zhang request edit "$D" --file "$E2E_ROOT/edit.yaml" >/dev/null 2>&1
run collab --lang zh doctor
expect_rc 1 "doctor reports in Chinese"
expect_contains "$OUT" "被中断的写入留下的临时文件" "the problem in Chinese"
expect_not_contains "$OUT" "temporary" "no English sentence"
cd "$ws" || exit 1

finish
