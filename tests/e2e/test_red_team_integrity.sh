#!/usr/bin/env bash
# An attacker with a text editor and no keys: `collab check` is not fooled. A log cut at
# every byte offset is reported against that log (or, cut exactly between entries, is a
# valid earlier state); collab never crashes and never writes. Content hashes removed
# (record.content-missing), replaced by the hash of an edited form in one person's log
# (record.content-mismatch), a hand edit of an approved form (form.changed-after-approval),
# a request folder copied under a new id, an entry dated in the future (event.future,
# deadlines still run) and seqs out of range (file:line, and no overflow).
. "$(dirname "$0")/lib.sh"

# --- helpers of this script ------------------------------------------------------------
rules_of() { py 'print("\n".join(sorted({f["rule"] for f in d["findings"]})))' <<<"$1"; }
# finding JSON RULE: "request person file" of every finding of RULE, one a line.
finding() {
    py 'for f in d["findings"]:
    if f["rule"] == sys.argv[1]: print(f["request"], f["person"], f["file"])' "$2" <<<"$1"
}
# error_files JSON: the file of every error finding, one a line.
error_files() {
    py 'print("\n".join(sorted({f["file"] for f in d["findings"] if f["severity"] == "error"})))' <<<"$1"
}

ws="$E2E_ROOT/ws"
new_workspace "$ws" || exit 1
cd "$ws" || exit 1
# Integrity without keys: what holds even when nothing is signed (test_signatures.sh
# covers the signed case, where a cut or edited entry also fails its signature).
sed -i 's/^signatures: required$/signatures: off/' collab.yaml
git add -A && git commit -qm "signatures off" >/dev/null

# A: one department (cs): zhang creates and submits, li approves and signs, zhang signs,
# li acknowledges the final version. li's log is cut below; a copy of it is kept after
# each of li's entries.
A=$(new_req zhang --due 2026-07-31 --now 2026-07-06T09:00)
c --now 2026-07-06T09:10 --as zhang request submit "$A"
c --now 2026-07-06T09:30 --as li review "$A" --approve "${ALL_YES[@]}" --comment "Go ahead"
cp "requests/$A/log/li.yaml" "$E2E_ROOT/li.1"
c --now 2026-07-06T10:00 --as zhang sign "$A"
c --now 2026-07-06T10:30 --as li sign "$A"
cp "requests/$A/log/li.yaml" "$E2E_ROOT/li.2"
c --now 2026-07-06T11:00 --as li ack "$A"
cp "requests/$A/log/li.yaml" "$E2E_ROOT/li.3"
commit "A final and acknowledged"
NOW=2026-07-06T12:00
run collab check --now $NOW
expect_rc 0 "the untouched workspace passes"
expect_eq "$(state "$A")" "final" "A is final"
log=$(cat "requests/$A/log/li.yaml")
expect_eq "$(tail -n 1 <<<"$log")" "  content: $(content "$A")" \
    "an entry ends with its full content hash (64 hex digits), so a cut entry loses it"
expect_match "$(tail -n 1 <<<"$log")" '^  content: [0-9a-f]{64}$' "the hash is the full SHA-256"

# === a log cut at every byte offset ======================================================
full="$E2E_ROOT/li.full"
cp "requests/$A/log/li.yaml" "$full"
size=$(wc -c <"$full")
LI="requests/$A/log/li.yaml"
# The offsets exactly between two entries: after li's first and second entries.
cut1=$(wc -c <"$E2E_ROOT/li.1")
cut2=$(wc -c <"$E2E_ROOT/li.2")
expect_eq "$(head -c "$cut2" "$full" | cmp - "$E2E_ROOT/li.2" && head -c "$cut1" "$full" | cmp - "$E2E_ROOT/li.1" && echo prefixes)" \
    "prefixes" "the log only grew: each earlier copy is a prefix of it"
