#!/usr/bin/env bash
# Records from a careless or hostile change: paths that lead outside the workspace,
# links, FIFOs and devices among the records, NUL bytes and bad UTF-8, and control
# characters in text. Nothing outside the workspace is read or written, nothing
# hangs, and what a terminal shows is escaped.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
A=$(req 2026-07-06 "Faster replies" --due 2026-07-31) || exit 1
# A command that must return promptly: a regression that hangs fails instead.
tcollab() { timeout 10 "$COLLAB_BIN" "$@"; }
commit "a request"

# A file outside the workspace that must never be shown, and a folder outside it
# that must never be written to.
SECRET_LINE="root-secret-hash: TOPSECRET-9f8e7d"
printf '%s\nother-secret: TOPSECRET-second-line\n' "$SECRET_LINE" >"$E2E_ROOT/secret"
mkdir -p "$E2E_ROOT/outside"
echo "canary" >"$E2E_ROOT/outside/canary"
outside_state() { (cd "$E2E_ROOT/outside" && find . | LC_ALL=C sort && cat canary); }
OUTSIDE_BEFORE=$(outside_state)
expect_outside_untouched() {
    expect_eq "$(outside_state)" "$OUTSIDE_BEFORE" "$1: nothing written outside the workspace"
}

# --- calendars: paths outside the workspace ---------------------------------------
for path in "../secret" "../../../../../../..$E2E_ROOT/secret" "$E2E_ROOT/secret"; do
    in_copy cal
    sed -i "s|^calendars:.*|calendars: [$path]|" collab.yaml
    run collab check
    expect_rc 4 "calendars: $path is refused"
    expect_not_contains "$OUT$ERR" "TOPSECRET" "calendars: $path: nothing of the file is shown"
    expect_match "$ERR" "^collab.yaml:[0-9]+:[0-9]+: error: field 'calendars': '$path' is not a path inside the workspace" \
        "calendars: $path: the error names collab.yaml, its line and the field"
done
cd "$ws" || exit 1

in_copy cal-link
mkdir -p "$E2E_ROOT/cal-outside"
cp "$E2E_ROOT/secret" "$E2E_ROOT/cal-outside/cn-2026.yaml"
cp "$E2E_ROOT/secret" "$E2E_ROOT/cal-outside/cn-2025.yaml"
rm -rf calendars
ln -s "$E2E_ROOT/cal-outside" calendars
run collab check
expect_rc 4 "a linked calendars/ folder is refused"
expect_not_contains "$OUT$ERR" "TOPSECRET" "a linked calendars/ folder: nothing of its files is shown"
expect_contains "$ERR" "'calendars' is a symbolic link" "a linked calendars/ folder: the link is named"
cd "$ws" || exit 1

# --- links among the records: reads and writes refused ----------------------------
in_copy log-link
mv "requests/$A/log" "$E2E_ROOT/outside/log"
ln -s "$E2E_ROOT/outside/log" "requests/$A/log"
OUTSIDE_BEFORE=$(outside_state)
run tcollab check
expect_rc 4 "a linked log/ folder: check fails"
expect_contains "$ERR" "requests/$A/log' is a symbolic link" "a linked log/ folder is named"
before=$(snapshot .)
run tcollab --as zhang request submit "$A"
expect_rc 4 "a linked log/ folder: submit is refused"
expect_unchanged . "$before" "a linked log/ folder: submit"
expect_outside_untouched "a linked log/ folder"
cd "$ws" || exit 1

in_copy requests-link
mv requests "$E2E_ROOT/outside/requests"
ln -s "$E2E_ROOT/outside/requests" requests
OUTSIDE_BEFORE=$(outside_state)
run tcollab check
expect_rc 4 "a linked requests/ folder: check fails"
expect_contains "$ERR" "'requests' is a symbolic link" "a linked requests/ folder is named"
run new_req zhang
expect_rc 4 "a linked requests/ folder: request new is refused"
expect_contains "$ERR" "'requests' is a symbolic link" "request new names the link"
expect_outside_untouched "a linked requests/ folder"
cd "$ws" || exit 1

in_copy request-link
B=R-7KQ2XM
cp -r "requests/$A" "$E2E_ROOT/outside/$B"
ln -s "$E2E_ROOT/outside/$B" "requests/$B"
mkdir -p requests/notes
echo "x" >requests/README.txt
OUTSIDE_BEFORE=$(outside_state)
run tcollab check
expect_rc 4 "a linked request folder: check fails"
expect_match "$ERR" "^requests/$B: error: 'requests/$B' is named like a request but is not a folder" \
    "a linked request folder is an error naming it"
expect_match "$ERR" "^requests/notes: warning: 'requests/notes' is not a request" \
    "a folder that is not a request id is a warning"
expect_match "$ERR" "^requests/README.txt: warning: 'requests/README.txt' is not a request" \
    "a file under requests/ is a warning"
before=$(snapshot .)
run tcollab --as zhang request submit "$B"
expect_rc 2 "a linked request folder is not a request to write to"
expect_unchanged . "$before" "a linked request folder: submit"
expect_outside_untouched "a linked request folder"
cd "$ws" || exit 1

in_copy state-link
rm -rf .collab
ln -s "$E2E_ROOT/outside" .collab
OUTSIDE_BEFORE=$(outside_state)
before=$(snapshot .)
run new_req zhang
expect_rc 4 "a linked .collab: a write command is refused"
expect_contains "$ERR" "'.collab' is a symbolic link" "a linked .collab is named"
expect_unchanged . "$before" "a linked .collab: request new"
run tcollab check
expect_outside_untouched "a linked .collab (lock and cache)"
cd "$ws" || exit 1

