#!/usr/bin/env bash
# The report formats of `collab check`: JSON (documented fields), JUnit XML (parsed
# with python3's xml.etree, expected tests/failures), GitHub Actions annotations (the
# default when GITHUB_ACTIONS=true), GitLab code quality (fingerprints unique and the
# same on another day) and SARIF 2.1.0, validated by the real SARIF validator named
# by $COLLAB_SARIF_VALIDATOR (.ci/run installs it); paths are relative to the git
# repository's root when the workspace is a subfolder.
# Exits 77 (skipped) when every check passed but no SARIF validator is installed.
. "$(dirname "$0")/lib.sh"


# SARIF validation: the validator's own findings at level error (the validator exits 0
# either way), written with -o; prints them, one a line.
VALIDATOR=${COLLAB_SARIF_VALIDATOR:-}
# sarif_errors FILE: the validator's errors about FILE ("RULE: message arguments").
sarif_errors() {
    local out="$E2E_ROOT/validation.sarif"
    rm -f "$out"
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
        "$VALIDATOR" validate "$1" -o "$out" --log ForceOverwrite >"$E2E_ROOT/validator.log" 2>&1
    if [ ! -f "$out" ]; then
        echo "VALIDATOR-FAILED: $(cat "$E2E_ROOT/validator.log")"
        return
    fi
    # Runs inside $(...): a file, not a variable, tells the end of the script.
    touch "$E2E_ROOT/validated"
    py 'for r in d["runs"][0].get("results", []):
    if r.get("level", "warning") == "error":
        print(r["ruleId"] + ": " + " | ".join(r.get("message", {}).get("arguments", [])))' <"$out"
}
# sarif_findings FILE: every finding of the validator's SARIF and GitHub code-scanning
# rules (--rule-kind "Sarif;Gh") at levels error and warning (notes are advice such as
# code snippets, and reachable URIs, which an offline run cannot give).
sarif_findings() {
    local out="$E2E_ROOT/validation-gh.sarif"
    rm -f "$out"
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
        "$VALIDATOR" validate "$1" --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$out" \
        --log ForceOverwrite >"$E2E_ROOT/validator-gh.log" 2>&1
    if [ ! -f "$out" ]; then
        echo "VALIDATOR-FAILED: $(cat "$E2E_ROOT/validator-gh.log")"
        return
    fi
    py 'for r in d["runs"][0].get("results", []):
    print(r.get("level", "warning") + " " + r["ruleId"] + ": " + " | ".join(r.get("message", {}).get("arguments", [])))' <"$out"
}
# sarif_schema_errors FILE: errors against the SARIF 2.1.0 JSON schema that ships with
# the validator, when python3 has jsonschema; prints nothing otherwise.
sarif_schema_errors() {
    local schema
    schema="$(dirname "$(readlink -f "$VALIDATOR")")/sarif-2.1.0.json"
    [ -f "$schema" ] && python3 -c 'import jsonschema' 2>/dev/null || return 0
    python3 - "$schema" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8-sig"))
doc = json.load(open(sys.argv[2]))
for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(doc):
    print("/".join(str(p) for p in e.absolute_path) + ": " + e.message[:200])
PY
}

# === the workspace: a few findings of both severities for three people ====================
# Checked on Monday 2026-07-20 at 10:00, and again on Tuesday 2026-07-21.
ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
NOW=2026-07-20T10:00
NEXT=2026-07-21T10:00

A=$(req 2026-07-14 "Submitted" --due 2026-07-31)
collab --now 2026-07-14T09:10 --as zhang request submit "$A" >/dev/null
C=$(req 2026-07-06 "In progress" --due 2026-07-31)
final "$C" 2026-07-06
collab --now 2026-07-06T11:00 --as zhang split "$C" \
    --task "name=Map the flow;owner=chen;deadline=2026-07-15;deliverable=Flow chart v1;covers=1" \
    --task "name=Roll it out;owner=zhang;deadline=2026-07-29;deliverable=Rollout note;covers=1" >/dev/null
