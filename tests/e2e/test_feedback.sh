#!/usr/bin/env bash
# `collab feedback`: the communication feedback survey (沟通反馈表) of stage 5 and how a
# request closes, with fixed --now values.
#   A (cs and tech) is accepted on Tuesday 2026-10-13; the survey asks clarity,
#     efficiency and the responsiveness of each involved department; every collaborator
#     but the initiator answers once, and the last answer closes A.
#   B (cs only) is accepted on Tuesday 2026-09-29; its window of 5 working days runs
#     across National Day to Monday 2026-10-12 18:00 and ends with one answer missing:
#     B is closed afterwards and `collab check` reports feedback.missing naming who did
#     not answer.
# Every refusal exits 3, names its rule, prints nothing on stdout and writes nothing.
. "$(dirname "$0")/lib.sh"


ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1

# === A: from final (2026-09-09) to the last acceptance ==================================
# Initiator and project lead zhang; supervisor li (head of cs); head of tech wang;
# participants zhao and chen. Its collaborators (everyone who signed) are zhang, li,
# wang, zhao and chen: the survey goes to li, wang, zhao and chen.
A=$(collab --now 2026-09-07T09:00 --as zhang request new --title "Dispatch tickets" \
    --background "Tickets wait for a person" --goal "Dispatch every ticket at once" \
    --item "Publish the ticket API document :: customer service reviews it" \
    --item "Dispatch tickets automatically :: 95% reach a person within 5 minutes" \
    --dept cs --dept tech --participant zhao --participant chen \
    --resource "Test environment access" --due 2026-10-16) || exit 1
c --now 2026-09-07T09:10 --as zhang request submit "$A"
c --now 2026-09-08T10:00 --as li review "$A" --approve "${ALL_YES[@]}"
c --now 2026-09-08T15:00 --as zhang meeting "$A" --at 2026-09-08T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "Dispatch agreed"
for p in zhang li wang zhao chen; do c --now 2026-09-09T09:30 --as "$p" sign "$A"; done
c --now 2026-09-09T10:00 --as zhang split "$A" \
    --task "name=Write the API document;owner=zhao;collaborators=chen;deadline=2026-09-18;deliverable=API document v1.0;covers=1" \
    --task "name=Build the dispatcher;owner=zhao;collaborators=wang,chen;deadline=2026-09-28;deliverable=Dispatcher v1;depends=T1;covers=2" \
    --task "name=Train the agents;owner=chen;collaborators=zhao;deadline=2026-10-15;deliverable=Training slides;depends=T2;covers=2"
for pair in zhao:T1 zhao:T2 chen:T3; do c --now 2026-09-09T10:30 --as "${pair%%:*}" task confirm "$A/${pair#*:}"; done
c --now 2026-09-17T16:00 --as zhao deliver "$A/T1" --check 1=yes
c --now 2026-09-17T17:00 --as chen accept "$A/T1" --pass
c --now 2026-09-18T09:00 --as zhang accept "$A/T1" --pass
c --now 2026-09-29T10:00 --as zhao deliver "$A/T2" --check 2=no 2>/dev/null
c --now 2026-09-30T09:00 --as zhang accept "$A/T2" --pass
c --now 2026-09-30T10:00 --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-10
c --now 2026-10-09T15:00 --as zhao deliver "$A/T2" --check 2=yes 2>/dev/null
for p in wang chen zhang; do c --now 2026-10-10T09:30 --as "$p" accept "$A/T2" --pass; done
c --now 2026-10-12T09:00 --as chen deliver "$A/T3" --check 2=yes
c --now 2026-10-13T09:00 --as zhao accept "$A/T3" --pass
commit "A: every task but T3 accepted"

# --- no survey before every task is accepted ---------------------------------------------------
export COLLAB_NOW=2026-10-13T10:00
refused "feedback on a request in progress" feedback collab --as li feedback "$A" \
    --answer clarity=4 --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4
expect_eq "$ERR" "collab: refused by rule 'feedback': the feedback survey of $A is not open: it is in-progress" \
    "the survey opens once every task is accepted"
