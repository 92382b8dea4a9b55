#!/usr/bin/env bash
# `collab export REQUEST --form NAME --format md|html|csv`: the process's forms as
# documents, for a request taken through the whole process with fixed --now values.
#   A (cs and tech) goes from draft to accepted and two survey answers; at each stage the
#   forms it has not reached are refused (exit 3, the rule that produces them, nothing
#   written), then every form is rendered in English and Chinese in all three formats
#   and each file is checked by form_files.py: Markdown tables of one width, a
#   well-formed HTML page with the print stylesheet, CSV with a BOM, CRLF and RFC 4180
#   quoting; and each holds the request's real content: the signers with the content
#   hash they signed, the verdicts, the tasks, the opinions and the scores.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/whole_process.sh"

ws="$E2E_ROOT/ws"
out="$E2E_ROOT/out"
mkdir -p "$out"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
check() { python3 "$COLLAB_SOURCE_DIR/tests/e2e/form_files.py" "$@"; }

# form_ok DESCRIPTION FORMAT FILE CHECKS...: form_files.py finds nothing wrong.
form_ok() { expect_ok "$1" check "${@:2}"; }

# === A, a draft ==========================================================================
new_dispatch_request
export COLLAB_NOW=2026-09-07T09:05
run collab export "$A" --form approval
expect_rc 0 "a draft has its approval form"
expect_line "$OUT" "# Requirement approval form (draft)" "the draft's title"
expect_line "$OUT" "> Not final: the content may still change and signatures on other content do not count." \
    "a draft is not final"
expect_line "$OUT" "| Training \\| slides | 500 CNY |" "a | in a cell is escaped"
refused "minutes before a meeting" meeting collab export "$A" --form minutes
expect_eq "$ERR" "collab: refused by rule 'meeting': $A has no meeting minutes yet: no review meeting was recorded since the approval
hint: the initiator or the supervisor records the meeting: collab meeting ID --at ... --attendee ... --minutes ..." \
    "the refusal says why and how the form comes to be"
refused "a task table before the split" split collab export "$A" --form tracking
refused "sync minutes before a sync" sync collab export "$A" --form sync
refused "an acceptance form before a delivery" deliver collab export "$A" --form acceptance
refused "a survey before acceptance" feedback collab export "$A" --form feedback -o "$out/never.md"
expect_no_file "$out/never.md" "a refused form writes no file"
usage_error "--form without a request" collab export --form approval
usage_error "an unknown form" collab export "$A" --form gantt-chart
usage_error "an unknown format" collab export "$A" --form approval --format pdf
usage_error "--form with --ics" collab export "$A" --form approval --ics
usage_error "--form with --person (a form is the request's, whole)" collab export "$A" --form approval --person li

# === A through review, meeting and signatures to final, split and executed ============
whole_process
export COLLAB_NOW=2026-10-15T09:00

# === every form, both languages, all three formats ======================================
for form in approval minutes tracking sync acceptance feedback; do
    for lang in en zh; do
        for format in md html csv; do
            run collab --lang "$lang" export "$A" --form "$form" --format "$format" -o "$out/$form.$lang.$format"
            expect_rc 0 "$form in $lang as $format"
            expect_eq "$OUT" "" "$form in $lang as $format: -o writes nothing on stdout"
            form_ok "$form.$lang.$format is well-formed" "$format" "$out/$form.$lang.$format"
        done
    done
done
expect_eq "$(git status --porcelain)" "" "exporting writes nothing into the workspace"

# Without -o: standard output, the same bytes.
collab export "$A" --form approval --format csv >"$out/stdout.csv"
expect_eq "$(cmp "$out/stdout.csv" "$out/approval.en.csv" && echo same)" "same" "stdout holds what -o writes"
# -o relative to -C.
(cd "$E2E_ROOT" && collab -C "$ws" export "$A" --form tracking -o tracking.md) || fail "-o under -C" "exit $?"
expect_file "$ws/tracking.md" "a relative -o is taken from -C"
expect_eq "$(cmp "$ws/tracking.md" "$out/tracking.en.md" && echo same)" "same" "the same form"
rm -f "$ws/tracking.md"

# --- the approval form: review, meeting, every signature with the hash it signed --------
for format in md html csv; do
    f="$out/approval.en.$format"
    form_ok "approval ($format): the final version and its review" "$format" "$f" \
        --contains "Requirement approval form (final)" --contains "Dispatch tickets" \
        --contains "Training | slides" --contains "2026-09-08 10:00" --contains "approved" \
        --contains "Goals clear" --rows "Signatures" 5 --header "Signatures" "Content signed" \
        --contains "$HASH" --contains "张敏 (zhang)" --contains "王强 (wang)" \
        --contains "2026-09-09 09:30" --contains "final (frozen)" --rows "Review" 1
    f="$out/approval.zh.$format"
    form_ok "approval ($format, zh)" "$format" "$f" --contains "需求审批表（终稿）" \
        --rows "签字确认" 5 --contains "$HASH" --contains "批准" --contains "部门负责人" \
        --contains "有效" --contains "张敏 (zhang)、李华 (li)"
