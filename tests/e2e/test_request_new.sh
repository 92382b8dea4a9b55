#!/usr/bin/env bash
# `collab request new` from flags, from --file and from $EDITOR; `request show`,
# `request list`, and request ids (format, uniqueness, unique prefixes).
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
ID_RE='^R-[0-9A-HJKMNP-TV-Z]{6}$'
# Content hashes are derived; tests compare everything around them.
unhash() { sed -E 's/"[0-9a-f]{64}"/"HASH"/g'; }

# --- from flags --------------------------------------------------------------------
run collab --as zhang request new --title "Faster after-sales replies" \
    --background "Customers wait too long" --goal "First reply within 2 hours" \
    --item "Map the ticket flow :: flow chart reviewed" \
    --item "Auto-assign tickets :: median first reply < 2h" \
    --due 2026-07-31 --dept cs --dept tech --participant zhao --participant chen \
    --resource "Outsourced testing :: 500 CNY" --resource "Ticket system admin access" \
    --lead zhao --customer "ACME 华东"
expect_rc 0 "request new from flags"
expect_match "$OUT" "$ID_RE" "request new prints the id alone"
expect_eq "$(wc -l <<<"$OUT" | tr -d ' ')" "1" "request new prints one line"
expect_eq "$ERR" "" "a complete form gives no warnings"
A=$OUT
expect_eq "$(cat "requests/$A/request.yaml")" "# Requirement approval form (需求审批表). Edit with \`collab request edit\`; see collab(5).
title: Faster after-sales replies
source: customer
customer: ACME 华东
initiator: zhang
lead: zhao
created: 2026-07-06T10:00:00+08:00
due: 2026-07-31
departments: [cs, tech]
participants: [zhao, chen]
background: Customers wait too long
goal: First reply within 2 hours
items:
  - action: Map the ticket flow
    acceptance: flow chart reviewed
  - action: Auto-assign tickets
    acceptance: median first reply < 2h
resources:
  - what: Outsourced testing
    amount: 500 CNY
  - what: Ticket system admin access" "request.yaml written from the flags"
expect_eq "$(cd "requests/$A" && find . -type f | LC_ALL=C sort)" "./log/zhang.yaml
./request.yaml" "a new request is the form and the initiator's log"
log=$(cat "requests/$A/log/zhang.yaml")
expect_line "$log" "  action: create" "the log records the creation"
expect_line "$log" "  at: 2026-07-06T10:00:00+08:00" "the log uses --now in the workspace's time zone"
expect_line "$log" "  by: zhang" "the log records who"
expect_match "$log" '^  content: "?[0-9a-f]{64}"?$' "the log records the content hash"

# --- request show ----------------------------------------------------------------
run collab request show "$A"
expect_rc 0 "request show"
expect_eq "$OUT" "Request       $A
Title         Faster after-sales replies
State         draft
Initiator     张敏 (zhang)
Project lead  赵磊 (zhao)
Source        customer: ACME 华东
Due           2026-07-31
Departments   客服部, 技术部
Participants  赵磊 (zhao), 陈晨 (chen)
Waiting on    张敏 (zhang)

Background
  Customers wait too long

Goal
  First reply within 2 hours

Action items
  1. Map the ticket flow
     accepted when: flow chart reviewed
  2. Auto-assign tickets
     accepted when: median first reply < 2h

Resources
  - Outsourced testing :: 500 CNY
  - Ticket system admin access" "request show text"
run collab request show "$A" --format json
expect_rc 0 "request show --format json"
expect_eq "$(unhash <<<"$OUT")" "{
  \"id\": \"$A\",
  \"state\": \"draft\",
  \"round\": 0,
  \"waiting_on\": \"zhang\",
  \"reviewer\": \"\",
  \"content\": \"HASH\",
  \"review_due\": null,
  \"review_late\": false,
  \"form\": {
    \"title\": \"Faster after-sales replies\",
    \"source\": \"customer\",
    \"customer\": \"ACME 华东\",
    \"initiator\": \"zhang\",
    \"lead\": \"zhao\",
    \"created\": \"2026-07-06T10:00:00+08:00\",
    \"due\": \"2026-07-31\",
    \"departments\": [
      \"cs\",
      \"tech\"
    ],
    \"participants\": [
      \"zhao\",
      \"chen\"
    ],
    \"background\": \"Customers wait too long\",
    \"goal\": \"First reply within 2 hours\",
    \"items\": [
      {
        \"action\": \"Map the ticket flow\",
        \"acceptance\": \"flow chart reviewed\"
      },
      {
        \"action\": \"Auto-assign tickets\",
        \"acceptance\": \"median first reply < 2h\"
      }
    ],
    \"resources\": [
      {
        \"what\": \"Outsourced testing\",
        \"amount\": \"500 CNY\"
      },
      {
        \"what\": \"Ticket system admin access\",
        \"amount\": \"\"
      }
    ]
  },
  \"events\": [
    {
      \"seq\": 1,
      \"at\": \"2026-07-06T10:00:00+08:00\",
      \"by\": \"zhang\",
      \"action\": \"create\",
      \"content\": \"HASH\"
    }
  ]
}" "request show JSON"
run collab --lang zh request show "$A"
expect_rc 0 "request show in Chinese"
expect_line "$OUT" "需求编号    $A" "Chinese labels line up by display width"
expect_line "$OUT" "项目负责人  赵磊 (zhao)" "the longest Chinese label sets the column"
expect_line "$OUT" "来源        客户：ACME 华东" "the customer source in Chinese"

