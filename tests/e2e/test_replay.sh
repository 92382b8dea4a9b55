#!/usr/bin/env bash
# Replaying the past: every read command given --now shows the workspace as it stood
# then. A request's life is run step by step with fixed --now values; at three
# instants (submitted, in progress, accepted) every read command's output is captured
# as printed on that day. At the end, with every later entry and file in place, each
# command is run again for each instant and must print the same bytes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

# The instants: R submitted (before its review), R in progress, R accepted.
I1=2026-07-06T10:00
I2=2026-07-09T10:00
I3=2026-07-15T10:00

# reads: every read command worth replaying, one per line, with the person it runs as.
reads() {
    cat <<READS
request show $RID
request show $RID --format json
request list
--as zhao request list --mine
request list --format json
task list
task list $RID
task show $RID/T1
next $RID
next $RID --format json
--as zhang inbox
--as li inbox
--as zhao inbox
--as chen inbox
--as chen inbox --format json
log $RID
log $RID --format json
stats
check --no-cache
check
sync $RID --agenda
--as zhao feedback $RID
READS
}

# capture INSTANT: every read command's stdout, stderr and exit status at INSTANT,
# one file per command under $E2E_ROOT/<mode>/<instant>/.
capture() {
    local mode=$1 instant=$2 n=0 line
    mkdir -p "$E2E_ROOT/$mode/$instant"
    while IFS= read -r line; do
        n=$((n + 1))
        # shellcheck disable=SC2086 # each line is a command's words
        {
            printf '$ %s\n' "$line"
            collab --now "$instant" $line 2>&1
            printf '[exit %d]\n' $?
        } >"$E2E_ROOT/$mode/$instant/$n"
    done < <(reads)
}

# === R's life, captured as it happens =======================================
# R (two departments): initiator zhang, supervisor li, head of tech wang, participants
# zhao and chen; one action item; due 2026-07-31.
ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
RID=$(collab --now 2026-07-06T09:00 --as zhang request new --title "Ticket routing" \
    --background "Tickets bounce between teams" --goal "Route each ticket once" \
    --item "Build the router :: 95% of tickets routed once" \
    --dept cs --dept tech --participant zhao --participant chen \
    --resource "Ticket system admin access" --due 2026-07-31) || exit 1
collab --now 2026-07-06T09:10 --as zhang request submit "$RID" >/dev/null || exit 1
commit "R submitted"
capture live "$I1"

collab --now 2026-07-06T11:00 --as li review "$RID" --approve "${ALL_YES[@]}" >/dev/null || exit 1
# The initiator updates the goal after the review: instant 1 must still show the old one.
sed 's/^goal: .*/goal: Route each ticket once, within 5 minutes/' "requests/$RID/request.yaml" \
    >"$E2E_ROOT/edited.yaml"
collab --now 2026-07-06T11:30 --as zhang request edit "$RID" --file "$E2E_ROOT/edited.yaml" \
    >/dev/null || exit 1
collab --now 2026-07-06T16:00 --as li meeting "$RID" --at 2026-07-06T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "Routing agreed" >/dev/null || exit 1
for p in zhang li wang zhao chen; do
    collab --now 2026-07-07T09:30 --as "$p" sign "$RID" >/dev/null || exit 1
done
collab --now 2026-07-07T10:00 --as zhang split "$RID" --task \
    "name=Build the router;owner=zhao;collaborators=wang;deadline=2026-07-15;deliverable=Router v1.0;covers=1" \
    >/dev/null || exit 1
collab --now 2026-07-07T10:30 --as zhao task confirm "$RID/T1" >/dev/null || exit 1
collab --now 2026-07-08T15:00 --as zhao progress "$RID/T1" --note "Router skeleton" --percent 40 \
    >/dev/null || exit 1
commit "R in progress"
capture live "$I2"

# A draft by chen, a week after instant 1.
DID=$(collab --now 2026-07-13T09:00 --as chen request new --title "Refund notes" \
    --background "Refunds lack notes" --goal "Every refund has a note" \
    --item "Add a note field :: every refund carries one" --dept cs \
    --resource "None" --due 2026-08-31) || exit 1
