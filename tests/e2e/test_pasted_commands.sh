#!/usr/bin/env bash
# The commands `inbox` and `next` print can be pasted into a shell as they are: one
# complete command per choice, the deliver self-check filled in for every item the task
# covers. A text still to write is the placeholder "…", refused by name until replaced.
# Each line below is taken from the printed output and run by bash, with a fixed --now
# (COLLAB_NOW): progress, deliver, accept --pass and --fail, change approve, reject and
# confirm, blocker close, action done.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request
ws=$PWD
mkdir -p "$E2E_ROOT/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$COLLAB_BIN" >"$E2E_ROOT/bin/collab"
chmod +x "$E2E_ROOT/bin/collab"

# printed PERSON PATTERN: the first command `collab inbox` prints for PERSON that
# contains PATTERN ("" when none does).
printed() {
    "$COLLAB_BIN" --as "$1" inbox | sed -n 's/^ *\$ //p' | grep -F -- "$2" | head -n 1
}
# pasted PERSON LINE: LINE as typed into bash by PERSON, with collab on the PATH.
pasted() { run env PATH="$E2E_ROOT/bin:$PATH" COLLAB_USER="$1" bash -c "$2"; }
# paste_ok PERSON LINE DESCRIPTION: the pasted LINE is accepted.
paste_ok() {
    if [ -z "$2" ]; then
        fail "$3: nothing printed to paste"
        return
    fi
    pasted "$1" "$2"
    expect_rc 0 "$3: $2"
}
# placeholder_refused PERSON LINE DESCRIPTION: LINE still holds "…": exit 2, nothing written.
placeholder_refused() {
    local before
    before=$(snapshot .)
    pasted "$1" "$2"
    expect_rc 2 "$3: refused while the placeholder is left"
    expect_contains "$ERR" "is still the placeholder …" "$3: the placeholder is named"
    expect_unchanged . "$before" "$3: nothing written"
}
task_state() { collab task show "$RID/$1" --format json | sed -n 's/^  "state": "\(.*\)",$/\1/p'; }

# === progress: the note is still to write ===========================================================
export COLLAB_NOW=2026-07-08T17:00
line=$(printed chen "collab progress $RID/T1")
expect_eq "$line" "collab progress $RID/T1 --note \"…\"" "the progress line"
placeholder_refused chen "$line" "progress"
paste_ok chen "${line/…/Collected this month\'s tickets}" "progress with its note written"
expect_contains "$(collab log "$RID")" "Collected this month's tickets" "the pasted note is in the log"

# A blocker raised on li: li's inbox closes it.
collab --as wang progress "$RID/T4" --note "Rules drafted" --blocker "Need the routing matrix" \
    --from li --by 2026-07-10T12:00 >/dev/null || exit 1
commit "progress"

# === deliver: the self-check of every covered item is filled in =====================================
line=$(printed chen "collab deliver $RID/T1")
expect_eq "$line" "collab deliver $RID/T1 --check 1=yes" "deliver names the self-check of item 1"
paste_ok chen "$line" "deliver"
expect_eq "$(task_state T1)" delivered "the pasted deliver line delivers T1"
run collab --as wang next "$RID"
expect_contains "$OUT" "\$ collab deliver $RID/T4 --check 2=yes" "next fills in T4's item 2 too"
commit "T1 delivered"

# === accept: --pass as printed, --fail once its texts are written ===================================
line=$(printed zhang "collab accept $RID/T1 --fail")
expect_eq "$line" "collab accept $RID/T1 --fail --comment \"…\" --reaccept-by \"…\"" "the --fail line"
in_copy accept-fail
placeholder_refused zhang "$line" "accept --fail"
filled=${line/--comment \"…\"/--comment \"The chart misses the night shift\"}
filled=${filled/--reaccept-by \"…\"/--reaccept-by 2026-07-10}
paste_ok zhang "$filled" "accept --fail with its comment and date written"
expect_eq "$(task_state T1)" rework "the pasted --fail line sends T1 back"
cd "$ws" || exit 1
paste_ok zhang "$(printed zhang "collab accept $RID/T1 --pass")" "accept --pass"
expect_eq "$(task_state T1)" accepted "the pasted --pass line accepts T1"
commit "T1 accepted"

# === blocker close ====================================================================================
line=$(printed li "collab blocker close")
expect_match "$line" "^collab blocker close B-[0-9A-Z]{4}$" "the blocker line"
paste_ok li "$line" "blocker close"
expect_eq "$(collab blocker list)" "No blockers." "the pasted line closes the blocker"
commit "blocker closed"

# === change: approve or reject as printed, then each affected owner confirms ========================
collab --as zhao change "$RID" --reason "Vendor API delivered late" --task-deadline T2=2026-07-29 \
    >/dev/null || exit 1
commit "change proposed"
line=$(printed li "collab change reject")
expect_match "$line" "^collab change reject CR-[0-9A-Z]{4} --comment \"…\"$" "the reject line"
in_copy change-reject
placeholder_refused li "$line" "change reject"
paste_ok li "${line/…/Keep the date: the vendor promised Friday}" "change reject with its comment"
expect_contains "$(collab change list --all)" "rejected" "the pasted line rejects the change"
cd "$ws" || exit 1
paste_ok li "$(printed li "collab change approve")" "change approve"
line=$(printed zhao "collab change confirm")
expect_match "$line" "^collab change confirm CR-[0-9A-Z]{4}$" "the confirm line for the affected owner"
paste_ok zhao "$line" "change confirm"
# Anyone else the change affects confirms the same way; then the change is in force.
for person in zhang wang chen; do
    line=$(printed "$person" "collab change confirm")
    [ -n "$line" ] && paste_ok "$person" "$line" "change confirm by $person"
done
expect_eq "$(collab change list)" "No change requests." "the change is in force: none open"
expect_contains "$(collab task show "$RID/T2")" "2026-07-29" "T2's deadline moved"
commit "change in force"

finish
