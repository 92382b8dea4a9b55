#!/usr/bin/env bash
# `collab calendar import`: a year's official holiday data taken in with one command,
# counted over at once; every kind of bad file refused with nothing written; --replace;
# collab.yaml's comments kept; `init --calendars`; `import --shipped`; `show` names the
# source.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-12-07T10:00
DATA="$COLLAB_SOURCE_DIR/templates/calendars/holiday-cn"

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1

# The default init installs the year of --now and the year before.
expect_line "$(cat collab.yaml)" "calendars: [calendars/cn-2025.yaml, calendars/cn-2026.yaml]" \
    "init lists this year's and last year's calendars"
# A hand comment beside the list, to be kept.
sed -i 's|^calendars: \[\(.*\)\]$|calendars: [\1]  # 法定节假日, kept by hand|' collab.yaml
git commit -qam "a comment"

# A 2027 file: New Year, and a Spring Festival 02-06..02-12 with make-up Sundays
# 01-31 and 02-20 (Sunday 02-07 inside the festival is not listed, as holiday-cn does).
day() { printf '{"name": "%s", "date": "%s", "isOffDay": %s}' "$1" "$2" "$3"; }
write_2027() { # write_2027 FILE DAYS...
    local file=$1
    shift
    {
        printf '{\n  "year": 2027,\n  "papers": ["https://www.gov.cn/zhengce/2027.htm"],\n  "days": [\n'
        local first=1
        for d in "$@"; do
            [ $first = 1 ] || printf ',\n'
            printf '    %s' "$d"
            first=0
        done
        printf '\n  ]\n}\n'
    } >"$file"
}
good_days=(
    "$(day 元旦 2027-01-01 true)"
    "$(day 春节 2027-01-31 false)"
    "$(day 春节 2027-02-06 true)"
    "$(day 春节 2027-02-08 true)" "$(day 春节 2027-02-09 true)" "$(day 春节 2027-02-10 true)"
    "$(day 春节 2027-02-11 true)" "$(day 春节 2027-02-12 true)"
    "$(day 春节 2027-02-20 false)"
)
in="$E2E_ROOT/in"
mkdir -p "$in"
write_2027 "$in/2027.json" "${good_days[@]}"

# === refused files: nothing written ===============================================
before=$(snapshot "$ws")
import_refused() { # import_refused FILE NEEDLE DESCRIPTION
    run collab calendar import "$1"
    expect_rc 4 "$3: refused"
    expect_contains "$ERR" "$2" "$3: the reason"
    expect_contains "$ERR" "nothing was imported" "$3: says nothing was imported"
    expect_unchanged "$ws" "$before" "$3"
}
write_2027 "$in/empty.json"
import_refused "$in/empty.json" "$in/empty.json:4:11: error: field 'days' is empty: the State Council notice for 2027 is not out yet" \
    "an empty days list (the notice is not out yet)"
write_2027 "$in/outside.json" "$(day 春节 2026-02-06 true)"
import_refused "$in/outside.json" "$in/outside.json:5:5: error: 2026-02-06 is not in 2027" "a date outside the year"
write_2027 "$in/twice.json" "$(day 春节 2027-02-06 true)" "$(day 春节 2027-02-06 false)"
import_refused "$in/twice.json" "$in/twice.json:6:5: error: 2027-02-06 is listed both as a day off and as a make-up working day" \
    "a date both off and worked"
write_2027 "$in/dup.json" "$(day 春节 2027-02-06 true)" "$(day 春节 2027-02-06 true)"
import_refused "$in/dup.json" "2027-02-06 is listed twice (first on line 5)" "a date twice"
write_2027 "$in/baddate.json" "$(day 春节 2027-02-30 true)"
import_refused "$in/baddate.json" "error: field 'date': '2027-02-30' is not a date" "a bad date"
write_2027 "$in/type.json" '{"name": "春节", "date": "2027-02-06", "isOffDay": "yes"}'
import_refused "$in/type.json" "error: field 'isOffDay' must be true or false" "a wrong type"
printf '{"days": [%s]}\n' "$(day 春节 2027-02-06 true)" >"$in/noyear.json"
import_refused "$in/noyear.json" "year" "a missing year"
printf '{"year": 2027, "days": [\n' >"$in/broken.json"
import_refused "$in/broken.json" "$in/broken.json" "broken JSON"
# One bad file among good ones: none is written.
run collab calendar import "$in/2027.json" "$in/outside.json"
expect_rc 4 "a good and a bad file: refused"
expect_unchanged "$ws" "$before" "a good file is not written when another is bad"

