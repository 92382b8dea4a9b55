# shellcheck shell=bash
# Shared by test_export_forms.sh and test_export_xlsx.sh after lib.sh. whole_process takes
# the request $A (two departments, cs and tech; initiator zhang, supervisor li, head of tech wang,
# participants zhao and chen; two action items; created 2026-09-07) through the whole
# process, with a change request, a sync, a failed acceptance round and two feedback
# answers, a blocker on T1 that wang closes and an open risk on T2, and commits it. Sets
# HASH (the final content), CR (the change request), ACTION (the sync's action item),
# BLOCKER and RISK.

# new_dispatch_request: creates that request as zhang on 2026-09-07 09:00, a draft due
# 2026-10-16 with two resources (one holding a '|'), and commits it; sets A.
new_dispatch_request() {
    A=$(collab --now 2026-09-07T09:00 --as zhang request new --title "Dispatch tickets" \
        --background "Tickets wait for a person" --goal "Dispatch every ticket at once" \
        --item "Publish the ticket API document :: customer service reviews it" \
        --item "Dispatch tickets automatically :: 95% reach a person within 5 minutes" \
        --dept cs --dept tech --participant zhao --participant chen \
        --resource "Test environment access" --resource "Training | slides :: 500 CNY" \
        --due 2026-10-16) || exit 1
    commit "A created"
}

whole_process() {
    local p pair
    c --now 2026-09-07T09:10 --as zhang request submit "$A"
    c --now 2026-09-08T10:00 --as li review "$A" --approve "${ALL_YES[@]}"
    c --now 2026-09-08T15:00 --as zhang meeting "$A" --at 2026-09-08T14:00 --duration 30 \
        --attendee li --attendee wang --attendee zhang --minutes "Dispatch agreed" \
        --decision "Start with the API document" --decision "Tech provides the test server"
    for p in zhang li wang zhao chen; do c --now 2026-09-09T09:30 --as "$p" sign "$A"; done
    HASH=$(content "$A")
    c --now 2026-09-09T10:00 --as zhang split "$A" \
        --task "name=Write the API document;owner=zhao;collaborators=chen;deadline=2026-09-18;deliverable=API document v1.0;covers=1" \
        --task "name=Build the dispatcher;owner=zhao;collaborators=wang,chen;deadline=2026-09-28;deliverable=Dispatcher v1;depends=T1;covers=2" \
        --task "name=Train the agents;owner=chen;collaborators=zhao;deadline=2026-10-15;deliverable=Training slides;depends=T2;covers=2"
    for pair in zhao:T1 zhao:T2 chen:T3; do c --now 2026-09-09T10:30 --as "${pair%%:*}" task confirm "$A/${pair#*:}"; done
    BLOCKER=$(collab --now 2026-09-10T09:00 --as zhao progress "$A/T1" --note "Waiting for the server" \
        --percent 40 --blocker "the test server" --from wang --by 2026-09-15T17:00 |
        grep -oE '\bB-[0-9A-Z]{4}\b' | head -n 1)
    RISK=$(collab --now 2026-09-10T09:10 --as zhao risk add "$A/T2" --text "The vendor API may change" \
        --owner zhao --due 2026-09-24 | grep -oE '\bRK-[0-9A-Z]{4}\b' | head -n 1)
    CR=$(collab --now 2026-09-10T10:00 --as chen change "$A" --reason "Trainers are busy" \
        --task-deadline T3=2026-10-16 | grep -oE '\bCR-[0-9A-Z]{4}\b' | head -n 1)
    c --now 2026-09-10T11:00 --as li change approve "$CR"
    c --now 2026-09-10T12:00 --as chen change confirm "$CR"
    c --now 2026-09-14T10:40 --as zhang sync "$A" --at 2026-09-14T10:00 --duration 25 \
        --attendee zhang --attendee zhao --attendee chen \
        --report "zhao: API draft, half done | Finish the API document | none" \
        --report "chen: Read the draft | Plan the training | trainers busy" \
        --action "Book the test server :: wang :: 2026-09-16" --minutes "On track."
    ACTION=$(collab --now 2026-09-14T11:00 action list "$A" --format json | sed -n 's/.*"id": "\(A-[0-9A-Z]*\)".*/\1/p' | head -n 1)
    c --now 2026-09-15T10:00 --as wang action done "$ACTION"
    c --now 2026-09-15T10:30 --as wang blocker close "$BLOCKER" --note "Server booked"
    c --now 2026-09-17T16:00 --as zhao deliver "$A/T1" --check 1=yes
    c --now 2026-09-17T17:00 --as chen accept "$A/T1" --pass
    c --now 2026-09-18T09:00 --as zhang accept "$A/T1" --pass
    c --now 2026-09-28T16:00 --as zhao deliver "$A/T2" --check 2=yes
    c --now 2026-09-29T09:00 --as zhang accept "$A/T2" --pass
    c --now 2026-09-29T10:00 --as wang accept "$A/T2" --fail --comment "Too slow, 40% late" --reaccept-by 2026-10-09
    c --now 2026-10-08T15:00 --as zhao deliver "$A/T2" --check 2=yes
    for p in wang chen zhang; do c --now 2026-10-09T09:30 --as "$p" accept "$A/T2" --pass; done
    c --now 2026-10-12T09:00 --as chen deliver "$A/T3" --check 2=yes
    c --now 2026-10-13T09:00 --as zhao accept "$A/T3" --pass
    c --now 2026-10-13T11:30 --as zhang accept "$A/T3" --pass
    c --now 2026-10-14T09:00 --as li feedback "$A" --answer clarity=4 --answer efficiency=3 \
        --answer responsiveness.cs=5 --answer responsiveness.tech=4 --comment "Faster, please"
    c --now 2026-10-14T10:00 --as wang feedback "$A" --answer clarity=5 --answer efficiency=4 \
        --answer responsiveness.cs=4 --answer responsiveness.tech=5
    commit "A accepted, two answers"
}
