#!/usr/bin/env bash
# The digest cache of `collab check` and `collab inbox` (.collab/cache/digests): derived,
# never wrong. On a synthetic workspace of requests in every state (collab-gen-workspace,
# beside $COLLAB_BIN; the test is skipped without it), checked at 2026-11-26 10:00:
#  1. cold, warm and --no-cache give the same report and exit code; COLLAB_CACHE_STATS
#     says what came from the cache; --no-cache neither reads nor writes the cache;
#  2. hand edits that keep the size and the modification time (only ctime moves), a new
#     log file, a deleted, a renamed and two swapped request folders are all seen, both
#     at once (stamps not yet trusted) and after the stamps settle;
#  3. a damaged cache (truncated, random bytes, empty, a folder in its place) is a cold
#     run with the same report, and is replaced by a good one; one byte flipped in an
#     entry has that request alone read again;
#  4. a fresh clone with the cache copied in reads no request from the records; another
#     user's cache (signed with another cache secret) is not believed;
#  5. a cache that cannot be written still gives the right report;
#  6. --now before some entries, and later, gives the report --no-cache gives;
#  7. collab.yaml, people.yaml and the calendar are part of every digest's key;
#  8. runs at the same time agree and leave a valid cache;
#  9. inbox: the same items warm and with --no-cache, sharing the cache with check.
# Stamps of files changed less than 2 seconds before a run are not trusted, so the test
# waits (settle) where it needs trusted stamps: `touch -d` sets the modification time
# back, never the change time.
. "$(dirname "$0")/lib.sh"

require_generator

NOW=2026-11-26T10:00
CACHE=.collab/cache/digests
export COLLAB_CACHE_STATS=1
STATS_RE='^collab: [0-9]+ requests?: [0-9]+ from the cache, [0-9]+ read from the records; cache written: [01]; [0-9]+ record files? read$'

