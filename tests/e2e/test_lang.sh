#!/usr/bin/env bash
# shellcheck disable=SC1111 # Chinese messages use full-width quotes
# Languages and the command line itself: --lang, collab.yaml's language, and
# LANGUAGE/LC_ALL/LANG (zh* means Chinese, without any locale installed); --help
# lists the exit codes; CLI11's own errors exit 2.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

en="$E2E_ROOT/en"
zh="$E2E_ROOT/zh"
new_test_workspace "$en" en || exit 1
new_test_workspace "$zh" zh || exit 1
nows="$E2E_ROOT/nowhere"
mkdir -p "$nows"

EN_NO_WS="collab: error: no collab workspace at $nows or above it (no collab.yaml); run \`collab init\` or pass -C DIR"
ZH_NO_WS="collab: 错误: $nows 及其上级目录中没有 collab 工作区（找不到 collab.yaml）；请运行 \`collab init\` 或使用 -C DIR"

# --- the environment, outside any workspace ----------------------------------------------
cd "$nows" || exit 1
# lang_env DESCRIPTION WANT VAR=VALUE...: runs `collab people` with that environment.
lang_env() {
    local desc=$1 want=$2
    shift 2
    run env LANGUAGE= LC_ALL= LANG= "$@" "$COLLAB_BIN" people
    expect_rc 2 "$desc"
    expect_eq "$ERR" "$want" "$desc"
}
lang_env "LANG=C gives English" "$EN_NO_WS" LANG=C
lang_env "LANG=zh_CN.UTF-8 gives Chinese (no zh locale is installed)" "$ZH_NO_WS" LANG=zh_CN.UTF-8
lang_env "LANG=zh_TW.UTF-8 is Chinese too" "$ZH_NO_WS" LANG=zh_TW.UTF-8
lang_env "LANG=zh is enough" "$ZH_NO_WS" LANG=zh
lang_env "LC_ALL=zh_CN.UTF-8 gives Chinese" "$ZH_NO_WS" LC_ALL=zh_CN.UTF-8
lang_env "LC_ALL wins over LANG" "$EN_NO_WS" LC_ALL=C LANG=zh_CN.UTF-8
lang_env "LANGUAGE wins over LC_ALL" "$ZH_NO_WS" LANGUAGE=zh_CN:en LC_ALL=C
lang_env "LANGUAGE=en wins over LANG=zh" "$EN_NO_WS" LANGUAGE=en LANG=zh_CN.UTF-8
lang_env "an unknown language falls back to English" "$EN_NO_WS" LANG=fr_FR.UTF-8
run env LANG=zh_CN.UTF-8 LC_ALL= "$COLLAB_BIN" --lang en people
expect_eq "$ERR" "$EN_NO_WS" "--lang en wins over LANG=zh"
run collab --lang zh people
expect_eq "$ERR" "$ZH_NO_WS" "--lang zh wins over LANG=C"

# --- the workspace's language ---------------------------------------------------------------
cd "$zh" || exit 1
run collab calendar add 2026-02-30 1
expect_rc 2 "a usage error in a zh workspace"
expect_eq "$ERR" "collab: 错误: “2026-02-30”不是日期；请写成 YYYY-MM-DD" "collab.yaml's language zh is used with LANG=C"
run collab --lang en calendar add 2026-02-30 1
expect_eq "$ERR" "collab: error: '2026-02-30' is not a date; write YYYY-MM-DD" "--lang en overrides a zh workspace"
run collab --as zhang request new --title 测试 --format json
A=$(json_id "$OUT")
expect_contains "$ERR" "已保存为草稿" "request new speaks the workspace's Chinese"
run collab --as chen request submit "$A"
expect_rc 3 "a refusal in the zh workspace"
expect_match "$ERR" "^collab: 被规则“submit”拒绝: .*张敏 \(zhang\)" "the refusal is in Chinese and names the rule id"
expect_not_contains "$ERR" "only the initiator" "no English in the Chinese refusal"
run collab --lang en --as chen request submit "$A"
expect_eq "$ERR" "collab: refused by rule 'submit': only the initiator 张敏 (zhang) may submit $A; you are 陈晨 (chen)
hint: ask 张敏 (zhang) to do it, or act as them with --as if you are" "--lang en gives the English refusal"
run collab people
expect_line "$OUT" "编号   姓名  部门    上级  角色" "tables use Chinese headers in a zh workspace"
cd "$en" || exit 1
run env LANG=zh_CN.UTF-8 LC_ALL= "$COLLAB_BIN" calendar add 2026-02-30 1
expect_eq "$ERR" "collab: error: '2026-02-30' is not a date; write YYYY-MM-DD" \
    "collab.yaml's language en wins over LANG=zh"
run collab --lang zh calendar add 2026-02-30 1
expect_eq "$ERR" "collab: 错误: “2026-02-30”不是日期；请写成 YYYY-MM-DD" "--lang zh in an en workspace"
# A workspace with no language line follows the environment.
sed -i '/^language:/d' collab.yaml
run env LANG=zh_CN.UTF-8 LC_ALL= "$COLLAB_BIN" calendar add 2026-02-30 1
expect_eq "$ERR" "collab: 错误: “2026-02-30”不是日期；请写成 YYYY-MM-DD" \
    "without language in collab.yaml, LANG decides"
git checkout -q -- collab.yaml

# --- help and exit codes --------------------------------------------------------------------------
cd "$nows" || exit 1
run collab --help
expect_rc 0 "collab --help"
expect_line "$OUT" "Exit codes: 0 done; 1 \`check\` found problems; 2 usage error; 3 refused by a process rule (nothing written); 4 the workspace's files are invalid." \
    "--help lists the exit codes"
