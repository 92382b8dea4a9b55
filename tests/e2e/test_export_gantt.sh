#!/usr/bin/env bash
# `collab export REQUEST --gantt mermaid|svg`: a split request's tasks as a Gantt chart.
# The request (one department, cs; zhang and chen), final on Tuesday 2026-09-15, split on
# Wednesday 09-16 into three tasks over the Mid-Autumn (09-25..27) and National Day
# (10-01..07) holidays of the bundled calendar, exported on Monday 09-28:
#   T1 Map the flow  chen   confirmed 09-16, due 09-24, 40% done: overdue
#   T2 Build it      zhang  confirmed 09-17, due 10-14, after T1: starts 09-25
#   T3 Roll out      chen   not confirmed,   due 10-21, after T2: starts 10-15
#   T4 Write notes   chen   confirmed 09-16, due 09-22, delivered and accepted: done
#  - mermaid: dateFormat, weekends and holidays excluded, a section per owner, `after`
#    for the dependencies, mermaid's exclusive end dates, today as a milestone;
#  - svg: well-formed (Python's xml.etree), each bar spans the day columns of its dates,
#    today's line runs through today's column, holidays and weekends are shaded, the
#    make-up Sunday 09-20 is not;
#  - Chinese labels in a zh workspace; -o writes a file; usage errors and a request not
#    yet split;
#  - mermaid's own parser (mermaid.parse, in node with jsdom for its DOM) accepts both
#    charts and refuses a broken one: the npm packages live outside the repository, in
#    $COLLAB_MERMAID_TOOLS (.ci/run installs them); without it this test is skipped.
. "$(dirname "$0")/lib.sh"

new_workspace "$E2E_ROOT/ws" || exit 1
cd "$E2E_ROOT/ws" || exit 1
RID=$(req 2026-09-14 "Ship 上线 🚀" --due 2026-10-30) || exit 1
final "$RID" 2026-09-15
collab --now 2026-09-16T10:00 --as zhang split "$RID" \
    --task "name=Map the flow;owner=chen;deadline=2026-09-24;deliverable=Flow chart;covers=1" \
    --task "name=Build it;owner=zhang;deadline=2026-10-14;deliverable=Tool v1;depends=T1;covers=1" \
    --task "name=Roll out;owner=chen;deadline=2026-10-21;deliverable=Notes;depends=T2;covers=1" \
    --task "name=Write notes;owner=chen;deadline=2026-09-22;deliverable=Notes v1;covers=1" \
    >/dev/null || fail "the split"
collab --now 2026-09-16T10:30 --as chen task confirm "$RID/T1" >/dev/null || fail "T1 confirmed"
collab --now 2026-09-17T09:00 --as zhang task confirm "$RID/T2" >/dev/null || fail "T2 confirmed"
collab --now 2026-09-16T10:40 --as chen task confirm "$RID/T4" >/dev/null || fail "T4 confirmed"
collab --now 2026-09-21T16:00 --as chen deliver "$RID/T4" --check 1=yes >/dev/null || fail "T4 delivered"
collab --now 2026-09-22T10:00 --as zhang accept "$RID/T4" --pass >/dev/null || fail "T4 accepted"
collab --now 2026-09-18T16:00 --as chen progress "$RID/T1" --percent 40 --note "half way" \
    >/dev/null || fail "T1 progress"
commit "split"
NOW=2026-09-28T10:00

run collab --now "$NOW" export "$RID" --gantt mermaid
expect_rc 0 "export --gantt mermaid"
expect_eq "$OUT" "gantt
    title $RID Ship 上线 🚀 — tasks as of 2026-09-28
    dateFormat YYYY-MM-DD
    axisFormat %m-%d
    todayMarker off
    excludes weekends, 2026-09-25, 2026-09-26, 2026-09-27, 2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, 2026-10-06, 2026-10-07
    section 陈晨 (chen)
    T1 Map the flow :crit, active, T1, 2026-09-16, 2026-09-25
    T3 Roll out :T3, after T2, 2026-10-22
    T4 Write notes :done, T4, 2026-09-16, 2026-09-23
    section 张敏 (zhang)
    T2 Build it :T2, after T1, 2026-10-15
    section Today 2026-09-28
    Today 2026-09-28 :milestone, today, 2026-09-28, 0d" "the mermaid chart, line by line"
CHART_EN=$OUT

# mermaid_parse TEXT: mermaid's parser on TEXT; OUT, ERR and RC as run sets them.
MERMAID_TOOLS=${COLLAB_MERMAID_TOOLS:-}
mermaid_parse() {
    printf '%s\n' "$1" >"$E2E_ROOT/chart.mmd"
    run node "$COLLAB_SOURCE_DIR/tests/e2e/mermaid_parse.mjs" "$MERMAID_TOOLS" <"$E2E_ROOT/chart.mmd"
}

# The SVG, checked against its own day grid.
run collab --now "$NOW" export "$RID" --gantt svg -o "$E2E_ROOT/chart.svg"
expect_rc 0 "export --gantt svg -o FILE"
expect_eq "$OUT" "" "nothing on stdout with -o"
run python3 - "$E2E_ROOT/chart.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()  # raises unless well-formed
problems = []
def check(ok, what):
    if not ok:
        problems.append(what)

check(root.tag == NS + "svg" and root.get("version") == "1.1", "an SVG 1.1 root")
check(not list(root.iter(NS + "script")), "no script")
check("sans-serif" in root.get("font-family", ""), "a font-family list")
by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
def num(element, name):
    return float(element.get(name))
