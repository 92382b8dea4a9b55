# shellcheck shell=bash
# Shared setup of the stage-3 and stage-4 tests (split, progress, sync, change): sourced
# by test_split.sh, test_progress.sh, test_sync.sh, test_change.sh and
# test_execution_merge.sh after lib.sh. It brings a two-department request to final
# and, on request, splits it into four confirmed tasks.
#
# The request R ($RID): initiator and project lead zhang (张敏, cs), supervisor li (李华,
# head of cs), departments cs and tech (head wang 王强), participants zhao (赵磊, tech)
# and chen (陈晨, cs); three action items; due Friday 2026-07-31. It becomes final on
# Tuesday 2026-07-07 at 09:30.
#
# The task table of split_request (split Tuesday 2026-07-07 10:00, confirmed 10:30):
#   T1 Map the ticket flow   chen (collaborator zhang)  2026-07-15  covers 1
#   T2 Build the router      zhao (collaborator wang)   2026-07-22  covers 2, depends on T1
#   T3 Train the agents      zhang                      2026-07-29  covers 3, depends on T2
#   T4 Write routing rules   wang (collaborator zhao)   2026-07-17  covers 2
# Once confirmed, T1 and T4 are active, T2 and T3 wait on their dependencies.

# The four tasks as --task flags, and one-field variants used by the refusals.
TASK1="name=Map the ticket flow;owner=chen;collaborators=zhang;deadline=2026-07-15;deliverable=Ticket flow chart v1;covers=1"
TASK2="name=Build the router;owner=zhao;collaborators=wang;deadline=2026-07-22;deliverable=Router v1.0;depends=T1;covers=2"
TASK3="name=Train the agents;owner=zhang;deadline=2026-07-29;deliverable=Training slides v1;depends=T2;covers=3"
TASK4="name=Write routing rules;owner=wang;collaborators=zhao;deadline=2026-07-17;deliverable=Routing rule sheet v1;covers=2"

# first_id PREFIX TEXT: the first id like PREFIX-XXXX in TEXT (B, RK, CR, A).
first_id() { grep -oE "\\b$1-[0-9A-Z]{4}\\b" <<<"$2" | head -n 1; }

# final_request DIR: a new workspace in DIR (the current folder afterwards) holding the
# request R, final and committed; sets RID.
final_request() {
    new_workspace "$1" || exit 1
    cd "$1" || exit 1
    RID=$(collab --now 2026-07-06T09:00 --as zhang request new --title "Ticket routing" \
        --background "Tickets bounce between teams" --goal "Route each ticket once" \
        --item "Map the flow :: chart reviewed by both heads" \
        --item "Build the router :: 95% of tickets routed once" \
        --item "Train the agents :: every agent trained" \
        --dept cs --dept tech --participant zhao --participant chen \
        --resource "Ticket system admin access" --due 2026-07-31) || exit 1
    collab --now 2026-07-06T09:10 --as zhang request submit "$RID" >/dev/null || exit 1
    collab --now 2026-07-06T11:00 --as li review "$RID" --approve "${ALL_YES[@]}" >/dev/null || exit 1
    collab --now 2026-07-06T16:00 --as li meeting "$RID" --at 2026-07-06T14:00 --duration 30 \
        --attendee li --attendee wang --attendee zhang --minutes "Routing agreed" >/dev/null || exit 1
    local p
    for p in zhang li wang zhao chen; do
        collab --now 2026-07-07T09:30 --as "$p" sign "$RID" >/dev/null || exit 1
    done
    commit "R final"
}

# split_request: splits R into T1..T4 as zhang and has each owner confirm; committed.
split_request() {
    collab --now 2026-07-07T10:00 --as zhang split "$RID" --task "$TASK1" --task "$TASK2" \
        --task "$TASK3" --task "$TASK4" >/dev/null || exit 1
    local pair
    for pair in chen:T1 zhao:T2 zhang:T3 wang:T4; do
        collab --now 2026-07-07T10:30 --as "${pair%%:*}" task confirm "$RID/${pair#*:}" >/dev/null || exit 1
    done
    commit "R split and confirmed"
}

# squeeze TEXT: TEXT with every run of two or more spaces turned into " | ", so that a
# row of `collab task list` can be matched whatever the column widths.
squeeze() { sed -E 's/  +/ | /g' <<<"$1"; }
