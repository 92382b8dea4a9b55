#!/usr/bin/env bash
# The JSON Schemas in docs/schemas/ (draft 2020-12), checked with an independent validator
# (Python's jsonschema, Debian python3-jsonschema; the test is skipped without it):
#  1. the schemas are valid draft 2020-12 schemas;
#  2. every file of the bundled example, every shipped calendar and every file of a
#     generated workspace in every state is valid;
#  3. what collab writes in a real walk (request new, submit, review) is valid;
#  4. `check --format json`, `inbox --format json` and `next --format json` are valid
#     against their output schemas;
#  5. bad files that collab refuses are refused by the schema too;
#  6. every other `--format json` output, produced in a real walk, is valid against its
#     schema, and each schema refuses that output with a required key removed or an
#     unknown key added (the schemas are strict: a change of shape is caught).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import jsonschema, yaml' 2>/dev/null; then
    echo "SKIP: $PYTHON has no jsonschema and yaml (apt-get install python3-jsonschema python3-yaml)"
    exit 77
fi
SCHEMAS="$COLLAB_SOURCE_DIR/docs/schemas"
VALIDATE="$(cd "$(dirname "$0")" && pwd)/validate_schemas.py"
NOW=2026-11-26T10:00
# valid DESCRIPTION SCHEMA FILE...: every file is valid against SCHEMA ("auto": by place).
valid() {
    local desc=$1 schema=$2 out
    shift 2
    if out=$("$PYTHON" "$VALIDATE" "$SCHEMAS" "$schema" "$@" 2>&1); then
        pass
    else
        fail "$desc: $(grep -v '^ok ' <<<"$out" | head -n 5)"
    fi
}
# invalid DESCRIPTION SCHEMA FILE: FILE is refused by SCHEMA.
invalid() {
    if "$PYTHON" "$VALIDATE" "$SCHEMAS" "$2" "$3" >/dev/null 2>&1; then
        fail "$1: the schema accepts it"
    else
        pass
    fi
}

# --- 1. the schemas themselves -----------------------------------------------------------
for schema in "$SCHEMAS"/*.schema.json; do
    if "$PYTHON" -c 'import json, sys, jsonschema
jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$schema"; then
        pass
    else
        fail "$(basename "$schema") is not a valid draft 2020-12 schema"
    fi
done

# --- 2. the example, the shipped calendars, a generated workspace -------------------------
mapfile -t example < <(find "$COLLAB_SOURCE_DIR/examples/after-sales" -name '*.yaml' | sort)
expect_eq "$( ((${#example[@]} >= 5)) && echo yes)" yes "(the example has its files)"
valid "the bundled example" auto "${example[@]}"
valid "the shipped calendars" calendar.schema.json "$COLLAB_SOURCE_DIR"/templates/calendars/*.yaml

GEN_BIN="$(dirname "$COLLAB_BIN")/collab-gen-workspace"
if [ -x "$GEN_BIN" ]; then
    gen="$E2E_ROOT/gen"
    run "$GEN_BIN" --requests 30 --seed 3 --git "$gen"
    expect_rc 0 "generate a workspace of 30 requests"
    mapfile -t generated < <(cd "$gen" && find . -name '*.yaml' -not -path './.collab/*' | sort)
    expect_eq "$( ((${#generated[@]} > 60)) && echo yes)" yes "(the generated workspace has its files)"
    valid "a generated workspace" auto $(printf "$gen/%s " "${generated[@]}")
    (cd "$gen" && collab --now "$NOW" check --format json >"$E2E_ROOT/gen-check.json")
    valid "check --format json of a generated workspace" check-report.schema.json "$E2E_ROOT/gen-check.json"
    expect_contains "$(cat "$E2E_ROOT/gen-check.json")" '"late_days"' "(the report has findings)"
    owner=$(sed -n 's/^    owner: //p' "$gen"/requests/*/tasks.yaml | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
    (cd "$gen" && collab --as "$owner" --now "$NOW" inbox --format json >"$E2E_ROOT/gen-inbox.json")
    expect_contains "$(cat "$E2E_ROOT/gen-inbox.json")" '"step"' "(the inbox of $owner has items)"
    valid "inbox --format json" inbox.schema.json "$E2E_ROOT/gen-inbox.json"