run collab next "$A"
expect_not_contains "$OUT" "feedback" "next does not ask for feedback yet"

c --now 2026-10-13T11:30 --as zhang accept "$A/T3" --pass
commit "A accepted"
export COLLAB_NOW=2026-10-13T12:00
expect_eq "$(state "$A")" "accepted" "A is accepted"

# === the survey ==========================================================================
run collab feedback "$A"
expect_rc 0 "anyone may read the survey"
expect_eq "$OUT" "Communication feedback survey (沟通反馈表) of $A: Dispatch tickets
  clarity  How clear was the process (who does what, and when)?
  efficiency  How efficient was the communication (few round trips, little waiting)?
  responsiveness.cs  How responsive was this department? (客服部)
  responsiveness.tech  How responsive was this department? (技术部)
  --comment  What should we improve next time?
Answer with: collab feedback $A --answer KEY=1..5 ... --comment TEXT" \
    "the questions, one responsiveness question per involved department"
run collab feedback "$A" --format json
expect_eq "$OUT" "{
  \"id\": \"$A\",
  \"questions\": [
    {
      \"key\": \"clarity\",
      \"text\": \"How clear was the process (who does what, and when)?\"
    },
    {
      \"key\": \"efficiency\",
      \"text\": \"How efficient was the communication (few round trips, little waiting)?\"
    },
    {
      \"key\": \"responsiveness.cs\",
      \"text\": \"How responsive was this department? (客服部)\"
    },
    {
      \"key\": \"responsiveness.tech\",
      \"text\": \"How responsive was this department? (技术部)\"
    }
  ],
  \"improve\": \"What should we improve next time?\"
}" "the survey as JSON"
run collab --lang zh feedback "$A"
expect_line "$OUT" "  clarity  协作流程是否清晰（谁在何时做什么）？" "the Chinese survey"
expect_match "$OUT" "^  responsiveness\\.tech  该部门的响应是否及时？.*技术部" "with the tech department's question"

# The questions can be changed per workspace: templates/feedback.en.yaml (in a copy).
in_copy own-survey
mkdir -p templates
cat >templates/feedback.en.yaml <<'YAML'
questions:
  - key: clarity
    text: Was it clear who does what?
  - key: documents
    text: Were the documents good enough?
improve: One thing to change?
YAML
run collab feedback "$A"
expect_eq "$OUT" "Communication feedback survey (沟通反馈表) of $A: Dispatch tickets
  clarity  Was it clear who does what?
  documents  Were the documents good enough?
  --comment  One thing to change?
Answer with: collab feedback $A --answer KEY=1..5 ... --comment TEXT" "the workspace's own questions"
refused "an answer without the workspace's own question" feedback \
    collab --as li feedback "$A" --answer clarity=4 --answer efficiency=3
expect_eq "$ERR" "collab: refused by rule 'feedback': question 'documents' is not answered; every question takes 1 to 5" \
    "the workspace's question is required"
run collab --as li feedback "$A" --answer clarity=4 --answer documents=2
expect_rc 0 "the workspace's survey is answered"
cd "$ws" || exit 1

run collab next "$A"
expect_eq "$OUT" "$A (accepted): Dispatch tickets
  李华 (li): answer the communication feedback survey (沟通反馈表)
    due 2026-10-20 18:00 (5 working days left)
    \$ collab feedback $A
  王强 (wang): answer the communication feedback survey (沟通反馈表)
    due 2026-10-20 18:00 (5 working days left)
    \$ collab feedback $A
  赵磊 (zhao): answer the communication feedback survey (沟通反馈表)
    due 2026-10-20 18:00 (5 working days left)
    \$ collab feedback $A
  陈晨 (chen): answer the communication feedback survey (沟通反馈表)
    due 2026-10-20 18:00 (5 working days left)
    \$ collab feedback $A" \
    "next: every collaborator but the initiator answers within 5 working days (10-14 .. 10-20)"

