#!/usr/bin/env bash
# YAML that collab cannot trust: every error exits 4 and reads
# `path:line:col: error: message` with the right line; an unknown key is only a
# warning and stays in the file; `check` reports every broken file; nothing is written.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_unsigned_workspace "$ws" || exit 1 # the fixture roster line for line
cd "$ws" || exit 1

# A request whose request.yaml has a known layout:
#  1 comment  2 title  3 source  4 initiator  5 created  6 due  7 departments
#  8 participants  9 background  10 goal  11 items  12 - action  13 acceptance
#  14 resources  15 - what
A=$(collab --as zhang request new --title T --background B --goal G --item "a :: b" \
    --due 2026-07-31 --dept cs --resource "r")
F="requests/$A/request.yaml"
expect_eq "$(sed -n '10p;13p' "$F")" "goal: G
    acceptance: b" "the fixture has goal on line 10 and acceptance on line 13"
B=$(collab --as zhao request new --title T2 --background B --goal G --item "a :: b" \
    --due 2026-07-31 --dept tech --resource "r")
FB="requests/$B/request.yaml"
git add -A && git commit -qm requests
cp "$F" "$E2E_ROOT/good.yaml"
cp "$FB" "$E2E_ROOT/goodB.yaml"
restore() { cp "$E2E_ROOT/good.yaml" "$F"; cp "$E2E_ROOT/goodB.yaml" "$FB"; }

# broken DESCRIPTION WANTED-STDERR-LINE: with $F broken, show, list, submit and check
# all exit 4 and print that line; nothing is written; then $F is restored.
broken() {
    local before
    before=$(snapshot "$ws")
    run collab request show "$A"
    expect_rc 4 "$1: request show"
    expect_line "$ERR" "$2" "$1: request show names the place"
    expect_eq "$OUT" "" "$1: request show prints nothing on stdout"
    run collab request list
    expect_rc 4 "$1: request list"
    expect_line "$ERR" "$2" "$1: request list names the place"
    run collab --as zhang request submit "$A"
    expect_rc 4 "$1: request submit"
    run collab check
    expect_rc 4 "$1: check"
    expect_line "$ERR" "$2" "$1: check names the place"
    expect_unchanged "$ws" "$before" "$1"
    restore
}

sed -i '13s/^    acceptance: b$/\tacceptance: b/' "$F"
broken "a tab in the indentation" "$F:13:1: error: a tab in the indentation; indent with spaces"

sed -i '10s/^goal: G$/goal: "G/' "$F"
broken "an unclosed quote" "$F:10:7: error: a quoted text is not closed"

sed -i '9s/^background: B$/title: again/' "$F"
broken "a duplicate key" "$F:9:1: error: duplicate key 'title' (first at line 2)"

sed -i '9s/^background: B$/background: \&text B/; 10s/^goal: G$/goal: *text/' "$F"
broken "an anchor and an alias" "$F:9:13: error: anchors and aliases are not allowed in collab files; write the value out"

sed -i '10s/^goal: G$/goal: *text/' "$F"
broken "an alias alone" "$F:10:7: error: anchors and aliases are not allowed in collab files; write the value out"

sed -i '10s/^goal: G$/goal: !!str G/' "$F"
broken "a tag" "$F:10:7: error: the tag '!!str' is not allowed in collab files; remove it"

sed -i '13s/^    acceptance: b$/   acceptance: b/' "$F"
broken "a wrong indentation" "$F:13:4: error: unexpected text here; check the indentation"

sed -i '10s/^goal: G$/goal: {a: 1/' "$F"
run collab request show "$A"
expect_rc 4 "an unclosed flow map"
expect_match "$ERR" "^$F:1[01]:[0-9]+: error: a '\{' map is not closed with '\}'$" "an unclosed flow map is named"
restore

# Nesting: the top-level map plus 63 levels is fine; one more is refused.
open=$(printf '%*s' 63 '' | tr ' ' '[')
close=$(printf '%*s' 63 '' | tr ' ' ']')
echo "deep: $open$close" >>"$F"
run collab request show "$A"
expect_rc 0 "nesting of 64 levels is allowed"
restore
echo "deep: [$open$close]" >>"$F"
broken "nesting deeper than 64" "$F:16:70: error: nesting deeper than 64 levels"
# Block nesting too.
{
    cat "$E2E_ROOT/good.yaml"
    for i in $(seq 0 65); do printf '%*sk%d:\n' $((2 * i)) '' "$i"; done
    printf '%*sv\n' 132 ''
} >"$F"
run collab request show "$A"
expect_rc 4 "block nesting deeper than 64"
expect_match "$ERR" "^$F:(7[0-9]|8[0-9]):[0-9]+: error: nesting deeper than 64 levels$" "block nesting names a line in the deep part"
restore

