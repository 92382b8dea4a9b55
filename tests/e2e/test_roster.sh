#!/usr/bin/env bash
# The roster: `collab people` (text lined up by display width, and JSON), `whoami`
# from --as / COLLAB_USER / git user.email, and people.yaml errors.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_unsigned_workspace "$ws" || exit 1 # the fixture roster line for line
cd "$ws" || exit 1
cp people.yaml "$E2E_ROOT/people.good"

# --- collab people -------------------------------------------------------------
run collab people
expect_rc 0 "people"
expect_eq "$OUT" "ID     NAME  DEPARTMENT  MANAGER  ROLES
li     李华  客服部      -        department-head
zhang  张敏  客服部      李华     -
chen   陈晨  客服部      李华     -
wang   王强  技术部      -        department-head
zhao   赵磊  技术部      王强     -
qian   钱峰  销售部      -        department-head
sun    孙悦  销售部      钱峰     -" "people table, columns lined up by display width"
expect_eq "$ERR" "" "people writes nothing to stderr"

run collab --lang zh people
expect_rc 0 "people in Chinese"
expect_eq "$OUT" "编号   姓名  部门    上级  角色
li     李华  客服部  -     部门负责人
zhang  张敏  客服部  李华  -
chen   陈晨  客服部  李华  -
wang   王强  技术部  -     部门负责人
zhao   赵磊  技术部  王强  -
qian   钱峰  销售部  -     部门负责人
sun    孙悦  销售部  钱峰  -" "Chinese headers and roles line up with Chinese cells"

# A name mixing wide and narrow characters widens its column by display width.
cat >>people.yaml <<'EOF'
  - id: ouyang
    name: 欧阳娜娜 Nana
    email: ouyang@example.com
    department: sales
    manager: sun
    roles: []
EOF
run collab people
expect_rc 0 "people with a mixed-width name"
expect_line "$OUT" "ID      NAME           DEPARTMENT  MANAGER  ROLES" "header widened by the widest name"
expect_line "$OUT" "li      李华           客服部      -        department-head" "short CJK name padded by width"
expect_line "$OUT" "ouyang  欧阳娜娜 Nana  销售部      孙悦     -" "mixed-width name lined up"
cp "$E2E_ROOT/people.good" people.yaml

run collab people --format json
expect_rc 0 "people --format json"
expect_eq "$(head -7 <<<"$OUT")" '{
  "departments": [
    {
      "id": "cs",
      "name": "客服部",
      "head": "li"
    },' "JSON lists departments with their heads"
expect_contains "$OUT" '    {
      "id": "zhang",
      "name": "张敏",
      "email": "zhang.min@example.com",
      "department": "cs",
      "manager": "li",
      "delegate": "",
      "roles": []
    },' "JSON person with manager"
expect_contains "$OUT" '      "id": "li",
      "name": "李华",
      "email": "li.hua@example.com",
      "department": "cs",
      "manager": "",
      "delegate": "chen",
      "roles": [
        "department-head"
      ]' "JSON department head with delegate"
expect_eq "$(grep -c '"email"' <<<"$OUT")" "7" "JSON lists all seven people"
run collab people --format yaml
expect_rc 2 "an unknown --format"

# --- whoami ---------------------------------------------------------------------------
run collab --as zhang whoami
expect_rc 0 "whoami --as"
expect_eq "$OUT" "张敏 (zhang)  客服部  reports to 李华 (li)" "whoami --as zhang"
run collab whoami --as li
expect_rc 0 "--as after the subcommand"
expect_eq "$OUT" "李华 (li)  客服部" "a department head has no manager line"
run collab --as zhao.lei@example.com whoami
expect_rc 0 "--as with an email"
expect_eq "$OUT" "赵磊 (zhao)  技术部  reports to 王强 (wang)" "--as takes a roster email"
run env COLLAB_USER=sun "$COLLAB_BIN" whoami
expect_rc 0 "COLLAB_USER"
expect_eq "$OUT" "孙悦 (sun)  销售部  reports to 钱峰 (qian)" "whoami from COLLAB_USER"
run env COLLAB_USER=sun "$COLLAB_BIN" --as wang whoami
expect_eq "$OUT" "王强 (wang)  技术部" "--as wins over COLLAB_USER"
git config user.email chen.chen@example.com
run collab whoami
expect_rc 0 "whoami from git user.email"
expect_eq "$OUT" "陈晨 (chen)  客服部  reports to 李华 (li)" "git user.email matched in the roster"
run env COLLAB_USER=qian "$COLLAB_BIN" whoami
expect_eq "$OUT" "钱峰 (qian)  销售部" "COLLAB_USER wins over git user.email"
git config user.email Chen.Chen@Example.COM
run collab whoami
expect_eq "$OUT" "陈晨 (chen)  客服部  reports to 李华 (li)" "email matching ignores case"
git config --unset user.email
run collab --as zhang whoami --format json
expect_rc 0 "whoami --format json"
expect_eq "$OUT" '{
  "id": "zhang",
  "name": "张敏",
  "email": "zhang.min@example.com",
  "department": "cs",
  "manager": "li",
  "delegate": "",
  "roles": []
}' "whoami JSON"

