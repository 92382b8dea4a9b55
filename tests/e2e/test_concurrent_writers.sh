#!/usr/bin/env bash
# Two writers on one request at the same time: the project lead records a sync while a
# task owner posts progress, started together from two background processes, 50 times.
# Each writer takes the workspace lock before it reads the request, so the second one
# sees the first one's entry and numbers its own after it: no two entries of the
# request share a seq (the Lamport clock), and `collab check` finds nothing illegal.
# COLLAB_TEST_DELAY_AFTER_LOAD_MS (for tests only) holds every writer for a moment
# after it has read the request, so a writer that read before locking would lose the
# race every time rather than once in a while.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request

export COLLAB_NOW=2026-07-08T10:00
export COLLAB_TEST_DELAY_AFTER_LOAD_MS=20

# duplicate_seqs: every seq that more than one entry of the request's logs holds.
duplicate_seqs() {
    cat "requests/$RID"/log/*.yaml | awk '$1 == "-" && $2 == "seq:" { print $3 } $1 == "seq:" { print $2 }' |
        sort | uniq -d
}

rounds=50
failures=0
for ((i = 1; i <= rounds; i++)); do
    collab --as zhang sync "$RID" --duration 10 --attendee zhang --attendee chen \
        --minutes "Round $i" >/dev/null 2>"$E2E_ROOT/sync.err" &
    sync_pid=$!
    collab --as chen progress "$RID/T1" --note "Round $i" --percent 10 \
        >/dev/null 2>"$E2E_ROOT/progress.err" &
    progress_pid=$!
    wait "$sync_pid" || failures=$((failures + 1))
    wait "$progress_pid" || failures=$((failures + 1))
done
expect_eq "$failures" 0 "every writer waited for the lock and wrote"

entries=$(cat "requests/$RID"/log/*.yaml | grep -cE '^(- )?seq: ')
expect_eq "$entries" $((1 + 1 + 1 + 1 + 5 + 1 + 4 + 2 * rounds)) \
    "every entry is there: create, submit, review, meeting, five signatures, the split, four confirmations and both writers' rounds"
expect_eq "$(duplicate_seqs)" "" "no two entries of the request share a seq"

unset COLLAB_TEST_DELAY_AFTER_LOAD_MS
run collab check
expect_rc 0 "check after the concurrent writers"
expect_not_contains "$OUT$ERR" "transition.illegal" "every entry applied"

finish
