# Shared helpers for the end-to-end tests. Each test script sources this file, runs
# the real collab binary ($COLLAB_BIN) in a temporary git repository, and checks
# exit codes and whole outputs. A failed check prints what differed and the script
# exits 1 at the end; the closing line counts checks as "N passed, N failed".
set -u

: "${COLLAB_BIN:?set COLLAB_BIN to the collab binary}"
: "${COLLAB_SOURCE_DIR:?set COLLAB_SOURCE_DIR to the source tree}"

E2E_PASSED=0
E2E_FAILED=0
E2E_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/collab-e2e.XXXXXX")
E2E_AGENT_PID=
trap '[ -n "$E2E_AGENT_PID" ] && kill "$E2E_AGENT_PID" 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT

# Isolate from the machine: no user git config, a fixed language, no colour.
export HOME="$E2E_ROOT/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export LANG=C LC_ALL=C LANGUAGE=
unset COLLAB_USER COLLAB_NOW COLLAB_TRUST_REF VISUAL EDITOR GITHUB_ACTIONS
export NO_COLOR=1
# No pager on the terminals some tests open with script(1); test_pager.sh sets its own.
export PAGER=cat
unset COLLAB_PAGER LESS LV
unset SSH_AUTH_SOCK SSH_AGENT_PID
git config --global user.name "collab e2e"
git config --global user.email "e2e@example.com"
git config --global init.defaultBranch main

collab() { "$COLLAB_BIN" "$@"; }

# run CMD...: runs a command, keeping its stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    OUT=$("$@" 2>"$E2E_ROOT/stderr")
    RC=$?
    ERR=$(cat "$E2E_ROOT/stderr")
}

pass() { E2E_PASSED=$((E2E_PASSED + 1)); }
fail() {
    E2E_FAILED=$((E2E_FAILED + 1))
    printf 'FAIL: %s\n' "$1" >&2
    [ $# -gt 1 ] && printf '%s\n' "$2" >&2
    return 0
}

expect_rc() { # expect_rc WANT DESCRIPTION
    if [ "$RC" -eq "$1" ]; then pass; else
        fail "$2: exit $RC, wanted $1" "stdout: $OUT
stderr: $ERR"
    fi
}
expect_eq() { # expect_eq ACTUAL WANTED DESCRIPTION
    if [ "$1" = "$2" ]; then pass; else
        fail "$3" "--- got:
$1
--- wanted:
$2"
    fi
}
expect_contains() { # expect_contains HAYSTACK NEEDLE DESCRIPTION
    case "$1" in
    *"$2"*) pass ;;
    *) fail "$3" "--- text:
$1
--- does not contain:
$2" ;;
    esac
}
expect_not_contains() {
    case "$1" in
    *"$2"*) fail "$3" "--- text:
$1
--- contains:
$2" ;;
    *) pass ;;
    esac
}

# The test roster, shared with the unit tests (tests/unit/fixtures.hpp reads it too):
# customer service cs, technology tech, sales.
#   li 李华 head of cs (delegate chen 陈晨, line 20), manager of zhang 张敏 and chen 陈晨;
#   wang 王强 head of tech, manager of zhao 赵磊; qian 钱峰 head of sales, manager of sun 孙悦.
E2E_PEOPLE="$COLLAB_SOURCE_DIR/tests/fixtures/people.yaml"

# The roster's people, each of whom gets a throwaway signing key (make_keys).
E2E_KEY_PEOPLE=(li zhang chen wang zhao qian sun)
E2E_KEYS="$E2E_ROOT/keys"

# make_keys: once per test, a throwaway ed25519 key per roster person in
# $E2E_KEYS/<person> (no passphrase), and an ssh-agent for this test (killed on
# exit) holding all of them, so that `collab --as PERSON` can sign as anyone.
make_keys() {
    [ -d "$E2E_KEYS" ] && return 0
    mkdir -p "$E2E_KEYS"
    local p
    for p in "${E2E_KEY_PEOPLE[@]}"; do
        ssh-keygen -q -t ed25519 -N '' -C "$p@e2e" -f "$E2E_KEYS/$p" || return 1
    done
    eval "$(ssh-agent -s)" >/dev/null || return 1
    E2E_AGENT_PID=$SSH_AGENT_PID
    for p in "${E2E_KEY_PEOPLE[@]}"; do
        ssh-add -q "$E2E_KEYS/$p" 2>/dev/null || return 1
    done
}

# register_keys DIR: registers each roster person's key in DIR's people.yaml
# (collab key add), so that the workspace's `signatures: required` holds.
register_keys() {
    make_keys || return 1
    local p
    for p in "${E2E_KEY_PEOPLE[@]}"; do
        collab -C "$1" --as "$p" key add "$E2E_KEYS/$p.pub" >/dev/null || return 1
    done
}

