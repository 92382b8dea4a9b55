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
trap 'rm -rf "$E2E_ROOT"' EXIT

# Isolate from the machine: no user git config, a fixed language, no colour.
export HOME="$E2E_ROOT/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1
export LANG=C LC_ALL=C LANGUAGE=
unset COLLAB_USER COLLAB_NOW VISUAL EDITOR GITHUB_ACTIONS
export NO_COLOR=1
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

# new_workspace DIR: a git repository with a workspace and the example roster of
# customer service (cs) and technology (tech).
new_workspace() {
    mkdir -p "$1"
    git -C "$1" init -q
    (cd "$1" && collab init --lang en --name "e2e" >/dev/null) || return 1
    cp "$COLLAB_SOURCE_DIR/examples/after-sales/people.yaml" "$1/people.yaml"
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

# A complete request from flags; extra arguments are added (they may repeat a flag).
# shellcheck disable=SC2034 # used by the test scripts
FULL_FORM=(--title "Faster after-sales replies" --background "Customers wait too long"
    --goal "First reply within 2 hours" --item "Map the ticket flow :: flow chart reviewed"
    --due 2026-07-31 --dept cs --resource "Ticket system admin access")

# write_roster FILE: the example roster (customer service cs, technology tech, sales),
# frozen here so that tests can name its lines while examples/ evolves.
#   li 李华 head of cs, manager of zhang 张敏 and chen 陈晨; wang 王强 head of tech,
#   manager of zhao 赵磊; qian 钱峰 head of sales, manager of sun 孙悦.
write_roster() {
    cat >"$1" <<'ROSTER'
# 人员名单：参与者、所在部门、直接上级与角色。
# manager 是直接上级，负责初审此人发起的需求。
# 拥有 department-head 角色的人代表本部门签字。
# delegate 可在本人不在时代为处理。

departments:
  - id: cs
    name: 客服部
  - id: tech
    name: 技术部
  - id: sales
    name: 销售部

people:
  - id: li
    name: 李华
    email: li.hua@example.com
    department: cs
    roles: [department-head]
    delegate: zhang
  - id: zhang
    name: 张敏
    email: zhang.min@example.com
    department: cs
    manager: li
    roles: []
  - id: chen
    name: 陈晨
    email: chen.chen@example.com
    department: cs
    manager: li
    roles: []            # 新员工，2026 年 7 月入职
  - id: wang
    name: 王强
    email: wang.qiang@example.com
    department: tech
    roles: [department-head]
  - id: zhao
    name: 赵磊
    email: zhao.lei@example.com
    department: tech
    manager: wang
    roles: []
  - id: qian
    name: 钱峰
    email: qian.feng@example.com
    department: sales
    roles: [department-head]
  - id: sun
    name: 孙悦
    email: sun.yue@example.com
    department: sales
    manager: qian
    roles: []            # 客户经理
ROSTER
}

# new_test_workspace DIR [LANG]: like new_workspace, with the frozen roster above,
# committed, so that `git status --porcelain` starts empty.
new_test_workspace() {
    mkdir -p "$1"
    git -C "$1" init -q
    (cd "$1" && collab init --lang "${2:-en}" --name "e2e" >/dev/null) || return 1
    write_roster "$1/people.yaml"
    git -C "$1" add -A && git -C "$1" commit -qm "workspace"
}
