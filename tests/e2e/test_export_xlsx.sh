#!/usr/bin/env bash
# `collab export REQUEST --form NAME --format xlsx -o FILE` and `collab stats --format xlsx
# -o FILE`: Excel workbooks, read back cell by cell with openpyxl (xlsx_files.py).
#   A (cs and tech) is taken from draft to accepted with two survey answers, as in
#   test_export_forms.sh; then every form and the stats are written in English and
#   Chinese, and each workbook holds: its header labels in the language, dates as date
#   cells, numbers and percents as number cells, no date or number left as text, the
#   panes frozen below each table's header, columns as wide as their widest cell (a CJK
#   character counting two). XLSX without -o is a usage error; a refused form or a bad
#   option writes no file. stats -o writes text, csv and json as standard output shows them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/whole_process.sh"

PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import openpyxl' 2>/dev/null; then
    echo "SKIP: $PYTHON has no openpyxl (apt-get install python3-openpyxl)"
    exit 77
fi

ws="$E2E_ROOT/ws"
out="$E2E_ROOT/out"
mkdir -p "$out"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1

# xlsx_ok DESCRIPTION FILE CHECKS...: xlsx_files.py finds nothing wrong.
xlsx_ok() { expect_ok "$1" "$PYTHON" "$COLLAB_SOURCE_DIR/tests/e2e/xlsx_files.py" "${@:2}"; }

# === A, a draft: xlsx needs -o; a refused form writes nothing ==============================
new_dispatch_request
export COLLAB_NOW=2026-09-07T09:05
usage_error "xlsx without -o" collab export "$A" --form approval --format xlsx
expect_contains "$ERR" "-o FILE" "the error says how to name the file"
expect_eq "$OUT" "" "nothing binary on standard output"
usage_error "stats as xlsx without -o" collab stats --format xlsx
refused "a survey before acceptance, as xlsx" feedback collab export "$A" --form feedback --format xlsx -o "$out/never.xlsx"
expect_no_file "$out/never.xlsx" "a refused form writes no workbook"
usage_error "an unknown form as xlsx" collab export "$A" --form gantt-chart --format xlsx -o "$out/never.xlsx"
expect_no_file "$out/never.xlsx" "a usage error writes no workbook"
run collab export "$A" --form approval --format xlsx -o "$out/draft.xlsx"
expect_rc 0 "a draft's approval form as xlsx"
expect_eq "$OUT" "" "-o writes nothing on stdout"
xlsx_ok "the draft's workbook" "$out/draft.xlsx" --sheet "Requirement approval form…" \
    --text "Requirement approval form…" "Requirement approval form (draft)" \
    --table "Action items" "Acceptance criterion" 2 --number "Action items" 2

# === A through review, meeting and signatures to final, split and executed ============
whole_process
export COLLAB_NOW=2026-10-15T09:00
export COLLAB_NOW=2026-10-15T09:00

# === every form and the stats, both languages =============================================
for lang in en zh; do
    for form in approval minutes tracking sync acceptance feedback; do
        run collab --lang "$lang" export "$A" --form "$form" --format xlsx -o "$out/$form.$lang.xlsx"
        expect_rc 0 "$form in $lang as xlsx"
        expect_eq "$OUT" "" "$form in $lang: -o writes nothing on stdout"
        xlsx_ok "$form.$lang.xlsx: typed cells, widths, frozen tables" "$out/$form.$lang.xlsx"
    done
    run collab --lang "$lang" stats --format xlsx -o "$out/stats.$lang.xlsx"
    expect_rc 0 "stats in $lang as xlsx"
    xlsx_ok "stats.$lang.xlsx: typed cells and widths" "$out/stats.$lang.xlsx"
done
expect_eq "$(git status --porcelain)" "" "exporting writes nothing into the workspace"
expect_eq "$(find "$out" -name '.*' | wc -l | tr -d ' ')" "0" "no scratch file left beside the workbooks"