done
expect_eq "$(grep -c "$HASH" "$out/approval.en.md")" "6" \
    "the content hash: five signatures and the frozen version"

# --- the meeting's minutes -------------------------------------------------------------
for format in md html csv; do
    form_ok "minutes ($format)" "$format" "$out/minutes.en.$format" --contains "Review meeting minutes" \
        --contains "2026-09-08 14:00" --contains "30 min" --contains "Dispatch agreed" \
        --contains "Tech provides the test server" --contains "李华 (li)" \
        --header "Review meeting of 2026-09-08 14:00" "Decision" --rows "Review meeting of 2026-09-08 14:00" 2
    form_ok "minutes ($format, zh)" "$format" "$out/minutes.zh.$format" --contains "会议纪要" \
        --contains "30 分钟" --header "需求评审会（2026-09-08 14:00）" "决议" \
        --rows "需求评审会（2026-09-08 14:00）" 2
done

# --- the task tracking table: one row per task -------------------------------------------
for format in md html csv; do
    form_ok "tracking ($format)" "$format" "$out/tracking.en.$format" --contains "Task tracking table" \
        --rows "Tasks" 3 --contains "Build the dispatcher" --contains "Train the agents" \
        --contains "2026-09-28" --contains "赵磊 (zhao)" --contains "accepted" --contains "100%" \
        --rows "Change requests" 1 --contains "$CR" --contains "Trainers are busy" \
        --contains "in effect" --contains "2026-10-15" --contains "2026-10-16" \
        --rows "Risks and blockers" 2 --header "Risks and blockers" "Who acts" --contains "$BLOCKER" \
        --contains "the test server" --contains "王强 (wang)" --contains "2026-09-15 17:00" \
        --contains "closed 2026-09-15 10:30" --contains "$RISK" --contains "The vendor API may change" \
        --contains "2026-09-10 09:10" --contains "2026-09-24"
    form_ok "tracking ($format, zh)" "$format" "$out/tracking.zh.$format" --contains "协作任务跟踪表" \
        --rows "任务" 3 --contains "已验收" --header "任务" "依赖" --contains "已生效" \
        --rows "风险与阻塞" 2 --header "风险与阻塞" "提出时间" --contains "已于 2026-09-15 10:30 解除" \
        --contains "阻塞" --contains "待处理"
done

# --- the sync minutes ------------------------------------------------------------------------
for format in md html csv; do
    form_ok "sync ($format)" "$format" "$out/sync.en.$format" --contains "Progress sync minutes" \
        --rows "Sync of 2026-09-14 10:00" 2 --contains "API draft, half done" \
        --contains "trainers busy" --contains "$ACTION" --contains "Book the test server" \
        --contains "done" --contains "On track."
    form_ok "sync ($format, zh)" "$format" "$out/sync.zh.$format" --contains "进度同步会纪要" \
        --contains "已完成" --rows "进度同步会（2026-09-14 10:00）" 2
done

# --- the acceptance form: each round, the failed one with its opinion and date --------
for format in md html csv; do
    form_ok "acceptance ($format)" "$format" "$out/acceptance.en.$format" --contains "Acceptance form" \
        --rows "T1 Write the API document" 2 --rows "T2 Build the dispatcher" 5 \
        --rows "T3 Train the agents" 2 --contains "Too slow, 40% late" --contains "2026-10-09" \
        --contains "fail" --contains "2026-10-08 15:00" --contains "2 rounds decided, 1 failed"
    form_ok "acceptance ($format, zh)" "$format" "$out/acceptance.zh.$format" --contains "成果验收单" \
        --contains "不通过" --contains "再次验收日期" --rows "T2 Build the dispatcher" 5
done

# --- the feedback survey: the scores and their averages -------------------------------------
for format in md html csv; do
    form_ok "feedback ($format)" "$format" "$out/feedback.en.$format" \
        --contains "Communication feedback survey" --rows "Survey" 3 --contains "Faster, please" \
        --contains "4.5" --contains "3.5" --contains "Not answered yet: 赵磊 (zhao), 陈晨 (chen)" \
        --header "Survey" "How clear was the process (who does what, and when)?"
    form_ok "feedback ($format, zh)" "$format" "$out/feedback.zh.$format" --contains "沟通反馈表" \
        --contains "平均分" --contains "尚未作答：赵磊 (zhao)、陈晨 (chen)"
done

# === the page template: a workspace restyles its forms ==========================================
mkdir -p templates/forms
printf '<!DOCTYPE html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{title}}</title></head><body class="acme">{{body}}</body></html>\n' \
    >templates/forms/form.html
run collab export "$A" --form approval --format html
expect_contains "$OUT" '<body class="acme"><header>' "the workspace's page template is used"
expect_contains "$OUT" "<title>Requirement approval form (final)</title>" "its placeholders are filled in"
rm -rf templates

# === --now: a form as it stood then ===================================================================
run collab --now 2026-09-17T18:00 export "$A" --form acceptance
expect_rc 0 "the acceptance form after the first delivery"
expect_not_contains "$OUT" "T2 Build the dispatcher" "T2 was not delivered yet"
refused "the survey as of before acceptance" feedback collab --now 2026-09-17T18:00 export "$A" --form feedback

finish
