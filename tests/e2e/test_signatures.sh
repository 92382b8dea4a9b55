#!/usr/bin/env bash
# Signed, hash-chained log entries (`signatures: required`, the default of collab init):
# a forged or edited entry is not applied and `check` reports it (signature.*); nobody
# acts as someone whose key they do not hold; a retired key stops counting after its
# last day; removing an entry in the middle of a log is log.chain; two clones where
# different people acted merge and verify cleanly.
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-08T12:00

ws="$E2E_ROOT/ws"
new_test_workspace "$ws" || exit 1
cd "$ws" || exit 1
expect_line "$(cat collab.yaml)" "signatures: required" "collab init requires signatures"

# checks RULE...: `collab check --format json` lists exactly these rule ids (sorted, unique).
rules_found() {
    collab check --format json | py 'print("\n".join(sorted({f["rule"] for f in d["findings"]})))'
}

A=$(req 2026-07-06 "Signed request" --due 2026-07-31) || exit 1
collab --now 2026-07-06T09:10 --as zhang request submit "$A" >/dev/null || exit 1
commit "A submitted"
log=requests/$A/log/zhang.yaml
expect_match "$(cat "$log")" '^  prev: "?[0-9a-f]{64}"?$' "entries carry prev (quoted when it reads as a number)"
expect_line "$(cat "$log")" "  sig: |" "entries carry sig as a literal block"
expect_line "$(cat "$log")" "    -----BEGIN SSH SIGNATURE-----" "an armored SSH signature"
run collab check
expect_rc 0 "signed entries verify"

# --- a forged approval hand-written into li's log is not applied ----------------
forge() { # forge SIG_LINES: li's approval written by hand, with SIG_LINES appended
    mkdir -p "requests/$A/log"
    {
        printf -- '- seq: 3\n  at: 2026-07-06T10:00:00+08:00\n  by: li\n  action: review\n'
        printf '  content: %s\n  decision: approve\n' "$(content "$A")"
        printf '  checks:\n    goals: yes\n    resources: yes\n    breakdown: yes\n'
        printf '%s' "$1"
    } >"requests/$A/log/li.yaml"
}
forge ""
run collab check
expect_rc 1 "an unsigned approval is a finding"
expect_eq "$(rules_found)" "signature.missing" "signature.missing"
expect_contains "$OUT" "requests/$A/log/li.yaml:1:3: error: the 'review' entry by li in $A carries no signature" \
    "the finding names the file and the entry"
expect_eq "$(state "$A")" "submitted" "the forged approval is not applied"

# zhang's signature pasted under li's entry: made by a key that is not li's.
zsig=$(awk '/^  sig: \|$/ { on = 1 } on { print } /END SSH SIGNATURE/ { if (on) exit }' "$log")
forge "$zsig
"
expect_eq "$(rules_found)" "signature.unknown_key" "someone else's signature is signature.unknown_key"
expect_eq "$(state "$A")" "submitted" "and is not applied"

# A garbled signature.
forge "  sig: |
    -----BEGIN SSH SIGNATURE-----
    U1NIU0lHAAAAAQ==
    -----END SSH SIGNATURE-----
"
expect_eq "$(rules_found)" "signature.invalid" "a garbled signature is signature.invalid"
git checkout -q -- . && git clean -qfd

# --- zhang cannot act as li -----------------------------------------------------
ssh-add -q -d "$E2E_KEYS/li.pub" 2>/dev/null
refused "zhang cannot --as li" trust collab --now 2026-07-06T10:00 --as li review "$A" --approve "${ALL_YES[@]}"
expect_contains "$ERR" "cannot act as li" "the refusal names the person"
expect_contains "$ERR" "ssh-ed25519 " "and lists li's registered keys"
expect_contains "$ERR" "collab key add" "and says how to fix it"
ssh-add -q "$E2E_KEYS/li" 2>/dev/null

# li approves for real.
collab --now 2026-07-06T10:00 --as li review "$A" --approve "${ALL_YES[@]}" >/dev/null || exit 1
commit "li approves"
expect_eq "$(state "$A")" "approved" "li's signed approval applies"

# --- an entry edited after signing ---------------------------------------------
sed -i 's/^  decision: approve$/  decision: reject/' "requests/$A/log/li.yaml"
expect_eq "$(rules_found)" "signature.invalid" "an entry edited after signing is signature.invalid"
expect_eq "$(state "$A")" "submitted" "and is not applied"
git checkout -q -- .

