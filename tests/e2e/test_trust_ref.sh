#!/usr/bin/env bash
# `collab check --trust-ref REF` in a pull request: main holds a workspace (in a
# subfolder of the repository) with history; each branch does one thing a pull request
# must not get past the gate. Deleting an entry from the middle of a log, truncating a
# log, deleting a log or a request folder: log.rewritten (each passes a plain check).
# Giving someone another person's delegate in people.yaml and using it: main's roster
# judges the entry (transition.illegal) and trust.roster-changed names the reviewers.
# Turning a rule off in collab.yaml: main's settings still report it, plus
# trust.config-changed. An entry dated after the commit that added it:
# event.after-commit (within the clock-skew tolerance: nothing). A branch that only
# appends legitimate entries passes. Every report format carries the new rules; a REF
# that is no commit and a workspace outside git are usage errors; COLLAB_TRUST_REF.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-15T12:00 # a Wednesday

repo="$E2E_ROOT/repo"
ws="$repo/ws"
mkdir -p "$ws"
git -C "$repo" init -q
(cd "$ws" && collab init --lang en --name e2e >/dev/null) || exit 1
write_roster "$ws/people.yaml"
register_keys "$ws" || exit 1
cd "$ws" || exit 1
commit "workspace"
# A: final (zhang, li and chen signed); B: submitted to li, review due 07-16.
A=$(json_id "$(req 2026-07-13 "Shared reply inbox" --due 2026-07-31 --format json)")
final "$A" 2026-07-13
B=$(json_id "$(req 2026-07-14 "Reply templates" --due 2026-07-31 --format json)")
c --now 2026-07-14T09:10 --as zhang request submit "$B"
commit "A final, B submitted"
run collab check --trust-ref main
expect_rc 0 "main against itself: clean"
expect_eq "$OUT" "0 errors, 0 warnings" "main against itself: nothing to say"

# branch NAME: a new branch NAME off main, checked out.
branch() { git checkout -q -B "$1" main; }
# entry_line FILE N: the line at which the Nth entry of a log starts.
entry_line() { awk -v n="$2" '/^- /{k++; if (k == n) {print NR; exit}}' "$1"; }
# drop_entry FILE N: removes the Nth entry of a log.
drop_entry() {
    python3 - "$1" "$2" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path).read().splitlines(keepends=True)
starts = [i for i, l in enumerate(lines) if l.startswith("- ")] + [len(lines)]
del lines[starts[n - 1]:starts[n]]
open(path, "w").write("".join(lines))
PY
}
# rules_of JSON: the sorted rule ids of a JSON report.
rules_of() { py 'print("\n".join(sorted(f["rule"] for f in d["findings"])))' <<<"$1"; }

# === A: an entry deleted from the middle of a log ====================================
branch middle
log="requests/$A/log/zhang.yaml"
line=$(entry_line "$log" 2)
drop_entry "$log" 2 # zhang's submit
commit "drop an entry"
run collab check --trust-ref main
expect_rc 1 "an entry deleted from the middle: check fails"
expect_contains "$OUT" "$log:$line:1: error: $log: the entry at line $line (as it stands at main) was removed, reordered or rewritten; a log is only appended to. Restore the file (git checkout main -- $log) and append instead [log.rewritten]" \
    "log.rewritten names the file and the first entry removed"
# Every report format carries it; CI formats name the file from the repository's root.
for format in json junit github gitlab sarif; do
    run collab check --trust-ref main --format "$format"
    expect_rc 1 "--format $format: exit 1"
    expect_contains "$OUT" "log.rewritten" "--format $format names log.rewritten"
done
run collab check --trust-ref main --format github
expect_contains "$OUT" "file=ws/$log,line=$line" "github: the file from the repository's root"
run collab check --trust-ref main --format json
expect_eq "$(rules_of "$OUT" | grep -c '^log.rewritten$')" "1" "json: one log.rewritten"
# COLLAB_TRUST_REF is the same as the option, for CI.
run env COLLAB_TRUST_REF=main "$COLLAB_BIN" check
expect_rc 1 "COLLAB_TRUST_REF=main: check fails"
expect_contains "$OUT" "[log.rewritten]" "COLLAB_TRUST_REF=main: log.rewritten"
# --rule selects it, --explain explains it.
run collab check --trust-ref main --rule trust
expect_rc 1 "--rule trust keeps it"
expect_contains "$OUT" "[log.rewritten]" "--rule trust: log.rewritten"
run collab check --explain log.rewritten
expect_rc 0 "--explain log.rewritten"
expect_contains "$OUT" "a log is only ever appended to" "--explain log.rewritten explains it"
git checkout -q main