# Size: exactly 1 MiB is read; one byte more is refused before parsing.
size=$(wc -c <"$E2E_ROOT/good.yaml")
pad=$((1048576 - size - 3))
{
    cat "$E2E_ROOT/good.yaml"
    printf '# '
    head -c "$pad" /dev/zero | tr '\0' x
    printf '\n'
} >"$F"
expect_eq "$(wc -c <"$F" | tr -d ' ')" "1048576" "the padded file is exactly 1 MiB"
run collab request show "$A"
expect_rc 0 "a file of exactly 1 MiB is read"
printf '#\n' >>"$F"
broken "a file over 1 MiB" "$F:1:1: error: the file is 1048578 bytes, over the limit of 1048576; split it"

# Not a map at all.
echo "- just a list" >"$F"
broken "a list instead of a map" "$F:1:1: error: expected a map of 'key: value' lines here"
# An empty request.yaml (a bad merge, a truncated save) still has a place: line 1.
: >"$F"
broken "an empty request.yaml" "$F:1:1: error: expected a map of 'key: value' lines here"
# Text that is not UTF-8 cannot be trusted either: the bytes would reach JSON output.
printf 'title: \xff\xfe broken\n' >"$E2E_ROOT/latin"
{ sed -n 1p "$E2E_ROOT/good.yaml"; cat "$E2E_ROOT/latin"; sed -n '3,$p' "$E2E_ROOT/good.yaml"; } >"$F"
run collab request show "$A"
expect_rc 4 "a request.yaml that is not UTF-8"
expect_match "$ERR" "^$F:2:[0-9]+: error: " "the invalid UTF-8 is named with its line"
restore

# --- an unknown key: a warning naming the closest key; the command still works ---------
sed -i '10s/^goal: G$/goal: G\ngaol: typo kept/' "$F"
run collab request show "$A"
expect_rc 0 "an unknown key does not stop show"
expect_eq "$ERR" "$F:11:1: warning: unknown key 'gaol' (did you mean 'goal'?); it is kept" \
    "the unknown key is warned about with the closest known key"
expect_line "$OUT" "Title        T" "show still shows the form"
run collab --as zhang request submit "$A"
expect_rc 0 "an unknown key does not stop submit"
expect_contains "$ERR" "unknown key 'gaol' (did you mean 'goal'?)" "submit warns about the unknown key too"
expect_line "$(cat "$F")" "gaol: typo kept" "the unknown key is still in request.yaml after submit"
run collab check
expect_rc 0 "check: an unknown key is not an error"
expect_contains "$ERR" "unknown key 'gaol'" "check reports the unknown key"
expect_line "$OUT" "0 errors, 1 warning" "check counts the unknown key among its warnings"
git add -A && git commit -qm "submitted with an unknown key"
cp "$F" "$E2E_ROOT/good.yaml"

# --- a broken log ------------------------------------------------------------------------
L="requests/$A/log/zhang.yaml"
cp "$L" "$E2E_ROOT/log.yaml"
n=$(($(wc -l <"$L") + 1))
echo "stray: [" >>"$L"
run collab request show "$A"
expect_rc 4 "a broken log"
expect_match "$ERR" "^$L:$n:1: error: " "a broken log names its line"
expect_not_contains "$ERR" "'---'" "the message does not talk about a '---' that is not there"
cp "$E2E_ROOT/log.yaml" "$L"

# --- collab.yaml and people.yaml ------------------------------------------------------------
cp collab.yaml "$E2E_ROOT/collab.good"
n=$(($(wc -l <collab.yaml) + 1))
first=$(grep -n '^language:' collab.yaml | cut -d: -f1)
echo "language: zh" >>collab.yaml
for cmd in "people" "request list" "calendar add 2026-07-06 1" "check"; do
    # shellcheck disable=SC2086
    run collab $cmd
    expect_rc 4 "$cmd with a duplicate key in collab.yaml"
    expect_line "$ERR" "collab.yaml:$n:1: error: duplicate key 'language' (first at line $first)" \
        "$cmd names collab.yaml's duplicate key"
done
cp "$E2E_ROOT/collab.good" collab.yaml
sed -i 's/^language: en$/language: fr/' collab.yaml
run collab people
expect_rc 4 "an unsupported language in collab.yaml"
expect_line "$ERR" "collab.yaml:$first:11: error: language 'fr' is not supported; use zh or en" "the bad language is named"
cp "$E2E_ROOT/collab.good" collab.yaml
tz=$(grep -n '^time_zone:' collab.yaml | cut -d: -f1)
sed -i 's|^time_zone: .*|time_zone: Mars/Olympus|' collab.yaml
run collab people
expect_rc 4 "an unknown time zone"
expect_line "$ERR" "collab.yaml:$tz:12: error: time zone 'Mars/Olympus' is unknown; use an IANA name such as Asia/Shanghai" \
    "the unknown time zone is named"