for sub in init request review calendar people whoami check; do
    expect_match "$OUT" "^  $sub +[A-Z]" "--help lists the $sub command"
done
for opt in "-C DIR" "--as PERSON" "--now DATE|DATETIME" "--lang"; do
    expect_contains "$OUT" "  $opt" "--help lists the global option $opt"
done
run collab --lang zh --help
expect_rc 0 "collab --help in Chinese"
expect_line "$OUT" "退出码：0 完成；1 \`check\` 发现问题；2 用法错误；3 被流程规则拒绝（未写入任何内容）；4 工作区文件无效。" \
    "the Chinese help lists the exit codes"
run env LANG=zh_CN.UTF-8 LC_ALL= "$COLLAB_BIN" --help
expect_contains "$OUT" "退出码" "LANG=zh gives the Chinese help"
run collab request submit --help
expect_rc 0 "a subcommand's --help"
expect_contains "$OUT" "Exit codes: 0 done;" "every command's help lists the exit codes"
run collab --version
expect_rc 0 "--version"
expect_match "$OUT" '^collab [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown)\)$' \
    "--version prints the version and the commit"

# CLI11's own errors are exit 2 (not 105, 106, 109...).
cli_error() { # cli_error DESCRIPTION ARGS...
    local desc=$1
    shift
    run collab "$@"
    expect_rc 2 "$desc"
    expect_eq "$OUT" "" "$desc: nothing on stdout"
    if [ -n "$ERR" ]; then pass; else fail "$desc: no message on stderr"; fi
}
cli_error "an unknown global option" --bogus people
expect_contains "$ERR" "--bogus" "the unknown option is named"
cli_error "an unknown option of a command" people --bogus
expect_contains "$ERR" "--bogus" "the unknown command option is named"
cli_error "an unknown command" frobnicate
expect_contains "$ERR" "frobnicate" "the unknown command is named"
cli_error "an unknown request command" request frobnicate
expect_contains "$ERR" "frobnicate" "the unknown request command is named"
# `collab` alone prints the overview of commands (test_conventions.sh compares it).
run collab
expect_rc 0 "no command: the overview, exit 0"
cli_error "a missing argument" calendar add 2026-07-06
cli_error "an extra argument" people extra
cli_error "a bad --lang" --lang fr people
cli_error "a bad --format" -C "$en" people --format xml
cli_error "a non-numeric N" calendar add 2026-07-06 x
cli_error "an option missing its value" --as
cli_error "conflicting options" -C "$en" --as li review R-000000 --approve --reject
# In Chinese, the whole help and CLI11's own errors: headings, option groups, every
# command's and option's description, and each kind of usage error.
run collab --lang zh progress --help
expect_rc 0 "a command's help in Chinese"
expect_match "$OUT" "^用法: collab progress \\[选项\\] TASK$" "the usage line in Chinese"
expect_line "$OUT" "位置参数:" "the positionals heading in Chinese"
expect_line "$OUT" "选项:" "the options heading in Chinese"
expect_match "$OUT" "^  --note TEXT +[^ -~]" "an option's description in Chinese, from --lang"
expect_no_line "$OUT" "Options:" "no English heading"
run collab -C "$zh" request --help
expect_line "$OUT" "子命令:" "the sub-commands heading, from the workspace's language under -C"
expect_match "$OUT" "^  new +[^ -~]" "a sub-command's description in Chinese"
run collab --lang zh --help
expect_contains "$OUT" "显示版本和提交并退出" "--version described in Chinese"
zh_error() { # zh_error DESCRIPTION WANTED ARGS...
    local desc=$1 want=$2
    shift 2
    run collab --lang zh "$@"
    expect_rc 2 "$desc"
    expect_eq "$(head -n 1 <<<"$ERR")" "collab: 错误: $want" "$desc, in Chinese"
}
zh_error "an extra argument" "以下参数多余（1 个）：extra" people extra
run collab --lang zh people x y
expect_contains "$ERR" "以下参数多余（2 个）：" "two extra arguments, counted, in Chinese"
zh_error "a missing argument" "缺少 TASK" progress
zh_error "conflicting options" "--approve 与 --reject 不能同时使用" -C "$en" --as li review R-000000 --approve --reject
zh_error "a number out of range" "--percent：取值 300 不在 0 到 100 之间" progress T1 --percent 300
zh_error "a value not among the choices" "--format：xml 不是可选值 {text,json}" -C "$en" people --format xml
zh_error "an option missing its value" "--as 缺少取值（PERSON）" --as
run collab people x y
expect_contains "$ERR" "collab: error: The following arguments were not expected: " "English keeps CLI11's words, with the plural"
run collab -C "$en" --now "next tuesday" request list
expect_rc 2 "a bad --now"
expect_contains "$ERR" "next tuesday" "a bad --now is named"
run env COLLAB_NOW=garbage "$COLLAB_BIN" -C "$en" request list
expect_rc 2 "a bad COLLAB_NOW"
expect_contains "$ERR" "COLLAB_NOW" "a bad COLLAB_NOW is named"
# CLI11's messages are part of the interface too: in Chinese they are Chinese.
run env LANG=zh_CN.UTF-8 LC_ALL= "$COLLAB_BIN" people --bogus
expect_rc 2 "an unknown option with LANG=zh"
expect_contains "$ERR" "--bogus" "the option is named with LANG=zh"
if LC_ALL=C grep -q $'[\xe4-\xe9]' <<<"$ERR"; then pass; else
    fail "the usage error is in Chinese with LANG=zh" "$ERR"
fi

finish
