#!/usr/bin/env bash
# The pager: a read command's output goes through COLLAB_PAGER, else PAGER, else less
# (with LESS=FRX), only when standard output is a terminal; --no-pager, an empty
# COLLAB_PAGER and PAGER=cat turn it off; a pipe never gets one. The terminal is a
# real pseudo-terminal opened by script(1); the pager is a fake that records what it
# was given.
source "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null 2>&1; then
    echo "script(1) is missing: skipped"
    exit 77
fi

ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1
A=$(json_id "$(req 2026-07-06 "Paged" --due 2026-07-31 --format json)")
collab --now 2026-07-06T09:10 --as zhang request submit "$A" >/dev/null || exit 1
NOW=2026-07-20T10:00
unset PAGER

# A pager that writes what it reads, and the LESS it was given, to a file.
fake_pager() { # fake_pager PATH FILE
    printf '#!/bin/sh\n{ echo "LESS=$LESS"; cat; } >%s\n' "$2" >"$1"
    chmod +x "$1"
}
fake_pager "$E2E_ROOT/pager" "$E2E_ROOT/paged.txt"
fake_pager "$E2E_ROOT/collab-pager" "$E2E_ROOT/collab-paged.txt"
mkdir -p "$E2E_ROOT/bin"
fake_pager "$E2E_ROOT/bin/less" "$E2E_ROOT/less.txt"

# on_tty [VAR=VALUE...] -- ARGS...: runs collab ARGS on a pseudo-terminal with the
# environment changed; its output (from the terminal) in $TTY_OUT, its status in $RC.
on_tty() {
    local env=()
    while [ "$1" != "--" ]; do
        env+=("$1")
        shift
    done
    shift
    local cmd
    printf -v cmd '%q ' "$COLLAB_BIN" "$@"
    rm -f "$E2E_ROOT"/*.txt
    TTY_OUT=$(env "${env[@]}" script -qec "$cmd" /dev/null </dev/null)
    RC=$?
    TTY_OUT=${TTY_OUT//$'\r'/}
}

want=$(collab --now $NOW log "$A")
on_tty PAGER="$E2E_ROOT/pager" -- --now $NOW log "$A"
expect_rc 0 "log on a terminal"
expect_eq "$(cat "$E2E_ROOT/paged.txt" 2>/dev/null)" "LESS=FRX
$want" "PAGER gets the whole output, with LESS=FRX"
expect_eq "$TTY_OUT" "" "nothing is written to the terminal past the pager"

on_tty PAGER="$E2E_ROOT/pager" LESS=-R -- --now $NOW log "$A"
expect_eq "$(head -n 1 "$E2E_ROOT/paged.txt" 2>/dev/null)" "LESS=-R" "a LESS that is set is kept"

on_tty PAGER="$E2E_ROOT/pager" COLLAB_PAGER="$E2E_ROOT/collab-pager" -- --now $NOW log "$A"
expect_file "$E2E_ROOT/collab-paged.txt" "COLLAB_PAGER wins over PAGER"
expect_no_file "$E2E_ROOT/paged.txt" "COLLAB_PAGER wins over PAGER: PAGER is not run"

on_tty PATH="$E2E_ROOT/bin:$PATH" -- --now $NOW log "$A"
expect_eq "$(cat "$E2E_ROOT/less.txt" 2>/dev/null)" "LESS=FRX
$want" "no PAGER: less, with LESS=FRX"

on_tty PAGER="$E2E_ROOT/pager" -- --no-pager --now $NOW log "$A"
expect_no_file "$E2E_ROOT/paged.txt" "--no-pager: no pager"
expect_eq "$TTY_OUT" "$want" "--no-pager: the output is on the terminal"
on_tty PAGER="$E2E_ROOT/pager" -- --now $NOW log "$A" --no-pager
expect_no_file "$E2E_ROOT/paged.txt" "--no-pager after the command"
on_tty PAGER=cat PATH="$E2E_ROOT/bin:$PATH" -- --now $NOW log "$A"
expect_no_file "$E2E_ROOT/less.txt" "PAGER=cat: no pager"
expect_eq "$TTY_OUT" "$want" "PAGER=cat: the output is on the terminal"
on_tty COLLAB_PAGER= PAGER="$E2E_ROOT/pager" -- --now $NOW log "$A"
expect_no_file "$E2E_ROOT/paged.txt" "an empty COLLAB_PAGER: no pager"

# The exit status is the command's, through the pager.
on_tty PAGER="$E2E_ROOT/pager" NO_COLOR= -- --now $NOW check
expect_rc 1 "check on a terminal: exit 1 for its findings"
expect_contains "$(cat "$E2E_ROOT/paged.txt" 2>/dev/null)" "[review.overdue]" "check's report goes to the pager"
expect_contains "$(cat "$E2E_ROOT/paged.txt" 2>/dev/null)" $'\033[31m' \
    "--color auto colours for the pager on a terminal"

# Never in a pipe; never for a write command.
rm -f "$E2E_ROOT"/*.txt
out=$(PAGER="$E2E_ROOT/pager" "$COLLAB_BIN" --now $NOW log "$A" | cat)
expect_eq "$out" "$want" "a pipe: the output as it is"
expect_no_file "$E2E_ROOT/paged.txt" "a pipe: no pager"
on_tty PAGER="$E2E_ROOT/pager" -- --now 2026-07-06T10:00 --as li review "$A" --approve "${ALL_YES[@]}"
expect_rc 0 "review on a terminal"
expect_no_file "$E2E_ROOT/paged.txt" "a write command: no pager"

finish
