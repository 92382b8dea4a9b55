#!/usr/bin/env bash
# A Chinese workspace shows no English words of collab's own: every table, list and form
# a person reads at each stage, with everything people wrote in Chinese, holds no Latin
# word once ids (R-…, T1, B-…, RK-…, CR-…, A-…), person ids in parentheses, commands
# (`collab …` and their options), file names and versions are taken out. States are
# words (待初审, 执行中, 待处理); --format json keeps the ids.
. "$(dirname "$0")/lib.sh"

ws="$E2E_ROOT/ws"
new_workspace "$ws" zh || exit 1
cd "$ws" || exit 1

# english_words TEXT: the Latin words left in TEXT once ids, commands, options, file
# names, versions, content hashes and the person ids in parentheses are taken out; one
# per line.
english_words() {
    sed -E -e 's/\$ collab .*//; s/`[^`]*`//g; s/collab [a-z]+( [a-z]+)?//g' \
        -e 's/\([a-z]+\)//g; s/--[a-z-]+//g' \
        -e 's/\b(R-[0-9A-Z]{6}|RK-[0-9A-Z]{4}|CR-[0-9A-Z]{4}|[AB]-[0-9A-Z]{4}|T[0-9]+)\b//g' \
        -e 's/[A-Za-z0-9_.-]+\.(yaml|md)//g; s/\bv[0-9]+(\.[0-9]+)*\b//g' \
        -e 's/\b[0-9a-f]{12,64}\b//g' <<<"$1" |
        grep -oE '[A-Za-z]{2,}' | sort -u
}
# chinese_only DESCRIPTION COMMAND...: COMMAND's output has no Latin word of its own.
chinese_only() {
    local desc=$1 words
    shift
    run collab "$@"
    expect_rc 0 "$desc"
    words=$(english_words "$OUT")
    if [ -z "$words" ]; then pass; else
        fail "$desc: English words: $(tr '\n' ' ' <<<"$words")" "$OUT"
    fi
}

export COLLAB_NOW=2026-07-06T09:00
RID=$(collab --as zhang request new --title "工单分派" --background "工单在团队之间来回转" \
    --goal "每张工单只分派一次" --item "梳理流程 :: 两位负责人审阅流程图" \
    --item "开发分派服务 :: 九成工单一次分派" --dept cs --dept tech --participant zhao \
    --participant chen --resource "工单系统管理员权限" --due 2026-07-31) || exit 1
c --as zhang request submit "$RID"
chinese_only "request list, submitted" request list
chinese_only "request show, submitted" request show "$RID"
chinese_only "next, submitted" next "$RID"
chinese_only "inbox of the supervisor" --as li inbox
c --now 2026-07-06T11:00 --as li review "$RID" --approve "${ALL_YES[@]}"
c --now 2026-07-06T16:00 --as li meeting "$RID" --at 2026-07-06T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "同意分派方案"
for p in zhang li wang zhao chen; do
    c --now 2026-07-07T09:30 --as "$p" sign "$RID"
done
export COLLAB_NOW=2026-07-07T10:00
c --as zhang split "$RID" \
    --task "name=梳理流程;owner=chen;deadline=2026-07-15;deliverable=流程图;covers=1" \
    --task "name=开发分派服务;owner=zhao;deadline=2026-07-22;deliverable=分派服务;depends=T1;covers=2"
c --now 2026-07-07T10:30 --as chen task confirm "$RID/T1"
c --now 2026-07-07T10:30 --as zhao task confirm "$RID/T2"
export COLLAB_NOW=2026-07-08T17:00
c --as chen progress "$RID/T1" --note "收集了本月工单" --percent 40 --blocker "需要路由矩阵" \
    --from li --by 2026-07-10T12:00
c --as zhao risk add "$RID/T2" --text "供应商接口可能变更" --owner zhao --due 2026-07-16
c --as zhang sync "$RID" --at 2026-07-08T16:00 --duration 20 --attendee zhang --attendee chen \
    --attendee zhao --minutes "进度正常" --action "导出工单 :: chen :: 2026-07-14"
c --now 2026-07-09T10:00 --as zhao change "$RID" --reason "供应商延期" --task-deadline T2=2026-07-29
commit "in progress"

export COLLAB_NOW=2026-07-09T11:00
chinese_only "request list, in progress" request list
chinese_only "request show, in progress" request show "$RID"
chinese_only "task list" task list --all
chinese_only "task show" task show "$RID/T1"
chinese_only "blocker list" blocker list --all
chinese_only "risk list" risk list --all
chinese_only "action list" action list --all
chinese_only "change list" change list --all
chinese_only "next, in progress" next "$RID"
chinese_only "inbox of a task owner" --as chen inbox
chinese_only "the log" log "$RID"
# people: the first column is the roster ids.
run collab people
expect_eq "$(english_words "$(sed -E 's/^[a-z]+ //' <<<"$OUT")")" "" "people: no English but the ids"
expect_contains "$OUT" "部门负责人" "people: the role in words"
chinese_only "stats" stats
run collab request list --format json
expect_contains "$OUT" '"state": "in-progress"' "JSON keeps the state's id"
run collab task list --state active
expect_contains "$OUT" "进行中" "--state takes the id; the table shows the word"

finish
