#!/usr/bin/env bash
# `collab stats`: the process in numbers, checked against values computed by hand from
# the dates below (the arithmetic is written next to each number). Four requests, every
# date fixed with --now:
#   A (cs, tech)   submitted 2026-09-07, final 09-09, three tasks (one late and failed
#                  once, across National Day), accepted 10-13, three blockers, answered by
#                  all four collaborators: closed.
#   B (cs)         submitted Friday 09-18, reviewed Monday 09-21 (the make-up Sunday 09-20
#                  counts), one late task, accepted 09-29; one of two answers: closed when
#                  its window ended on 10-12.
#   C (sales, tech) submitted 10-08, returned late on 10-13, resubmitted and approved 10-14,
#                  final 10-15; its task is overdue and its blocker open and late.
#   D (cs, a customer's request) submitted 10-19, not reviewed: its review is overdue.
# Statistics are taken as of Wednesday 2026-10-21 10:30.
. "$(dirname "$0")/lib.sh"

# blocker NOW PERSON TASK FROM BY TEXT: posts progress with a blocker; prints its id.
blocker() {
    local out
    out=$(collab --now "$1" --as "$2" progress "$3" --note "Working on it" --blocker "$6" \
        --from "$4" --by "$5") || exit 1
    grep -oE '\bB-[0-9A-Z]{4}\b' <<<"$out" | head -n 1
}
# table TEXT: a text table with every run of two or more spaces turned into " | ", so
# that rows can be compared whatever the column widths.
table() { sed -E 's/  +/ | /g' <<<"$1"; }

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1

# === A ===================================================================================
# Initiator and project lead zhang; supervisor li; cs and tech (head wang); participants
# zhao and chen.
A=$(collab --now 2026-09-07T09:00 --as zhang request new --title "Dispatch tickets" \
    --background "Tickets wait for a person" --goal "Dispatch every ticket at once" \
    --item "Publish the ticket API document :: customer service reviews it" \
    --item "Dispatch tickets automatically :: 95% reach a person within 5 minutes" \
    --dept cs --dept tech --participant zhao --participant chen \
    --resource "Test environment access" --due 2026-10-16) || exit 1
c --now 2026-09-07T09:10 --as zhang request submit "$A"             # Monday
c --now 2026-09-08T10:00 --as li review "$A" --approve "${ALL_YES[@]}" # Tuesday
c --now 2026-09-08T15:00 --as zhang meeting "$A" --at 2026-09-08T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "Dispatch agreed"
for p in zhang li wang zhao chen; do c --now 2026-09-09T09:30 --as "$p" sign "$A"; done # final Wednesday
c --now 2026-09-09T10:00 --as zhang split "$A" \
    --task "name=Write the API document;owner=zhao;collaborators=chen;deadline=2026-09-18;deliverable=API document v1.0;covers=1" \
    --task "name=Build the dispatcher;owner=zhao;collaborators=wang,chen;deadline=2026-09-28;deliverable=Dispatcher v1;depends=T1;covers=2" \
    --task "name=Train the agents;owner=chen;collaborators=zhao;deadline=2026-10-15;deliverable=Training slides;depends=T2;covers=2"
