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