# --- helpers of this script ------------------------------------------------------------
# settle: wait until every stamp taken from now on is trusted (changed > 2 s before).
settle() { sleep 3; }
# split_stats: moves the cache stats line from $ERR to $STATS.
split_stats() {
    STATS=$(grep -E "$STATS_RE" <<<"$ERR")
    ERR=$(grep -vE "$STATS_RE" <<<"$ERR")
    # How many record files were read is FILES_READ; STATS keeps the rest of the line.
    FILES_READ=$(sed -n 's/.*; \([0-9]*\) record files\{0,1\} read$/\1/p' <<<"$STATS")
    STATS=${STATS%; * read}
}
# chk [ARGS...]: `check --format json` at ${AT:-$NOW} in the current folder.
chk() {
    run collab --now "${AT:-$NOW}" check --format json "$@"
    split_stats
}
# stats N FROM_CACHE READ WRITTEN: the stats line wanted.
stats() {
    local noun=requests
    [ "$1" = 1 ] && noun=request
    printf 'collab: %s %s: %s from the cache, %s read from the records; cache written: %s' "$1" "$noun" "${@:2}"
}
# cache_id: what identifies the cache file's version: inode, mtime and content.
cache_id() {
    if [ -e "$CACHE" ]; then
        stat -c '%F %i %.9Y' "$CACHE"
        [ -f "$CACHE" ] && sha256sum <"$CACHE"
    else echo "no cache"; fi
}
# uncached [ARGS...]: the reference, a --no-cache run, in WANT_OUT/WANT_RC/WANT_ERR; the
# cache is neither written (the stats line says so and the file is untouched) nor read.
uncached() {
    local before
    before=$(cache_id)
    chk --no-cache "$@"
    WANT_OUT=$OUT WANT_RC=$RC WANT_ERR=$ERR
    expect_match "$STATS" "^collab: [0-9]+ requests?: 0 from the cache, [0-9]+ read from the records; cache written: 0$" \
        "--no-cache${*:+ $*} at ${AT:-$NOW}: nothing from the cache, nothing written"
    expect_eq "$(cache_id)" "$before" "--no-cache${*:+ $*} at ${AT:-$NOW} leaves the cache file alone"
}
# same_as_uncached DESC [ARGS...]: a run with the cache gives exactly what --no-cache
# gives: the JSON report, the exit code and stderr (file warnings). $STATS is then the
# cached run's.
same_as_uncached() {
    local desc=$1
    shift
    uncached "$@"
    chk "$@"
    expect_eq "$OUT" "$WANT_OUT" "$desc: the same JSON report as --no-cache"
    expect_eq "$RC" "$WANT_RC" "$desc: the same exit code as --no-cache"
    expect_eq "$ERR" "$WANT_ERR" "$desc: the same stderr as --no-cache"
}
# findings_of JSON REQUEST: "rule file" of each finding of REQUEST, sorted.
findings_of() { py 'print("\n".join(sorted(f["rule"] + " " + f["file"] for f in d["findings"] if f["request"] == sys.argv[1])))' "$2" <<<"$1"; }
count_findings() { py 'print(len(d["findings"]))' <<<"$1"; }
# expect_differs A B DESCRIPTION: the edit did change the report (else the check after
# it proves nothing).
expect_differs() { if [ "$1" != "$2" ]; then pass; else fail "$3: the report did not change"; fi; }
# edit_in_place FILE OLD NEW: replaces the first OLD by NEW (the same number of bytes)
# in FILE without a new inode, and sets the modification time back: of the stamp only
# the change time moves.
edit_in_place() {
    local mtime
    mtime=$(stat -c '%y' "$1")
    python3 - "$@" <<'PY' || return 1
import sys
path, old, new = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
with open(path, "rb") as f:
    text = f.read()
assert len(old) == len(new) and old in text, (path, old, new)
with open(path, "r+b") as f:
    f.write(text.replace(old, new, 1))
PY
    touch -d "$mtime" "$1"
}
# requests_in STATE: the ids of the requests in STATE.
requests_in() { awk -v s="$1" '$2 == s {print $1}' <<<"$LIST"; }
# pick STATE JSON [EXCEPT...]: the first request in STATE with findings in the report
# JSON, other than EXCEPT.
pick() {
    local state=$1 json=$2 id
    shift 2
    for id in $(requests_in "$state"); do
        case " $* " in *" $id "*) continue ;; esac
        if grep -q "\"request\": \"$id\"" <<<"$json"; then
            echo "$id"
            return 0
        fi
    done
    return 1
}
N_REQUESTS=30

# === the workspace ========================================================================
ws="$E2E_ROOT/ws"
run "$GEN_BIN" --requests "$N_REQUESTS" --seed 7 --git "$ws"
expect_rc 0 "generate a workspace of $N_REQUESTS requests"
[ "$RC" -eq 0 ] || { finish; exit 1; }
cd "$ws" || exit 1
expect_eq "$(count_requests .)" "$N_REQUESTS" "$N_REQUESTS request folders"
expect_no_file "$CACHE" "a new workspace has no cache"
# --no-cache: a listing's cache would lend check its digests (test_index_cache), and
# this test is about check's own.
LIST=$(collab --now "$NOW" request list --no-cache 2>/dev/null)
settle

# === 1. cold, warm, --no-cache ===========================================================
uncached
REF_OUT=$WANT_OUT REF_RC=$WANT_RC REF_ERR=$WANT_ERR
expect_eq "$REF_RC" 1 "the workspace has error findings (exit 1)"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 0)" "--no-cache reads every request from the records"
expect_no_file "$CACHE" "--no-cache writes no cache"
if [ "$(count_findings "$REF_OUT")" -ge 10 ]; then pass; else fail "the workspace has findings" "$REF_OUT"; fi

chk
expect_eq "$OUT" "$REF_OUT" "cold: the same JSON report as --no-cache"
expect_eq "$RC:$ERR" "$REF_RC:$REF_ERR" "cold: the same exit code and stderr as --no-cache"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "cold: every request read from the records, cache written"
expect_file "$CACHE" "a cold check writes the cache"
expect_eq "$(git status --porcelain --untracked-files=all)" "" "the cache is ignored by git"

chk
expect_eq "$OUT" "$REF_OUT" "warm: the same JSON report"
expect_eq "$RC:$ERR" "$REF_RC:$REF_ERR" "warm: the same exit code and stderr"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "warm: every request from the cache, nothing written"