# === the import ===================================================================
run collab calendar import "$in/2027.json"
expect_rc 0 "calendar import 2027.json"
expect_contains "$OUT" "2027: wrote calendars/cn-2027.yaml" "import says what it wrote"
expect_line "$(cat collab.yaml)" \
    "calendars: [calendars/cn-2025.yaml, calendars/cn-2026.yaml, calendars/cn-2027.yaml]  # 法定节假日, kept by hand" \
    "collab.yaml lists 2027, its comment kept"
expect_eq "$(git diff --numstat collab.yaml | cut -f1,2)" "1	1" "only the calendars line of collab.yaml changed"
expect_line "$(cat calendars/cn-2027.yaml)" "source: 2027.json" "the calendar records its source"
expect_line "$(cat calendars/cn-2027.yaml)" '  - https://www.gov.cn/zhengce/2027.htm' "and the notice"
expect_line "$(cat calendars/cn-2027.yaml)" "    to: 2027-02-12" "Spring Festival is one holiday over the unlisted Sunday"

# Counting across it.
add() { # add FROM N WANT DESCRIPTION
    run collab calendar add "$1" "$2"
    expect_rc 0 "calendar add $1 $2"
    expect_eq "$OUT" "$3" "$4"
}
add 2027-02-05 1 2027-02-15 "Friday before the festival + 1 is the Monday after"
add 2027-01-29 1 2027-01-31 "the make-up Sunday before the festival is a working day"
add 2027-02-19 1 2027-02-20 "the make-up Saturday after it too"
add 2026-12-31 1 2027-01-04 "New Year's Day 2027 is off"
run collab calendar between 2027-02-01 2027-02-28
expect_rc 0 "calendar between across the festival"
# After Monday 02-01: 19 weekdays, 5 of them off (02-08..02-12), 1 make-up Saturday.
expect_eq "$OUT" "15" "working days of February 2027 after 02-01"

# Importing the same again: nothing to do, nothing written.
git add -A && git commit -qm "2027"
before=$(snapshot "$ws")
run collab calendar import "$in/2027.json"
expect_rc 0 "importing the same file again"
expect_contains "$ERR" "calendars/cn-2027.yaml already holds this calendar of 2027; nothing to do" "says so"
expect_unchanged "$ws" "$before" "the same import writes nothing"

# A different 2027: refused without --replace, replaced with it.
changed=("${good_days[@]}" "$(day 国庆节 2027-10-01 true)")
write_2027 "$in/2027b.json" "${changed[@]}"
run collab calendar import "$in/2027b.json"
expect_rc 4 "a different 2027 is refused"
expect_contains "$ERR" "calendars/cn-2027.yaml already holds a different calendar of 2027; compare them, then run again with --replace" \
    "it says how to replace"
expect_unchanged "$ws" "$before" "a refused replacement writes nothing"
run collab calendar import --replace "$in/2027b.json"
expect_rc 0 "import --replace"
expect_contains "$(cat calendars/cn-2027.yaml)" "source: 2027b.json" "the calendar is replaced"
expect_eq "$(git status --porcelain)" " M calendars/cn-2027.yaml" "only the calendar changed"
git commit -qam "2027b"

# iCalendar: the shipped 2026.ics is the same calendar as 2026.json but names itself.
before=$(snapshot "$ws")
run collab calendar import "$DATA/2026.ics"
expect_rc 4 "2026.ics differs from the installed 2026 only by its source"
expect_unchanged "$ws" "$before" "and is refused without --replace"
run collab calendar import --replace "$DATA/2026.ics"
expect_rc 0 "2026.ics with --replace"
expect_eq "$(git diff --numstat calendars/cn-2026.yaml | cut -f1,2)" "3	5" \
    "only the header, source and papers lines differ from 2026.json's import"
git checkout -q calendars/cn-2026.yaml

