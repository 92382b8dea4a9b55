#!/usr/bin/env bash
# collab check --changed-since REV: a pull-request job judges only the requests whose
# files differ from REV (from where HEAD forked from it), or every request when a
# workspace-wide file changed. On a synthetic workspace (collab-gen-workspace, beside
# $COLLAB_BIN; skipped without it):
#  1. nothing changed: nothing judged, an empty report;
#  2. two requests edited on a branch (one committed, one not) and a new request not yet
#     added: exactly those judged, with the findings `check --request` gives for them;
#     with --committed-only, the committed one alone;
#  3. main moving on after the fork does not count; a deleted request is not judged;
#  4. people.yaml changed: every request judged, the report of a plain check;
#  5. the working tree: a file deleted and one staged, not committed, a file moved from
#     one request to another, a file git ignores, a change made and then undone;
#  6. a workspace in a folder of its repository, named with spaces, brackets and CJK:
#     only its own files count, named from its root;
#  7. a REV that is no commit, a folder outside git, and --request beside it: exit 2.
. "$(dirname "$0")/lib.sh"

require_generator

NOW=2026-11-26T10:00
export COLLAB_CACHE_STATS=1
ws="$E2E_ROOT/ws"
run "$GEN_BIN" --requests 20 --seed 5 --git "$ws"
expect_rc 0 "generate a workspace of 20 requests"
[ "$RC" -eq 0 ] || { finish; exit 1; }
cd "$ws" || exit 1
git checkout -qb review

# judged ARGS...: `check --format json` with ARGS; JUDGED is how many requests it judged
# (the cache's stats line), REPORT the findings' requests, each once, sorted.
judged() {
    run collab --now "$NOW" check --format json "$@"
    JUDGED=$(sed -n 's/^collab: \([0-9]*\) requests\{0,1\}: .*/\1/p' <<<"$ERR")
    REPORT=$(py 'print(" ".join(sorted({f["request"] for f in d["findings"] if f["request"]})))' <<<"$OUT")
}
# findings_of ARGS...: the findings of `check ARGS`, as sorted JSON lines.
findings_of() {
    collab --now "$NOW" check --format json "$@" 2>/dev/null |
        py 'print("\n".join(sorted(json.dumps(f, sort_keys=True) for f in d["findings"])))'
}

# === 1. nothing changed ====================================================================
judged --changed-since main
expect_eq "${JUDGED:-0}" 0 "nothing differs from main: no request judged"
expect_eq "$REPORT" "" "nothing differs from main: no finding"

# === 2. edits on a branch ==================================================================
mapfile -t ids < <(ls requests)
a=${ids[0]} b=${ids[1]}
sed -i 's/^title: .*/title: Retitled on the branch/' "requests/$a/request.yaml"
commit "retitle $a"
printf '# a note\n' >>"requests/$b/request.yaml" # not committed
initiator=$(collab --now "$NOW" request list --format json | py 'print(d["requests"][0]["initiator"])')
new_id=$(json_id "$(collab --now "$NOW" --as "$initiator" request new --title "Added, not yet committed" \
    --format json 2>/dev/null)")
[ -n "$new_id" ] && pass || fail "request new made a request" "$new_id"
judged --changed-since main
expect_eq "$JUDGED" 3 "a committed edit, an uncommitted edit and a new request: three judged"
want=$(printf '%s\n' "$a" "$b" "$new_id" | sort | tr '\n' ' ')
for id in $REPORT; do
    expect_contains "$want" "$id" "$id's findings are among the changed requests'"
done
expect_eq "$(findings_of --changed-since main)" \
    "$(findings_of --request "$a" --request "$b" --request "$new_id")" \
    "the findings are those check --request gives for the three"
# --committed-only: the branch's commits alone, the working tree left out.
judged --changed-since main --committed-only
expect_eq "$JUDGED" 1 "--committed-only: only the committed edit judged"
expect_eq "$(findings_of --changed-since main --committed-only)" "$(findings_of --request "$a")" \
    "--committed-only: the findings check --request gives for the committed edit"
run collab --now "$NOW" check --committed-only
expect_rc 2 "--committed-only without --changed-since: exit 2"

# === 3. main moves on; a request deleted ===================================================
git stash -qu
git checkout -q main
sed -i 's/^title: .*/title: Moved on main/' "requests/${ids[2]}/request.yaml"
commit "main moves on"
git checkout -q review
judged --changed-since main
expect_eq "$JUDGED" 1 "a change on main after the fork is not the branch's: only $a judged"
git rm -rq "requests/${ids[3]}"
commit "drop ${ids[3]}"
judged --changed-since main
expect_eq "$JUDGED" 1 "a deleted request is not judged"
want_rc=$(collab --now "$NOW" check --request "$a" >/dev/null 2>&1; echo $?)
expect_eq "$RC" "$want_rc" "a deleted request is no error: the exit code of checking $a alone"

