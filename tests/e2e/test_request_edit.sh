#!/usr/bin/env bash
# `collab request edit`: in $EDITOR or from --file, only by the initiator, only while
# draft or returned; comments and unknown keys survive; every edit is logged with
# what changed; hand edits are judged by `collab check`.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
unhash() { sed -E 's/[0-9a-f]{64}/HASH/g'; }

cat >"$E2E_ROOT/form.yaml" <<'EOF'
# Agreed with li on Monday
title: Night shift support  # ACME asked twice
source: internal
due: 2026-07-31
departments: [cs]
participants: [chen]
background: Tickets filed at night wait until morning.
goal: Reply within 30 minutes at night.
items:
  - action: Plan a night rota
    acceptance: rota published
resources:
  - what: Night allowance
    amount: 3000 CNY  # a month
budget_note: ask finance first
EOF
A=$(collab --as zhang request new --file "$E2E_ROOT/form.yaml" 2>/dev/null)
git add -A && git commit -qm "draft A"

# --- in the editor ---------------------------------------------------------------------
make_editor "$E2E_ROOT/goal.sh" 'cp "$1" "'"$E2E_ROOT"'/seen.yaml"
sed -i "s/^goal: .*/goal: Reply within 20 minutes at night./" "$1"'
run env EDITOR="$E2E_ROOT/goal.sh" "$COLLAB_BIN" --as zhang request edit "${A:2:4}"
expect_rc 0 "the initiator edits a draft in the editor"
expect_line "$(unhash <<<"$OUT"$'\n'"$ERR")" "$A edited: content HASH -> HASH." "edit reports the content change"
expect_eq "$(cat "$E2E_ROOT/seen.yaml")" "$(cat "requests/$A/request.yaml" | sed 's/^goal: .*/goal: Reply within 30 minutes at night./')" \
    "the editor gets request.yaml as it is, comments included"
form=$(cat "requests/$A/request.yaml")
expect_line "$form" "goal: Reply within 20 minutes at night." "the new goal is saved"
expect_line "$form" "# Agreed with li on Monday" "the comment line is kept"
expect_line "$form" "title: Night shift support  # ACME asked twice" "the trailing comment is kept"
expect_line "$form" "    amount: 3000 CNY  # a month" "the nested trailing comment is kept"
expect_line "$form" "budget_note: ask finance first" "the unknown key is kept"
expect_eq "$(git status --porcelain | sort)" " M requests/$A/log/zhang.yaml
 M requests/$A/request.yaml" "edit writes the form and appends to the initiator's log"
log=$(cat "requests/$A/log/zhang.yaml")
expect_line "$log" "  action: edit" "the edit is logged"
expect_line "$log" "    - field: goal" "the log names the changed field"
expect_line "$log" "      to: Reply within 20 minutes at night." "the log has the new value"
run collab log "$A"
expect_rc 0 "collab log"
expect_line "$OUT" "    goal: Reply within 30 minutes at night. -> Reply within 20 minutes at night." "the log shows the change"
git add -A && git commit -qm "edit A"

# --- from --file ------------------------------------------------------------------------
# The same kind of file as `request new --file` takes: no initiator or created in it;
# those stay as they were.
sed 's/^due: .*/due: 2026-08-31  # moved by a month/' "$E2E_ROOT/form.yaml" >"$E2E_ROOT/form2.yaml"
run collab --as zhang request edit "$A" --file "$E2E_ROOT/form2.yaml"
expect_rc 0 "edit --file with a form file like request new's"
expect_line "$(cat "requests/$A/request.yaml")" "due: 2026-08-31  # moved by a month" "edit --file replaces the form, comments kept"
expect_line "$(cat "requests/$A/request.yaml")" "initiator: zhang" "edit --file keeps the initiator"
run collab request show "$A"
expect_line "$OUT" "Due           2026-08-31" "the new due date is shown"
git add -A && git commit -qm "edit A from a file" >/dev/null