for pair in zhao:T1 zhao:T2 chen:T3; do c --now 2026-09-09T10:30 --as "${pair%%:*}" task confirm "$A/${pair#*:}"; done
# T1: a blocker on chen (cs) from 09-10 10:00 to 09-11 14:00 = 28 hours; delivered
# 09-17, before its deadline 09-18: on time; passed by chen and zhang: first pass.
b=$(blocker 2026-09-10T10:00 zhao "$A/T1" chen 2026-09-11T17:00 "Last year's tickets")
c --now 2026-09-11T14:00 --as chen blocker close "$b"
c --now 2026-09-17T16:00 --as zhao deliver "$A/T1" --check 1=yes
c --now 2026-09-17T17:00 --as chen accept "$A/T1" --pass
c --now 2026-09-18T09:00 --as zhang accept "$A/T1" --pass
# T2: a blocker on wang (tech) from 09-21 09:00 to 15:30 = 6.5 hours; delivered 09-29,
# after its deadline 09-28: late; failed by wang on 09-30 (one rework round), delivered
# again as v2 and accepted on 10-10: not a first pass.
b=$(blocker 2026-09-21T09:00 zhao "$A/T2" wang 2026-09-22T12:00 "A test server")
c --now 2026-09-21T15:30 --as wang blocker close "$b"
c --now 2026-09-29T10:00 --as zhao deliver "$A/T2" --check 2=no 2>/dev/null
c --now 2026-09-30T09:00 --as zhang accept "$A/T2" --pass
c --now 2026-09-30T10:00 --as wang accept "$A/T2" --fail --comment "Too slow" --reaccept-by 2026-10-10
c --now 2026-10-09T15:00 --as zhao deliver "$A/T2" --check 2=yes 2>/dev/null
for p in wang chen zhang; do c --now 2026-10-10T09:30 --as "$p" accept "$A/T2" --pass; done
# T3: a blocker on li (cs) on the make-up Saturday 10-10 from 10:00 to 12:00 = 2 hours;
# delivered 10-12, before its deadline 10-15: on time; first pass; A accepted 10-13 11:30.
b=$(blocker 2026-10-10T10:00 chen "$A/T3" li 2026-10-10T17:00 "The agents' rota")
c --now 2026-10-10T12:00 --as li blocker close "$b"
c --now 2026-10-12T09:00 --as chen deliver "$A/T3" --check 2=yes
c --now 2026-10-13T09:00 --as zhao accept "$A/T3" --pass
c --now 2026-10-13T11:30 --as zhang accept "$A/T3" --pass
# Feedback (clarity, efficiency, responsiveness.cs, responsiveness.tech) on 10-14:
#   li 4 3 5 4, wang 5 4 4 5, zhao 3 3 4 2, chen 4 2 5 3
c --now 2026-10-14T09:00 --as li feedback "$A" --answer clarity=4 --answer efficiency=3 \
    --answer responsiveness.cs=5 --answer responsiveness.tech=4
c --now 2026-10-14T10:00 --as wang feedback "$A" --answer clarity=5 --answer efficiency=4 \
    --answer responsiveness.cs=4 --answer responsiveness.tech=5
c --now 2026-10-14T11:00 --as zhao feedback "$A" --answer clarity=3 --answer efficiency=3 \
    --answer responsiveness.cs=4 --answer responsiveness.tech=2
c --now 2026-10-14T14:00 --as chen feedback "$A" --answer clarity=4 --answer efficiency=2 \
    --answer responsiveness.cs=5 --answer responsiveness.tech=3
commit "A closed"

# === B ===================================================================================
# One department (cs): initiator chen, supervisor li, participant zhang.
B=$(collab --now 2026-09-18T09:00 --as chen request new --title "Reply guide" \
    --background "Replies differ between agents" --goal "One reply guide" \
    --item "Write the reply guide :: every agent passes the quiz" --dept cs --participant zhang \
    --resource "Training material :: 500 CNY" --due 2026-09-30) || exit 1
c --now 2026-09-18T11:00 --as chen request submit "$B"                 # Friday
c --now 2026-09-21T16:00 --as li review "$B" --approve "${ALL_YES[@]}" # Monday
for p in chen li zhang; do c --now 2026-09-22T09:00 --as "$p" sign "$B"; done # final Tuesday
c --now 2026-09-22T10:00 --as chen split "$B" \
    --task "name=Write the reply guide;owner=zhang;deadline=2026-09-24;deliverable=Reply guide v1;covers=1"
c --now 2026-09-22T10:30 --as zhang task confirm "$B/T1"
# Delivered Monday 09-28 (Friday 09-25 is the Mid-Autumn holiday), after its deadline
# 09-24: late; accepted by chen alone on 09-29: first pass.
c --now 2026-09-28T09:00 --as zhang deliver "$B/T1" --check 1=yes 2>/dev/null
c --now 2026-09-29T10:00 --as chen accept "$B/T1" --pass
# li answers (2, 2, 3 for clarity, efficiency, responsiveness.cs); zhang never does.
c --now 2026-10-09T10:00 --as li feedback "$B" --answer clarity=2 --answer efficiency=2 \
    --answer responsiveness.cs=3
commit "B accepted"

# === C ===================================================================================
# Sales and tech: initiator sun, supervisor qian (head of sales), head of tech wang,
# participant zhao.
C=$(collab --now 2026-10-08T09:00 --as sun request new --title "Quote the dispatcher" \
    --background "A customer asks for a quote" --goal "Send a quote" \
    --item "Quote the dispatcher :: the quote is sent" --dept sales --dept tech --participant zhao \
    --resource "Price list access" --due 2026-10-30) || exit 1