# new_workspace DIR [LANG]: a git repository with a workspace (language LANG, en unless
# given) and the test roster with everyone's signing key (register_keys), committed,
# so that `git status --porcelain` starts empty.
new_workspace() {
    mkdir -p "$1"
    git -C "$1" init -q
    (cd "$1" && collab init --lang "${2:-en}" --name "e2e" >/dev/null 2>&1) || return 1
    write_roster "$1/people.yaml"
    register_keys "$1" || return 1
    git -C "$1" add -A && git -C "$1" commit -qm "workspace"
}

# new_unsigned_workspace DIR [LANG]: like new_workspace, but with the test roster
# exactly as tests/fixtures/people.yaml has it (no keys, so its line numbers hold) and
# `signatures: optional`: for tests about the roster file itself.
new_unsigned_workspace() {
    mkdir -p "$1"
    git -C "$1" init -q
    (cd "$1" && collab init --lang "${2:-en}" --name "e2e" >/dev/null 2>&1) || return 1
    write_roster "$1/people.yaml"
    sed -i 's/^signatures: required$/signatures: optional/' "$1/collab.yaml"
    git -C "$1" add -A && git -C "$1" commit -qm "workspace"
}

# The id printed by `request new --format json`.
json_id() { sed -n 's/.*"id": "\([^"]*\)".*/\1/p' <<<"$1"; }

finish() {
    printf '%d passed, %d failed\n' "$E2E_PASSED" "$E2E_FAILED"
    [ "$E2E_FAILED" -eq 0 ]
}

# ---------------------------------------------------------------------------
# More helpers for the stage-1 tests.

# expect_line TEXT LINE DESCRIPTION: TEXT has LINE as one whole line.
expect_line() {
    if grep -Fxq -- "$2" <<<"$1"; then pass; else
        fail "$3" "--- text:
$1
--- has no whole line:
$2"
    fi
}

# expect_no_line TEXT LINE DESCRIPTION: TEXT does not have LINE as a whole line.
expect_no_line() {
    if grep -Fxq -- "$2" <<<"$1"; then
        fail "$3" "--- text:
$1
--- has the line:
$2"
    else pass; fi
}

# expect_match TEXT ERE DESCRIPTION: some line of TEXT matches the extended regex.
expect_match() {
    if grep -Eq -- "$2" <<<"$1"; then pass; else
        fail "$3" "--- text:
$1
--- has no line matching:
$2"
    fi
}

# expect_file FILE DESCRIPTION / expect_no_file PATH DESCRIPTION
expect_file() { if [ -f "$1" ]; then pass; else fail "$2" "missing file: $1"; fi; }
expect_no_file() { if [ -e "$1" ]; then fail "$2" "exists: $1"; else pass; fi; }

# snapshot DIR: every file outside .git and .collab with its checksum, then
# `git status --porcelain`; two equal snapshots mean nothing was written.
snapshot() {
    (
        cd "$1" || exit 1
        find . \( -path ./.git -o -path ./.collab \) -prune -o -type f -print |
            LC_ALL=C sort | while IFS= read -r f; do sha256sum "$f"; done
        echo "--- git status"
        git status --porcelain --untracked-files=all
    )
}

# expect_unchanged DIR BEFORE DESCRIPTION: DIR's snapshot still equals BEFORE.
expect_unchanged() {
    local now
    now=$(snapshot "$1")
    if [ "$now" = "$2" ]; then pass; else
        fail "$3: files changed" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$now"))"
    fi
}

# count_requests DIR: the number of request folders.
count_requests() { find "$1/requests" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l | tr -d ' '; }

# make_editor PATH BODY: writes an executable shell script used as $EDITOR; the
# file to edit is its $1.
make_editor() {
    printf '#!/bin/sh\n%s\n' "$2" >"$1"
    chmod +x "$1"
}

# py CODE [ARGS...]: runs CODE (python3, standard library) with the JSON document on
# stdin in `d`; ARGS are sys.argv[1:].
py() {
    local code=$1
    shift
    python3 -c 'import json, sys
d = json.load(sys.stdin)
'"$code" "$@"
}

# count_lines TEXT FIXED: how many lines of TEXT are exactly FIXED.
count_lines() { grep -cxF -- "$2" <<<"$1"; }
# count_containing TEXT FIXED: how many lines of TEXT contain FIXED.
count_containing() { grep -cF -- "$2" <<<"$1"; }

# ---------------------------------------------------------------------------
# Steps of a story in the workspace in the current folder.

# Every review checklist item answered yes.
# shellcheck disable=SC2034 # used by the test scripts
ALL_YES=(--check goals=yes --check resources=yes --check breakdown=yes)

# commit [MESSAGE]: commits everything in the current workspace.
commit() { git add -A && git commit -qm "${1:-step}" >/dev/null; }

# c COMMAND...: a step of the story that must succeed; its output is dropped.
c() { collab "$@" >/dev/null || exit 1; }

# refused DESCRIPTION RULE COMMAND...: the command exits 3, its first stderr line names
# RULE, stdout is empty, and no file of the workspace in the current folder changed.
refused() { refused_with 3 "$@"; }