# === show: where a year came from ==================================================
run collab calendar show 2027
expect_rc 0 "calendar show 2027"
expect_line "$OUT" "Source: imported from 2027b.json" "show names the source file"
expect_line "$OUT" "Notice: https://www.gov.cn/zhengce/2027.htm" "and the notice"
run collab calendar show 2027 --format json
expect_contains "$OUT" '"source": "2027b.json"' "show JSON names the source"
expect_contains "$OUT" '"papers": [
    "https://www.gov.cn/zhengce/2027.htm"
  ]' "show JSON lists the notices"
printf 'year: 2030\nregion: CN\nholidays: []\n' >calendars/cn-2030.yaml
sed -i 's|calendars/cn-2027.yaml\]|calendars/cn-2027.yaml, calendars/cn-2030.yaml]|' collab.yaml
run collab calendar show 2030
expect_line "$OUT" "Source: written by hand" "a hand-written year says so"
run collab calendar show 2030 --format json
expect_contains "$OUT" '"source": null' "show JSON: no source"
git checkout -q collab.yaml && rm calendars/cn-2030.yaml

# === --shipped and the New Year spill-over ========================================
before=$(snapshot "$ws")
run collab calendar import --shipped 2030
expect_rc 2 "a year collab does not ship"
expect_contains "$ERR" "collab ships 2007 to 2026" "the shipped range is named"
expect_unchanged "$ws" "$before" "nothing written"
run collab calendar import --shipped 2007-2008
expect_rc 0 "import --shipped 2007-2008"
expect_eq "$(cmp calendars/cn-2008.yaml "$COLLAB_SOURCE_DIR/templates/calendars/cn-2008.yaml" && echo same)" \
    "same" "the shipped 2008 is installed as shipped"
# 2008's New Year holiday begins on 2007-12-30 (Sunday 12-29 worked).
add 2007-12-28 1 2007-12-29 "the make-up Saturday in December 2007, from 2008's file"
add 2007-12-29 1 2008-01-02 "12-30..01-01 off, from 2008's file"

# === collab.yaml in forms that cannot be edited safely ============================
git add -A && git commit -qm "shipped"
sed -i 's|^calendars: \[\([^,]*\), \(.*\)\].*$|calendars: [\1,\n  \2]|' collab.yaml
git commit -qam "a list over two lines"
before=$(snapshot "$ws")
run collab calendar import --shipped 2019
expect_rc 4 "a calendars list over two lines"
expect_contains "$ERR" "cannot add calendars/cn-2019.yaml to collab.yaml" "is refused with the reason"
expect_unchanged "$ws" "$before" "nothing written"
git reset -q --hard HEAD~1

# A block list is extended in place.
sed -i 's|^calendars: \[\(.*\)\].*$|calendars:\n  - calendars/cn-2026.yaml  # this year\n  - calendars/cn-2027.yaml|' collab.yaml
run collab calendar import --shipped 2019
expect_rc 0 "a block list"
expect_contains "$(cat collab.yaml)" "calendars:
  - calendars/cn-2026.yaml  # this year
  - calendars/cn-2027.yaml
  - calendars/cn-2019.yaml" "the block list gains an item"

# === init --calendars ============================================================
run collab init "$E2E_ROOT/all" --lang en --calendars all
expect_rc 0 "init --calendars all"
expect_eq "$(ls "$E2E_ROOT/all/calendars" | wc -l | tr -d ' ')" "20" "all twenty shipped years"
run collab init "$E2E_ROOT/some" --lang en --calendars 2019,2024-2025
expect_rc 0 "init --calendars 2019,2024-2025"
expect_line "$(cat "$E2E_ROOT/some/collab.yaml")" \
    "calendars: [calendars/cn-2019.yaml, calendars/cn-2024.yaml, calendars/cn-2025.yaml]" \
    "the years asked for"
cd "$E2E_ROOT/some" || exit 1
run collab calendar between 2019-01-01 2025-12-31
expect_rc 4 "2020 is not installed there"
cd "$ws" || exit 1
run collab init "$E2E_ROOT/bad" --lang en --calendars 2031
expect_rc 2 "init --calendars with a year not shipped"
expect_no_file "$E2E_ROOT/bad/collab.yaml" "no workspace is created"
run collab --now 2031-03-01 init "$E2E_ROOT/late" --lang en
expect_rc 0 "init in a year collab does not ship"
expect_contains "$ERR" "installed 2026, the latest it has" "warns and installs the latest"

finish