collab --now 2026-07-06T11:10 --as chen task confirm "$C/T1" >/dev/null
collab --now 2026-07-06T11:10 --as zhang task confirm "$C/T2" >/dev/null
collab --now 2026-07-16T11:00 --as zhang progress "$C/T2" --note "Rollout drafted" >/dev/null
# Two syncs over 30 minutes: two findings of one rule for one person in one file.
for day in 2026-07-09 2026-07-16; do
    collab --now "${day}T12:00" --as zhang sync "$C" --duration 45 --attendee zhang --attendee chen \
        --report "chen: mapping | mapping | none" --report "zhang: drafting | rollout | none" \
        --action "Send the export, 100% of it :: li :: 2026-07-17" --minutes "Long meeting" >/dev/null 2>&1
done
# A risk whose text needs escaping in annotations: %, a colon, a comma, quotes and <&>.
collab --now 2026-07-16T12:10 --as zhang risk add "$C" --text 'Export 50% late: "a, b" <&> x' \
    --owner zhang --due 2026-07-17 >/dev/null
commit "findings"
# A workspace with nothing to report.
empty="$E2E_ROOT/empty"
new_test_workspace "$empty" || exit 1

run collab check --now $NOW --format json
expect_rc 1 "json: exit 1"
JSON=$OUT
N=$(py 'print(len(d["findings"]))' <<<"$JSON")
NERR=$(py 'print(sum(f["severity"] == "error" for f in d["findings"]))' <<<"$JSON")
NWARN=$((N - NERR))
expect_eq "$(py 'print(" ".join(sorted(f["rule"] for f in d["findings"])))' <<<"$JSON")" \
    "action.overdue action.overdue review.overdue risk.overdue sync.too-long sync.too-long task.overdue task.stale" \
    "json: the findings of the workspace"

# === JSON ====================================================================================
expect_eq "$(py 'print(" ".join(d.keys()))' <<<"$JSON")" "version now summary findings" "json: top-level keys"
expect_eq "$(py 'print(d["version"], d["now"], d["summary"]["errors"], d["summary"]["warnings"])' <<<"$JSON")" \
    "1 2026-07-20T10:00:00+08:00 $NERR $NWARN" "json: version, now, summary"
expect_eq "$(py 'print("\n".join(sorted({" ".join(f.keys()) for f in d["findings"]})))' <<<"$JSON")" \
    "rule process_rule severity file line column request person late_days message fingerprint" \
    "json: every finding has the documented fields, in order"
expect_eq "$(py 'bad = [f["rule"] for f in d["findings"] if not (isinstance(f["line"], int) and f["line"] >= 1
    and isinstance(f["column"], int) and f["column"] >= 1 and isinstance(f["late_days"], int)
    and f["severity"] in ("error", "warning") and f["file"].startswith("requests/")
    and f["request"] in (sys.argv[1], sys.argv[2]) and f["message"] and len(f["fingerprint"]) >= 16)]
print(" ".join(bad))' "$A" "$C" <<<"$JSON")" "" "json: field types and values (listed: findings that break them)"
expect_eq "$(py 'print(" ".join(sorted(f["rule"] + "=" + f["process_rule"] for f in d["findings"] if f["rule"] in ("review.overdue", "task.overdue", "task.stale"))))' <<<"$JSON")" \
    "review.overdue=review task.overdue=deliver task.stale=progress" "json: the PROCESS rule of each finding"
expect_eq "$(py 'print(" ".join(sorted(f["rule"] + ":" + f["person"] + ":" + str(f["late_days"]) for f in d["findings"] if f["rule"] in ("review.overdue", "task.overdue"))))' <<<"$JSON")" \
    "review.overdue:li:2 task.overdue:chen:3" "json: who must act and how many working days late"
expect_eq "$(py 'print(len({f["fingerprint"] for f in d["findings"]}))' <<<"$JSON")" "$N" \
    "json: every finding has its own fingerprint (two long syncs of one request included)"
run collab --lang zh check --now $NOW --format json
expect_contains "$(py 'print("\n".join(f["message"] for f in d["findings"] if f["rule"] == "review.overdue"))' <<<"$OUT")" \
    "初审" "json: messages in the workspace's language"