before=$(snapshot .)
cut_file="$E2E_ROOT/cut"
crashes=0 unblamed=0 blamed_others=0 not_clean=0 wrote=0
for ((cut = 0; cut < size; cut++)); do
    head -c "$cut" "$full" >"$cut_file"
    cp "$cut_file" "$LI"
    run collab check --now $NOW --request "$A"
    cmp -s "$cut_file" "$LI" || wrote=$((wrote + 1))
    if [ "$RC" -ge 128 ]; then
        crashes=$((crashes + 1))
        printf 'cut at %d: exit %d\n%s\n' "$cut" "$RC" "$ERR" >&2
        continue
    fi
    if [ "$cut" -eq "$cut1" ] || [ "$cut" -eq "$cut2" ]; then
        # Exactly between two entries: the request as it stood after li's entry, valid.
        if [ "$RC" -ne 0 ]; then
            not_clean=$((not_clean + 1))
            printf 'cut at %d (an entry boundary): exit %d\n%s\n%s\n' "$cut" "$RC" "$OUT" "$ERR" >&2
        fi
        continue
    fi
    # Anywhere else: an error that names li's log, and nothing about anyone else's log.
    case "$OUT$ERR" in
    *"$LI"*) [ "$RC" -ne 0 ] || unblamed=$((unblamed + 1)) ;;
    *)
        unblamed=$((unblamed + 1))
        printf 'cut at %d: li.yaml not named (exit %d)\n%s\n%s\n' "$cut" "$RC" "$OUT" "$ERR" >&2
        ;;
    esac
    case "$OUT$ERR" in
    *"requests/$A/log/zhang.yaml"*)
        blamed_others=$((blamed_others + 1))
        printf 'cut at %d blames zhang.yaml\n%s\n%s\n' "$cut" "$OUT" "$ERR" >&2
        ;;
    esac
done
cp "$full" "$LI"
expect_unchanged . "$before" "no check of a cut log wrote any file"
expect_eq "$crashes" "0" "no cut of the log crashes collab (exit < 128)"
expect_eq "$wrote" "0" "check writes nothing to the cut log, whatever the cut"
expect_eq "$unblamed" "0" "every cut inside an entry is an error naming the cut log"
expect_eq "$blamed_others" "0" "no cut is blamed on another person's log"
expect_eq "$not_clean" "0" "a cut exactly between entries is a valid earlier state (exit 0)"
# The cut after the first entry is the request as it stood before li signed.
cp "$E2E_ROOT/li.1" "$LI"
run collab request show "$A" --now $NOW --format json
expect_contains "$OUT" '"state": "approved"' "cut after the review: approved, li's signature gone"
cp "$full" "$LI"
# A cut inside the header, or right after it, leaves a log with no entry.
head -n 3 "$full" >"$LI"
run collab check --now $NOW
expect_rc 4 "a log with its header only"
expect_contains "$ERR" "$LI:1:1: error: this log holds no entry" "an empty log is an error at the log"
head -c 200 "$full" >"$LI"
run collab check --now $NOW
expect_rc 4 "a log cut inside a line"
expect_contains "$ERR" "this log ends in the middle of a line: it was cut short" "the cut is named"
cp "$full" "$LI"

# === content hashes removed ==============================================================
in_copy removed
sed -i '/^  content: /d' requests/"$A"/log/*.yaml
run collab check --now $NOW --format json
expect_rc 1 "check fails once the hashes are removed"
# The edited entries also no longer match the prev chain of their own logs (log.chain).
expect_eq "$(rules_of "$OUT")" "log.chain
record.content-missing" \
    "only record.content-missing and log.chain: what follows from the broken entries is not blamed on anyone"
expect_eq "$(finding "$OUT" record.content-missing | sort | uniq -c | sed 's/^ *//')" \
    "3 $A li requests/$A/log/li.yaml