# --- nothing to change, or not allowed: nothing written -----------------------------------
before=$(snapshot "$ws")
run env EDITOR=true "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 0 "an edit that changes nothing"
expect_line "$OUT$ERR" "$A is unchanged." "an unchanged edit says so"
run env EDITOR="$E2E_ROOT/goal.sh" "$COLLAB_BIN" --as chen request edit "$A"
expect_rc 3 "edit by a participant"
expect_contains "$ERR" "only the initiator 张敏 (zhang) may edit $A; you are 陈晨 (chen)" "edit by someone else: the reason"
run collab --as li request edit "$A" --file "$E2E_ROOT/form2.yaml"
expect_rc 3 "edit by the supervisor"
make_editor "$E2E_ROOT/hijack.sh" 'sed -i "s/^initiator: zhang/initiator: chen/" "$1"'
run env EDITOR="$E2E_ROOT/hijack.sh" "$COLLAB_BIN" --as zhang request edit "$A"
expect_rc 2 "changing the initiator in the editor"
expect_contains "$ERR" "initiator and created cannot be changed" "the initiator is not editable"
make_editor "$E2E_ROOT/fail.sh" 'echo "junk: yes" >>"$1"; exit 3'
run env EDITOR="$E2E_ROOT/fail.sh" "$COLLAB_BIN" --as zhang request edit "$A"
if [ "$RC" -ne 0 ]; then pass; else fail "a failing editor is accepted by edit"; fi
make_editor "$E2E_ROOT/empty.sh" ': >"$1"'
run env EDITOR="$E2E_ROOT/empty.sh" "$COLLAB_BIN" --as zhang request edit "$A"
# Like request new, an emptied form means "never mind"; it is not a broken workspace
# file (exit 4) and not an error without a line number.
if grep -Eq 'REQUEST_EDIT[^:]*\.yaml: error' <<<"$ERR" || [ "$RC" -eq 4 ]; then
    fail "emptying the form in edit is reported as an invalid file (exit $RC)" "$ERR"
else pass; fi
expect_unchanged "$ws" "$before" "edits that change nothing or are refused"

# --- returned: edit, then resubmit ---------------------------------------------------------
run collab --as zhang request submit "$A"
expect_rc 0 "submit A"
run collab --as zhang request edit "$A" --file "$E2E_ROOT/form.yaml"
expect_rc 3 "edit while submitted"
run collab --as li --now 2026-07-07T09:00 review "$A" --return --check goals=yes \
    --check resources=no:budget --check breakdown=yes --comment "Say where the allowance comes from"
expect_rc 0 "li returns A"
run collab request show "$A" --now 2026-07-07T10:00
expect_match "$OUT" "^State +returned$" "A is returned"
expect_match "$OUT" "^Waiting on +张敏 \(zhang\)$" "a returned request waits on the initiator"
make_editor "$E2E_ROOT/note.sh" 'sed -i "s/^budget_note: .*/budget_note: from the cs budget/" "$1"'
run env EDITOR="$E2E_ROOT/note.sh" "$COLLAB_BIN" --as zhang --now 2026-07-07T10:00 request edit "$A"
expect_rc 0 "the initiator edits an unknown key of a returned request"
# An unknown key is not content: the form is still what was returned.
run collab --as zhang --now 2026-07-07T10:30 request submit "$A"
expect_rc 3 "a returned form resubmitted without a change of content"
expect_contains "$ERR" "$A was returned and has not been changed since" "the refusal says why"
make_editor "$E2E_ROOT/budget.sh" 'sed -i "s/^goal: .*/goal: Reply within 30 minutes at night, from the cs budget./" "$1"'
run env EDITOR="$E2E_ROOT/budget.sh" "$COLLAB_BIN" --as zhang --now 2026-07-07T10:00 request edit "$A"
expect_rc 0 "the initiator edits a returned request"
run collab --as zhang --now 2026-07-08T10:00 request submit "$A"
expect_rc 0 "resubmit after the edit"
expect_eq "$OUT" "$A submitted to 李华 (li) for review; the review is due by 2026-07-10 18:00." \
    "the second review is due two working days after the resubmission"
run collab request show "$A" --now 2026-07-08T11:00 --format json
expect_contains "$OUT" '"round": 2,' "the resubmission is the second round"
git add -A && git commit -qm "A resubmitted"

# --- hand edits are judged by check ----------------------------------------------------------
sed -i 's/^goal: .*/goal: changed by hand after submitting/' "requests/$A/request.yaml"
run collab check --now 2026-07-08T11:00
expect_rc 1 "check after a hand edit of a submitted form"
expect_contains "$OUT" "the form of $A changed after it was submitted" "the hand edit is found"
git checkout -q -- .
B=$(collab --as zhang request new "${FULL_FORM[@]}")
sed -i 's/^initiator: zhang$/initiator: chen/' "requests/$B/request.yaml"
run collab check
if [ "$RC" -ne 0 ]; then pass; else
    fail "check accepts a request whose initiator was changed by hand (created by zhang, now says chen)" "$OUT"
fi
expect_contains "$OUT" "$B" "check names the request whose initiator was changed"
run collab --as chen request submit "$B"
expect_rc 3 "the person written in by hand cannot submit someone else's request"

finish