# === JUnit ===================================================================================
run collab check --now $NOW --format junit
expect_rc 1 "junit: exit 1"
JUNIT=$OUT
RULE_COUNT=$(collab check --list-rules | tail -n +2 | wc -l | tr -d ' ')
WITH_FINDINGS=$(py 'print(len({f["rule"] for f in d["findings"]}))' <<<"$JSON")
junit_facts=$(python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read().encode())
suites = root.findall("testsuite")
cases = root.findall("testsuite/testcase")
print(root.tag, root.get("tests"), root.get("failures"), root.get("errors"))
print(len(suites), len(cases), len(root.findall("testsuite/testcase/failure")))
print(sum(int(s.get("tests")) for s in suites), sum(int(s.get("failures")) for s in suites))
print(all(int(s.get("tests")) == len(s.findall("testcase")) and
          int(s.get("failures")) == len(s.findall("testcase/failure")) for s in suites))
' <<<"$JUNIT" 2>&1)
# One suite per rule; a finding is a case (failed when it is an error); a rule without
# findings is one passing case.
TESTS=$((N + RULE_COUNT - WITH_FINDINGS))
expect_eq "$junit_facts" "testsuites $TESTS $NERR 0
$RULE_COUNT $TESTS $NERR
$TESTS $NERR
True" "junit: parses as XML with the expected tests and failures"
expect_contains "$JUNIT" "<testsuite name=\"review.overdue\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">" "junit: the review.overdue suite"
expect_contains "$JUNIT" "<testsuite name=\"task.stale\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">" "junit: a warning passes"
expect_contains "$JUNIT" "<testsuite name=\"frozen.changed\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">
    <testcase classname=\"collab.frozen.changed\" name=\"no findings\" time=\"0\"/>" "junit: a rule without findings passes"
# The attributes the Jenkins xunit schema (junit-10.xsd) and the Surefire report schema
# both allow, and the ones they require: a consumer rejects the report otherwise.
expect_eq "$(python3 -c '
import sys, xml.etree.ElementTree as ET
allowed = {"testsuites": {"name", "time", "tests", "failures", "errors"},
           "testsuite": {"name", "tests", "failures", "errors", "skipped", "time"},
           "testcase": {"name", "classname", "time"},
           "failure": {"type", "message"}, "system-out": set()}
required = {"testsuite": {"name", "tests", "failures", "errors", "skipped", "time"},
            "testcase": {"name", "time"}}
root = ET.fromstring(sys.stdin.read().encode())
for e in root.iter():
    extra = set(e.attrib) - allowed.get(e.tag, set())
    missing = required.get(e.tag, set()) - set(e.attrib)
    if e.tag not in allowed or extra or missing:
        print(e.tag, sorted(extra), sorted(missing))
    if "time" in e.attrib and not e.get("time").replace(".", "", 1).isdigit():
        print(e.tag, "time", e.get("time"))
' <<<"$JUNIT")" "" "junit: only attributes both JUnit schemas allow, every required one (listed: elements that break it)"
# And validated against the schemas themselves (tests/fixtures/xsd), with xmllint: the
# whole report against Jenkins xUnit's junit-10.xsd; each suite, the root Surefire's
# schema takes, against Surefire's. Each schema is first shown to refuse a report that
# breaks it.
XSD="$COLLAB_SOURCE_DIR/tests/fixtures/xsd"
if ! command -v xmllint >/dev/null; then
    fail "xmllint is missing: apt-get install libxml2-utils"
else
    printf '%s\n' "$JUNIT" >"$E2E_ROOT/junit.xml"
    run xmllint --noout --schema "$XSD/junit-10.xsd" "$E2E_ROOT/junit.xml"
    expect_rc 0 "junit: valid against junit-10.xsd ($ERR)"
    sed '0,/<testcase /s//<testcase file="x" /' "$E2E_ROOT/junit.xml" >"$E2E_ROOT/junit-bad.xml"
    run xmllint --noout --schema "$XSD/junit-10.xsd" "$E2E_ROOT/junit-bad.xml"
    expect_rc 3 "junit-10.xsd refuses a testcase with a file attribute"
    /usr/bin/python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for i, suite in enumerate(root.iter("testsuite")):
    with open(f"{sys.argv[2]}/suite-{i}.xml", "wb") as out:
        out.write(ET.tostring(suite, encoding="utf-8", xml_declaration=True))