# === 4. a workspace-wide file ==============================================================
printf '# reviewed\n' >>people.yaml
judged --changed-since main
expect_eq "$JUDGED" "$(count_requests .)" "people.yaml changed: every request judged"
expect_eq "$(findings_of --changed-since main)" "$(findings_of)" \
    "people.yaml changed: the report of a plain check"
git checkout -q people.yaml

# === 5. the working tree ===================================================================
c=${ids[4]} d=${ids[5]} e=${ids[6]} f=${ids[7]} g=${ids[8]}
first_log() { find "requests/$1/log" -name '*.yaml' | sort | head -1; }
rm "$(first_log "$c")"
printf '# staged\n' >>"requests/$d/request.yaml"
git add "requests/$d/request.yaml"
moved=$(first_log "$e")
mkdir -p "requests/$f/log"
git mv "$moved" "requests/$f/log/moved-$(basename "$moved")"
printf '*.bak\n' >>.git/info/exclude
cp "requests/$g/request.yaml" "requests/$g/request.yaml.bak"
judged --changed-since main
expect_eq "$JUDGED" 5 "deleted, staged and moved (both ends) besides $a: five judged, not the ignored file's"
expect_eq "$(findings_of --changed-since main)" \
    "$(findings_of --request "$a" --request "$c" --request "$d" --request "$e" --request "$f")" \
    "the working tree's changes: the findings check --request gives for the five"
git reset -q --hard
rm "requests/$g/request.yaml.bak"
cp "requests/$g/request.yaml" "$E2E_ROOT/request.yaml"
printf "# undone\\n" >>"requests/$g/request.yaml"
commit "touch $g"
cp "$E2E_ROOT/request.yaml" "requests/$g/request.yaml"
judged --changed-since main
expect_eq "$JUDGED" 2 "a change committed and undone in the working tree: judged beside $a"
git reset -q --hard HEAD~1

# === 6. a workspace in a folder of the repository ==========================================
mono="$E2E_ROOT/mono"
sub="team [A] 工作"
run "$GEN_BIN" --requests 6 --seed 7 "$mono/$sub"
expect_rc 0 "generate a workspace of 6 requests in a folder of a repository"
mkdir -p "$mono/team A 工作/requests" && printf 'x\n' >"$mono/README.md"
(cd "$mono" && git init -q && commit "a workspace in a folder" && git checkout -qb review) || exit 1
cd "$mono/$sub" || exit 1
mapfile -t sub_ids < <(ls requests)
sed -i 's/^title: .*/title: Retitled in the folder/' "requests/${sub_ids[0]}/request.yaml"
commit "retitle ${sub_ids[0]}"
printf '# a note\n' >>"requests/${sub_ids[1]}/request.yaml"
cp "requests/${sub_ids[2]}/request.yaml" "requests/${sub_ids[2]}/notes.yaml" # untracked
printf 'y\n' >>"$mono/README.md"
mkdir -p "$mono/team A 工作/requests/R-ZZZZZZ"
printf 'title: x\n' >"$mono/team A 工作/requests/R-ZZZZZZ/request.yaml"
judged --changed-since main
expect_eq "$JUDGED" 3 "in a folder: its committed, uncommitted and new files, nothing outside it"
expect_eq "$(findings_of --changed-since main)" \
    "$(findings_of --request "${sub_ids[0]}" --request "${sub_ids[1]}" --request "${sub_ids[2]}")" \
    "in a folder: the findings check --request gives for the three"
printf '# reviewed\n' >>people.yaml
judged --changed-since main
expect_eq "$JUDGED" 6 "in a folder: its people.yaml changed, every request judged"
cd "$ws" || exit 1

# === 7. refusals ===========================================================================
run collab --now "$NOW" check --changed-since no-such-ref
expect_rc 2 "a REV that is no commit: exit 2"
expect_contains "$ERR" "'no-such-ref' is not a commit" "the error names the REV"
run collab --now "$NOW" check --changed-since main --request "$a"
expect_rc 2 "--changed-since with --request: exit 2"
cp -r "$ws" "$E2E_ROOT/plain" && rm -rf "$E2E_ROOT/plain/.git"
run collab -C "$E2E_ROOT/plain" --now "$NOW" check --changed-since main
expect_rc 2 "outside a git repository: exit 2"
expect_contains "$ERR" "needs a git repository" "the error says why"

finish