collab --now 2026-07-14T16:00 --as zhao deliver "$RID/T1" --check 1=yes --version v1.0 \
    >/dev/null || exit 1
collab --now 2026-07-15T09:00 --as zhang accept "$RID/T1" --pass >/dev/null || exit 1
collab --now 2026-07-15T09:10 --as wang accept "$RID/T1" --pass >/dev/null || exit 1
commit "R accepted"
capture live "$I3"

# Later still: chen submits the draft and R's collaborators answer the survey.
collab --now 2026-07-16T09:00 --as chen request submit "$DID" >/dev/null || exit 1
collab --now 2026-07-16T10:00 --as zhao feedback "$RID" --answer clarity=4 --answer efficiency=3 \
    --answer responsiveness.cs=5 --answer responsiveness.tech=4 >/dev/null || exit 1
commit "later"

# === the same commands, replayed ============================================
for instant in "$I1" "$I2" "$I3"; do
    capture replay "$instant"
    for f in "$E2E_ROOT/live/$instant"/*; do
        n=${f##*/}
        if cmp -s "$f" "$E2E_ROOT/replay/$instant/$n"; then pass; else
            fail "replayed at $instant: $(head -n 1 "$f")" \
                "$(diff "$f" "$E2E_ROOT/replay/$instant/$n")"
        fi
    done
done

# === what the replay must show, named ========================================
run collab --now "$I1" --as chen inbox
expect_not_contains "$OUT" "$DID" "a draft created a week later is not in its initiator's inbox"
run collab --now 2026-07-13T09:00 --as chen inbox
expect_contains "$OUT" "$DID" "the draft is in the inbox from its creation on"

run collab --now "$I2" next "$RID"
expect_eq "$(head -n 1 <<<"$OUT")" "$RID (in-progress): Ticket routing" \
    "next mid-progress: in progress, not closed"

run collab --now "$I1" request list
expect_not_contains "$OUT" "$DID" "request list before the draft existed"
run collab --now "$I1" request show "$DID"
expect_rc 2 "show of a request created later"
expect_eq "$ERR" "collab: error: request $DID did not exist yet at 2026-07-06 10:00: it was created 2026-07-13 09:00" \
    "show says plainly that it did not exist yet"
run collab --now "$I1" log "$DID"
expect_rc 2 "log of a request created later"

run collab --now "$I1" request show "$RID"
expect_contains "$OUT" "Route each ticket once" "instant 1 shows the goal as it was"
expect_not_contains "$OUT" "within 5 minutes" "the later edit is undone"
run collab --now "$I3" request show "$RID"
expect_contains "$OUT" "within 5 minutes" "instant 3 shows the edited goal"

# An edit entry whose old values do not give back its previous hash cannot be undone:
# the current text is shown, with a warning.
# (Signatures off: a signed entry edited by hand is otherwise not applied at all.)
cp -r "$ws" "$E2E_ROOT/damaged" && cd "$E2E_ROOT/damaged" || exit 1
sed -i 's/^signatures: required$/signatures: off/' collab.yaml
sed -i 's/^\( *from: \)Route each ticket once$/\1Route tickets/' "requests/$RID/log/zhang.yaml"
run collab --now "$I1" request show "$RID"
expect_rc 0 "show with an edit that cannot be undone"
expect_contains "$OUT" "within 5 minutes" "the current text is shown"
expect_eq "$ERR" "collab: warning: $RID: request.yaml was edited after 2026-07-06 10:00 and that edit cannot be undone; its current text is shown" \
    "a warning says the form is today's"
cd "$ws" || exit 1

run collab --now "$I1" task list
expect_not_contains "$OUT" "$RID/T1" "no task before the split"
run collab --now "$I1" task show "$RID/T1"
expect_rc 2 "task show before the split"

run collab --now "$I2" log "$RID"
expect_not_contains "$OUT" "2026-07-14" "the log stops at instant 2"
run collab --now "$I2" task list "$RID"
if grep -Eq -- ' -[0-9]' <<<"$OUT"; then
    fail "no negative days in the task list at instant 2" "$OUT"
else pass; fi

finish