# --no-cache with a warm cache present: the same report, the cache untouched (uncached
# checks that), and the cache really was not read (every request read from the records).
uncached
expect_eq "$WANT_OUT:$WANT_RC" "$REF_OUT:$REF_RC" "--no-cache beside a warm cache"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 0)" "--no-cache ignores a warm cache"

# The text report too.
run collab --now "$NOW" check --no-cache
text_want=$OUT text_rc=$RC
run collab --now "$NOW" check
expect_eq "$OUT" "$text_want" "warm: the same text report as --no-cache"
expect_eq "$RC" "$text_rc" "warm: the same exit code for the text report"
split_stats
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "warm text report: every request from the cache"

# The digests hold no rendered text: another language, from the same cache.
zh_stats() { STATS=$(grep '^collab：' <<<"$ERR"); ERR=$(grep -v '^collab：' <<<"$ERR"); }
run collab --lang zh --now "$NOW" check --format json --no-cache
zh_stats
zh_want=$OUT zh_rc=$RC zh_err=$ERR
run collab --lang zh --now "$NOW" check --format json
zh_stats
expect_eq "$OUT" "$zh_want" "warm, --lang zh: the same JSON report as --no-cache"
expect_eq "$RC:$ERR" "$zh_rc:$zh_err" "warm, --lang zh: the same exit code and stderr as --no-cache"
expect_differs "$zh_want" "$REF_OUT" "--lang zh"
expect_contains "$STATS" "：$N_REQUESTS 个来自缓存，0 个" "warm, --lang zh: every request from the cache"

# --request: one request from the cache; the others' entries stay.
one=$(requests_in in-progress | head -n 1)
same_as_uncached "check --request $one" --request "$one"
expect_eq "$STATS" "$(stats 1 1 0 0)" "check --request: from the cache"
expect_match "$OUT" "\"request\": \"$one\"" "check --request reports that request"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "after check --request every entry is still there"

# Deleted: the next run is cold again, and --no-cache still writes nothing.
rm -f "$CACHE"
uncached
expect_no_file "$CACHE" "--no-cache writes no cache (cache deleted first)"
chk
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "cold again after deleting the cache"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "cold again: every request read from the records"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "warm again"

# === 4. a fresh clone with the cache copied in ============================================
# The clone's files have other inodes and times: every stamp differs, the content keys
# do not, so no request is read from the records and the new stamps are remembered once
# they can be trusted (until then the cache is left as it was).
# a) The clone settles before its first check: the stamps it remembers are trusted.
git clone -q "$ws" "$E2E_ROOT/clone1"
cp -r "$ws/.collab" "$E2E_ROOT/clone1/"
settle
cd "$E2E_ROOT/clone1" || exit 1
uncached
expect_eq "$WANT_OUT:$WANT_RC" "$REF_OUT:$REF_RC" "clone: --no-cache gives the workspace's report"
chk
expect_eq "$OUT" "$REF_OUT" "clone with the cache: the same JSON report"
expect_eq "$RC:$ERR" "$REF_RC:$REF_ERR" "clone with the cache: the same exit code and stderr"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 1)" \
    "clone with the cache: nothing read from the records, the new stamps written"
chk
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "clone, second run: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "clone, second run: nothing written"
# b) Checked at once: the clone's files changed less than 2 s ago, so their stamps are
# not trusted yet: remembered again once they have settled, then left alone.
git clone -q "$ws" "$E2E_ROOT/clone2"
cp -r "$ws/.collab" "$E2E_ROOT/clone2/"
cd "$E2E_ROOT/clone2" || exit 1
chk
expect_eq "$OUT:$RC:$ERR" "$REF_OUT:$REF_RC:$REF_ERR" "fresh clone checked at once: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" \
    "fresh clone checked at once: nothing read from the records, nothing written (stamps too new to trust)"
settle
chk
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "fresh clone, settled: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 1)" \
    "fresh clone, settled: stamps taken too soon were not trusted, now they are remembered"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "fresh clone, third run: nothing written"
