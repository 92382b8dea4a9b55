#!/usr/bin/env bash
# `collab people add` and `collab people edit`: people.yaml changed from the command
# line, line by line (comments, order and the other people's entries kept), checked as
# the roster is when it is read (a refused change writes nothing), under the lock.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_unsigned_workspace "$ws" || exit 1 # the fixture roster line for line: 54 lines
cd "$ws" || exit 1
cp people.yaml "$E2E_ROOT/people.before"

# --- add ------------------------------------------------------------------------------
run collab people add zhou --name 周洁 --dept 客服部 --manager li --email zhou.jie@example.com \
    --role "" --feishu ou_7d8a --wecom zhoujie
expect_rc 0 "people add"
expect_eq "$OUT" "added zhou to people.yaml; commit people.yaml so that others see the change" \
    "add says what it did and what to do next"
expect_eq "$(head -n 54 people.yaml)" "$(cat "$E2E_ROOT/people.before")" \
    "every line before the new person is kept, comments included"
expect_eq "$(tail -n +55 people.yaml)" "  - id: zhou
    name: 周洁
    email: zhou.jie@example.com
    department: cs
    manager: li
    roles: []
    mention:
      feishu: ou_7d8a
      wecom: zhoujie" "the new person in the layout of the others, the department by its id"
run collab people
expect_line "$OUT" "zhou   周洁  客服部      李华     -" "collab people lists the new person"
run collab --as zhou.jie@example.com whoami
expect_rc 0 "the new person is known by their email"
expect_eq "$OUT" "周洁 (zhou)  客服部  reports to 李华 (li)" "whoami of the new person"
cp people.yaml "$E2E_ROOT/people.added"

# --- edit -----------------------------------------------------------------------------
run collab people edit li --delegate zhou --name "Li Hua"
expect_rc 0 "people edit"
expect_eq "$OUT" "updated li in people.yaml; commit people.yaml so that others see the change" \
    "edit says what it did"
expect_eq "$(diff "$E2E_ROOT/people.added" people.yaml | grep '^[<>]')" "<     name: 李华
>     name: Li Hua
<     delegate: chen       # 李华休假时由陈晨代为初审
>     delegate: zhou       # 李华休假时由陈晨代为初审" "only the two lines change; the comment after the value stays"
run collab people edit li --delegate ""
expect_rc 0 "an empty value removes a field"
expect_contains "$(cat people.yaml)" "    roles: [department-head]
    # 李华休假时由陈晨代为初审
  - id: zhang" "the removed field's comment is kept as a comment line"
run collab people edit zhang --role department-head --mention-email zhang@im.example.com
expect_rc 4 "a second head of cs is refused"
expect_contains "$ERR" "people.yaml:" "the refusal names the file"
expect_contains "$ERR" "department 'cs' has two heads, 'li' and 'zhang'; give the department-head role to one" \
    "the same message as a hand edit"
expect_contains "$ERR" "people.yaml is unchanged" "and says nothing was written"
run collab people edit zhou --dept tech --manager wang
expect_rc 0 "a move to another department"
expect_contains "$(cat people.yaml)" "  - id: zhou
    name: 周洁
    email: zhou.jie@example.com
    department: tech
    manager: wang" "department and manager replaced in place"
run collab people edit zhou --feishu ""
expect_rc 0 "a mention id removed"
expect_contains "$(cat people.yaml)" "    mention:
      wecom: zhoujie" "the other mention id stays"
run collab people edit zhou --dingtalk 13800000001
expect_rc 0 "a mobile number as the DingTalk id"
expect_contains "$(cat people.yaml)" "    mention:
      wecom: zhoujie
      dingtalk: \"13800000001\"" "a number is written in quotes, added to the person's mentions"
run collab people edit chen --role department-headd
expect_rc 0 "an unknown role is written, with the roster's warning"
expect_contains "$ERR" "role 'department-headd' means nothing to collab (did you mean 'department-head'?)" \
    "the warning of a hand edit"