c --now 2026-10-08T09:30 --as sun request submit "$C" # Thursday after National Day
c --now 2026-10-13T10:00 --as qian review "$C" --return "${ALL_YES[@]}" --comment "Name the price list" 2>/dev/null
sed 's/^goal: \(.*\)/goal: \1 (price list named)/' "requests/$C/request.yaml" >"$E2E_ROOT/C2.yaml"
c --now 2026-10-13T13:00 --as sun request edit "$C" --file "$E2E_ROOT/C2.yaml"
c --now 2026-10-13T14:00 --as sun request submit "$C"
c --now 2026-10-14T09:00 --as qian review "$C" --approve "${ALL_YES[@]}"
c --now 2026-10-14T15:00 --as sun meeting "$C" --at 2026-10-14T14:00 --duration 20 \
    --attendee qian --attendee wang --attendee sun --minutes "Quote agreed"
for p in sun qian wang zhao; do c --now 2026-10-15T10:00 --as "$p" sign "$C"; done # final Thursday
c --now 2026-10-15T11:00 --as sun split "$C" \
    --task "name=Quote the dispatcher;owner=zhao;collaborators=wang;deadline=2026-10-16;deliverable=Quote v1;covers=1"
c --now 2026-10-15T11:30 --as zhao task confirm "$C/T1"
# A blocker on wang (tech) from 10-15 14:00, by 10-16 12:00, never closed.
blocker 2026-10-15T14:00 zhao "$C/T1" wang 2026-10-16T12:00 "The price list" >/dev/null
commit "C in progress"

# === D ===================================================================================
# A customer's request (cs): its review is due within 1 working day.
D=$(collab --now 2026-10-19T09:00 --as zhang request new --title "Acme escalation" \
    --background "Acme's tickets bounce" --goal "Answer Acme within a day" \
    --item "Answer Acme :: Acme confirms" --dept cs --participant chen --resource "None" \
    --due 2026-10-30 --customer "Acme Ltd") || exit 1
c --now 2026-10-19T09:00 --as zhang request submit "$D" # Monday; review due 10-20 18:00
commit "D submitted"

export COLLAB_NOW=2026-10-21T10:30

# === every request ========================================================================
# requests: A, B, C, D = 4 (each was submitted).
# Submission (first) to final, working days:
#   A 09-07 -> 09-09: 09-08, 09-09                                   = 2
#   B 09-18 -> 09-22: 09-20 (make-up Sunday), 09-21, 09-22           = 3
#   C 10-08 -> 10-15: 10-09, 10-10 (make-up Saturday), 12, 13, 14, 15 = 6
#   median of 2, 3, 6 = 3; mean 11/3
# Final to accepted, working days:
#   A 09-09 -> 10-13: Sept 10 11 14-18 20 21-24 28-30 (15; 09-25 Mid-Autumn off),
#                     Oct 8 9 10 12 13 (5; 10-01..07 National Day off) = 20
#   B 09-22 -> 09-29: 09-23, 09-24, 09-28, 09-29                      = 4
#   median of 4, 20 = 12
# Review latency, working days from each submission to its decision:
#   A 09-07 -> 09-08 = 1; B 09-18 -> 09-21 = 2 (09-20, 09-21);
#   C 10-08 -> 10-13 = 4 (10-09, 10-10, 10-12, 10-13); C again 10-13 -> 10-14 = 1
#   mean 8/4 = 2.0, median of 1, 1, 2, 4 = 1.5
# Within the service level (2 working days, due at 18:00 of the second working day):
#   A due 09-09 (yes), B due 09-21 (yes, thanks to the make-up Sunday), C due 10-10
#   (decided 10-13: no), C again due 10-15 (yes) = 3 of 4 = 75%
# Tasks delivered: A T1, T2, T3, B T1 = 4; on time (first delivery): A T1, A T3 = 2 -> 50%
# Tasks accepted: 4; on their first delivery: A T1, A T3, B T1 = 3 -> 75%
# Rework rounds: A T2 failed once = 1
# Blocker wait hours, by the department of the person waited on:
#   cs   (chen, li): 28, 2                                  mean 15
#   tech (wang):     6.5, and C's open blocker 10-15 14:00 -> now 10-21 10:30 = 140.5
#                                                           mean 147/2 = 73.5
# Feedback, by question (A's four answers and B's one):
#   clarity             4 5 3 4 | 2  = 18/5 = 3.6   (n=5)
#   efficiency          3 4 3 2 | 2  = 14/5 = 2.8   (n=5)
#   responsiveness.cs   5 4 4 5 | 3  = 21/5 = 4.2   (n=5)
#   responsiveness.tech 4 5 2 3      = 14/4 = 3.5   (n=4)
# Overdue now: C/T1 (deadline 10-16) task.overdue; C's blocker (by 10-16 12:00)
#   blocker.late; D's review (due 10-20 18:00) review.overdue. A is closed, B closed by
#   its window: nothing overdue there.
run collab stats
expect_rc 0 "stats"
expect_eq "$(table "$OUT")" "Requests submitted | 4
Submission to final, median working days | 3.0
Final to accepted, median working days | 12.0
Review latency, mean working days | 2.0
Reviews within their service level | 75% (3/4)
Tasks delivered on time | 50% (2/4)
First-pass acceptance | 75% (3/4)
Rework rounds (failed acceptances) | 1
Blocker wait on 客服部, mean hours | 15.0
Blocker wait on 技术部, mean hours | 73.5
Feedback clarity, mean score | 3.6 (n=5)
Feedback efficiency, mean score | 2.8 (n=5)
Feedback responsiveness.cs, mean score | 4.2 (n=5)
Feedback responsiveness.tech, mean score | 3.5 (n=4)
Overdue now: blocker.late | 1
Overdue now: review.overdue | 1
Overdue now: task.overdue | 1" "the numbers of all four requests"