' "$E2E_ROOT/junit.xml" "$E2E_ROOT"
    suites=("$E2E_ROOT"/suite-*.xml)
    expect_eq "$( ((${#suites[@]} > 5)) && echo yes)" yes "junit: the report has its suites (${#suites[@]})"
    invalid=""
    for suite in "${suites[@]}"; do
        xmllint --noout --schema "$XSD/surefire-test-report-3.0.2.xsd" "$suite" 2>/dev/null ||
            invalid+=" $(basename "$suite")"
    done
    expect_eq "$invalid" "" "junit: every suite valid against Surefire's schema"
    sed 's/ time="[0-9.]*"//' "${suites[0]}" >"$E2E_ROOT/suite-bad.xml"
    run xmllint --noout --schema "$XSD/surefire-test-report-3.0.2.xsd" "$E2E_ROOT/suite-bad.xml"
    expect_rc 3 "Surefire's schema refuses a suite without its time"
fi
RISK_MESSAGE=$(py 'print([f["message"] for f in d["findings"] if f["rule"] == "risk.overdue"][0])' <<<"$JSON")
expect_contains "$RISK_MESSAGE" 'Export 50% late: "a, b" <&> x' "json: the risk's text as written"
expect_match "$(python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read().encode())
print("\n".join(s.text for s in root.iter("system-out") if "Export" in s.text))' <<<"$JUNIT")" \
    "^requests/$C/log/zhang\.yaml:[0-9]+:[0-9]+: ${RISK_MESSAGE//[^a-zA-Z0-9 ]/.}$" \
    "junit: text with quotes and <&> survives the XML escaping"
run collab -C "$empty" check --now $NOW --format junit
expect_rc 0 "junit, nothing late: exit 0"
expect_eq "$(python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read().encode())
print(root.get("tests"), root.get("failures"), len(root.findall("testsuite")))' <<<"$OUT")" "$RULE_COUNT 0 $RULE_COUNT" \
    "junit, nothing late: one passing case per rule"

# === GitHub Actions ===========================================================================
run collab check --now $NOW --format github
expect_rc 1 "github: exit 1"
GH=$OUT
expect_eq "$(grep -c '' <<<"$GH")" "$N" "github: one line per finding"
expect_eq "$(grep -vcE '^::(error|warning) file=requests/R-[0-9A-Z]+/[a-z./]+,line=[0-9]+,col=[0-9]+,title=[a-z.-]+::.+$' <<<"$GH")" "0" \
    "github: every line is a ::error/::warning workflow command with file, line, col and title"
expect_eq "$(grep -c '^::error ' <<<"$GH") $(grep -c '^::warning ' <<<"$GH")" "$NERR $NWARN" "github: errors and warnings"
review_line=$(py 'print([f["line"] for f in d["findings"] if f["rule"] == "review.overdue"][0])' <<<"$JSON")
expect_line "$GH" "::error file=requests/$A/request.yaml,line=$review_line,col=1,title=review.overdue::the review of $A by 李华 (li) was due 2026-07-16 18:00; it is 2 working days late" \
    "github: the review annotation, whole"
expect_contains "$GH" "Export 50%25 late: \"a, b\" <&> x" "github: % in a message is escaped as %25"
# GitHub shows only the first few annotations of a step: errors first, the latest first.
expect_eq "$(sed -E 's/^::(error|warning) .*title=([a-z.-]+)::.*$/\1 \2/' <<<"$GH" | tr '\n' ' ')" \
    "$(py 'fs = sorted(d["findings"], key=lambda f: (f["severity"] != "error", -(f["late_days"] or 0)))
print(" ".join(f["severity"] + " " + f["rule"] for f in fs), end=" ")' <<<"$JSON")" \
    "github: annotations worst first (errors, then the most working days late)"
SUMMARY="$E2E_ROOT/step-summary.md"
printf '# earlier step\n' >"$SUMMARY"
run env GITHUB_STEP_SUMMARY="$SUMMARY" "$COLLAB_BIN" check --now $NOW --format github
expect_eq "$OUT" "$GH" "GITHUB_STEP_SUMMARY: the annotations are unchanged"
expect_eq "$(head -1 "$SUMMARY")" "# earlier step" "GITHUB_STEP_SUMMARY: appended to, never replaced"
expect_eq "$(grep -c '^| ' "$SUMMARY")" "$((N + 2))" "GITHUB_STEP_SUMMARY: a table of every finding (header, rule, one row each)"
expect_contains "$(cat "$SUMMARY")" "| SEVERITY | RULE | REQUEST | WHO MUST ACT | WHERE | FINDING |" "GITHUB_STEP_SUMMARY: the header"
expect_eq "$(grep '^| [a-z]' "$SUMMARY" | grep -v '^| ---' | cut -d'`' -f2 | tr '\n' ' ')" \
    "$(sed -E 's/^::(error|warning) .*title=([a-z.-]+)::.*$/\2/' <<<"$GH" | tr '\n' ' ')" \
    "GITHUB_STEP_SUMMARY: worst first, as the annotations"