# --- removing an entry in the middle of a log ----------------------------------
for p in zhang li chen; do
    collab --now 2026-07-07T10:00 --as "$p" sign "$A" >/dev/null || exit 1
done
collab --now 2026-07-07T11:00 --as zhang request show "$A" >/dev/null
commit "signed"
# zhang's log: create, submit, sign. Remove the submit entry (the second).
python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
head, *entries = re.split(r'(?m)^(?=- seq: )', text)
open(sys.argv[1], 'w').write(head + entries[0] + entries[2])
PY
run collab check
expect_rc 1 "a log with an entry removed"
expect_contains "$(rules_found)" "log.chain" "removing an entry in the middle is log.chain"
git checkout -q -- .
run collab check
expect_rc 0 "restored from git, the log verifies again"

# --- a retired key -------------------------------------------------------------
# li's key retired after 2026-07-06: his approval (07-06) still counts, his
# signature of 07-07 does not.
python3 - <<'PY'
import re
text = open("people.yaml").read()
start = text.index("  - id: li")
end = text.index("  - id: zhang")
block = re.sub(r'- (ssh-ed25519 .*)', r'- {key: "\1", valid_until: 2026-07-06}', text[start:end])
open("people.yaml", "w").write(text[:start] + block + text[end:])
PY
expect_contains "$(collab key list)" "..2026-07-06" "key list shows the validity window"
run collab check --format json
expect_rc 1 "entries after a key's last day"
expect_eq "$(py 'for f in d["findings"]:
    if f["rule"].startswith("signature."): print(f["rule"], f["person"])' <<<"$OUT")" \
    "signature.unknown_key li" "only li's entry after the date fails"
refused "a retired key cannot sign" trust collab --now 2026-07-08T10:00 --as li request new \
    --title "After retirement" --background b --goal g --item "i :: a" --dept cs --resource r
git checkout -q -- .

# --- two clones, different people acting, merged -------------------------------
B=$(req 2026-07-08 "Merged request" --due 2026-07-31) || exit 1
collab --now 2026-07-08T09:10 --as zhang request submit "$B" >/dev/null || exit 1
commit "B submitted"
clone="$E2E_ROOT/clone"
git clone -q "$ws" "$clone"
(cd "$clone" && collab --now 2026-07-08T10:00 --as li review "$B" --approve "${ALL_YES[@]}" >/dev/null &&
    commit "li approves B") || exit 1
collab --now 2026-07-08T10:05 --as zhang sign "$A" >/dev/null 2>&1
collab --now 2026-07-08T10:05 --as wang request new --title "Other" --background "b" --goal "g" \
    --item "i :: a" --dept tech --resource "r" >/dev/null || exit 1
commit "wang's request"
merge_clean "$ws" "$clone" "two clones"
run collab check
expect_rc 0 "the merged workspace verifies"
expect_eq "$(state "$B")" "approved" "li's approval from the other clone applies"

# --- optional: unsigned entries of older releases are fine, bad ones are not ----
sed -i 's/^signatures: required$/signatures: optional/' collab.yaml
forge_b() {
    printf -- '- seq: 9\n  at: 2026-07-08T11:00:00+08:00\n  by: sun\n  action: ack\n' >"requests/$B/log/sun.yaml"
}
forge_b
run collab check --format json
expect_not_contains "$OUT" "signature.missing" "under optional a missing signature is accepted"
sed -i 's/^signatures: optional$/signatures: off/' collab.yaml
sed -i 's/^  decision: approve$/  decision: reject/' "requests/$A/log/li.yaml"
run collab check --format json
expect_not_contains "$OUT" "signature." "under off nothing is checked"
git checkout -q -- . && git clean -qfd

# === the verified-signature cache lives in the user's cache, never in the workspace =====
# A workspace's .collab/ can be committed by anyone; a list of "verified" signatures
# there could vouch for a forgery.
rm -rf .collab/cache
run env XDG_CACHE_HOME="$E2E_ROOT/xdg" "$COLLAB_BIN" check --format json
expect_file "$E2E_ROOT/xdg/collab/signatures" "verified signatures are remembered in XDG_CACHE_HOME/collab"
expect_no_file ".collab/cache/signatures" "and not in the workspace"

finish