# === B: truncated, deleted log, deleted request folder: each passes a plain check ====
branch truncate
log="requests/$A/log/zhang.yaml"
line=$(entry_line "$log" 3)
drop_entry "$log" 3 # zhang's signature: A falls back to approved
commit "truncate"
expect_eq "$(state "$A")" "approved" "truncated: A is approved again"
run collab check
expect_rc 0 "truncated log: a plain check passes"
run collab check --trust-ref main
expect_rc 1 "truncated log: check --trust-ref fails"
expect_contains "$OUT" "$log:$line:1: error: $log: the entry at line $line (as it stands at main)" \
    "truncated: the first entry gone"
git checkout -q main

branch deletelog
rm "requests/$A/log/chen.yaml"
commit "delete chen's log"
run collab check
expect_rc 0 "deleted log: a plain check passes"
run collab check --trust-ref main
expect_rc 1 "deleted log: check --trust-ref fails"
expect_contains "$OUT" "requests/$A/log/chen.yaml exists at main but was deleted; a log is never deleted. Restore it (git checkout main -- requests/$A/log/chen.yaml) [log.rewritten]" \
    "deleted log: log.rewritten names it"
git checkout -q main

branch deleterequest
rm -r "requests/$B"
commit "delete B"
run collab check
expect_rc 0 "deleted request folder: a plain check passes"
run collab check --trust-ref main --format json
expect_rc 1 "deleted request folder: check --trust-ref fails"
expect_eq "$(py 'for f in d["findings"]: print(f["rule"], f["request"], f["file"])' <<<"$OUT")" \
    "log.rewritten $B requests/$B/log/zhang.yaml" "deleted request folder: its log is named"
git checkout -q main

# A log rewritten but not committed is found too (the working tree is compared).
drop_entry "requests/$A/log/li.yaml" 1
run collab check --trust-ref main
expect_rc 1 "uncommitted rewrite: check fails"
expect_contains "$OUT" "requests/$A/log/li.yaml:4:1: error:" "uncommitted rewrite: li's first entry"
git checkout -q -- .

# === C: another person's delegate given in people.yaml, and used =====================
branch roster
sed -i 's/delegate: chen /delegate: sun  /' people.yaml # li's delegate: sun instead of chen
c --now 2026-07-15T10:00 --as sun review "$B" --approve "${ALL_YES[@]}"
commit "sun reviews for li"
run collab check
expect_rc 0 "the branch's own roster: a plain check passes"
run collab check --trust-ref main
expect_rc 1 "main's roster: sun is not li's delegate"
expect_contains "$OUT" "requests/$B/log/sun.yaml:4:3: error: the 'review' entry by sun is not legal at that point of $B" \
    "the review by sun is judged by main's roster"
expect_contains "$OUT" "people.yaml:15:1: warning: people.yaml changes li: delegate (differs from main); to be reviewed by 王强 (wang), 钱峰 (qian) [trust.roster-changed]" \
    "trust.roster-changed: what changed and who reviews it"
run collab check --trust-ref main --format json
expect_eq "$(rules_of "$OUT")" "transition.illegal
trust.roster-changed" "roster branch: exactly these findings"
git checkout -q main

# A role added for someone: reviewed by the head of their department.
sed -i '0,/roles: \[\]/s//roles: [department-head]/' people.yaml # zhang (cs)
run collab check --trust-ref main
expect_contains "$OUT" "people.yaml changes zhang: roles (differs from main); to be reviewed by 李华 (li)" \
    "a role for zhang: li reviews it"
expect_contains "$OUT" "people.yaml:" "the broken roster (two heads of cs) is reported"
expect_contains "$OUT" "[file.invalid]" "the working tree's roster is checked as it will be read"
git checkout -q -- .

# === C2: a forged approval, and a key of one's own registered for someone else ==========
# The workspace requires signatures. A hand-written approval in li's log carries no
# signature: not applied, signature.missing. A branch that registers a new key for li
# and signs with it is judged by main's roster, where that key is not li's.
branch forged
printf '# collab log of li for request %s.\n' "$B" >"requests/$B/log/li.yaml"
cat >>"requests/$B/log/li.yaml" <<EOF
- seq: 9
  at: 2026-07-15T10:00:00+08:00
  by: li
  action: review
  decision: approve
  checks:
    goals: yes
    resources: yes
    breakdown: yes
  content: $(content "$B")