expect_contains "$(cat "$SUMMARY")" 'Export 50% late: "a, b" <&> x' "GITHUB_STEP_SUMMARY: text as written"
rm -f "$SUMMARY"
run env GITHUB_STEP_SUMMARY="$SUMMARY" "$COLLAB_BIN" --lang zh check --now $NOW --format github
expect_contains "$(cat "$SUMMARY")" "| 严重级别 | 规则 | 需求 | 责任人 | 位置 | 问题 |" "GITHUB_STEP_SUMMARY: in the workspace's language"
rm -f "$SUMMARY"
run env GITHUB_STEP_SUMMARY="$SUMMARY" "$COLLAB_BIN" check --now $NOW --format json
expect_eq "$([ -e "$SUMMARY" ] && echo written || echo absent)" "absent" "GITHUB_STEP_SUMMARY: only with github annotations"
run env GITHUB_ACTIONS=true "$COLLAB_BIN" check --now $NOW
expect_rc 1 "GITHUB_ACTIONS=true: exit 1"
expect_eq "$OUT" "$GH" "GITHUB_ACTIONS=true: github annotations are the default"
run env GITHUB_ACTIONS=true "$COLLAB_BIN" check --now $NOW --format text
expect_match "$OUT" "^[0-9]+ errors?, [0-9]+ warnings?$" "GITHUB_ACTIONS=true: --format text still gives text"
run env GITHUB_ACTIONS=false "$COLLAB_BIN" check --now $NOW
expect_match "$OUT" "^[0-9]+ errors?, [0-9]+ warnings?$" "GITHUB_ACTIONS=false: text"
run collab -C "$empty" check --now $NOW --format github
expect_rc 0 "github, nothing late: exit 0"
expect_eq "$OUT" "" "github, nothing late: no annotation"

# === GitLab code quality ========================================================================
run collab check --now $NOW --format gitlab
expect_rc 1 "gitlab: exit 1"
GL=$OUT
expect_eq "$(py 'print(type(d).__name__, len(d))' <<<"$GL")" "list $N" "gitlab: an array with one issue per finding"
expect_eq "$(py 'bad = [i.get("check_name") for i in d if sorted(i.keys()) != ["check_name", "description", "fingerprint", "location", "severity"]
    or i["severity"] not in ("info", "minor", "major", "critical", "blocker")
    or not i["location"]["path"].startswith("requests/") or i["location"]["lines"]["begin"] < 1
    or not i["description"]]
print(" ".join(bad))' <<<"$GL")" "" "gitlab: every issue has description, check_name, fingerprint, severity, location (listed: those that do not)"
expect_eq "$(py 'print(" ".join(sorted({i["severity"] + ":" + i["check_name"] for i in d if i["check_name"] in ("review.overdue", "task.stale")})))' <<<"$GL")" \
    "major:review.overdue minor:task.stale" "gitlab: errors are major, warnings minor"
expect_eq "$(py 'print(len({i["fingerprint"] for i in d}))' <<<"$GL")" "$N" \
    "gitlab: fingerprints are unique within a report (two long syncs of one request are two issues)"
# gl_keys REPORT: check_name, path and fingerprint of every issue, sorted.
gl_keys() { py 'print("\n".join(sorted(i["check_name"] + " " + i["location"]["path"] + " " + i["fingerprint"] for i in d)))' <<<"$1"; }
run collab check --now $NOW --format gitlab
expect_eq "$OUT" "$GL" "gitlab: the same report twice on the same day"
run collab check --now $NEXT --format gitlab
expect_eq "$(py 'print(len(d))' <<<"$OUT")" "$N" "gitlab on Tuesday: the same findings"
expect_contains "$(py 'print("\n".join(i["description"] for i in d))' <<<"$OUT")" "3 working days late" \
    "gitlab on Tuesday: the review is one more day late"
