#!/usr/bin/env bash
# The JSON Schemas in docs/schemas/ (draft 2020-12), checked with an independent validator
# (Python's jsonschema, Debian python3-jsonschema; the test is skipped without it):
#  1. the schemas are valid draft 2020-12 schemas;
#  2. every file of the bundled example, every shipped calendar and every file of a
#     generated workspace in every state is valid;
#  3. what collab writes in a real walk (request new, submit, review) is valid;
#  4. `check --format json`, `inbox --format json` and `next --format json` are valid
#     against their output schemas;
#  5. bad files that collab refuses are refused by the schema too.
. "$(dirname "$0")/lib.sh"

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

finish
