#!/usr/bin/env bash
# The conventions of a command-line tool: NO_COLOR only when not empty, --color,
# --version with the commit, file names relative to -C,
# `collab` alone and `collab help`.
source "$(dirname "$0")/lib.sh"

ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1
A=$(json_id "$(req 2026-07-06 "Overdue review" --due 2026-07-31 --format json)")
collab --now 2026-07-06T09:10 --as zhang request submit "$A" >/dev/null || exit 1
NOW=2026-07-20T10:00

# --- colour -----------------------------------------------------------------------------------
# Not a terminal: no colour unless --color always.
run collab check --now $NOW
expect_rc 1 "check finds the overdue review"
expect_contains "$OUT" "[review.overdue]" "the finding is there"
expect_not_contains "$OUT" $'\033[' "a pipe: no colour"
run collab --color always check --now $NOW
expect_contains "$OUT" $'\033[31m' "--color always colours a pipe"
run collab check --now $NOW --color=always
expect_contains "$OUT" $'\033[31m' "--color after the command"
run env -u NO_COLOR "$COLLAB_BIN" --color auto check --now $NOW
expect_not_contains "$OUT" $'\033[' "--color auto in a pipe: no colour"
run collab --color sometimes check --now $NOW
expect_rc 2 "--color takes auto, always or never"
expect_contains "$ERR" "sometimes" "the bad --color value is named"
if command -v script >/dev/null 2>&1; then
    tty_out=$(NO_COLOR= script -qec "$COLLAB_BIN check --now $NOW" /dev/null </dev/null)
    expect_contains "$tty_out" $'\033[31m' "a terminal with NO_COLOR empty: colour"
    tty_out=$(NO_COLOR=1 script -qec "$COLLAB_BIN check --now $NOW" /dev/null </dev/null)
    expect_not_contains "$tty_out" $'\033[' "a terminal with NO_COLOR=1: no colour"
    tty_out=$(NO_COLOR=1 script -qec "$COLLAB_BIN --color always check --now $NOW" /dev/null </dev/null)
    expect_contains "$tty_out" $'\033[31m' "--color always wins over NO_COLOR"
    tty_out=$(env -u NO_COLOR script -qec "$COLLAB_BIN --color never check --now $NOW" /dev/null </dev/null)
    expect_not_contains "$tty_out" $'\033[' "--color never on a terminal: no colour"
    expect_contains "$tty_out" "[review.overdue]" "--color never on a terminal: the report is there"
else
    fail "script(1) is missing: cannot test colour on a terminal"
fi
run collab --color always check --now $NOW -o "$E2E_ROOT/report.txt"
expect_not_contains "$(cat "$E2E_ROOT/report.txt")" $'\033[' "-o FILE is never coloured"

# --- --version --------------------------------------------------------------------------------
run collab --version
expect_rc 0 "--version"
expect_match "$OUT" '^collab [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown)\)$' \
    "--version: the version and the commit"
commit=$(sed -n 's/.*(commit \([0-9a-f]*\))$/\1/p' <<<"$OUT")
if git -C "$COLLAB_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
    if git -C "$COLLAB_SOURCE_DIR" cat-file -e "$commit^{commit}" 2>/dev/null; then pass; else
        fail "--version names a commit of the source tree" "$OUT"
    fi
fi
run collab --as zhang deliver --version
expect_rc 2 "deliver --version is still deliver's option (it wants a value)"

# --- relative file names are taken from -C ----------------------------------------------------
mkdir -p "$E2E_ROOT/elsewhere"
printf 'Agreed on the scope.\n' >"$ws/minutes.txt"
git -C "$ws" add minutes.txt && git -C "$ws" commit -qm minutes
run env -C "$E2E_ROOT/elsewhere" "$COLLAB_BIN" -C "$ws" --now 2026-07-06T10:00 --as li \
    review "$A" --approve "${ALL_YES[@]}"
expect_rc 0 "approved"
run env -C "$E2E_ROOT/elsewhere" "$COLLAB_BIN" -C "$ws" --now 2026-07-06T11:00 --as li meeting "$A" \
    --duration 30 --attendee li --minutes-file minutes.txt
expect_rc 0 "meeting --minutes-file: a relative FILE is found in -C DIR"
run env -C "$E2E_ROOT/elsewhere" "$COLLAB_BIN" -C "$ws" --now $NOW check --format json -o report.json
expect_file "$ws/report.json" "check -o: a relative FILE is written in -C DIR"
expect_no_file "$E2E_ROOT/elsewhere/report.json" "check -o: nothing where collab was started"
run collab --help
expect_contains "$OUT" "--color" "--help lists --color"
run collab check --help
expect_contains "$OUT" "(a relative FILE is taken from -C DIR)" "check --help says -o is relative to -C"

# --- collab alone, a group alone, collab help ---------------------------------------------------
run collab --help
overview=$OUT
run collab
expect_rc 0 "collab alone exits 0"
expect_eq "$OUT" "$overview" "collab alone prints the overview, as --help does"
expect_eq "$ERR" "" "collab alone: nothing on stderr"
run collab help
expect_rc 0 "collab help"
expect_eq "$OUT" "$overview" "collab help prints the overview"
expect_match "$overview" "^  help +" "the overview lists help"
run collab request --help
group=$OUT
run collab request
expect_rc 0 "a group alone exits 0"
expect_eq "$OUT" "$group" "a group alone prints its overview, as its --help does"
run collab help request
expect_eq "$OUT" "$group" "collab help request = collab request --help"
for cmd in "review" "request new" "check" "task list" "help"; do
    run collab $cmd --help
    want=$OUT
    run collab help $cmd
    expect_rc 0 "collab help $cmd"
    expect_eq "$OUT" "$want" "collab help $cmd = collab $cmd --help"
done
run collab help reveiw
expect_rc 2 "collab help of an unknown command"
expect_contains "$ERR" "'reveiw'" "the unknown command is named"
expect_contains "$ERR" "review" "the closest command is offered"
run collab help request frobnicate
expect_rc 2 "collab help of an unknown sub-command"
expect_contains "$ERR" "frobnicate" "the unknown sub-command is named"
run collab --lang zh help request
expect_contains "$OUT" "退出码" "collab help in Chinese"
run collab review
expect_rc 2 "a command without its required ID is still a usage error"

finish