EOF
commit "li approves (written by hand)"
run collab check --trust-ref main --format json
expect_rc 1 "a forged approval: check fails"
expect_contains "$(rules_of "$OUT")" "signature.missing" "a forged approval: signature.missing"
expect_eq "$(state "$B")" "submitted" "a forged approval is not applied"
git checkout -q main
branch ownkey
ssh-keygen -q -t ed25519 -N '' -C mallory -f "$E2E_ROOT/mallory"
ssh-add -q -d "$E2E_KEYS/li.pub" 2>/dev/null
ssh-add -q "$E2E_ROOT/mallory" 2>/dev/null
c --as li key add "$E2E_ROOT/mallory.pub"
c --now 2026-07-15T10:00 --as li review "$B" --approve "${ALL_YES[@]}"
commit "li's review, signed with a key the branch registered for li"
run collab check
expect_rc 0 "the branch's own roster: a plain check passes"
run collab check --trust-ref main --format json
expect_rc 1 "main's roster: the key is not li's"
expect_eq "$(rules_of "$OUT")" "signature.unknown_key
trust.roster-changed" "own-key branch: signature.unknown_key and the roster change for review"
ssh-add -q -d "$E2E_ROOT/mallory.pub" 2>/dev/null
ssh-add -q "$E2E_KEYS/li" 2>/dev/null
git checkout -q main

# === D: a rule turned off in collab.yaml ===============================================
branch config
sed -i 's/^    days: 2 .*/    days: 2\n    severity: off/' collab.yaml
commit "turn review off"
run collab --now 2026-07-20T12:00 check
expect_rc 0 "the branch's own settings: review.overdue is off"
run collab --now 2026-07-20T12:00 check --trust-ref main --format json
expect_rc 1 "main's settings: review.overdue still counts"
expect_eq "$(rules_of "$OUT")" "review.overdue
trust.config-changed" "config branch: review.overdue and trust.config-changed"
run collab --now 2026-07-20T12:00 check --trust-ref main
line=$(grep -n 'severity: off' collab.yaml | cut -d: -f1)
expect_contains "$OUT" "collab.yaml:$line:1: warning: collab.yaml changes rules.review.severity (differs from main; the check used main's settings); to be reviewed by 李华 (li), 王强 (wang), 钱峰 (qian) [trust.config-changed]" \
    "trust.config-changed names the setting and every head"
git checkout -q main

# === E: entries dated after the commit that added them =================================
branch aftercommit
c --now 2026-07-15T11:00 --as li review "$B" --approve "${ALL_YES[@]}"
git add -A && GIT_COMMITTER_DATE="2026-07-15T10:00:00+08:00" git commit -qm "backdated commit"
run collab check --trust-ref main
expect_rc 1 "an entry an hour after its commit: check fails"
sha=$(git rev-parse HEAD | cut -c1-10)
expect_contains "$OUT" "requests/$B/log/li.yaml:4:3: error: the 'review' entry is dated 2026-07-15T11:00:00+08:00, after commit $sha that added it was made (2026-07-15T10:00:00+08:00, 5 minutes of clock skew allowed); an entry cannot be recorded after it was committed [event.after-commit]" \
    "event.after-commit names the entry, its time and the commit"
branch withinskew
c --now 2026-07-15T11:00 --as li review "$B" --approve "${ALL_YES[@]}"
git add -A && GIT_COMMITTER_DATE="2026-07-15T10:57:00+08:00" git commit -qm "skewed clock"
run collab check --trust-ref main
expect_rc 0 "three minutes of clock skew: allowed"
git checkout -q main

# === F: a branch that only appends legitimate entries passes ===========================
branch legit
c --now 2026-07-15T10:00 --as li review "$B" --approve "${ALL_YES[@]}"
for p in zhang li chen; do c --now 2026-07-15T11:00 --as "$p" sign "$B"; done
commit "B final"
c --now 2026-07-15T11:30 --as zhang ack "$A" 2>/dev/null || true
commit "more"
run collab check --trust-ref main
expect_rc 0 "only appended entries: check passes"
expect_eq "$OUT" "0 errors, 0 warnings" "only appended entries: nothing to say"
# A branch behind main: main's later entries are not the branch's to have.
git checkout -q main
c --now 2026-07-15T10:30 --as li review "$B" --return --check goals=yes --check resources=no \
    --check breakdown=yes --comment "Say which templates"
commit "main moves on"
git checkout -q legit
run collab check --trust-ref main
expect_rc 0 "a branch behind main is compared from where it left main"
git checkout -q main

# === usage errors ===========================================================================
run collab check --trust-ref no-such-ref
expect_rc 2 "a REF that is no commit: usage error"
expect_eq "$ERR" "collab: error: 'no-such-ref' is not a commit of this repository; fetch it first (git fetch origin main) or name another with --trust-ref" \
    "a REF that is no commit: said plainly"
run collab check --trust-ref --upload-pack=x
expect_rc 2 "a REF that looks like an option: usage error"
outside="$E2E_ROOT/outside"
cp -r "$ws" "$outside"
run collab -C "$outside" check --trust-ref main
expect_rc 2 "a workspace outside git: usage error"
expect_eq "$ERR" "collab: error: --trust-ref needs a git repository, and $outside is not in one" \
    "a workspace outside git: said plainly"
run collab -C "$outside" check
expect_rc 0 "without --trust-ref nothing changes"

finish