# c) The cache is signed with the user's cache secret ($XDG_CACHE_HOME/collab/cache-key):
# another user's cache, or one committed in a pull request, is not believed. Another
# user here: the same report, every request read from the records, the cache replaced;
# then the first user's runs do not believe that one either.
expect_eq "$(stat -c '%a %s' "$HOME/.cache/collab/cache-key")" "600 32" "the cache secret: private, 32 bytes"
other_home="$E2E_ROOT/other-home"
mkdir -p "$other_home"
HOME=$other_home chk
expect_eq "$OUT:$RC:$ERR" "$REF_OUT:$REF_RC:$REF_ERR" "another user's run: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" \
    "another user's run: the cache not believed, every request read, the cache replaced"
chk
expect_eq "$OUT:$RC:$ERR" "$REF_OUT:$REF_RC:$REF_ERR" "back to the first user: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" \
    "back to the first user: the other user's cache not believed"
cd "$ws" || exit 1

# === 9. inbox =============================================================================
# A busy person: the one named in the most findings (who must act), with several items.
busy=$(sed -n 's/^ *"person": "\(..*\)",$/\1/p' <<<"$REF_OUT" | sort | uniq -c | sort -k1,1rn -k2 | awk 'NR == 1 {print $2}')
most=$(collab --as "$busy" --now "$NOW" inbox --no-cache --format json 2>/dev/null | grep -c '"request":')
if [ "$most" -ge 3 ]; then pass; else fail "$busy, named in the most findings, has at least three inbox items, not $most"; fi
# inbox [ARGS...]: `inbox --format json` of the busiest person at ${AT:-$NOW}.
inbox() {
    run collab --as "$busy" --now "${AT:-$NOW}" inbox --format json "$@"
    split_stats
}
# same_inbox DESC: inbox with the cache gives what --no-cache gives.
same_inbox() {
    inbox --no-cache
    local want_out=$OUT want_rc=$RC want_err=$ERR
    expect_eq "$STATS" "$(stats "$(count_requests .)" 0 "$(count_requests .)" 0)" "$1: inbox --no-cache reads every request"
    inbox
    expect_eq "$OUT" "$want_out" "$1: inbox of $busy, the same items as --no-cache"
    expect_eq "$RC:$ERR" "$want_rc:$want_err" "$1: inbox of $busy, the same exit code and stderr as --no-cache"
}
same_inbox "inbox after a warm check"
INBOX_REF=$OUT
expect_eq "$RC" 0 "inbox exits 0"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "inbox uses the digests check left"
rm -f "$CACHE"
same_inbox "cold inbox"
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "a cold inbox reads every request and writes the cache"
same_inbox "warm inbox"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "a warm inbox: every request from the cache"
chk
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "check after inbox: the same report"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "check uses the digests inbox left"

# === 3. a damaged cache ===================================================================
# damaged DESC: the run after damaging the cache gives the --no-cache report, reads
# every request from the records and writes a good cache, which the next run uses.
damaged() {
    same_as_uncached "$1"
    expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "$1: the workspace's report"
    expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "$1: a cold run that writes the cache"
    chk
    expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "$1, next run: the same report"
    expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "$1: replaced by a good cache"
}
size=$(stat -c %s "$CACHE")
if [ "$size" -gt 1000 ]; then pass; else fail "the cache holds the digests ($size bytes)"; fi
head -c $((size / 2)) "$CACHE" >"$E2E_ROOT/half" && cat "$E2E_ROOT/half" >"$CACHE"
damaged "a cache cut in half"
truncate -s -1 "$CACHE"
damaged "a cache one byte short"
# One byte changed inside an entry: that entry's tag fails, that request alone is read.
printf '\x5a' | dd of="$CACHE" bs=1 seek=$((size / 3)) conv=notrunc status=none
same_as_uncached "a cache with one byte changed"
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "a cache with one byte changed: the workspace's report"
expect_eq "$STATS" "$(stats $N_REQUESTS $((N_REQUESTS - 1)) 1 1)" \
    "a cache with one byte changed: the request whose entry it is read again, the cache written"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "a cache with one byte changed: mended"