# Unknown people.
before=$(snapshot "$ws")
run collab --as zhnag whoami
expect_rc 2 "an unknown --as"
expect_eq "$ERR" "collab: error: 'zhnag' (from --as) is not in people.yaml (did you mean 'zhang'?)" \
    "an unknown --as suggests the closest id"
run env COLLAB_USER=wnag "$COLLAB_BIN" whoami
expect_rc 2 "an unknown COLLAB_USER"
expect_eq "$ERR" "collab: error: 'wnag' (from COLLAB_USER) is not in people.yaml (did you mean 'wang'?)" \
    "an unknown COLLAB_USER suggests the closest id"
run collab whoami
expect_rc 2 "a git user.email that is not in the roster"
expect_eq "$ERR" "collab: error: 'e2e@example.com' (from git user.email) is not in people.yaml; add yourself there or pass --as with a roster id" \
    "the unknown git email says how to fix it"
run collab request new "${FULL_FORM[@]}"
expect_rc 2 "request new by an unknown person"
run env HOME="$E2E_ROOT/nohome" "$COLLAB_BIN" whoami
expect_rc 2 "no identity at all"
expect_eq "$ERR" "collab: error: who are you? pass --as PERSON, set COLLAB_USER, or set git's user.email to your email in people.yaml" \
    "no identity: the message lists the three ways"
run collab --lang zh --as zhnag whoami
expect_rc 2 "unknown --as in Chinese"
expect_contains "$ERR" "zhang" "the Chinese message suggests the closest id too"
expect_unchanged "$ws" "$before" "identity errors"

# --- people.yaml errors ------------------------------------------------------------------
# zhao's manager is on line 42, column 14 of the example roster.
expect_eq "$(sed -n 42p people.yaml)" "    manager: wang" "the fixture's line 42 is zhao's manager"
sed -i '42s/wang/wnag/' people.yaml
for cmd in "people" "whoami" "request list" "check"; do
    # shellcheck disable=SC2086
    run collab --as zhang $cmd
    expect_rc 4 "$cmd with an unknown manager in people.yaml"
    expect_line "$ERR" "people.yaml:42:14: error: manager 'wnag' of 'zhao' is not in the roster" \
        "$cmd names people.yaml:LINE:COL of the unknown manager"
done
cp "$E2E_ROOT/people.good" people.yaml

# A duplicate id (zhao renamed to zhang, line 38).
sed -i '38s/- id: zhao/- id: zhang/' people.yaml
run collab people
expect_rc 4 "a duplicate person id"
expect_eq "$ERR" "people.yaml:38:9: error: person 'zhang' is listed twice; ids must be unique" \
    "the duplicate id is named with its line"
expect_eq "$OUT" "" "no table is printed from an invalid roster"
cp "$E2E_ROOT/people.good" people.yaml

# More roster mistakes, each exit 4 with the line of the mistake.
sed -i '20s/delegate: chen/delegate: nobody/' people.yaml
run collab people
expect_rc 4 "an unknown delegate"
expect_match "$ERR" "^people\.yaml:20:[0-9]+: error: .*nobody" "the unknown delegate's line"
cp "$E2E_ROOT/people.good" people.yaml
sed -i '18s/department: cs/department: css/' people.yaml
run collab people
expect_rc 4 "an unknown department"
expect_match "$ERR" "^people\.yaml:18:[0-9]+: error: .*'css'" "the unknown department's line"
cp "$E2E_ROOT/people.good" people.yaml
sed -i '29s/chen.chen@example.com/zhang.min@example.com/' people.yaml
run collab people
expect_rc 4 "a duplicate email"
expect_match "$ERR" "^people\.yaml:29:[0-9]+: error: .*zhang\.min@example\.com" "the duplicate email's line"
cp "$E2E_ROOT/people.good" people.yaml
sed -i '36s/department: tech/department: tech\n    manager: zhao/' people.yaml
run collab people
expect_rc 4 "a manager cycle (wang -> zhao -> wang)"
expect_contains "$ERR" "people.yaml:" "a manager cycle is reported with its place"
cp "$E2E_ROOT/people.good" people.yaml

# A misspelt role is a warning naming the role it was probably meant to be: without it
# the department silently has no head.
sed -i '19s/department-head/departmnet-head/' people.yaml
run collab people
expect_rc 0 "a misspelt role still lists the roster"
expect_match "$ERR" "^people\.yaml:19:[0-9]+: warning: .*departmnet-head.*did you mean 'department-head'" \
    "an unknown role is warned about with the closest known role"
cp "$E2E_ROOT/people.good" people.yaml

# An unknown key is kept and warned about.
sed -i '26s/^    roles: \[\]$/    roles: []\n    nickname: Minnie/' people.yaml
run collab people
expect_rc 0 "an unknown key in people.yaml is only a warning"
expect_match "$ERR" "^people\.yaml:27:5: warning: unknown key 'nickname'" "the unknown key's line"
expect_line "$(cat people.yaml)" "    nickname: Minnie" "the unknown key stays in people.yaml"
cp "$E2E_ROOT/people.good" people.yaml

run collab people
expect_rc 0 "the restored roster is fine again"

finish