git add -A && git commit -qm "people edited"

# --- what a hand edit may not do, add and edit may not do either -------------------------
# refused_edit DESCRIPTION MESSAGE COMMAND...: exits 4, names the reason, writes nothing.
refused_edit() {
    local what=$1 message=$2 before
    shift 2
    before=$(snapshot .)
    run "$@"
    expect_rc 4 "$what"
    expect_contains "$ERR" "$message" "$what: the reason"
    expect_unchanged . "$before" "$what"
}
refused_edit "a duplicate id" "person 'zhang' is already in people.yaml; change them with collab people edit zhang" \
    collab people add zhang --name Z --dept cs
refused_edit "an unknown department" "department 'hr' of 'he' is not in the departments list; add it there" \
    collab people add he --name 何 --dept hr
refused_edit "a delegate not in the roster" "delegate 'nobody' of 'he' must be another person in the roster" \
    collab people add he --name 何 --dept cs --delegate nobody
refused_edit "an email someone has" "email 'li.hua@example.com' belongs to two people" \
    collab people add he --name 何 --dept cs --email li.hua@example.com
refused_edit "a bad id" "id 'He Li' may hold only lower-case letters" \
    collab people add "He Li" --name 何 --dept cs
refused_edit "a manager cycle" "the manager chain of 'li' comes back to 'li'" \
    collab people edit li --manager zhang
refused_edit "an unknown person" "no person 'nobody' in people.yaml; add them with collab people add nobody" \
    collab people edit nobody --name N
refused_edit "an empty name" "every person needs a name; give it with --name" \
    collab people edit li --name ""
usage_error "add without --dept" collab people add he --name 何
expect_contains "$ERR" "--dept" "the missing option is named"
usage_error "edit with nothing to change" collab people edit li
expect_contains "$ERR" "nothing to change" "edit says what it needs"

# A person written as a flow map is not edited; the rest of the file still is.
printf '  - {id: flow, name: F, department: sales}\n' >>people.yaml
git add -A && git commit -qm "a flow map"
refused_edit "a flow map" "the entry of 'flow' in people.yaml is written in a form collab does not edit" \
    collab people edit flow --name G
refused_edit "a person added after a flow map" "the people: list of people.yaml is written in a form collab does not edit" \
    collab people add he --name 何 --dept cs
run collab people edit sun --email sun.yue@sales.example.com
expect_rc 0 "another person of the same file is edited"
git checkout -q HEAD~1 -- people.yaml

# --- concurrent adds: each waits for the lock, so none is lost -------------------------
# COLLAB_TEST_DELAY_AFTER_LOAD_MS (for tests only) holds each writer after it has read
# people.yaml: one that read before locking would overwrite the others every time.
pids=()
for n in 1 2 3 4 5; do
    COLLAB_TEST_DELAY_AFTER_LOAD_MS=100 collab people add "temp$n" --name "Temp $n" --dept sales \
        >/dev/null 2>"$E2E_ROOT/add$n.err" &
    pids+=($!)
done
failures=0
for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
expect_eq "$failures" 0 "five concurrent adds all wrote"
expect_eq "$(grep -c '^  - id: temp[1-5]$' people.yaml)" 5 "and none of them was lost"
run collab people
expect_rc 0 "the roster reads after the concurrent adds"
git checkout -q -- people.yaml

# --- Chinese, help ----------------------------------------------------------------------
run collab --lang zh people add he --name 何 --dept 销售部 --manager qian
expect_rc 0 "people add in Chinese"
expect_eq "$OUT" "已将 he 添加到 people.yaml；请提交 people.yaml，以便他人看到这一变更" "the message in Chinese"
run collab people add --help
expect_rc 0 "people add --help"
expect_contains "$OUT" "--delegate" "help lists the fields"
expect_contains "$OUT" "--mention-email" "help lists the mention ids"
run collab people edit --help
expect_contains "$OUT" "an empty value removes an optional field" "edit's help says how to remove"

finish