# --- what each workbook holds: labels in the language, typed cells, frozen tables ---------
xlsx_ok "approval (en)" "$out/approval.en.xlsx" --text "Requirement approval form…" \
    "Requirement approval form (final)" --datetime "Requirement approval form…" "2026-10-15 09:00" \
    --datetime Review "2026-09-07 09:10" --zone Asia/Shanghai \
    --table Signatures Signer 5 --datetime Signatures "2026-09-09 09:30" --text Signatures "$HASH" \
    --table Review Verdict 1 --datetime Review "2026-09-08 10:00" --number Review 1 \
    --table "Review meeting" "Duration (min)" 1 --number "Review meeting" 30 \
    --date Request 2026-10-16 --number "Action items" 2
xlsx_ok "approval (zh)" "$out/approval.zh.xlsx" --text "需求审批表（终稿）" "需求审批表（终稿）" \
    --text "需求审批表（终稿）" "需求编号" --table 签字确认 签字人 5 --text 签字确认 签字时间 \
    --datetime 签字确认 "2026-09-09 09:30" --text 签字确认 有效 --table 审核意见 结论 1 \
    --text 审核意见 批准 --table 需求评审会 "时长（分钟）" 1 --date 需求信息 2026-10-16
xlsx_ok "minutes (en)" "$out/minutes.en.xlsx" --table "Review meeting of 2026-09-08…" Decision 2 \
    --datetime "Review meeting of 2026-09-08…" "2026-09-08 14:00" \
    --text "Review meeting of 2026-09-08…" "Review meeting of 2026-09-08 14:00"
xlsx_ok "minutes (zh)" "$out/minutes.zh.xlsx" --table "需求评审会（2026-09-08 14_00）" 决议 2 \
    --text "需求评审会（2026-09-08 14_00）" "30 分钟"
xlsx_ok "tracking (en)" "$out/tracking.en.xlsx" --table Tasks Deadline 3 --date Tasks 2026-09-28 \
    --date Tasks 2026-10-16 --percent Tasks 100 --table "Change requests" Reason 1 \
    --datetime "Change requests" "2026-09-10 10:00" --datetime Split "2026-09-09 10:00" \
    --table "Risks and blockers" "Who acts" 2 --text "Risks and blockers" "$BLOCKER" \
    --text "Risks and blockers" "closed 2026-09-15 10:30" --datetime "Risks and blockers" "2026-09-10 09:00" \
    --datetime "Risks and blockers" "2026-09-15 17:00" --date "Risks and blockers" 2026-09-24 \
    --text "Risks and blockers" "The vendor API may change" --zone Asia/Shanghai
xlsx_ok "tracking (zh)" "$out/tracking.zh.xlsx" --table 任务 截止日期 3 --text 任务 任务编号 \
    --text 任务 已验收 --date 任务 2026-09-18 --percent 任务 100 --table 变更申请 变更内容 1 \
    --text 变更申请 已生效 --table 风险与阻塞 处理人 2 --text 风险与阻塞 "$RISK" \
    --text 风险与阻塞 阻塞 --text 风险与阻塞 "已于 2026-09-15 10:30 解除" --text 风险与阻塞 待处理
xlsx_ok "sync (en)" "$out/sync.en.xlsx" --table "Sync of 2026-09-14 10_00" Owner 2 \
    --table "Action items" Owner 1 --date "Action items" 2026-09-16 --text "Action items" done
xlsx_ok "sync (zh)" "$out/sync.zh.xlsx" --table "进度同步会（2026-09-14 10_00）" 负责人 2 \
    --text "进度同步会（2026-09-14 10_00）" 本周进展 --table 待办事项 完成情况 1 \
    --date 待办事项 2026-09-16 --text 待办事项 已完成
xlsx_ok "acceptance (en)" "$out/acceptance.en.xlsx" --table "T1 Write the API document" Verdict 2 \
    --table "T2 Build the dispatcher" Verdict 5 --table "T3 Train the agents" Verdict 2 \
    --date "T2 Build the dispatcher" 2026-10-09 --datetime "T2 Build the dispatcher" "2026-10-08 15:00" \
    --text "T2 Build the dispatcher" "Too slow, 40% late" --date "T2 Build the dispatcher" 2026-09-28