# --- refusals ---------------------------------------------------------------------------------
ALL4=(--answer clarity=4 --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4)
refused "the initiator answering" feedback collab --as zhang feedback "$A" "${ALL4[@]}"
expect_eq "$ERR" "collab: refused by rule 'feedback': the feedback survey of $A goes to its collaborators; the initiator sends it" \
    "the initiator sends the survey"
refused "someone outside the request answering" feedback collab --as sun feedback "$A" "${ALL4[@]}"
refused "the head of an uninvolved department answering" feedback collab --as qian feedback "$A" "${ALL4[@]}"
refused "a question left out" feedback collab --as li feedback "$A" \
    --answer clarity=4 --answer efficiency=3 --answer responsiveness.cs=5
expect_eq "$ERR" "collab: refused by rule 'feedback': question 'responsiveness.tech' is not answered; every question takes 1 to 5" \
    "the missing question is named"
refused "a score of 6" feedback collab --as li feedback "$A" \
    --answer clarity=6 --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4
expect_eq "$ERR" "collab: refused by rule 'feedback': answer clarity=6 must be from 1 to 5" "the range is named"
refused "a score of 0" feedback collab --as li feedback "$A" \
    --answer clarity=4 --answer efficiency=0 --answer responsiveness.cs=5 --answer responsiveness.tech=4
refused "a question that is not in the survey" feedback collab --as li feedback "$A" "${ALL4[@]}" \
    --answer speed=3
expect_eq "$ERR" "collab: refused by rule 'feedback': 'speed' is not a question of this survey; \`collab feedback ID\` shows them" \
    "the unknown question is named"
refused "a department not involved" feedback collab --as li feedback "$A" "${ALL4[@]}" \
    --answer responsiveness.sales=3
usage_error "a score that is not a number" collab --as li feedback "$A" \
    --answer clarity=good --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4
expect_eq "$ERR" "collab: error: --answer 'clarity=good' must read KEY=1..5" "the answer format is explained"
usage_error "a score with a fraction" collab --as li feedback "$A" \
    --answer clarity=4.5 --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4
usage_error "an answer without a score" collab --as li feedback "$A" \
    --answer clarity --answer efficiency=3 --answer responsiveness.cs=5 --answer responsiveness.tech=4
# One question answered twice in one command is ambiguous: refused, nothing recorded
# (tried in a copy, so that a wrongly recorded answer cannot change the story).
in_copy twice
before=$(snapshot .)
run collab --as li feedback "$A" --answer clarity=4 --answer clarity=2 --answer efficiency=3 \
    --answer responsiveness.cs=5 --answer responsiveness.tech=4
if [ "$RC" -ne 0 ]; then pass; else fail "a question answered twice in one command is accepted" "stdout: $OUT"; fi
expect_unchanged . "$before" "a question answered twice in one command"
cd "$ws" || exit 1

# --- every collaborator answers on Wednesday 2026-10-14 ------------------------------------------
# Scores (clarity, efficiency, responsiveness.cs, responsiveness.tech):
#   li 4 3 5 4, wang 5 4 4 5, zhao 3 3 4 2, chen 4 2 5 3
export COLLAB_NOW=2026-10-14T09:00
run collab --as li feedback "$A" "${ALL4[@]}" --comment "Fewer meetings, more written updates"
expect_rc 0 "li answers"
expect_eq "$OUT" "Thank you: your feedback on $A is recorded." "the answer is confirmed"
expect_eq "$(git status --porcelain)" " M requests/$A/log/li.yaml" "the answer goes into li's log"
log=$(cat "requests/$A/log/li.yaml")
expect_line "$log" "  action: feedback" "the log has the answer"
expect_line "$log" "  at: 2026-10-14T09:00:00+08:00" "when it was given"
expect_line "$log" "    clarity: 4" "clarity"
expect_line "$log" "    efficiency: 3" "efficiency"
expect_line "$log" "    responsiveness.cs: 5" "responsiveness of cs"
expect_line "$log" "    responsiveness.tech: 4" "responsiveness of tech"
expect_line "$log" "  comment: Fewer meetings, more written updates" "the improvement comment"
commit "li answered"
refused "a second answer" feedback collab --now 2026-10-14T09:30 --as li feedback "$A" "${ALL4[@]}"
expect_eq "$ERR" "collab: refused by rule 'feedback': you already answered the survey of $A" "one answer each"
run collab next "$A"
expect_not_contains "$OUT" "李华 (li)" "li is no longer asked"
expect_contains "$OUT" "  王强 (wang): answer the communication feedback survey (沟通反馈表)" "wang still is"