3 $A zhang requests/$A/log/zhang.yaml" "each entry without its hash, at its own log"
run collab request show "$A" --now $NOW --format json
expect_contains "$OUT" '"state": "draft"' "entries without a hash do not apply: not even created"
run collab --lang zh check --now $NOW
expect_contains "$OUT" "没有内容哈希" "the finding in Chinese"
cd "$ws" || exit 1

# === a hash replaced by the hash of an edited form =======================================
in_copy replaced
old=$(content "$A")
sed -i 's/^goal: .*/goal: Reply within 5 minutes/' "requests/$A/request.yaml"
new=$(content "$A")
sed -i "s/$old/$new/" "requests/$A/log/zhang.yaml"
run collab check --now $NOW --format json
expect_rc 1 "the edited form with zhang's hashes replaced is found"
expect_eq "$(finding "$OUT" record.content-mismatch)" "$A li requests/$A/log/li.yaml" \
    "li's approval was of the old content: it does not apply to the new one"
expect_eq "$(state "$A")" "submitted" "without a valid approval A is not final"
cd "$ws" || exit 1

# === a hand edit of an approved form, not yet final ======================================
B=$(new_req zhang --due 2026-07-31 --now 2026-07-06T09:00)
c --now 2026-07-06T09:10 --as zhang request submit "$B"
c --now 2026-07-06T09:30 --as li review "$B" --approve "${ALL_YES[@]}"
c --now 2026-07-06T10:00 --as zhang sign "$B"
commit "B approved, zhang signed"
run collab check --now $NOW --request "$B"
expect_rc 0 "B approved: nothing to report"
sed -i 's/^goal: .*/goal: Reply within 5 minutes/' "requests/$B/request.yaml"
before=$(snapshot .)
run collab check --now $NOW --request "$B" --format json
expect_rc 1 "a hand edit of an approved form fails check"
expect_eq "$(finding "$OUT" form.changed-after-approval)" "$B zhang requests/$B/request.yaml" \
    "form.changed-after-approval, for the initiator"
expect_unchanged . "$before" "check writes nothing"
refused "li cannot sign the hand-edited form" frozen collab --now $NOW --as li sign "$B"
run collab request show "$B" --now $NOW --format json
expect_contains "$OUT" '"state": "approved"' "B stays approved"
git checkout -q -- .
run collab check --now $NOW --request "$B"
expect_rc 0 "restoring the recorded text clears it"

# === a request folder copied under a new id ==============================================
in_copy copied
COPY=${A%-*}-ZZZZZZ
cp -r "requests/$A" "requests/$COPY"
run collab check --now $NOW
expect_rc 4 "a copied folder does not replay under its new id"
expect_contains "$ERR" "requests/$COPY/log/li.yaml:1:1: error: this log is of request $A, not of $COPY" \
    "each log names the request it belongs to"
expect_contains "$ERR" "requests/$COPY/log/zhang.yaml:1:1" "zhang's copied log too"
mv "requests/$COPY/log/li.yaml" "requests/$COPY/log/wang.yaml"
sed -i "s/for request $A\./for request $COPY./" requests/"$COPY"/log/*.yaml
run collab check --now $NOW
expect_rc 4 "a log renamed to another person"
expect_contains "$ERR" "requests/$COPY/log/wang.yaml:1:1: error: this log is of li, not of wang" \
    "the log names its person"
cd "$ws" || exit 1

# === an entry dated in the future ========================================================
# Judged at the machine's clock (no --now): with a --now, later entries are the future the
# replay leaves out. C was submitted 30 days before today, so its review is overdue
# whatever today is; the calendars `init` installed cover this year and the last.
day=$(date -d '30 days ago' +%Y-%m-%d)
C=$(new_req zhang --now "${day}T09:00")
# The first working day a week or more later is its due date (the form rule refuses others).
for k in $(seq 7 30); do
    sed -i "s/^due:.*/due: $(date -d "$day + $k days" +%Y-%m-%d)/" "requests/$C/request.yaml"
    collab --now "${day}T09:10" --as zhang request submit "$C" >/dev/null 2>&1 && break