expect_eq "$(gl_keys "$OUT")" "$(gl_keys "$GL")" "gitlab: fingerprints are the same on another day"

# === SARIF ========================================================================================
run collab check --now $NOW --format sarif
expect_rc 1 "sarif: exit 1"
SARIF=$OUT
printf '%s' "$SARIF" >"$E2E_ROOT/check.sarif"
expect_eq "$(py 'r = d["runs"][0]
print(d["version"], len(d["runs"]), r["tool"]["driver"]["name"], len(r["tool"]["driver"]["rules"]), len(r["results"]))' <<<"$SARIF")" \
    "2.1.0 1 collab $RULE_COUNT $N" "sarif: version 2.1.0, one run of collab, every rule, every finding"
expect_eq "$(py 'r = d["runs"][0]; rules = r["tool"]["driver"]["rules"]
print(" ".join(x["ruleId"] for x in r["results"] if rules[x["ruleIndex"]]["id"] != x["ruleId"]))' <<<"$SARIF")" \
    "" "sarif: ruleIndex points at the rule (listed: results where it does not)"
expect_eq "$(py 'r = d["runs"][0]
print(sum(x["level"] == "error" for x in r["results"]), sum(x["level"] == "warning" for x in r["results"]))' <<<"$SARIF")" \
    "$NERR $NWARN" "sarif: levels"
expect_eq "$(py 'r = d["runs"][0]
print(len({json.dumps(x["partialFingerprints"], sort_keys=True) for x in r["results"]}))' <<<"$SARIF")" "$N" \
    "sarif: partialFingerprints are unique (code scanning would merge two long syncs into one alert)"
expect_eq "$(py 'print(" ".join(sorted({x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in d["runs"][0]["results"]})))' <<<"$SARIF")" \
    "$(printf '%s\n' "requests/$A/request.yaml" "requests/$C/log/zhang.yaml" "requests/$C/tasks.yaml" | sort | tr '\n' ' ' | sed 's/ $//')" \
    "sarif: relative URIs from the repository root"

expect_eq "$(py 'drv = d["runs"][0]["tool"]["driver"]
bad = [r["id"] for r in drv["rules"] if not r.get("name", "").isalnum() or not r["help"]["text"]
       or not r["helpUri"].startswith("file:///") or r["help"]["text"] != r["fullDescription"]["text"]]
print(drv["informationUri"].endswith("/PROCESS.md"), " ".join(bad))' <<<"$SARIF")" "True " \
    "sarif: every rule has a name, help text and a helpUri; the tool an informationUri (listed: rules without)"
expect_eq "$(py 'print([r["help"]["text"] for r in d["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "review.overdue"][0])' <<<"$SARIF")" \
    "$(collab check --explain review.overdue | tail -n +2)" "sarif: a rule's help is what --explain says"

# === --list-rules ===================================================================================
run collab check --list-rules --format json
expect_rc 0 "list-rules json: exit 0"
expect_eq "$(py 'print(len(d), " ".join(sorted({" ".join(r.keys()) for r in d})))' <<<"$OUT")" \
    "$RULE_COUNT rule process_rule severity explanation" "list-rules json: every rule, with its fields"
expect_eq "$(py 'print([r["process_rule"] + " " + r["severity"] for r in d if r["rule"] == "task.stale"][0])' <<<"$OUT")" \
    "progress warning" "list-rules json: a rule's process rule and severity"
run collab check --list-rules --format sarif
expect_rc 2 "list-rules sarif: a usage error"