# --- --format json on new ------------------------------------------------------------
run collab --as chen request new "${FULL_FORM[@]}" --format json
expect_rc 0 "request new --format json"
B=$(json_id "$OUT")
expect_match "$B" "$ID_RE" "the JSON id is a request id"
expect_eq "$OUT" "{
  \"id\": \"$B\"
}" "request new --format json prints {\"id\": ...} only"

# --- from --file: the file's own comments are kept ------------------------------------
cat >"$E2E_ROOT/form.yaml" <<'EOF'
# Agreed in the weekly call with ACME
title: Night shift support  # ACME asked twice
source: internal
due: 2026-07-31
departments: [cs, 技术部]
participants: [zhao]
background: |
  Tickets filed at night wait until morning.
goal: |
  Reply within 30 minutes at night.
items:
  - action: Plan a night rota
    acceptance: rota published
resources:
  - what: Night allowance
    amount: 3000 CNY  # a month
EOF
run collab --as zhang request new --file "$E2E_ROOT/form.yaml"
expect_rc 0 "request new --file"
expect_eq "$ERR" "" "a complete form file gives no warnings"
C=$OUT
expect_match "$C" "$ID_RE" "request new --file prints the id"
expect_eq "$(cat "requests/$C/request.yaml")" "$(cat "$E2E_ROOT/form.yaml")
initiator: zhang
created: 2026-07-06T10:00:00+08:00" "the file is kept as written, comments included, with initiator and created added"
run collab request show "$C"
expect_line "$OUT" "Departments   客服部, 技术部" "a department given by name is shown"
expect_line "$OUT" "  Tickets filed at night wait until morning." "a block scalar is shown"

run collab --as zhang request new --file "$E2E_ROOT/missing.yaml"
expect_rc 2 "--file that does not exist"
expect_contains "$ERR" "missing.yaml" "the error names the missing file"
before=$(snapshot "$ws")
run collab --as zhang request new --file "$E2E_ROOT/form.yaml" --title "Other"
expect_rc 2 "--file with content flags"
expect_eq "$ERR" "collab: error: --file cannot be combined with content flags or --edit" "--file and flags: the reason"
run collab --as zhang request new
expect_rc 2 "no content and no terminal"
expect_eq "$ERR" "collab: error: give the form with --title, --goal, --item ... or --file FORM.yaml, or open an editor with --edit" \
    "request new with nothing says what to give"
run collab --as zhang request new --title T --goal G --due 2026-13-01
expect_rc 2 "an impossible --due"
expect_eq "$ERR" "collab: error: --due '2026-13-01' is not a date; write YYYY-MM-DD" "a bad --due is a usage error"
expect_unchanged "$ws" "$before" "refused request new"

# --- from the editor -------------------------------------------------------------------
make_editor "$E2E_ROOT/fill.sh" '
f="$1"
cp "$f" "'"$E2E_ROOT"'/seen.yaml"
sed -i -e "s/^title: .*/title: Ticket admin access for chen  # my note/" \
  -e "s/^due: .*/due: 2026-07-31/" \
  -e "s/^departments: .*/departments: [cs]/" \
  -e "s/^participants: .*/participants: [zhang]/" \
  -e "s/^  - action: *$/  - action: Grant access/" \
  -e "s/^    acceptance: *$/    acceptance: chen can log in/" \
  -e "s/^  - what: *$/  - what: Admin account/" "$f"
sed -i -e "/^background: |$/{n;s/.*/  New colleague handles tickets from Monday./}" \
  -e "/^goal: |$/{n;s/.*/  Access this week./}" "$f"
printf "# my own comment: ask li to hurry\n" >>"$f"'
run env EDITOR="$E2E_ROOT/fill.sh" "$COLLAB_BIN" --as chen request new --edit
expect_rc 0 "request new --edit with a scripted editor"
D=$OUT
expect_match "$D" "$ID_RE" "the editor's form gets an id"
expect_eq "$ERR" "" "the filled-in form gives no warnings"
seen=$(cat "$E2E_ROOT/seen.yaml")
expect_line "$seen" "# Requirement approval form. Fill it in, save and close the editor to create the draft." \
    "the editor opens the English template"
expect_line "$seen" "source: internal" "the template proposes an internal source"
form=$(cat "requests/$D/request.yaml")
expect_line "$form" "title: Ticket admin access for chen  # my note" "the user's trailing comment is kept"
expect_line "$form" "# my own comment: ask li to hurry" "the user's own comment line is kept"
expect_no_line "$form" "# What is requested, in one line" "the template's comments are stripped"
expect_not_contains "$form" "Fill it in, save and close" "the template's header is stripped"
expect_line "$form" "initiator: chen" "the editor's form records the initiator"
run collab request show "$D"
expect_line "$OUT" "Title         Ticket admin access for chen" "the editor's form is shown"
expect_line "$OUT" "  New colleague handles tickets from Monday." "the editor's background is kept"
run collab --as chen request submit "$D"
expect_rc 0 "the editor's form can be submitted"

# --title on --edit fills the template's title.
make_editor "$E2E_ROOT/peek.sh" 'cp "$1" "'"$E2E_ROOT"'/seen.yaml"; : >"$1"'
run env EDITOR="$E2E_ROOT/peek.sh" "$COLLAB_BIN" --as chen request new --edit --title "Prefilled"
expect_line "$(cat "$E2E_ROOT/seen.yaml")" "title: Prefilled" "--title prefills the template"

# An emptied file creates nothing; a failing editor creates nothing.
before=$(snapshot "$ws")
n=$(count_requests "$ws")
make_editor "$E2E_ROOT/empty.sh" ': >"$1"'
run env EDITOR="$E2E_ROOT/empty.sh" "$COLLAB_BIN" --as chen request new --edit
expect_eq "$ERR" "The form is empty; no request was created." "an emptied form says nothing was created"
expect_eq "$OUT" "" "an emptied form prints no id"
expect_eq "$(count_requests "$ws")" "$n" "an emptied form creates no request"
make_editor "$E2E_ROOT/comments-only.sh" 'sed -i "/^[^#]/d" "$1"'
run env EDITOR="$E2E_ROOT/comments-only.sh" "$COLLAB_BIN" --as chen request new --edit
expect_eq "$(count_requests "$ws")" "$n" "a form left with only template comments creates no request"
make_editor "$E2E_ROOT/fail.sh" 'exit 1'
run env EDITOR="$E2E_ROOT/fail.sh" "$COLLAB_BIN" --as chen request new --edit
expect_rc 2 "a failing editor"
expect_contains "$ERR" "the editor exited with status 1" "a failing editor is reported"
expect_eq "$(count_requests "$ws")" "$n" "a failing editor creates no request"
expect_unchanged "$ws" "$before" "editor sessions that create nothing"

# Warnings about an incomplete editor form point at a real place: the file and line
# they name hold the field they talk about.
make_editor "$E2E_ROOT/title-only.sh" 'sed -i "s/^title: .*/title: Only a title/" "$1"'
run env EDITOR="$E2E_ROOT/title-only.sh" "$COLLAB_BIN" --as chen request new --edit
expect_rc 0 "an incomplete editor form is saved as a draft"
E=$OUT
expect_contains "$ERR" "$E is saved as a draft but cannot be submitted yet" "the incomplete form is announced"
loc=$(sed -n "s/^  \([^ ]*\):\([0-9]*\):[0-9]*: error: the form has no 'goal'.*/\1 \2/p" <<<"$ERR")
if [ -n "$loc" ] && [ -f "$ws/${loc% *}" ] && sed -n "${loc#* }p" "$ws/${loc% *}" | grep -q '^goal:'; then
    pass
else
    fail "the missing-goal warning names a file and line holding 'goal:'" "warning location: '$loc'
$ERR"
fi

# A Chinese workspace opens the Chinese template.
zh="$E2E_ROOT/zh"
new_test_workspace "$zh" zh || exit 1
run env EDITOR="$E2E_ROOT/peek.sh" "$COLLAB_BIN" -C "$zh" --as chen request new --edit
expect_line "$(cat "$E2E_ROOT/seen.yaml")" "# 《需求审批表》——填写后保存并关闭编辑器，即创建草稿。" \
    "a zh workspace opens the Chinese template"

# --- request list ------------------------------------------------------------------------
cd "$ws" || exit 1
run collab request list
expect_rc 0 "request list"
expect_line "$OUT" "ID        STATE      DUE         WAITING ON  TITLE" "list header"
expect_line "$OUT" "$A  draft      2026-07-31  张敏        Faster after-sales replies" "list row of a draft"
expect_line "$OUT" "$D  submitted  2026-07-31  李华        Ticket admin access for chen" "list row of a submitted request"
expect_eq "$(wc -l <<<"$OUT" | tr -d ' ')" "6" "list shows every request (5) and the header"
run collab request list --state submitted
expect_rc 0 "request list --state"
expect_eq "$OUT" "ID        STATE      DUE         WAITING ON  TITLE
$D  submitted  2026-07-31  李华        Ticket admin access for chen" "list --state submitted"
run collab request list --state closed
expect_rc 0 "list --state with no match"
expect_eq "$OUT" "No requests." "an empty list says so"
run collab request list --state bogus
expect_rc 2 "list --state bogus"
expect_eq "$ERR" "collab: error: 'bogus' is not a state; use draft, submitted, returned, approved, final, in-progress, accepted, closed, rejected or withdrawn" \
    "an unknown state lists the states"
run collab --as chen request list --mine
expect_rc 0 "list --mine as chen"
expect_line "$OUT" "$A  draft      2026-07-31  张敏        Faster after-sales replies" "--mine: chen takes part in A"
expect_line "$OUT" "$B  draft      2026-07-31  陈晨        Faster after-sales replies" "--mine: chen initiated B"
expect_line "$OUT" "$D  submitted  2026-07-31  李华        Ticket admin access for chen" "--mine: chen initiated D"
expect_not_contains "$OUT" "$C" "--mine: chen has nothing to do with C"
run collab --as li request list --mine
expect_line "$OUT" "$D  submitted  2026-07-31  李华        Ticket admin access for chen" "--mine: li must review D"
expect_not_contains "$OUT" "$A" "--mine: li has nothing to do with A yet"
run collab --as sun request list --mine
expect_eq "$OUT" "No requests." "--mine: sun has nothing"
run collab request list --format json
expect_rc 0 "list --format json"
expect_eq "$(grep -c '"id": "R-' <<<"$OUT")" "5" "list JSON has the five requests"
expect_contains "$OUT" "\"id\": \"$D\",
      \"state\": \"submitted\"," "list JSON has each request's state"

# --- ids: format, uniqueness, prefixes ------------------------------------------------
ids="$A $B $C $D $E"
for i in $(seq 1 12); do
    run collab --as sun request new --title "Quick $i" --format json
    ids="$ids $(json_id "$OUT")"
done
bad=0
for id in $ids; do grep -Eq "$ID_RE" <<<"$id" || bad=1; done
expect_eq "$bad" "0" "every id is the prefix and six Crockford characters"
expect_eq "$(tr ' ' '\n' <<<"$ids" | sort -u | wc -l | tr -d ' ')" "17" "17 requests, 17 different ids"
expect_eq "$(count_requests "$ws")" "17" "one folder per request"

# A unique prefix of three characters, typed in lower case, with or without "R-".
short=$(tr 'A-Z' 'a-z' <<<"${A:2:3}")
matches=$(tr ' ' '\n' <<<"$ids" | grep -c "^R-${A:2:3}")
if [ "$matches" = 1 ]; then
    run collab request show "$short"
    expect_rc 0 "a lower-case three-character prefix"
    expect_line "$OUT" "Request       $A" "the prefix finds the request"
    run collab request show "r-$short"
    expect_rc 0 "a lower-case prefix with r-"
    expect_line "$OUT" "Request       $A" "r-prefix finds the request"
fi
run collab request show "$(tr 'A-Z' 'a-z' <<<"$A")"
expect_rc 0 "a whole id in lower case"
# An ambiguous prefix: two requests crafted to share their first four characters.
cp -r "requests/$C" requests/R-7K2A00
cp -r "requests/$C" requests/R-7K2B00
# A log names its request on its first line: the copies name theirs.
sed -i "s/for request $C\./for request R-7K2A00./" requests/R-7K2A00/log/*.yaml
sed -i "s/for request $C\./for request R-7K2B00./" requests/R-7K2B00/log/*.yaml
before=$(snapshot "$ws")
run collab request show 7k2
expect_rc 2 "an ambiguous prefix"
expect_eq "$ERR" "collab: error: '7k2' matches several requests: R-7K2A00, R-7K2B00; type more characters" \
    "an ambiguous prefix lists the candidates"
run collab --as zhang request submit r-7k2
expect_rc 2 "submit with an ambiguous prefix"
run collab request show 7k2a
expect_rc 0 "one more character makes it unique"
expect_line "$OUT" "Request       R-7K2A00" "the longer prefix finds the request"
run collab request show 7K2AOO
expect_rc 0 "O is read as 0 (Crockford)"
expect_line "$OUT" "Request       R-7K2A00" "look-alike letters find the request"
run collab request show zzzz
expect_rc 2 "a prefix that matches nothing"
expect_eq "$ERR" "collab: error: no request matches 'zzzz'; \`collab request list\` shows them all" \
    "no match says how to list requests"
expect_unchanged "$ws" "$before" "id look-ups"

finish