head -c "$size" /dev/urandom >"$CACHE"
damaged "a cache of random bytes"
: >"$CACHE"
damaged "an empty cache file"
head -n 1 "$CACHE" >"$E2E_ROOT/magic" && cat "$E2E_ROOT/magic" >"$CACHE"
damaged "a cache of its first line only"
rm -f "$CACHE" && mkdir "$CACHE"
same_as_uncached "a folder where the cache file should be"
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "a folder in place of the cache: the workspace's report"
rmdir "$CACHE"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "the folder removed: a cold run"

# === 5. a cache that cannot be written ======================================================
# (The cache is damaged first, so that the run has something to write.)
if [ "$(id -u)" -ne 0 ]; then
    : >"$CACHE"
    chmod 555 .collab/cache
    same_as_uncached "a read-only cache folder"
    expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "a read-only cache folder: the workspace's report"
    expect_eq "$(ls -A .collab/cache)" "digests" "a read-only cache folder: nothing added to it"
    chmod 755 .collab/cache
else
    # root writes into a folder of mode 555 anyway: that case cannot be made as root.
    printf 'SKIP: a read-only cache folder (running as root)\n' >&2
fi
# Something that is not a folder where the cache folder should be (any user).
rm -rf .collab/cache && echo "not a folder" >.collab/cache
same_as_uncached "a file where the cache folder should be"
expect_eq "$OUT:$RC" "$REF_OUT:$REF_RC" "a file in place of the cache folder: the workspace's report"
expect_eq "$(cat .collab/cache)" "not a folder" "a file in place of the cache folder is left alone"
rm -f .collab/cache
chk
expect_eq "$STATS" "$(stats $N_REQUESTS 0 $N_REQUESTS 1)" "the cache folder comes back"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "warm before the edits"

# === 2. never wrong: edits by hand ==========================================================
# after_edit DESC: right at once, the edited file's change time is now (its stamp is
# not trusted yet) and every other stamp is as the cache remembers it: one request is
# read from the records. (The edits are checked again once settled, below.)
after_edit() {
    same_as_uncached "$1"
    expect_eq "$STATS" "$(stats $N_REQUESTS $((N_REQUESTS - 1)) 1 1)" "$1: one request read from the records"
}

# a) A task deadline in tasks.yaml: the same size, mtime and inode; tasks.changed.
running=$(pick in-progress "$OUT")
tasks="requests/$running/tasks.yaml"
old_deadline=$(sed -n 's/^    deadline: \([0-9-]*\)$/\1/p' "$tasks" | head -n 1)
new_deadline=2026-12-31
[ "$old_deadline" = "$new_deadline" ] && new_deadline=2026-12-30
stamp_before=$(stat -c '%i %s %.9Y' "$tasks")
edit_in_place "$tasks" "deadline: $old_deadline" "deadline: $new_deadline"
expect_eq "$(stat -c '%i %s %.9Y' "$tasks")" "$stamp_before" "tasks.yaml edited: inode, size and mtime kept"
before=$OUT
after_edit "a task deadline edited in $tasks"
expect_differs "$OUT" "$before" "a task deadline edited"
expect_contains "$(findings_of "$OUT" "$running")" "tasks.changed $tasks" "the edited deadline is a tasks.changed finding"
expect_not_contains "$(findings_of "$REF_OUT" "$running")" "tasks.changed" "(no tasks.changed before the edit)"

# b) An unknown key in request.yaml, in place of the start of its first comment: the
# same size, mtime and inode; a file.invalid warning, in the report and on stderr, from
# the cache too.
closed=$(requests_in closed | head -n 1)
expect_match "$closed" "." "(a closed request)"
form="requests/$closed/request.yaml"
first=$(head -c 13 "$form")
expect_eq "$first" "# Requirement" "the form starts with its comment"
edit_in_place "$form" "# Requirement" "zz: 1
# Requi"
before=$OUT
after_edit "an unknown key in $form"
expect_differs "$OUT" "$before" "an unknown key"
expect_contains "$(findings_of "$OUT" "$closed")" "file.invalid $form" "the unknown key is a file.invalid finding"
expect_contains "$ERR" "$form:1:1: warning: unknown key 'zz'" "the unknown key is a warning on stderr"