done
expect_eq "$(state "$C")" "submitted" "C submitted 30 days ago"
commit "C submitted"
hash=$(content "$C")
cat >"requests/$C/log/li.yaml" <<EOF
# collab log of li for request $C.
# Append-only: each entry is one action, written by collab. Do not edit
# or reorder entries; \`collab check\` verifies them.
- seq: 3
  at: 2099-01-01T09:00:00+08:00
  by: li
  action: review
  decision: approve
  checks:
    goals: "yes"
    resources: "yes"
    breakdown: "yes"
  content: $hash
EOF
before=$(snapshot .)
run collab check --request "$C" --format json
expect_rc 1 "an entry dated 2099 is a finding"
expect_eq "$(finding "$OUT" event.future)" "$C li requests/$C/log/li.yaml" "event.future at li's log"
expect_eq "$(finding "$OUT" review.overdue)" "$C li requests/$C/request.yaml" \
    "the review deadline still runs: the future approval does not stall it"
expect_unchanged . "$before" "check writes nothing"
run collab check --now "${day}T12:00" --request "$C" --format json
expect_eq "$(rules_of "$OUT")" "" "replayed with a --now, the later entry is simply not there yet"
rm "requests/$C/log/li.yaml"

# === seq out of range ====================================================================
in_copy seqs
D=$(new_req zhang --due 2026-07-31 --now 2026-07-06T09:00)
# A log as an earlier release wrote it, without the prev chain, so that the entry added
# by hand below is judged for its seq alone.
sed -i '/^  prev: /d' "requests/$D/log/zhang.yaml"
cat >>"requests/$D/log/zhang.yaml" <<EOF
- seq: 9223372036854775807
  at: 2026-07-06T09:10:00+08:00
  by: zhang
  action: submit
  to: li
  content: $(content "$D")
EOF
run collab check --now $NOW
expect_rc 4 "seq 2^63-1 is out of range"
seq_line=$(grep -n '^- seq: 9223372036854775807$' "requests/$D/log/zhang.yaml" | cut -d: -f1)
expect_contains "$ERR" "requests/$D/log/zhang.yaml:$seq_line:8: error: seq 9223372036854775807 is out of range; a seq is a whole number from 1 to 9007199254740992" \
    "the seq is named at its file and line"
sed -i 's/^- seq: 9223372036854775807$/- seq: 9007199254740992/' "requests/$D/log/zhang.yaml"
run collab check --now $NOW --request "$D"
expect_rc 0 "seq 2^53 is the largest allowed"
before=$(snapshot .)
run collab --now $NOW --as li review "$D" --approve "${ALL_YES[@]}"
expect_rc 4 "no entry can follow seq 2^53"
expect_contains "$ERR" "has an entry with seq 9007199254740992, the largest allowed" "the writer says why"
expect_unchanged . "$before" "nothing is written"
sed -i 's/^- seq: 9007199254740992$/- seq: 0/' "requests/$D/log/zhang.yaml"
run collab check --now $NOW
expect_rc 4 "seq 0 is out of range"
sed -i 's/^- seq: 0$/- seq: -5/' "requests/$D/log/zhang.yaml"
run collab check --now $NOW
expect_rc 4 "a negative seq is out of range"
expect_contains "$ERR" "seq -5 is out of range" "named"
cd "$ws" || exit 1

# === a content hash of the wrong length or alphabet ======================================
in_copy badhash
sed -i "0,/^  content: .*/s//  content: ${old:0:20}/" "requests/$A/log/li.yaml"
run collab check --now $NOW
expect_rc 4 "a 20-digit hash is an error"
expect_match "$ERR" "^requests/$A/log/li.yaml:[0-9]+:12: error: 'content: ${old:0:20}' is not a content hash" \
    "at its file and line"
cd "$ws" || exit 1

finish