# refused_with STATUS DESCRIPTION RULE COMMAND...: like refused, for a refusal that
# exits STATUS (4 when the refusal comes from bad input).
refused_with() {
    local status=$1 what=$2 rule=$3 before
    shift 3
    before=$(snapshot .)
    run "$@"
    expect_rc "$status" "$what"
    expect_match "$(head -n 1 <<<"$ERR")" "^collab: refused by rule '$rule': " \
        "$what: the refusal names rule '$rule'"
    expect_eq "$OUT" "" "$what: nothing on stdout"
    expect_unchanged . "$before" "$what"
}

# usage_error DESCRIPTION COMMAND...: exits 2 and writes nothing.
usage_error() {
    local what=$1 before
    shift
    before=$(snapshot .)
    run "$@"
    expect_rc 2 "$what"
    expect_unchanged . "$before" "$what"
}

# content ID [NOW]: the content hash of the request's form (as of NOW when given).
content() {
    collab ${2:+--now "$2"} request show "$1" --format json | sed -n 's/^  "content": "\(.*\)",$/\1/p'
}

# state ID: the request's state.
state() { collab request show "$1" --format json | sed -n 's/^  "state": "\(.*\)",$/\1/p'; }

# in_copy NAME [FROM]: goes on in a throw-away copy NAME of the workspace FROM ($ws unless
# given); `cd "$ws"` comes back.
in_copy() {
    rm -rf "${E2E_ROOT:?}/$1"
    cp -r "${2:-$ws}" "$E2E_ROOT/$1"
    cd "$E2E_ROOT/$1" || exit 1
}

# merge_clean INTO FROM DESCRIPTION: git pull FROM into INTO succeeds with no conflict.
merge_clean() {
    run git -C "$1" pull -q --no-rebase --no-edit "$2" main
    expect_rc 0 "$3: git merges"
    expect_eq "$(git -C "$1" ls-files -u)" "" "$3: no unmerged paths"
    expect_eq "$(git -C "$1" status --porcelain)" "" "$3: the merged tree is clean"
    expect_eq "$(grep -rl '^<<<<<<<' "$1/requests" || true)" "" "$3: no conflict markers"
}

# req DAY TITLE [FLAGS...]: a one-department (cs) request by zhang with chen as
# participant, created at DAY 09:00; prints its id.
req() {
    local day=$1 title=$2
    shift 2
    collab --now "${day}T09:00" --as zhang request new --title "$title" --background "Replies are slow" \
        --goal "Reply faster" --item "Do it :: it is done" --dept cs --participant chen \
        --resource "Admin access" "$@"
}

# final ID DAY: submit, approve, and the three signatures (zhang, li, chen) on DAY.
final() {
    collab --now "$2T09:10" --as zhang request submit "$1" >/dev/null || exit 1
    collab --now "$2T09:30" --as li review "$1" --approve "${ALL_YES[@]}" >/dev/null || exit 1
    local p
    for p in zhang li chen; do
        collab --now "$2T10:00" --as "$p" sign "$1" >/dev/null || exit 1
    done
}

# new_req PERSON [FLAGS...]: a one-department (cs) request by PERSON from flags, with no
# due date unless FLAGS give one; prints its id.
new_req() {
    local who=$1
    shift
    collab --as "$who" request new --title "Faster replies" --background "Customers wait" \
        --goal "Reply in 2 hours" --item "Map the flow :: chart reviewed" --dept cs \
        --resource "Admin access" "$@"
}

# A complete request from flags; extra arguments are added (they may repeat a flag).
# shellcheck disable=SC2034 # used by the test scripts
FULL_FORM=(--title "Faster after-sales replies" --background "Customers wait too long"
    --goal "First reply within 2 hours" --item "Map the ticket flow :: flow chart reviewed"
    --due 2026-07-31 --dept cs --resource "Ticket system admin access")

# write_roster FILE: the test roster, tests/fixtures/people.yaml.
write_roster() { cp "$E2E_PEOPLE" "$1"; }

# new_test_workspace DIR [LANG]: the same as new_workspace.
new_test_workspace() { new_workspace "$@"; }

# require_generator: sets GEN_BIN to collab-gen-workspace beside $COLLAB_BIN, or skips
# the test (exit 77) when it was not built.
require_generator() {
    GEN_BIN="$(dirname "$COLLAB_BIN")/collab-gen-workspace"
    if [ ! -x "$GEN_BIN" ]; then
        echo "SKIP: $GEN_BIN is missing (build the collab-gen-workspace target)"
        exit 77
    fi
}

# expect_ok DESCRIPTION CMD...: CMD exits 0 (a checker script finds nothing wrong); else
# the check fails with what it printed.
expect_ok() {
    local what=$1
    shift
    run "$@"
    if [ "$RC" -eq 0 ]; then pass; else fail "$what" "$OUT$ERR"; fi
}