if [ -n "$VALIDATOR" ] && [ -x "$VALIDATOR" ]; then
    expect_eq "$(sarif_errors "$E2E_ROOT/check.sarif")" "" "sarif: the SARIF validator finds no error"
    expect_eq "$(sarif_findings "$E2E_ROOT/check.sarif")" "" \
        "sarif: the validator's SARIF and GitHub rules (--rule-kind Sarif;Gh) find no error or warning"
    expect_eq "$(sarif_schema_errors "$E2E_ROOT/check.sarif")" "" "sarif: valid against the SARIF 2.1.0 schema"
    run collab -C "$empty" check --now $NOW --format sarif -o "$E2E_ROOT/empty.sarif"
    expect_rc 0 "sarif, nothing late: exit 0"
    expect_eq "$(py 'print(len(d["runs"][0]["results"]))' <"$E2E_ROOT/empty.sarif")" "0" "sarif, nothing late: no result"
    expect_eq "$(sarif_errors "$E2E_ROOT/empty.sarif")" "" "sarif, nothing late: the validator finds no error"
    # The validator does catch a broken file (it exits 0 either way).
    printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"ruleId": 5}]}]}' >"$E2E_ROOT/bad.sarif"
    expect_match "$(sarif_errors "$E2E_ROOT/bad.sarif")" "^JSON10" "sarif: the validator reports a file that breaks the schema"
elif [ -n "$VALIDATOR" ]; then
    fail "COLLAB_SARIF_VALIDATOR=$VALIDATOR is not an executable"
fi

# === a workspace in a subfolder of the git repository =====================================================
# Annotations, code quality and SARIF name files from the repository's root; text and
# JSON from the workspace's root.
check_subfolder() { # check_subfolder NAME: the workspace copied to REPO/NAME
    local repo="$E2E_ROOT/repo-$RANDOM" sub=$1
    mkdir -p "$repo"
    git -C "$repo" init -q
    cp -r "$ws" "$repo/$sub"
    rm -rf "$repo/$sub/.git"
    git -C "$repo" add -A && git -C "$repo" commit -qm "workspace in $sub"
    run collab -C "$repo/$sub" check --now $NOW --format github
    expect_rc 1 "subfolder '$sub': github exit 1"
    expect_eq "$OUT" "$(sed "s|file=requests/|file=$sub/requests/|" <<<"$GH")" "subfolder '$sub': github paths from the repository root"
    run collab -C "$repo/$sub" check --now $NOW --format gitlab
    expect_eq "$(py 'print(" ".join(sorted({i["location"]["path"].split("/requests/")[0] for i in d})))' <<<"$OUT")" "$sub" \
        "subfolder '$sub': gitlab paths from the repository root"
    run collab -C "$repo/$sub" check --now $NOW --format junit
    expect_contains "$OUT" "name=\"$A $sub/requests/$A/request.yaml:" "subfolder '$sub': junit file from the repository root"
    run collab -C "$repo/$sub" check --now $NOW --format json
    expect_eq "$(py 'print(" ".join(sorted({f["file"].split("/")[0] for f in d["findings"]})))' <<<"$OUT")" "requests" \
        "subfolder '$sub': json files from the workspace's root"
    (cd "$repo/$sub/requests" && "$COLLAB_BIN" check --now $NOW --format sarif >"$E2E_ROOT/sub.sarif")
    expect_eq "$(py 'print(" ".join(sorted({x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/requests/")[0] for x in d["runs"][0]["results"]})))' <"$E2E_ROOT/sub.sarif")" \
        "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$sub")" \
        "subfolder '$sub' (run from inside it): sarif URIs from the repository root, percent-encoded"
    if [ -n "$VALIDATOR" ] && [ -x "$VALIDATOR" ]; then
        expect_eq "$(sarif_errors "$E2E_ROOT/sub.sarif")" "" "subfolder '$sub': the SARIF validator finds no error"
    fi
}
check_subfolder ops
check_subfolder "客服 team"

# === -o FILE for each format ========================================================================
for format in json junit github gitlab sarif; do
    run collab check --now $NOW --format "$format" -o "$E2E_ROOT/report.$format"
    expect_rc 1 "-o, $format: exit 1"
    expect_eq "$OUT" "" "-o, $format: nothing on stdout"
done
expect_eq "$(cat "$E2E_ROOT/report.sarif")" "$SARIF" "-o, sarif: the report is in the file"
expect_eq "$(cat "$E2E_ROOT/report.gitlab")" "$GL" "-o, gitlab: the report is in the file"

if [ "$E2E_FAILED" -eq 0 ] && [ ! -f "$E2E_ROOT/validated" ]; then
    finish
    echo "SKIP: no SARIF validator (set COLLAB_SARIF_VALIDATOR; .ci/run installs one): SARIF not validated" >&2
    exit 77
fi
finish