xlsx_ok "acceptance (zh)" "$out/acceptance.zh.xlsx" --table "T2 Build the dispatcher" 结论 5 \
    --text "T2 Build the dispatcher" 不通过 --text "T2 Build the dispatcher" 再次验收日期
xlsx_ok "feedback (en)" "$out/feedback.en.xlsx" --table Survey Respondent 3 --number Survey 4.5 \
    --number Survey 3.5 --number Survey 5 --text Survey Average --datetime Survey "2026-10-14 09:00" \
    --text Survey "How clear was the process (who does what, and when)?"
xlsx_ok "feedback (zh)" "$out/feedback.zh.xlsx" --table 问卷 答卷人 3 --text 问卷 平均分 \
    --number 问卷 4.5 --text 问卷 "尚未作答：赵磊 (zhao)、陈晨 (chen)"
xlsx_ok "stats (en)" "$out/stats.en.xlsx" --sheet "Process statistics" \
    --table "Process statistics" Metric 13 --text "Process statistics" "Requests submitted" \
    --text "Process statistics" "Out of" --percent "Process statistics" 66.7 \
    --number "Process statistics" 20 --number "Process statistics" 3.5
xlsx_ok "stats (zh)" "$out/stats.zh.xlsx" --sheet 流程统计 --table 流程统计 指标 13 \
    --text 流程统计 数值 --text 流程统计 计数 --text 流程统计 基数 --text 流程统计 一次验收通过率 \
    --percent 流程统计 66.7 --percent 流程统计 100 --number 流程统计 4.5
expect_eq "$(/usr/bin/python3 -c 'import openpyxl, sys; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))' \
    "$out/stats.zh.xlsx")" "1" "the stats are one worksheet"

# The checker itself fails on a workbook that breaks its rules: a date and a number
# written as text, no frozen pane, a narrow column.
"$PYTHON" - "$out/bad.xlsx" <<'PY'
import sys
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bad"
ws.append(["Bad"])
ws.append(["截止日期", "完成情况"])
ws.append(["2026-09-18", "42"])
ws.column_dimensions["A"].width = 4
wb.save(sys.argv[1])
PY
run "$PYTHON" "$COLLAB_SOURCE_DIR/tests/e2e/xlsx_files.py" "$out/bad.xlsx" --table Bad 截止日期 1
expect_rc 1 "xlsx_files.py rejects a bad workbook"
expect_contains "$OUT" "the date '2026-09-18' is text" "a date as text is found"
expect_contains "$OUT" "the number '42' is text" "a number as text is found"
expect_contains "$OUT" "panes are not frozen" "a table without frozen panes is found"
expect_contains "$OUT" "column A is 4.0 wide, its widest cell needs 12" "a narrow column is found"
rm -f "$out/bad.xlsx"

# -o relative to -C; an existing file is replaced whole.
(cd "$E2E_ROOT" && collab -C "$ws" export "$A" --form tracking --format xlsx -o tracking.xlsx) ||
    fail "-o under -C" "exit $?"
expect_file "$ws/tracking.xlsx" "a relative -o is taken from -C"
rm -f "$ws/tracking.xlsx"
echo "old" >"$out/replaced.xlsx"
c stats --format xlsx -o "$out/replaced.xlsx"
xlsx_ok "an existing file is replaced by the workbook" "$out/replaced.xlsx" --sheet "Process statistics"
# stats -o writes the other formats too, the same bytes as standard output.
for format in text csv json; do
    collab stats --format "$format" >"$out/stats.stdout.$format" || fail "stats --format $format" "exit $?"
    run collab stats --format "$format" -o "$out/stats.$format"
    expect_eq "$OUT" "" "stats -o $format writes nothing on stdout"
    expect_eq "$(cmp "$out/stats.$format" "$out/stats.stdout.$format" && echo same)" "same" \
        "stats -o $format holds what standard output shows"
done
finish
