#!/usr/bin/env bash
# No self-inflicted lock-out: a free-text field holds at most 16 KiB (a longer note is
# refused, naming the field, and nothing is written), and a log that grows past 256 KiB
# continues in a new segment (log/<person>+2.yaml, +3, ...) read in order as one log, so
# that many long notes never push a file past the 1 MiB read limit: every entry replays
# and `collab check` is clean. A hand-made log over 1 MiB is still refused, with a message
# saying how to split it; a file in log/ that is no log name, and a missing segment, are
# errors naming the file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
ws=$E2E_ROOT/ws
split_request
export COLLAB_NOW=2026-07-08T17:30

# --- a note over the limit -------------------------------------------------------------------------
big=$(head -c 120000 /dev/zero | tr '\0' 'n')
before=$(snapshot .)
run collab --as chen progress "$RID/T1" --note "$big" --percent 10
expect_rc 2 "a 120 kB note is refused"
expect_eq "$ERR" "collab: error: 'note' is 120000 bytes; free text is limited to 16384 bytes per field (see collab(5)): shorten it, or put long material in a file in the repository and name that file; nothing was written" \
    "the refusal names the field and the limit"
expect_unchanged . "$before" "nothing is written"

# --- many notes at the limit: segments --------------------------------------------------------------
note=$(head -c 16000 /dev/zero | tr '\0' 'a')
for i in $(seq 1 40); do
    collab --as chen progress "$RID/T1" --note "$i $note" --percent "$((i * 2))" >/dev/null 2>"$E2E_ROOT/err" ||
        fail "progress note $i" "$(cat "$E2E_ROOT/err")"
done
run collab --as chen progress "$RID/T1" --note "$(head -c 16385 /dev/zero | tr '\0' 'a')"
expect_rc 2 "one byte over the limit is refused"
segments=$(cd "requests/$RID/log" && ls chen*)
expect_eq "$segments" "chen+2.yaml
chen+3.yaml
chen.yaml" "the log continues in segments"
for f in requests/"$RID"/log/chen*; do
    size=$(wc -c <"$f")
    if [ "$size" -le 262144 ]; then pass; else fail "$f is $size bytes, over 256 KiB"; fi
    expect_eq "$(head -n 1 "$f")" "# collab log of chen for request $RID." "$f starts with the log header"
done
run collab log "$RID" --format json
expect_rc 0 "the log reads"
expect_eq "$(py 'print(sum(1 for e in d["events"] if e["action"] == "progress"))' <<<"$OUT")" 40 \
    "every progress entry replays"
run collab task show "$RID/T1" --format json
expect_eq "$(py 'print(d["percent"])' <<<"$OUT")" 80 "the last note of the last segment counts"
run collab check
expect_rc 0 "check is clean"
commit "forty notes"

# --- a log over 1 MiB, made by hand: refused, saying how to fix it ----------------------------------
in_copy oversized
log=requests/$RID/log/chen.yaml
cat "requests/$RID/log/chen+2.yaml" "requests/$RID/log/chen+3.yaml" >>"$log"
rm "requests/$RID/log/chen+2.yaml" "requests/$RID/log/chen+3.yaml"
while [ "$(wc -c <"$log")" -le 1048576 ]; do printf '# %s\n' "$note" >>"$log"; done
size=$(wc -c <"$log")
run collab check
expect_rc 4 "an oversized log is refused"
expect_contains "$ERR" "$log:1:1: error: the log is $size bytes, over the limit of 1048576; split it: keep the first entries here and move the later ones, under a copy of the header, to the next segment log/chen+2.yaml (see collab(5))" \
    "the message says how to split it"

# --- names in log/ ----------------------------------------------------------------------------------
in_copy names
echo "notes" >"requests/$RID/log/chen-notes.txt"
run collab check
expect_rc 4 "a stray file in log/ is an error"
expect_contains "$ERR" "requests/$RID/log/chen-notes.txt: error: this is not a log name: a log is log/<person>.yaml, continued in log/<person>+2.yaml, +3, ... (see collab(5)); rename or remove the file" \
    "it is named"
in_copy gap
mv "requests/$RID/log/chen+2.yaml" "requests/$RID/log/chen+4.yaml"
run collab task show "$RID/T1"
expect_rc 4 "a missing segment is an error"
expect_contains "$ERR" "requests/$RID/log/chen+3.yaml: error: this log segment does not follow on from the one before it" \
    "the first segment out of order is named"
cd "$ws" 2>/dev/null || true

finish