# c) A new log file; the log folder's mtime set back (its change time moves).
logs="requests/$running/log"
log_mtime=$(stat -c '%y' "$logs")
some_log=$(find "$logs" -name '*.yaml' | LC_ALL=C sort | head -n 1)
# (A log names its person on its first line: the copy names its own.)
sed -e 's/^  by: .*/  by: nobody.here/' -e 's/^# collab log of [^ ]* for /# collab log of nobody.here for /' \
    "$some_log" >"$logs/nobody.here.yaml"
touch -d "$log_mtime" "$logs"
before=$OUT
after_edit "a new log file in $logs"
expect_differs "$OUT" "$before" "a new log file"
expect_contains "$(findings_of "$OUT" "$running")" "$logs/nobody.here.yaml" "the new log file has findings"
# Settled: the three digests from the cache (content keys hit), the trusted stamps
# written; then left alone. Still exactly what --no-cache says.
EDITS_OUT=$OUT
settle
same_as_uncached "the three edits, settled"
expect_eq "$OUT" "$EDITS_OUT" "the three edits, settled: the same report as at once"
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 1)" "the three edits, settled: from the cache, the trusted stamps written"
expect_contains "$ERR" "$form:1:1: warning: unknown key 'zz'" "the unknown key's warning on stderr from the cache"
chk
expect_eq "$STATS" "$(stats $N_REQUESTS $N_REQUESTS 0 0)" "the three edits, settled: then left alone"

# d) A request folder deleted.
gone=$(pick closed "$OUT" "$closed") || gone=$(pick in-progress "$OUT" "$running")
expect_match "$gone" "." "(a request with findings to delete)"
rm -rf "requests/$gone"
same_as_uncached "a request folder deleted"
expect_not_contains "$OUT" "\"request\": \"$gone\"" "the deleted request is not reported"
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 1)" "a deleted request: its entry dropped"
chk
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "a deleted request: then left alone"