c --now 2026-10-14T10:00 --as wang feedback "$A" --answer clarity=5 --answer efficiency=4 \
    --answer responsiveness.cs=4 --answer responsiveness.tech=5
c --now 2026-10-14T11:00 --as zhao feedback "$A" --answer clarity=3 --answer efficiency=3 \
    --answer responsiveness.cs=4 --answer responsiveness.tech=2
commit "wang and zhao answered"
expect_eq "$(collab --now 2026-10-14T11:00 request show "$A" | sed -n 's/^State  *//p')" "accepted" \
    "A stays accepted while chen has not answered"
run collab --now 2026-10-14T14:00 --as chen feedback "$A" --answer clarity=4 --answer efficiency=2 \
    --answer responsiveness.cs=5 --answer responsiveness.tech=3 --comment "Put the API document online earlier"
expect_rc 0 "chen answers last"
commit "chen answered"
export COLLAB_NOW=2026-10-14T15:00
expect_eq "$(state "$A")" "closed" "every collaborator answered: A is closed"
run collab check --request "$A"
expect_rc 0 "check: nothing to report on the closed request"
expect_eq "$OUT" "0 errors, 0 warnings" "no findings"
run collab next "$A"
expect_not_contains "$OUT" "feedback" "nothing is asked any more"
refused "the initiator answering once closed" feedback collab --as zhang feedback "$A" "${ALL4[@]}"
expect_eq "$ERR" "collab: refused by rule 'feedback': the feedback survey of $A is not open: it is closed" \
    "a closed request takes no answers"
run collab log "$A"
expect_line "$OUT" "2026-10-14 14:00  陈晨 (chen)  answered the feedback survey" "the log lists chen's answer"
expect_eq "$(grep -c '^2026-10-14 ' <<<"$OUT")" "4" "the log lists the four answers"

# === B: the window closes with one answer missing =========================================
# One department (cs): initiator and project lead chen, supervisor li (head of cs),
# participant zhang. Its collaborators are chen, li and zhang: the survey goes to li and
# zhang. T1 (owner zhang, no collaborators: accepted by chen alone) is accepted on
# Tuesday 2026-09-29 10:00.
B=$(collab --now 2026-09-18T09:00 --as chen request new --title "Reply guide" \
    --background "Replies differ between agents" --goal "One reply guide" \
    --item "Write the reply guide :: every agent passes the quiz" --dept cs --participant zhang \
    --resource "Training material :: 500 CNY" --due 2026-09-30) || exit 1
c --now 2026-09-18T11:00 --as chen request submit "$B"
c --now 2026-09-21T16:00 --as li review "$B" --approve "${ALL_YES[@]}"
for p in chen li zhang; do c --now 2026-09-22T09:00 --as "$p" sign "$B"; done
c --now 2026-09-22T10:00 --as chen split "$B" \
    --task "name=Write the reply guide;owner=zhang;deadline=2026-09-24;deliverable=Reply guide v1;covers=1"
c --now 2026-09-22T10:30 --as zhang task confirm "$B/T1"
c --now 2026-09-28T09:00 --as zhang deliver "$B/T1" --check 1=yes 2>/dev/null
run collab --now 2026-09-29T10:00 --as chen accept "$B/T1" --pass
expect_eq "$OUT" "$B/T1 accepted: every acceptor signed.
Every task of $B is accepted: the feedback survey is open (collab feedback $B)." "B is accepted"
commit "B accepted"