run collab stats --format json
expect_rc 0 "stats as JSON"
expect_eq "$OUT" '{
  "requests": 4,
  "submit_to_final_working_days": {
    "count": 3,
    "mean": 3.6666666666666665,
    "median": 3
  },
  "final_to_accepted_working_days": {
    "count": 2,
    "mean": 12,
    "median": 12
  },
  "review_latency_working_days": {
    "count": 4,
    "mean": 2,
    "median": 1.5
  },
  "reviews_decided": 4,
  "reviews_on_time": 3,
  "tasks_delivered": 4,
  "tasks_on_time": 2,
  "tasks_accepted": 4,
  "tasks_first_pass": 3,
  "rework_rounds": 1,
  "blocker_wait_hours": {
    "cs": {
      "count": 2,
      "mean": 15,
      "median": 15
    },
    "tech": {
      "count": 2,
      "mean": 73.5,
      "median": 73.5
    }
  },
  "feedback": {
    "clarity": {
      "count": 5,
      "mean": 3.6,
      "median": 4
    },
    "efficiency": {
      "count": 5,
      "mean": 2.8,
      "median": 3
    },
    "responsiveness.cs": {
      "count": 5,
      "mean": 4.2,
      "median": 4
    },
    "responsiveness.tech": {
      "count": 4,
      "mean": 3.5,
      "median": 3.5
    }
  },
  "overdue_now": {
    "blocker.late": 1,
    "review.overdue": 1,
    "task.overdue": 1
  },
  "calendar_uncovered_years": [],
  "calendar_guessed_years": []
}' "the numbers as JSON (means 11/3 and 8/4; medians of 2,3,6 and 1,1,2,4; feedback medians 4, 3, 4, 3.5)"

run collab stats --format csv
expect_rc 0 "stats as CSV"
expect_eq "$OUT" "metric,value
requests,4
submit_to_final.median,3.0
final_to_accepted.median,12.0
review_latency.mean,2.0
reviews_on_time,75% (3/4)
tasks_on_time,50% (2/4)
first_pass_acceptance,75% (3/4)
rework_rounds,1
blocker_wait_hours.cs,15.0
blocker_wait_hours.tech,73.5
feedback.clarity,3.6 (n=5)
feedback.efficiency,2.8 (n=5)
feedback.responsiveness.cs,4.2 (n=5)
feedback.responsiveness.tech,3.5 (n=4)
overdue_now.blocker.late,1
overdue_now.review.overdue,1
overdue_now.task.overdue,1" "the numbers as CSV"

