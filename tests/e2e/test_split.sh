#!/usr/bin/env bash
# `collab split` and `collab task confirm|list|show`: the collaboration task tracking
# table (协作任务跟踪表) of a final two-department request. Refusals (a dependency cycle,
# a deadline after the due date, on a holiday or a weekend, a department as owner, an
# uncovered action item, the wrong person, a request not final) exit 3 with rule
# 'split', name the problem and write nothing. A good split numbers the tasks T1..,
# writes requests/ID/tasks.yaml (kept as written when it comes from --file), each
# owner confirms their own task, and the table shows planned, active and waiting tasks.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
export COLLAB_NOW=2026-07-07T10:00 # Tuesday, half an hour after R became final

# === refusals ======================================================================================
# --- a request that is not final, and the wrong person -------------------------------------------
N=$(collab --now 2026-07-06T09:30 --as zhang request new --title "Night rota" --background "Night tickets wait" \
    --goal "Cover nights" --item "Plan a rota :: rota published" --dept cs --participant chen \
    --resource "Night allowance :: 3000 CNY" --due 2026-07-31)
collab --now 2026-07-06T09:40 --as zhang request submit "$N" >/dev/null
commit "N submitted"
refused "splitting a submitted request" split collab --as zhang split "$N" --task "$TASK1"
expect_eq "$ERR" "collab: refused by rule 'split': cannot split $N: it is submitted
hint: \`collab next $N\` says what step comes next and who takes it" "the refusal names the state and points to next"
refused "a department head splitting" split \
    collab --as wang split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" --task "$TASK4"
expect_contains "$ERR" "collab: refused by rule 'split': only the initiator 张敏 (zhang) " \
    "only the initiator (or lead) splits"
refused "the supervisor splitting" split \
    collab --as li split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" --task "$TASK4"
refused "a participant splitting" split \
    collab --as chen split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" --task "$TASK4"

# --- a dependency cycle -----------------------------------------------------------------------------
refused "a dependency cycle" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhao;deadline=2026-07-22;deliverable=Router v1.0;depends=T1,T3;covers=2" \
    --task "name=Train the agents;owner=zhang;deadline=2026-07-22;deliverable=Training slides v1;depends=T2;covers=3"
expect_eq "$ERR" "collab: refused by rule 'split': the task table of $RID breaks the split rule (1 problem)
  error: the tasks depend on each other in a cycle: T2 -> T3 -> T2" "the cycle is named"
expect_no_file "requests/$RID/tasks.yaml" "no task table after the refusal"

# --- deadlines -----------------------------------------------------------------------------------
refused "a deadline after the request's due date" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "$TASK2" --task "$TASK4" \
    --task "name=Train the agents;owner=zhang;deadline=2026-08-03;deliverable=Training slides v1;depends=T2;covers=3"
expect_eq "$ERR" "collab: refused by rule 'split': the task table of $RID breaks the split rule (1 problem)
  error: task T4: deadline 2026-08-03 is after the request's due date 2026-07-31" "the late deadline and the due date are named"
refused "a deadline on National Day" split collab --as zhang split "$RID" --task "$TASK1" --task "$TASK2" \
    --task "name=Train the agents;owner=zhang;deadline=2026-10-01;deliverable=Training slides v1;depends=T2;covers=3" \
    --task "$TASK4"
expect_line "$ERR" "  error: task T3: deadline 2026-10-01 falls on 国庆节 National Day, not a working day; the next working day is 2026-10-08" \
    "the holiday is named with the next working day"
expect_line "$ERR" "  error: task T3: deadline 2026-10-01 is after the request's due date 2026-07-31" \
    "and it is after the due date too"
refused "a deadline on a Saturday" split collab --as zhang split "$RID" --task "$TASK1" --task "$TASK2" \
    --task "$TASK3" \
    --task "name=Write routing rules;owner=wang;deadline=2026-07-18;deliverable=Routing rule sheet v1;covers=2"
expect_line "$ERR" "  error: task T4: deadline 2026-07-18 is not a working day; the next working day is 2026-07-20" \
    "a weekend deadline names the next working day"
refused "a deadline before the task it depends on" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhao;deadline=2026-07-14;deliverable=Router v1.0;depends=T1;covers=2" \
    --task "$TASK3" --task "$TASK4"
expect_line "$ERR" "  error: task T2: deadline 2026-07-14 is before the deadline 2026-07-15 of T1, which it depends on" \
    "a deadline before a dependency's is named"

# --- owners --------------------------------------------------------------------------------------
refused "a department as owner" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=技术部;deadline=2026-07-22;deliverable=Router v1.0;depends=T1;covers=2" \
    --task "name=Train the agents;owner=tech;deadline=2026-07-29;deliverable=Training slides v1;depends=T2;covers=3"
expect_eq "$ERR" "collab: refused by rule 'split': the task table of $RID breaks the split rule (2 problems)
  error: task T2: '技术部' is the department 技术部, not a person; name one owner
  error: task T3: 'tech' is the department 技术部, not a person; name one owner" \
    "a department, by name or by id, is not an owner"
refused "two owners" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhao,wang;deadline=2026-07-22;deliverable=Router v1.0;depends=T1;covers=2" \
    --task "$TASK3" --task "$TASK4"
expect_line "$ERR" "  error: task T2 names several owners (zhao,wang); one person owns a task, the others are collaborators" \
    "one owner per task"
refused "an owner not in the roster" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhaoo;deadline=2026-07-22;deliverable=Router v1.0;depends=T1;covers=2" \
    --task "$TASK3" --task "$TASK4"
expect_line "$ERR" "  error: task T2: 'zhaoo' is not in the roster (did you mean 'zhao'?)" "the unknown owner with a suggestion"
refused "no deliverable" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhao;deadline=2026-07-22;depends=T1;covers=2" --task "$TASK3" --task "$TASK4"
expect_line "$ERR" "  error: task T2 names no deliverable (e.g. API document v1.0)" "a deliverable is named"

# --- coverage ------------------------------------------------------------------------------------
refused "an uncovered action item" split collab --as zhang split "$RID" --task "$TASK1" \
    --task "name=Build the router;owner=zhao;deadline=2026-07-22;deliverable=Router v1.0;depends=T1" --task "$TASK3"
expect_match "$ERR" "^collab: refused by rule 'split': the task table of $RID breaks the split rule \\(1 problem\\)$" \
    "one problem"
expect_match "$ERR" "error: action item 2 \\(Build the router\\) is covered by no task; add covers=2 to a task$" \
    "the uncovered item is named, with the covers=2 hint"

# --- malformed flags: usage errors ------------------------------------------------------------------
usage_error "a --task flag with an unknown key" collab --as zhang split "$RID" --task "name=x;boss=zhao"
expect_contains "$ERR" "collab: error: --task 'name=x;boss=zhao': " "the bad flag is quoted"
usage_error "split without tasks" collab --as zhang split "$RID" </dev/null
expect_eq "$ERR" "collab: error: give the tasks with --task (repeat), --file TASKS.yaml, or --edit" "how to give tasks"

# === the split ======================================================================================
run collab --as zhang split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" --task "$TASK4"
expect_rc 0 "the initiator splits R"
expect_eq "$OUT" "$RID split into 4 tasks:
  $RID/T1  Map the ticket flow  陈晨 (chen)  2026-07-15
  $RID/T2  Build the router  赵磊 (zhao)  2026-07-22
  $RID/T3  Train the agents  张敏 (zhang)  2026-07-29
  $RID/T4  Write routing rules  王强 (wang)  2026-07-17
Each owner now confirms their task: collab task confirm ID/TASK" "split lists T1..T4 with owner and deadline"
expect_eq "$ERR" "" "no warning"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/zhang.yaml
?? requests/$RID/tasks.yaml" "the table and the splitter's log are written"
table=$(cat "requests/$RID/tasks.yaml")
expect_line "$table" "  - id: T2" "tasks.yaml has T2"
expect_line "$table" "    owner: zhao" "tasks.yaml has the owner id"
expect_line "$table" "    depends_on: [T1]" "tasks.yaml has the dependency"
expect_line "$table" "    deliverable: Router v1.0" "tasks.yaml has the deliverable"
expect_match "$table" "^# .*collab change" "tasks.yaml says how its deadlines change"
expect_line "$(cat "requests/$RID/log/zhang.yaml")" "  action: split" "the split is logged"
commit "split"
refused "splitting twice" split collab --as zhang split "$RID" --task "$TASK1" --task "$TASK2" --task "$TASK3" --task "$TASK4"
expect_eq "$ERR" "collab: refused by rule 'split': cannot split $RID: it is in-progress
hint: \`collab next $RID\` says what step comes next and who takes it" "a split request is in progress"

run collab request show "$RID"
expect_line "$OUT" "State         in-progress" "the request is in progress"
run collab task list
expect_rc 0 "task list"
expect_eq "$OUT" "TASK         NAME                 OWNER  STATE    DEADLINE    DAYS LEFT  PROGRESS  BLOCKERS  LATEST
$RID/T1  Map the ticket flow  陈晨   planned  2026-07-15  6          0%        -         -
$RID/T2  Build the router     赵磊   planned  2026-07-22  11         0%        -         -
$RID/T3  Train the agents     张敏   planned  2026-07-29  16         0%        -         -
$RID/T4  Write routing rules  王强   planned  2026-07-17  8          0%        -         -" \
    "every task is planned, with its days left in working days"
run collab task list "$RID" --format json
expect_rc 0 "task list JSON"
expect_eq "$(grep -c '"state": "planned",' <<<"$OUT")" "4" "JSON: four planned tasks"
expect_contains "$OUT" '"confirmed": false,' "JSON: not confirmed"

# --- distribution: each owner is asked to confirm ----------------------------------------------------
run collab --as chen inbox
expect_contains "$OUT" "    $RID  Ticket routing
      confirm task T1 Map the ticket flow (deadline 2026-07-15); work starts once you do
      \$ collab task confirm $RID/T1" "chen's inbox asks to confirm T1"
run collab next "$RID"
expect_line "$OUT" "  赵磊 (zhao): confirm task T2 Build the router (deadline 2026-07-22); work starts once you do" \
    "next: zhao confirms T2"
expect_line "$OUT" "    \$ collab task confirm $RID/T4" "next: the command for wang"

# --- confirmations ------------------------------------------------------------------------------------
refused "progress before the owner confirmed" split collab --as chen progress "$RID/T1" --note "Started"
expect_eq "$ERR" "collab: refused by rule 'split': task T1 has not been confirmed by its owner 陈晨 (chen); work starts once it is
hint: collab task confirm $RID/T1" "work starts once confirmed"
refused "someone else confirming T1" split collab --as zhao task confirm "$RID/T1"
expect_eq "$ERR" "collab: refused by rule 'split': only the owner of T1, 陈晨 (chen), confirms it; you are 赵磊 (zhao)" \
    "only the owner confirms"
refused "the lead confirming for the owner" split collab --as zhang task confirm "$RID/T1"
export COLLAB_NOW=2026-07-07T10:30
run collab --as chen task confirm "$RID/T1"
expect_rc 0 "chen confirms T1"
expect_eq "$OUT" "$RID/T1 confirmed; deadline 2026-07-15." "the confirmation names the deadline"
expect_eq "$(git status --porcelain)" " M requests/$RID/log/chen.yaml" "the confirmation goes into chen's log"
refused "confirming twice" split collab --as chen task confirm "$RID/T1"
expect_eq "$ERR" "collab: refused by rule 'split': task T1 is already confirmed" "already confirmed"
run collab --as zhao task confirm T2
expect_rc 0 "a task id alone works when it is unique"
run collab --as zhang task confirm "$RID/T3"
expect_rc 0 "zhang confirms T3"
run collab --as wang task confirm "$RID/T4"
expect_rc 0 "wang confirms T4"
commit "confirmed"

run collab task list "$RID"
expect_eq "$OUT" "TASK         NAME                 OWNER  STATE    DEADLINE    DAYS LEFT  PROGRESS  BLOCKERS  LATEST
$RID/T1  Map the ticket flow  陈晨   active   2026-07-15  6          0%        -         -
$RID/T2  Build the router     赵磊   waiting  2026-07-22  11         0%        -         -
$RID/T3  Train the agents     张敏   waiting  2026-07-29  16         0%        -         -
$RID/T4  Write routing rules  王强   active   2026-07-17  8          0%        -         -" \
    "confirmed tasks without open dependencies are active, the others wait"
run collab --as zhao task list --mine
expect_eq "$OUT" "TASK         NAME                 OWNER  STATE    DEADLINE    DAYS LEFT  PROGRESS  BLOCKERS  LATEST
$RID/T2  Build the router     赵磊   waiting  2026-07-22  11         0%        -         -
$RID/T4  Write routing rules  王强   active   2026-07-17  8          0%        -         -" \
    "--mine: the task zhao owns and the one he supports"
run collab task list --state waiting
expect_eq "$OUT" "TASK         NAME              OWNER  STATE    DEADLINE    DAYS LEFT  PROGRESS  BLOCKERS  LATEST
$RID/T2  Build the router  赵磊   waiting  2026-07-22  11         0%        -         -
$RID/T3  Train the agents  张敏   waiting  2026-07-29  16         0%        -         -" "--state waiting"
run collab --as chen task list --mine --state active --format json
expect_rc 0 "--mine --state --format json together"
expect_contains "$OUT" '"id": "T1",' "JSON: T1"
expect_not_contains "$OUT" '"id": "T4",' "JSON: not T4"
expect_contains "$OUT" '"state": "active",' "JSON: active"
expect_contains "$OUT" '"confirmed": true,' "JSON: confirmed"
expect_contains "$OUT" '"days_left": 6,' "JSON: days left"
run collab task list --state bogus
expect_rc 2 "an unknown state"
expect_contains "$ERR" "'bogus' is not a task state" "the unknown state is named"
run collab --as sun task list --mine
expect_rc 0 "--mine for someone with no tasks"
expect_not_contains "$OUT" "$RID/T" "sun has no tasks"

run collab task show "$RID/T2"
expect_rc 0 "task show"
expect_eq "$OUT" "TASK           $RID/T2
NAME           Build the router
OWNER          赵磊 (zhao)
Collaborators  王强 (wang)
STATE          waiting
DEADLINE       2026-07-22 (11 working days left)
Deliverable    Router v1.0
Depends on     T1
PROGRESS       0%" "task show: the whole row"
run collab task show "$RID/T2" --format json
expect_contains "$OUT" '"depends_on": [
    "T1"
  ],' "task show JSON: the dependency"
run collab task show "$RID/T9"
expect_rc 2 "task show of an unknown task"

run collab log "$RID"
expect_line "$OUT" "2026-07-07 10:00  张敏 (zhang)  split it into tasks" "log: the split"
expect_line "$OUT" "2026-07-07 10:30  陈晨 (chen)  confirmed task T1" "log: chen's confirmation"
run collab check
expect_rc 0 "a split and confirmed request passes check"

# === a one-department request led by chen, split from a file: the file is kept as written =========
S=$(collab --now 2026-07-07T11:00 --as zhang request new --title "Reply templates" --background "Replies differ" \
    --goal "One template per issue" --item "Write templates :: 20 templates reviewed" \
    --item "Publish them :: templates in the help desk" --dept cs --participant chen \
    --resource "Editor time" --lead chen --due 2026-07-31)
collab --now 2026-07-07T11:00 --as zhang request submit "$S" >/dev/null
collab --now 2026-07-07T11:10 --as li review "$S" --approve "${ALL_YES[@]}" >/dev/null
for p in chen li zhang; do collab --now 2026-07-07T11:20 --as "$p" sign "$S" >/dev/null; done
commit "S final"
cat >"$E2E_ROOT/TASKS.yaml" <<'EOF'
# Task table for the reply templates.
tasks:
  - id: T1
    name: Write the templates   # twenty of them
    owner: chen
    collaborators: [zhang]
    deadline: 2026-07-17
    deliverable: Reply templates v1
    depends_on: []
    covers: [1]
  # Publishing waits for the review.
  - id: T2
    name: Publish the templates
    owner: zhang
    collaborators: []
    deadline: 2026-07-24
    deliverable: Help desk update
    depends_on: [T1]
    covers: [2]
EOF
refused "the supervisor splitting a request with a project lead" split \
    collab --as li split "$S" --file "$E2E_ROOT/TASKS.yaml"
expect_eq "$ERR" "collab: refused by rule 'split': only the initiator 张敏 (zhang) or the project lead 陈晨 (chen) splits $S" \
    "the refusal names the initiator and the project lead"
refused "a department head splitting a request with a project lead" split \
    collab --as wang split "$S" --file "$E2E_ROOT/TASKS.yaml"
export COLLAB_NOW=2026-07-07T11:30
run collab --as chen split "$S" --file "$E2E_ROOT/TASKS.yaml"
expect_rc 0 "the project lead splits from a file"
expect_eq "$OUT" "$S split into 2 tasks:
  $S/T1  Write the templates  陈晨 (chen)  2026-07-17
  $S/T2  Publish the templates  张敏 (zhang)  2026-07-24
Each owner now confirms their task: collab task confirm ID/TASK" "the file's tasks are listed"
expect_eq "$(cat "requests/$S/tasks.yaml")" "$(cat "$E2E_ROOT/TASKS.yaml")" \
    "requests/ID/tasks.yaml keeps the file as written, comments included"
run collab task list "$S"
expect_eq "$OUT" "TASK         NAME                   OWNER  STATE    DEADLINE    DAYS LEFT  PROGRESS  BLOCKERS  LATEST
$S/T1  Write the templates    陈晨   planned  2026-07-17  8          0%        -         -
$S/T2  Publish the templates  张敏   planned  2026-07-24  13         0%        -         -" "S's table"
run collab task show T1
expect_rc 2 "T1 alone is ambiguous between two requests"
expect_contains "$ERR" "'T1' is a task of several requests" "the ambiguity is explained"
commit "S split"
run collab check
expect_rc 0 "check passes with both tables"

# === tasks written without an id are numbered T1, T2, ... in order, skipping ids in use ===========
N=$(collab --now 2026-07-07T12:00 --as zhang request new --title "Reply macros" --background "Replies are slow" \
    --goal "Macros for common replies" --item "Write macros :: 10 macros reviewed" \
    --item "Publish them :: macros in the help desk" --dept cs --participant chen \
    --resource "Editor time" --due 2026-07-31)
collab --now 2026-07-07T12:00 --as zhang request submit "$N" >/dev/null
collab --now 2026-07-07T12:10 --as li review "$N" --approve "${ALL_YES[@]}" >/dev/null
for p in chen li zhang; do collab --now 2026-07-07T12:20 --as "$p" sign "$N" >/dev/null; done
commit "N final"
cat >"$E2E_ROOT/NOIDS.yaml" <<'EOF'
tasks:
  - name: Write the macros
    owner: chen
    deadline: 2026-07-17
    deliverable: Macros v1
    covers: [1]
  - id: T1
    name: Review the macros
    owner: zhang
    deadline: 2026-07-20
    deliverable: Review notes
    covers: [1]
  - name: Publish the macros
    owner: zhang
    deadline: 2026-07-24
    deliverable: Help desk update
    covers: [2]
EOF
run collab --now 2026-07-07T12:30 --as zhang split "$N" --file "$E2E_ROOT/NOIDS.yaml"
expect_rc 0 "a table without ids is split"
expect_eq "$OUT" "$N split into 3 tasks:
  $N/T2  Write the macros  陈晨 (chen)  2026-07-17
  $N/T1  Review the macros  张敏 (zhang)  2026-07-20
  $N/T3  Publish the macros  张敏 (zhang)  2026-07-24
Each owner now confirms their task: collab task confirm ID/TASK" "T1 is taken: the others get T2 and T3, in order"
expect_line "$(cat "requests/$N/tasks.yaml")" "  - id: T3" "tasks.yaml is written with the ids"
run collab check
expect_rc 0 "the numbered table passes check"

finish