# The window: 5 working days after Tuesday 2026-09-29, with National Day 10-01..07 off and
# the make-up Saturday 10-10 worked: 09-30 = 1, 10-08 = 2, 10-09 = 3, 10-10 = 4,
# 10-12 = 5. It ends on Monday 2026-10-12 at 18:00.
run collab --now 2026-09-30T09:00 feedback "$B"
expect_eq "$OUT" "Communication feedback survey (沟通反馈表) of $B: Reply guide
  clarity  How clear was the process (who does what, and when)?
  efficiency  How efficient was the communication (few round trips, little waiting)?
  responsiveness.cs  How responsive was this department? (客服部)
  --comment  What should we improve next time?
Answer with: collab feedback $B --answer KEY=1..5 ... --comment TEXT" \
    "one department: one responsiveness question"
run collab --now 2026-09-30T09:00 next "$B"
expect_line "$OUT" "  张敏 (zhang): answer the communication feedback survey (沟通反馈表)" "zhang is asked"
expect_line "$OUT" "    due 2026-10-12 18:00 (4 working days left)" "the window ends 2026-10-12 18:00"
refused "an answer naming the tech department B does not involve" feedback \
    collab --now 2026-10-09T10:00 --as li feedback "$B" --answer clarity=2 --answer efficiency=2 \
    --answer responsiveness.cs=3 --answer responsiveness.tech=3
# li answers on Friday 2026-10-09 (2, 2, 3); zhang never does.
c --now 2026-10-09T10:00 --as li feedback "$B" --answer clarity=2 --answer efficiency=2 --answer responsiveness.cs=3
commit "li answered B"

export COLLAB_NOW=2026-10-12T18:00
expect_eq "$(state "$B")" "accepted" "B is still accepted at 18:00 on the last day of the window"
run collab check --request "$B"
expect_eq "$OUT" "0 errors, 0 warnings" "nothing missing while the window is open"

export COLLAB_NOW=2026-10-12T18:01
expect_eq "$(state "$B")" "closed" "B is closed once the window ended"
run collab check --request "$B"
expect_rc 0 "a missing answer is a warning"
expect_eq "$OUT" "陈晨 (chen)
  requests/$B/request.yaml:1:1: warning: the feedback window of $B closed on 2026-10-12 18:00 without answers from 张敏 (zhang): 1 working day late [feedback.missing]
0 errors, 1 warning" "check reports the missing answer, naming who did not answer, to the initiator"
run collab check --request "$B" --fail-on warning
expect_rc 1 "with --fail-on warning, check fails on it"
run collab check --rule feedback --format json --request "$B"
expect_contains "$OUT" "\"rule\": \"feedback.missing\"" "the JSON report has the rule"
expect_contains "$OUT" "\"late_days\": 1," "the JSON report: 1 working day late on the day the window closed"
# Two working days on (Tuesday 10-13 and Wednesday 10-14), the count grows.
run collab --now 2026-10-14T09:00 check --rule feedback --request "$B"
expect_line "$OUT" "  requests/$B/request.yaml:1:1: warning: the feedback window of $B closed on 2026-10-12 18:00 without answers from 张敏 (zhang): 2 working days late [feedback.missing]" \
    "two working days later: 2 working days late"
refused "answering after the window" feedback collab --now 2026-10-13T09:00 --as zhang feedback "$B" \
    --answer clarity=3 --answer efficiency=3 --answer responsiveness.cs=3
expect_eq "$ERR" "collab: refused by rule 'feedback': the feedback survey of $B is not open: it is closed" \
    "the survey is closed"
run collab --now 2026-10-13T09:00 next "$B"
expect_not_contains "$OUT" "answer the communication feedback survey" "next no longer asks zhang"
# A, accepted on 10-13 and answered by everyone on 10-14: even after its own window
# would have ended (5 working days: 10-20 18:00), nothing is missing.
expect_eq "$(collab --now 2026-10-21T09:00 check --request "$A")" "0 errors, 0 warnings" \
    "A, answered by everyone, has nothing missing"

finish