# === --since ===============================================================================
# First submitted on or after 2026-09-18: B, C, D = 3.
#   submission to final: B 3, C 6 -> median 4.5; final to accepted: B 4
#   review latency: B 2, C 4, C 1 -> mean 7/3 = 2.33..; on time: B, C again = 2 of 3
#   delivered on time: B T1 late = 0 of 1; first pass 1 of 1; no rework
#   blockers: tech 140.5 (C) only; feedback: B's one answer; overdue as before
run collab stats --since 2026-09-18
expect_eq "$(table "$OUT")" "Requests submitted | 3
Submission to final, median working days | 4.5
Final to accepted, median working days | 4.0
Review latency, mean working days | 2.3
Reviews within their service level | 67% (2/3)
Tasks delivered on time | 0% (0/1)
First-pass acceptance | 100% (1/1)
Rework rounds (failed acceptances) | 0
Blocker wait on 技术部, mean hours | 140.5
Feedback clarity, mean score | 2.0 (n=1)
Feedback efficiency, mean score | 2.0 (n=1)
Feedback responsiveness.cs, mean score | 3.0 (n=1)
Overdue now: blocker.late | 1
Overdue now: review.overdue | 1
Overdue now: task.overdue | 1" "--since 2026-09-18 leaves A out (submitted 09-07)"
run collab stats --since 2026-09-19 --format json
expect_contains "$OUT" '"requests": 2,' "--since 2026-09-19 leaves B out too (first submitted 09-18)"
run collab stats --since 2026-12-01
expect_eq "$(table "$OUT")" "Requests submitted | 0
Submission to final, median working days | -
Final to accepted, median working days | -
Review latency, mean working days | -
Reviews within their service level | -
Tasks delivered on time | -
First-pass acceptance | -
Rework rounds (failed acceptances) | 0" "no request in the period: dashes, not zeros"
run collab stats --since 2026-12-01 --format json
expect_contains "$OUT" '"submit_to_final_working_days": {
    "count": 0,
    "mean": null,
    "median": null
  },' "an empty sample is null in JSON"

# === --dept ================================================================================
# Involving tech: A and C = 2.
#   submission to final: 2, 6 -> median 4; final to accepted: 20
#   review latency: A 1, C 4, C 1 -> mean 2.0; on time: A, C again = 2 of 3
#   delivered on time: A T1, T3 of T1, T2, T3 = 2 of 3; first pass: T1, T3 = 2 of 3; rework 1
#   blockers: cs 28, 2 -> 15; tech 6.5, 140.5 -> 73.5
#   feedback (A only): clarity 16/4 = 4.0, efficiency 12/4 = 3.0, cs 18/4 = 4.5, tech 14/4 = 3.5
#   overdue: C's task and blocker; D (cs only) is left out
run collab stats --dept tech --format csv
expect_eq "$OUT" "metric,value
requests,2
submit_to_final.median,4.0
final_to_accepted.median,20.0
review_latency.mean,2.0
reviews_on_time,67% (2/3)
tasks_on_time,67% (2/3)
first_pass_acceptance,67% (2/3)
rework_rounds,1
blocker_wait_hours.cs,15.0
blocker_wait_hours.tech,73.5
feedback.clarity,4.0 (n=4)
feedback.efficiency,3.0 (n=4)
feedback.responsiveness.cs,4.5 (n=4)
feedback.responsiveness.tech,3.5 (n=4)
overdue_now.blocker.late,1
overdue_now.task.overdue,1" "--dept tech: A and C"
run collab stats --dept 技术部 --format csv
expect_contains "$OUT" "requests,2" "the department may be named in Chinese"
# Involving cs and first submitted from 2026-09-10: B and D.
#   B: submission to final 3, final to accepted 4, review 2 (on time), T1 late, first pass
run collab stats --dept cs --since 2026-09-10 --format csv
expect_eq "$OUT" "metric,value
requests,2
submit_to_final.median,3.0
final_to_accepted.median,4.0
review_latency.mean,2.0
reviews_on_time,100% (1/1)
tasks_on_time,0% (0/1)
first_pass_acceptance,100% (1/1)
rework_rounds,0
feedback.clarity,2.0 (n=1)
feedback.efficiency,2.0 (n=1)
feedback.responsiveness.cs,3.0 (n=1)
overdue_now.review.overdue,1" "--dept cs --since 2026-09-10: B and D"
run collab stats --dept sales --format json
expect_contains "$OUT" '"requests": 1,' "--dept sales: C alone"
expect_contains "$OUT" '"overdue_now": {
    "blocker.late": 1,
    "task.overdue": 1
  }' "C's overdue task and late blocker"