else
    echo "note: $GEN_BIN is missing; the generated workspace is not checked"
fi

# --- 3. what collab writes ------------------------------------------------------------------
new_workspace "$E2E_ROOT/ws"
cd "$E2E_ROOT/ws" || exit 1
id=$(collab --as zhang --now 2026-07-06T09:30 request new "${FULL_FORM[@]}")
collab --as zhang --now 2026-07-06T10:00 request submit "$id" >/dev/null
run collab --as li --now 2026-07-06T11:00 review "$id" --approve "${ALL_YES[@]}"
expect_rc 0 "the request is approved"
mapfile -t written < <(find . -name '*.yaml' -not -path './.collab/*' | sort)
valid "a workspace written by collab" auto "${written[@]}"
expect_contains "$(cat requests/"$id"/log/li.yaml)" "action: review" "(li's log holds the review)"
run collab --now 2026-07-06T12:00 next "$id" --format json
expect_rc 0 "next --format json"
printf '%s\n' "$OUT" >"$E2E_ROOT/next.json"
valid "next --format json" next.schema.json "$E2E_ROOT/next.json"

# Files made from templates name their schema for editors (yaml-language-server), a
# schema that exists; a form written in the editor keeps that line.
# modeline_of FILE: the schema file named by FILE's first line.
modeline_of() { sed -n '1s|^# yaml-language-server: \$schema=file:///.*/\([a-z-]*\.schema\.json\)$|\1|p' "$1"; }
run collab init --lang en --name "Schemas" "$E2E_ROOT/fresh"
expect_rc 0 "init a fresh workspace"
for file in collab.yaml people.yaml; do
    schema=$(modeline_of "$E2E_ROOT/fresh/$file")
    expect_eq "$schema" "${file%.yaml}.schema.json" "init's $file names its schema in its first line"
    expect_file "$SCHEMAS/$schema" "$file's schema exists"
done
make_editor "$E2E_ROOT/fill.sh" 'sed -i -e "s/^title: .*/title: Edited form/" -e "s/^departments: \[\]/departments: [cs]/" "$1"'
run env EDITOR="$E2E_ROOT/fill.sh" "$COLLAB_BIN" --as zhang --now 2026-07-06T12:00 request new --edit
expect_rc 0 "request new --edit"
edited=$(tr -d '\n' <<<"$OUT")
expect_eq "$(modeline_of "requests/$edited/request.yaml")" request.schema.json \
    "a form written in the editor keeps its schema line"
valid "a form written in the editor" request.schema.json "requests/$edited/request.yaml"

# --- 4. what collab refuses, the schema refuses -------------------------------------------
# bad_file DESCRIPTION FILE SCHEMA RC: FILE (edited below) is refused by collab with exit RC
# (naming FILE) and by SCHEMA; then FILE is restored.
bad_file() {
    local desc=$1 file=$2 schema=$3 want_rc=$4
    run collab --now 2026-07-06T12:00 check
    expect_rc "$want_rc" "$desc: collab refuses it"
    expect_contains "$OUT$ERR" "$file" "$desc: collab names $file"
    invalid "$desc" "$schema" "$file"
    git checkout -q -- "$file"
}
git add -A && git commit -qm "approved"
sed -i 's/^work_day_end: .*/work_day_end: "25:00"/' collab.yaml
bad_file "collab.yaml: work_day_end 25:00" collab.yaml collab.schema.json 4
printf 'id_prefix: r-1\n' >>collab.yaml
bad_file "collab.yaml: id_prefix r-1" collab.yaml collab.schema.json 4
sed -i '0,/^  - id: wang$/s//  - id: Wang Li/' people.yaml
expect_contains "$(cat people.yaml)" "id: Wang Li" "(people.yaml has a bad id)"
bad_file "people.yaml: a person id with capitals and a space" people.yaml people.schema.json 4
sed -i "s/^due: .*/due: 2026-13-01/" requests/"$id"/request.yaml
bad_file "request.yaml: due 2026-13-01" "requests/$id/request.yaml" request.schema.json 1
sed -i '0,/^- seq: .*/s//- seq: "0"/' requests/"$id"/log/zhang.yaml
bad_file "a log entry with seq 0" "requests/$id/log/zhang.yaml" log.schema.json 4
sed -i 's/^  decision: approve$/  decision: maybe/' requests/"$id"/log/li.yaml
expect_contains "$(cat requests/"$id"/log/li.yaml)" "decision: maybe" "(li's review says maybe)"
bad_file "a review with decision maybe" "requests/$id/log/li.yaml" log.schema.json 1
sed -i '/^  checks:/,/^  [a-z_]*: [^ ]/{/^  checks:/d;/^    /d}' requests/"$id"/log/li.yaml
expect_not_contains "$(cat requests/"$id"/log/li.yaml)" "checks:" "(li's review lost its checks)"
bad_file "a review without its checks" "requests/$id/log/li.yaml" log.schema.json 4