cp "$E2E_ROOT/collab.good" collab.yaml
sed -i 's/^uncovered_years: error$/uncoverd_years: error/' collab.yaml
run collab people
expect_rc 0 "an unknown key in collab.yaml is only a warning"
expect_match "$ERR" "^collab\.yaml:[0-9]+:1: warning: unknown key 'uncoverd_years' \(did you mean 'uncovered_years'\?\); it is kept$" \
    "a misspelt setting gets a suggestion"
cp "$E2E_ROOT/collab.good" collab.yaml

cp people.yaml "$E2E_ROOT/people.good"
sed -i '17s/^    email: /\temail: /' people.yaml
run collab people
expect_rc 4 "a tab in people.yaml"
expect_eq "$ERR" "people.yaml:17:1: error: a tab in the indentation; indent with spaces" "people.yaml's tab is named"
cp "$E2E_ROOT/people.good" people.yaml

# A broken calendar.
cp calendars/cn-2026.yaml "$E2E_ROOT/cal.good"
n=$(grep -n 'from: 2026-10-01' calendars/cn-2026.yaml | cut -d: -f1)
sed -i 's/from: 2026-10-01/from: 2026-10-32/' calendars/cn-2026.yaml
run collab calendar add 2026-07-06 1
expect_rc 4 "an impossible date in the calendar"
expect_eq "$ERR" "calendars/cn-2026.yaml:$n:11: error: '2026-10-32' is not a date; write YYYY-MM-DD" \
    "the calendar's bad date is named"
cp "$E2E_ROOT/cal.good" calendars/cn-2026.yaml

# --- check reports every broken file, not just the first ------------------------------------
git add -A && git commit -qm base >/dev/null
# (request.yaml of A now has the kept 'gaol' line 11, so acceptance is on line 14)
sed -i '14s/^    acceptance: b$/\tacceptance: b/' "$F"
echo "title: again" >>"$FB"
nb=$(wc -l <"$FB")
run collab check
expect_rc 4 "check with two broken requests"
expect_line "$ERR" "$F:14:1: error: a tab in the indentation; indent with spaces" "check reports the first broken request"
expect_line "$ERR" "$FB:$nb:1: error: duplicate key 'title' (first at line 2)" "check reports the second broken request"
# ... and still reports them when the roster is broken as well.
sed -i '42s/manager: wang/manager: wnag/' people.yaml
run collab check
expect_rc 4 "check with a broken roster and two broken requests"
expect_line "$ERR" "people.yaml:42:14: error: manager 'wnag' of 'zhao' is not in the roster" "check reports the roster"
expect_line "$ERR" "$F:14:1: error: a tab in the indentation; indent with spaces" \
    "check reports a broken request even when the roster is broken"
expect_line "$ERR" "$FB:$nb:1: error: duplicate key 'title' (first at line 2)" \
    "check reports every broken request even when the roster is broken"
cp "$E2E_ROOT/people.good" people.yaml
restore
git checkout -q -- .

# A request folder whose request.yaml is gone is not silently skipped.
mv "$FB" "$E2E_ROOT/gone.yaml"
run collab check
if [ "$RC" -ne 0 ]; then pass; else fail "check passes a request folder with no request.yaml" "$OUT"; fi
expect_contains "$OUT$ERR" "$B" "check names the request whose form is missing"
mv "$E2E_ROOT/gone.yaml" "$FB"

# --- request new --file / request edit --file with bad YAML write nothing --------------------
printf 'title: Bad\nbackground: B\n\tgoal: G\n' >"$E2E_ROOT/bad.yaml"
before=$(snapshot "$ws")
n=$(count_requests "$ws")
run collab --as zhang request new --file "$E2E_ROOT/bad.yaml"
expect_rc 4 "request new --file with a tab"
expect_eq "$ERR" "$E2E_ROOT/bad.yaml:3:1: error: a tab in the indentation; indent with spaces" \
    "request new --file names the bad file's line"
expect_eq "$OUT" "" "no id is printed for a bad file"
expect_eq "$(count_requests "$ws")" "$n" "request new --file with bad YAML creates no request"
printf 'title: A\ntitle: B\n' >"$E2E_ROOT/dup.yaml"
run collab --as zhang request new --file "$E2E_ROOT/dup.yaml"
expect_rc 4 "request new --file with a duplicate key"
expect_eq "$ERR" "$E2E_ROOT/dup.yaml:2:1: error: duplicate key 'title' (first at line 1)" "the duplicate key in the file"
run collab --as zhao request edit "$B" --file "$E2E_ROOT/bad.yaml"
expect_rc 4 "request edit --file with bad YAML"
make_editor "$E2E_ROOT/break.sh" 'printf "\tbroken: yes\n" >>"$1"'
run env EDITOR="$E2E_ROOT/break.sh" "$COLLAB_BIN" --as zhao request edit "$B"
if [ "$RC" -ne 0 ]; then pass; else fail "request edit accepts YAML broken in the editor"; fi
expect_unchanged "$ws" "$before" "bad YAML given to new and edit"
expect_no_file "$ws/.collab/tmp" "no temporary files are left behind"

finish