# e) A request folder renamed: its findings move to the new id.
moved=$(pick in-progress "$OUT" "$running" "$gone")
expect_match "$moved" "." "(a request with findings to rename)"
new_id=R-ZZZZZ9
mv "requests/$moved" "requests/$new_id"
# (A log names its request on its first line: renamed with its folder.)
sed -i "s/for request $moved\./for request $new_id./" "requests/$new_id"/log/*.yaml
same_as_uncached "a request folder renamed"
expect_not_contains "$OUT" "\"request\": \"$moved\"" "the renamed request is not reported under its old id"
expect_contains "$OUT" "\"request\": \"$new_id\"" "the renamed request is reported under its new id"
expect_match "$STATS" "^collab: $((N_REQUESTS - 1)) requests?: $((N_REQUESTS - 2)) from the cache, 1 read from the records; cache written: 1$" \
    "a renamed request is read from the records"

# f) Two request folders swap names: each name now holds the other's files.
a=$(pick in-progress "$OUT" "$running" "$moved" "$new_id")
b=$(pick submitted "$OUT") || b=$(pick closed "$OUT" "$closed" "$gone")
expect_match "$a $b" "^[^ ]+ [^ ]+$" "(two requests to swap)"
before=$OUT
mv "requests/$a" "requests/swap.tmp" && mv "requests/$b" "requests/$a" && mv "requests/swap.tmp" "requests/$b"
sed -i "s/for request $b\./for request $a./" "requests/$a"/log/*.yaml
sed -i "s/for request $a\./for request $b./" "requests/$b"/log/*.yaml
same_as_uncached "two request folders swapped"
expect_differs "$OUT" "$before" "two request folders swapped"
expect_match "$STATS" "^collab: $((N_REQUESTS - 1)) requests?: $((N_REQUESTS - 3)) from the cache, 2 read from the records; cache written: 1$" \
    "two swapped requests are read from the records"
SWAPPED_RC=$RC

# g) A form that is not YAML: exit 4 from both, whatever the cache holds; then mended.
form_text=$(cat "$form")
printf 'title: [\n' >"$form"
same_as_uncached "a broken request.yaml"
expect_eq "$RC" 4 "a broken request.yaml: exit 4"
expect_contains "$ERR" "$form:" "a broken request.yaml is named on stderr"
printf '%s\n' "$form_text" >"$form"
same_as_uncached "a broken request.yaml mended"
expect_eq "$RC" "$SWAPPED_RC" "a broken request.yaml mended: the exit code before"

# h) The deadline edited back: the old content again, with a fresh change time.
edit_in_place "$tasks" "deadline: $new_deadline" "deadline: $old_deadline"
same_as_uncached "a task deadline edited back"
expect_not_contains "$(findings_of "$OUT" "$running")" "tasks.changed" "the deadline edited back: no tasks.changed"
settle
same_as_uncached "the edits, settled"
chk
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "the edits, settled: all from the cache"
EDITED_OUT=$OUT EDITED_RC=$RC

# The inbox sees the edits too.
same_inbox "inbox after the edits"

# === 6. --now before some entries, and later =================================================
AT=2026-11-02T10:00
same_as_uncached "--now $AT (a warm cache of complete digests)"
expect_differs "$OUT" "$EDITED_OUT" "--now $AT"
expect_match "$STATS" "^collab: $((N_REQUESTS - 1)) requests?: [0-9]+ from the cache, [1-9][0-9]* read from the records; cache written: 0$" \
    "--now $AT: requests with later entries are read from the records, the cache is kept"
same_inbox "inbox at --now $AT"
AT=2026-12-21T10:00
same_as_uncached "--now $AT (later)"
expect_differs "$OUT" "$EDITED_OUT" "--now $AT"
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "a later --now: every digest from the cache"
same_inbox "inbox at --now $AT"
unset AT
chk
expect_eq "$OUT:$RC" "$EDITED_OUT:$EDITED_RC" "back at $NOW: the same report"
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "back at $NOW: every digest still cached"
# Cold at the earlier --now: only complete digests are cached; the later run is right.
rm -f "$CACHE"
AT=2026-11-02T10:00 same_as_uncached "cold at --now 2026-11-02T10:00"
same_as_uncached "at $NOW after a cold run at an earlier --now"
expect_eq "$OUT:$RC" "$EDITED_OUT:$EDITED_RC" "at $NOW after a cold run at an earlier --now: the same report"
chk
expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "then every digest cached"

# === 7. the settings are part of every digest's key ==========================================
# settings_changed DESC: the report follows a settings file's change (every request
# read again), and the next run is from the cache.
settings_changed() {
    same_as_uncached "$1"
    expect_differs "$OUT" "$EDITED_OUT" "$1"
    expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) 0 $((N_REQUESTS - 1)) 1)" "$1: every request read again"
    chk
    expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" "$1: then from the cache"
}
restored() {
    git checkout -q -- "$1"
    same_as_uncached "$1 restored"
    expect_eq "$OUT:$RC" "$EDITED_OUT:$EDITED_RC" "$1 restored: the report before"
}
cp collab.yaml "$E2E_ROOT/collab.yaml"
expect_contains "$EDITED_OUT" '"rule": "task.stale"' "(there are task.stale findings)"
sed -i 's/^    stale_after_days: 1 .*/&\n    severity: off/' collab.yaml
expect_contains "$(cat collab.yaml)" "    severity: off" "(collab.yaml turns the progress rule off)"
settings_changed "collab.yaml: the progress rule off"
expect_not_contains "$OUT" '"rule": "task.stale"' "the progress rule off: no task.stale"
task_rule=$(py 'print(next(f["process_rule"] for f in d["findings"] if f["rule"] == "task.overdue"))' <<<"$EDITED_OUT")
cp "$E2E_ROOT/collab.yaml" collab.yaml
printf '  %s:\n    severity: warning\n' "$task_rule" >>collab.yaml
settings_changed "collab.yaml: the $task_rule rule a warning"
expect_eq "$(py 'print(sorted({f["severity"] for f in d["findings"] if f["rule"] == "task.overdue"}))' <<<"$OUT")" \
    "['warning']" "task.overdue findings are warnings"