# === overdue counts are "now" ================================================================
# On Friday 2026-10-16 10:30 nothing is overdue yet: C/T1 is due at 18:00, C's blocker at
# 12:00, D's review on 10-20. C's open blocker has waited 10-15 14:00 -> 10-16 10:30 =
# 20.5 hours: tech mean (6.5 + 20.5) / 2 = 13.5.
run collab --now 2026-10-16T10:30 stats --format csv
expect_line "$OUT" "blocker_wait_hours.tech,13.5" "an open blocker waits until now"
expect_no_line "$OUT" "overdue_now.task.overdue,1" "C/T1 is not overdue before its deadline"
expect_eq "$(grep -c '^overdue_now' <<<"$OUT")" "0" "nothing overdue on 10-16 10:30"
run collab --now 2026-10-16T12:01 stats --format csv
expect_line "$OUT" "overdue_now.blocker.late,1" "the blocker is late a minute after 12:00"

# === --until =================================================================================
# Up to the end of 2026-09-30: A and B (C and D were submitted in October), each as it
# stood then.
#   submission to final: A 2, B 3 -> median 2.5; final to accepted: B 4 (A not yet)
#   review latency: A 1, B 2 -> mean 1.5; both on time
#   delivered: A T1 (on time), A T2 (late), B T1 (late) = 1 of 3; T3 not yet delivered
#   accepted: A T1, B T1, both first pass; A T2 failed 09-30 10:00: one rework round
#   blockers: cs 28 (chen); tech 6.5 (wang); li's came on 10-10
#   feedback: none yet (the answers came on 10-09 and 10-14)
#   overdue as of 09-30 23:59:59: nothing (A/T2 was delivered, its re-delivery due 10-10)
run collab stats --until 2026-09-30 --format csv
expect_rc 0 "stats --until"
expect_eq "$OUT" "metric,value
requests,2
submit_to_final.median,2.5
final_to_accepted.median,4.0
review_latency.mean,1.5
reviews_on_time,100% (2/2)
tasks_on_time,33% (1/3)
first_pass_acceptance,100% (2/2)
rework_rounds,1
blocker_wait_hours.cs,28.0
blocker_wait_hours.tech,6.5" "--until 2026-09-30: A and B as they stood at the end of that day"
run collab stats --until 2026-09-29 --format csv
expect_line "$OUT" "rework_rounds,0" "the day before A/T2 was failed: no rework yet"
# Quarters side by side: Q3 is A and B, Q4 (to now) C and D.
run collab stats --since 2026-07-01 --until 2026-09-30 --format json
expect_contains "$OUT" '"requests": 2,' "Q3: A and B"
run collab stats --since 2026-10-01 --until 2026-12-31 --format json
expect_contains "$OUT" '"requests": 2,' "Q4: C and D"
expect_contains "$OUT" '"task.overdue": 1' "an until after now counts as of now"
run collab stats --since 2026-09-30 --until 2026-09-30 --format json
expect_contains "$OUT" '"requests": 0,' "one day, with no submission"

# === Chinese labels ===========================================================================
run collab --lang zh stats --dept sales
expect_match "$OUT" "^已提交的需求数 +1$" "the labels in Chinese"
expect_match "$OUT" "^当前逾期：task.overdue +1$" "overdue counts in Chinese"

# === usage errors =============================================================================
usage_error "--since that is not a date" collab stats --since 2026-13-01
usage_error "--until that is not a date" collab stats --until 2026-09-31
expect_contains "$ERR" "'2026-09-31' is not a date" "the bad date is named"
usage_error "--until before --since" collab stats --since 2026-10-01 --until 2026-09-30
expect_contains "$ERR" "--until 2026-09-30 is before --since 2026-10-01; give an until on or after since" \
    "the two dates and the fix"
usage_error "an unknown department" collab stats --dept hr
expect_contains "$ERR" "hr" "the unknown department is named"
usage_error "an unknown format" collab stats --format xml
run collab stats --format json
expect_rc 0 "stats writes nothing"
expect_eq "$(git status --porcelain)" "" "the workspace is unchanged"

finish