def day(date):
    rect = by_id["day-" + date]
    return num(rect, "x"), num(rect, "width"), rect.get("class").split()

days = sorted(k[4:] for k in by_id if k.startswith("day-"))
check(days[0] == "2026-09-16" and days[-1] == "2026-10-21", f"the range: {days[0]}..{days[-1]}")
widths = {day(d)[1] for d in days}
check(len(widths) == 1, "every day as wide")
xs = [day(d)[0] for d in days]
check(all(b - a == day(days[0])[1] for a, b in zip(xs, xs[1:])), "the days side by side")

for task, start, end, state in [("T1", "2026-09-16", "2026-09-24", "crit"),
                                ("T2", "2026-09-25", "2026-10-14", "planned"),
                                ("T3", "2026-10-15", "2026-10-21", "planned"),
                                ("T4", "2026-09-16", "2026-09-22", "done")]:
    bar = by_id["bar-" + task]
    left = day(start)[0]
    right = day(end)[0] + day(end)[1]
    check(num(bar, "x") == left, f"{task} starts at {start}'s column: {bar.get('x')} != {left}")
    check(num(bar, "x") + num(bar, "width") == right, f"{task} ends with {end}'s column")
    check(state in bar.get("class").split(), f"{task} drawn as {state}: {bar.get('class')}")

today = by_id["today"]
x, width, _ = day("2026-09-28")
check(num(today, "x1") == x + width / 2 == num(today, "x2"), "today's line in 09-28's column")

for d in ["2026-09-25", "2026-09-26", "2026-09-27"] + [f"2026-10-0{i}" for i in range(1, 8)]:
    check("holiday" in day(d)[2], f"{d} shaded as a holiday")
for d in ["2026-09-19", "2026-10-11", "2026-10-17"]:
    check("weekend" in day(d)[2], f"{d} shaded as a weekend")
for d in ["2026-09-20", "2026-10-10", "2026-09-28"]:
    check(day(d)[2] == ["day"], f"{d} is a working day, not shaded")

texts = [t.text or "" for t in root.iter(NS + "text")]
for wanted in ["陈晨 (chen)", "张敏 (zhang)", "T1 Map the flow", "T2 Build it", "Today 2026-09-28",
               "Public holiday", "40%"]:
    check(wanted in texts, f"a text {wanted!r}")
titles = [t.text or "" for t in root.iter(NS + "title")]
check("2026-10-01 国庆节 National Day" in titles, "the holiday's name on its day")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
expect_rc 0 "the SVG: well-formed, bars, today and holidays on the day grid"

# Chinese labels in a zh workspace.
sed -i 's/^language: en$/language: zh/' collab.yaml
run collab --now "$NOW" export "$RID" --gantt mermaid
expect_line "$OUT" "    title $RID Ship 上线 🚀 — 任务进度（截至 2026-09-28）" "a Chinese title"
expect_line "$OUT" "    今天 2026-09-28 :milestone, today, 2026-09-28, 0d" "today in Chinese"
CHART_ZH=$OUT
run collab --now "$NOW" export "$RID" --gantt svg
expect_contains "$OUT" ">法定节假日</text>" "the Chinese legend"
expect_contains "$OUT" "已验收" "the Chinese legend: accepted"
git checkout -q -- collab.yaml

usage_error "--gantt without a request" collab --now "$NOW" export --gantt svg
expect_contains "$ERR" "REQUEST" "the error says to name a request"
usage_error "--gantt pdf" collab --now "$NOW" export "$RID" --gantt pdf
usage_error "--gantt with --ics" collab --now "$NOW" export "$RID" --gantt svg --ics
usage_error "--gantt with --person" collab --now "$NOW" export "$RID" --gantt svg --person chen
expect_contains "$ERR" "--person" "the error names --person"
OTHER=$(req 2026-09-14 "Not split") || exit 1
commit "another"
run collab --now "$NOW" export "$OTHER" --gantt mermaid
expect_rc 3 "a request not split yet is refused"
expect_contains "$ERR" "collab split $OTHER" "the refusal says how to split it"
expect_eq "$OUT" "" "nothing written"

# --- mermaid's own parser ---------------------------------------------------------------------
if [ -z "$MERMAID_TOOLS" ]; then
    finish || exit 1
    echo "SKIP: no mermaid (set COLLAB_MERMAID_TOOLS; .ci/run installs it): the charts were not parsed" >&2
    exit 77
fi
[ -f "$MERMAID_TOOLS/node_modules/mermaid/package.json" ] ||
    fail "COLLAB_MERMAID_TOOLS=$MERMAID_TOOLS holds no node_modules/mermaid"
mermaid_parse "$CHART_EN"
expect_rc 0 "mermaid parses the English chart"
expect_eq "$OUT" "ok: gantt" "as a Gantt chart"
mermaid_parse "$CHART_ZH"
expect_rc 0 "mermaid parses the Chinese chart"
# The check can fail: a task line that lost its colon, and a date mermaid cannot read.
mermaid_parse "$(sed 's/^    T4 Write notes :done, /    T4 Write notes done /' <<<"$CHART_EN")"
expect_rc 1 "a task line without its colon is refused"
expect_contains "$ERR" "Parse error" "mermaid says where"
mermaid_parse "$(printf '%s\n    :::' "$CHART_EN")"
expect_rc 1 "a stray line is refused"

finish