restored collab.yaml
# people.yaml: the owner of a task renamed.
owner=$(sed -n 's/^    owner: //p' "$tasks" | head -n 1)
sed -i "s/^  - id: $owner\$/  - id: $owner.x/" people.yaml
expect_contains "$(cat people.yaml)" "id: $owner.x" "(people.yaml renames $owner)"
settings_changed "people.yaml: $owner renamed"
restored people.yaml
# The calendar: a holiday in November.
cal=$(ls calendars/*.yaml | head -n 1)
printf '  - name: Test holiday\n    from: 2026-11-16\n    to: 2026-11-20\n    workdays: []\n' >>"$cal"
settings_changed "$cal: a holiday added"
restored "$cal"

# === 8. runs at the same time ================================================================
for round in 1 2 3; do
    rm -f "$CACHE"
    for i in 1 2 3; do
        collab --now "$NOW" check --format json >"$E2E_ROOT/par$i.out" 2>"$E2E_ROOT/par$i.err" &
    done
    collab --as "$busy" --now "$NOW" inbox --format json >"$E2E_ROOT/par4.out" 2>"$E2E_ROOT/par4.err" &
    rcs=""
    for job in $(jobs -p); do
        wait "$job"
        rcs="$rcs $?"
    done
    expect_eq "$rcs" " $EDITED_RC $EDITED_RC $EDITED_RC 0" "round $round: check x3 and inbox at the same time: exit codes"
    for i in 1 2 3; do
        expect_eq "$(cat "$E2E_ROOT/par$i.out")" "$EDITED_OUT" "round $round: check $i at the same time: the same report"
    done
    same_inbox "round $round"
    expect_eq "$(cat "$E2E_ROOT/par4.out")" "$OUT" "round $round: inbox at the same time: the same items"
    chk
    expect_eq "$OUT:$RC" "$EDITED_OUT:$EDITED_RC" "round $round: after runs at the same time: the same report"
    expect_eq "$STATS" "$(stats $((N_REQUESTS - 1)) $((N_REQUESTS - 1)) 0 0)" \
        "round $round: the cache left by runs at the same time is valid"
    expect_eq "$(ls -A .collab/cache)" "digests" "round $round: no temporary file left"
done


# === a killed write's temporary file: found whether its folder is cached or not ==========
# The leftover scan passes by the request folders whose digests saw no temporary file
# (listed now, or cached under the same trusted stamps); a new file changes the folder's
# stamp, so it is never passed by.
temps() { py 'print(sorted(f["file"] for f in d["findings"] if f["rule"] == "record.temp"))' <<<"$OUT"; }
one=$(ls requests | sed -n 1p)
settle
chk
expect_eq "$(temps)" "[]" "warm: no temporary file"
for tmp in "requests/$one/log/.li.yaml.tmp.4242.0badcafe" "requests/$one/.tasks.yaml.tmp.4242.0badcafe"; do
    printf 'half a write' >"$tmp"
    chk
    expect_eq "$(temps)" "['$tmp']" "${tmp#requests/"$one"/}: found at once"
    settle
    chk
    chk
    expect_eq "$(temps)" "['$tmp']" "${tmp#requests/"$one"/}: still found once its folder is cached"
    rm "$tmp"
    chk
    expect_eq "$(temps)" "[]" "${tmp#requests/"$one"/} removed: gone at once"
    settle
    chk
    chk
    expect_eq "$(temps)" "[]" "${tmp#requests/"$one"/} removed: gone once settled"
done

# === -o into a pipe: written through, never replaced by a file ===========================
mkfifo "$E2E_ROOT/report.fifo"
cat "$E2E_ROOT/report.fifo" >"$E2E_ROOT/fifo.out" &
reader=$!
run collab --now "$NOW" check --format json -o "$E2E_ROOT/report.fifo"
wait "$reader"
expect_eq "$RC" "$EDITED_RC" "-o a FIFO: the usual exit code"
expect_eq "$(cat "$E2E_ROOT/fifo.out")" "$EDITED_OUT" "-o a FIFO: the report comes through the pipe"
expect_eq "$(stat -c %F "$E2E_ROOT/report.fifo")" "fifo" "-o a FIFO: it is still a FIFO"

finish