# --- 6. every --format json output ---------------------------------------------------------
# json_out NAME COMMAND...: runs COMMAND and keeps its standard output as NAME.json.
json_out() {
    local name=$1
    shift
    run "$@"
    printf '%s\n' "$OUT" >"$E2E_ROOT/out/$name.json"
}
# output_valid SCHEMA NAME: NAME.json is valid against SCHEMA, and refused once its first
# required key is removed and once an unknown key is added at the top.
output_valid() {
    local schema=$1 file="$E2E_ROOT/out/$2.json"
    valid "$2 --format json" "$schema" "$file"
    "$PYTHON" - "$file" "$E2E_ROOT/out/$2.missing.json" "$E2E_ROOT/out/$2.extra.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
missing = dict(data)
missing.pop(next(iter(missing)))
json.dump(missing, open(sys.argv[2], "w"))
data["unknown_key"] = 1
json.dump(data, open(sys.argv[3], "w"))
PY
    invalid "$2 without its first key" "$schema" "$E2E_ROOT/out/$2.missing.json"
    invalid "$2 with an unknown key" "$schema" "$E2E_ROOT/out/$2.extra.json"
}
# nested_invalid DESCRIPTION SCHEMA NAME PYTHON: NAME.json changed by the Python
# statement PYTHON (on `d`) is refused by SCHEMA.
nested_invalid() {
    "$PYTHON" - "$E2E_ROOT/out/$3.json" "$E2E_ROOT/out/$3.bad.json" "$4" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
    invalid "$1" "$2" "$E2E_ROOT/out/$3.bad.json"
}
mkdir -p "$E2E_ROOT/out"
cd "$E2E_ROOT" || exit 1
final_request "$E2E_ROOT/walk"
split_request
c --now 2026-07-08T10:00 --as chen progress "$RID/T1" --percent 40 --note "Half the flow mapped" \
    --blocker "The old ticket export" --from zhao --by 2026-07-09
cat >>collab.yaml <<'YAML'
notify:
  channels:
    - name: cs-hook
      kind: wecom
      url: http://127.0.0.1:1/wecom/send?key=k
      departments: [cs, tech]
YAML
commit "a blocker, a channel"
export COLLAB_NOW=2026-07-08T12:00

json_out people collab people --format json
output_valid people-list.schema.json people
nested_invalid "a person without roles" people-list.schema.json people 'del d["people"][0]["roles"]'
nested_invalid "a department head that is a number" people-list.schema.json people 'd["departments"][0]["head"] = 1'
json_out whoami collab --as zhang whoami --format json
output_valid whoami.schema.json whoami

json_out stats collab stats --format json
expect_contains "$(cat "$E2E_ROOT/out/stats.json")" '"requests": 1' "(stats counts R)"
output_valid stats.schema.json stats
nested_invalid "a sample without its median" stats.schema.json stats 'del d["review_latency_working_days"]["median"]'

json_out calendar-add collab calendar add 2026-09-30 3 --format json
output_valid calendar-add.schema.json calendar-add
json_out calendar-between collab calendar between 2026-09-30 2026-10-09 --format json
output_valid calendar-between.schema.json calendar-between
json_out calendar-show collab calendar show 2026 --format json
expect_contains "$(cat "$E2E_ROOT/out/calendar-show.json")" '"workdays"' "(the year has holidays)"
output_valid calendar-show.schema.json calendar-show
nested_invalid "a holiday ending on no date" calendar-show.schema.json calendar-show 'd["holidays"][0]["to"] = "soon"'