in_copy form-link
cp "requests/$A/request.yaml" "$E2E_ROOT/outside/request.yaml"
ln -sf "$E2E_ROOT/outside/request.yaml" "requests/$A/request.yaml"
OUTSIDE_BEFORE=$(outside_state)
run tcollab check
expect_rc 4 "a linked request.yaml: check fails"
expect_contains "$ERR" "requests/$A/request.yaml' is a symbolic link" "a linked request.yaml is named"
run tcollab --as zhang request edit "$A" --title "Changed"
expect_outside_untouched "a linked request.yaml"
cd "$ws" || exit 1

# --- FIFOs and devices: refused promptly ------------------------------------------
in_copy fifo
mkfifo "requests/$A/log/evil.yaml"
run tcollab check
expect_rc 4 "a FIFO in log/: check returns with an error (no hang)"
expect_contains "$ERR" "requests/$A/log/evil.yaml' is not a regular file" "a FIFO in log/ is named"
run tcollab check --no-cache
expect_rc 4 "a FIFO in log/: check --no-cache returns with an error"
run tcollab request show "$A"
expect_rc 4 "a FIFO in log/: request show returns with an error"
cd "$ws" || exit 1

in_copy device
ln -s /dev/zero "requests/$A/log/zero.yaml"
run tcollab check
expect_rc 4 "a device link in log/: check returns with an error"
expect_contains "$ERR" "requests/$A/log/zero.yaml' is a symbolic link" "a device link in log/ is named"
cd "$ws" || exit 1

# --- NUL and bad UTF-8 ------------------------------------------------------------
BAD_NAMES=(nul overlong surrogate above-max truncated stray)
BAD_BYTES=('\000' '\300\257' '\355\240\200' '\364\220\200\200' '\351\234' '\200')
for i in "${!BAD_NAMES[@]}"; do
    name=${BAD_NAMES[$i]}
    bytes=${BAD_BYTES[$i]}
    # A hand-edited form.
    in_copy "bad-form-$name"
    python3 - "requests/$A/request.yaml" "$bytes" <<'PY'
import sys
path, octal = sys.argv[1], sys.argv[2]
bad = bytes(int(o, 8) for o in octal.split('\\')[1:])
text = open(path, 'rb').read()
text = text.replace(b'title: Faster replies', b'title: Faster ' + bad + b' replies')
open(path, 'wb').write(text)
PY
    commit "hand edit"
    line=$(grep -an '^title:' "requests/$A/request.yaml" | cut -d: -f1)
    run collab check
    expect_rc 4 "$name in a hand-edited form: check fails"
    expect_match "$ERR" "^requests/$A/request.yaml:$line:15: error: the file (is not valid UTF-8|has a NUL byte) here" \
        "$name in a hand-edited form: file, line and column"
    before=$(snapshot .)
    run collab --as zhang request submit "$A"
    expect_rc 4 "$name in a hand-edited form: submit is refused"
    expect_unchanged . "$before" "$name in a hand-edited form: submit"
    cd "$ws" || exit 1

    # The same bytes given to a command: refused, nothing written.
    in_copy "bad-arg-$name"
    c --now 2026-07-06T09:10 --as zhang request submit "$A"
    commit "submitted"
    before=$(snapshot .)
    if [ "$name" = nul ]; then
        # An argument cannot hold a NUL byte; a form file can.
        sed 's/^title: .*/title: "x"/' "requests/$A/request.yaml" >"$E2E_ROOT/form.yaml"
        printf 'goal: a\000b\n' >>"$E2E_ROOT/form.yaml"
        run collab --as zhang request new --file "$E2E_ROOT/form.yaml"
        expect_rc 4 "a NUL byte in request new --file is refused"
        expect_contains "$ERR" "has a NUL byte here" "the NUL byte is named"
    else
        run collab --as li review "$A" --approve "${ALL_YES[@]}" --comment "$(printf "ok $bytes")"
        expect_rc 4 "$name in --comment is refused"
        expect_contains "$ERR" "is not valid UTF-8 at line" "$name in --comment: the reason is named"
    fi
    expect_unchanged . "$before" "$name given to a command"
    cd "$ws" || exit 1
done

# An editor that writes bad bytes: refused, nothing written.
in_copy bad-editor
make_editor "$E2E_ROOT/editor-bad.sh" "printf 'goal: x\\377\\n' >>\"\$1\""
before=$(snapshot .)
run env EDITOR="$E2E_ROOT/editor-bad.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 4 "bad UTF-8 from an editor is refused"
expect_unchanged . "$before" "bad UTF-8 from an editor"
cd "$ws" || exit 1

# --- control characters are shown escaped -----------------------------------------
in_copy ansi
EVIL=$(printf 'Evil \033[2J\033]0;pwned\007 ti\rtle')
E=$(req 2026-07-06 "$EVIL") || exit 1
ESC=$(printf '\033')
CR=$(printf '\r')
for cmd in "request show $E" "request list" "log $E" "--as zhang inbox" "check" \
    "check --format github"; do
    # shellcheck disable=SC2086 # the words of the command
    run collab $cmd
    expect_not_contains "$OUT$ERR" "$ESC" "collab $cmd: no raw escape character"
    expect_not_contains "$OUT$ERR" "$CR" "collab $cmd: no raw carriage return"
done
run collab request show "$E"
expect_contains "$OUT" 'Evil \x1b[2J\x1b]0;pwned\x07 ti\rtle' "request show shows the title escaped"
run collab request show "$E" --format json
expect_eq "$(py 'print(d["form"]["title"] == sys.argv[1])' "$EVIL" <<<"$OUT")" "True" \
    "JSON output stays valid JSON with the title exact"
cd "$ws" || exit 1

finish