json_out request-new collab --as zhang request new "${FULL_FORM[@]}" --format json
output_valid request-new.schema.json request-new
nested_invalid "a request id in lower case" request-new.schema.json request-new 'd["id"] = d["id"].lower()'
json_out request-show collab request show "$RID" --format json
output_valid request-show.schema.json request-show
nested_invalid "a request in an unknown state" request-show.schema.json request-show 'd["state"] = "parked"'
nested_invalid "a form with an unknown key" request-show.schema.json request-show 'd["form"]["owner"] = "zhang"'
json_out request-list collab request list --format json
expect_contains "$(cat "$E2E_ROOT/out/request-list.json")" '"state": "draft"' "(the list has the new draft)"
output_valid request-list.schema.json request-list
nested_invalid "a listed request with an unknown key" request-list.schema.json request-list 'd["requests"][0]["owner"] = "zhang"'
nested_invalid "a listed request without its title" request-list.schema.json request-list 'del d["requests"][0]["title"]'

json_out task-list collab task list --format json
output_valid task-list.schema.json task-list
nested_invalid "a task with an unknown key" task-list.schema.json task-list 'd["tasks"][0]["owner_name"] = "x"'
nested_invalid "a task at 120 percent" task-list.schema.json task-list 'd["tasks"][0]["percent"] = 120'
json_out task-show collab task show "$RID/T1" --format json
expect_contains "$(cat "$E2E_ROOT/out/task-show.json")" '"The old ticket export"' "(T1 has its blocker)"
output_valid task-show.schema.json task-show
nested_invalid "a task without its updates" task-show.schema.json task-show 'del d["updates"]'

json_out log collab log "$RID" --format json
output_valid log-report.schema.json log
nested_invalid "an entry without its summary" log-report.schema.json log 'del d["events"][0]["summary"]'

json_out feedback collab feedback "$RID" --format json
expect_contains "$(cat "$E2E_ROOT/out/feedback.json")" '"questions"' "(the survey has questions)"
output_valid feedback-survey.schema.json feedback
nested_invalid "a question without its text" feedback-survey.schema.json feedback 'del d["questions"][0]["text"]'

json_out check collab check --format json
output_valid check-report.schema.json check
nested_invalid "a summary with an unknown key" check-report.schema.json check 'd["summary"]["infos"] = 0'

json_out next collab next "$RID" --format json
expect_contains "$(cat "$E2E_ROOT/out/next.json")" '"commands"' "(R has a next step)"
output_valid next.schema.json next
nested_invalid "a step with an unknown key" next.schema.json next 'd["steps"][0]["owner"] = "chen"'
json_out inbox collab --as zhao inbox --format json
expect_contains "$(cat "$E2E_ROOT/out/inbox.json")" '"step": "unblock"' "(zhao has the blocker to lift)"
output_valid inbox.schema.json inbox
nested_invalid "an inbox item without its commands" inbox.schema.json inbox 'del d["items"][0]["commands"]'

json_out notify-dry collab notify --since HEAD~1 --dry-run --format json
expect_contains "$(cat "$E2E_ROOT/out/notify-dry.json")" '"dry_run": true' "(a dry run)"
output_valid notify-report.schema.json notify-dry
json_out notify-sent collab notify --since HEAD~1 --format json --timeout 1 --retries 0
expect_rc 1 "(nothing listens on the channel's port: the report says so)"
expect_contains "$(cat "$E2E_ROOT/out/notify-sent.json")" '"error": "' "(the channel's error)"
output_valid notify-report.schema.json notify-sent
nested_invalid "a channel of an unknown kind" notify-report.schema.json notify-sent 'd["channels"][0]["kind"] = "pager"'
json_out notify-holiday collab --now 2026-10-03T09:00 notify --digest --format json
expect_contains "$(cat "$E2E_ROOT/out/notify-holiday.json")" '"working_day": false' "(a day off)"
valid "notify --digest --format json on a day off" notify-report.schema.json "$E2E_ROOT/out/notify-holiday.json"
nested_invalid "a day off that is a working day" notify-report.schema.json notify-holiday 'd["working_day"] = True'
nested_invalid "a day off with a channel" notify-report.schema.json notify-holiday 'd["channels"] = [{}]'

finish
