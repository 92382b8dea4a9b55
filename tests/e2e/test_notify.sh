#!/usr/bin/env bash
# collab notify against a local stand-in for the Feishu, DingTalk and WeCom bots
# (tests/e2e/notify/bot_server.py, on 127.0.0.1 at a free port), which checks each
# platform's signature and timestamp window, JSON shape and keyword and records what it
# accepts. One two-department request walks from submission to a failed acceptance; each step's
# notify --since tells the right people on the right channel, with their mentions. A
# wrong secret, a rate limit, a server that is down and a timeout each end as
# documented, and the rerun sends only what was not sent. --digest sends nothing on the
# National Day holiday (2026-10-03) and sends on the make-up Saturday (2026-10-10).
source "$(dirname "$0")/lib.sh"

SERVER_DIR="$E2E_ROOT/server"
mkdir -p "$SERVER_DIR"
python3 "$COLLAB_SOURCE_DIR/tests/e2e/notify/bot_server.py" "$SERVER_DIR" feishu-secret \
    ding-secret collab &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; [ -n "$E2E_AGENT_PID" ] && kill "$E2E_AGENT_PID" 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT
for _ in $(seq 300); do [ -f "$SERVER_DIR/port" ] && break; sleep 0.1; done
[ -f "$SERVER_DIR/port" ] || { echo "the bot server did not start" >&2; exit 1; }
PORT=$(cat "$SERVER_DIR/port")
export COLLAB_TEST_NOTIFY_BACKOFF_MS=50
export NOTIFY_HOST="127.0.0.1:$PORT" FEISHU_TOKEN=feishu-token FEISHU_SECRET=feishu-secret
export DING_TOKEN=ding-token DING_SECRET=ding-secret WECOM_KEY=wecom-key

received() { cat "$SERVER_DIR/received.jsonl" 2>/dev/null; }
received_count() { received | grep -c "\"platform\": \"$1\"" || true; }
# The text of the last message a platform accepted.
last_text() {
    received | grep "\"platform\": \"$1\"" | tail -n 1 | python3 -c "$FLATTEN"
}
# A message as text whatever its form: a Feishu post's paragraphs (a mention as
# <at user_id="...">, a link as its href), a card's header and lark_md sections.
FLATTEN='import json, sys
b = json.load(sys.stdin)["body"]
if b.get("msg_type") == "post":
    m = next(iter(b["content"]["post"].values()))
    print(m["title"])
    for p in m["content"]:
        print("".join(e["text"] if e["tag"] == "text" else e["href"] if e["tag"] == "a"
                      else "<at user_id=\"%s\">" % e["user_id"] for e in p))
elif b.get("msg_type") == "interactive":
    print(b["card"]["header"]["title"]["content"])
    for e in b["card"]["elements"]:
        print(e.get("text", {}).get("content", "---"))
else:
    print(b.get("content", {}).get("text") or b.get("markdown", {}).get("text") or b["markdown"]["content"])'
# The msg_type of the last Feishu message.
last_form() { received | grep '"platform": "feishu"' | tail -n 1 | py 'print(d["body"]["msg_type"])'; }

new_workspace "$E2E_ROOT/w" || exit 1
cd "$E2E_ROOT/w" || exit 1
cat >>collab.yaml <<'YAML'
notify:
  channels:
    - name: cs-feishu
      kind: feishu
      url: http://${NOTIFY_HOST}/feishu/hook/${FEISHU_TOKEN}
      secret_env: FEISHU_SECRET
      departments: [cs]
    - name: tech-ding
      kind: dingtalk
      url: http://${NOTIFY_HOST}/dingtalk/robot/send?access_token=${DING_TOKEN}
      secret_env: DING_SECRET
      keyword: collab
      departments: [tech]
    - name: sales-wecom
      kind: wecom
      url: http://${NOTIFY_HOST}/wecom/send?key=${WECOM_KEY}
      people: [qian, sun]
YAML
python3 - people.yaml <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
for person, mention in [("li", "feishu: ou_li"), ("zhang", "feishu: ou_zhang"),
                        ("wang", "dingtalk: \"13800000002\""), ("zhao", "dingtalk: zhaolei")]:
    text = text.replace(f"  - id: {person}\n", f"  - id: {person}\n    mention:\n      {mention}\n", 1)
open(path, "w").write(text)
PY
commit "notify channels"

# --- a literal secret in collab.yaml is refused, naming file, line and field -----------
cp collab.yaml collab.yaml.keep
sed -i 's/      secret_env: DING_SECRET/      secret: SEC0123456789abcdef0123456789abcdef/' collab.yaml
run collab notify --since HEAD --dry-run
expect_rc 4 "a literal secret is refused"
line=$(grep -n "secret: SEC" collab.yaml | cut -d: -f1)
expect_contains "$ERR" "collab.yaml:$line:15: error: field 'secret': a secret is never written in a tracked file" \
    "the refusal names file, line and field"
mv collab.yaml.keep collab.yaml

# --- submitted: the reviewer (li, cs, on Feishu with @ou_li) --------------------------
RID=$(collab --now 2026-07-06T09:00 --as zhang request new --title "Ticket routing" \
    --background "Tickets bounce between teams" --goal "Route each ticket once" \
    --item "Map the flow :: chart reviewed by both heads" \
    --dept cs --dept tech --participant zhao --participant chen \
    --resource "Ticket system admin access" --due 2026-07-31) || exit 1
commit "R created"
c --now 2026-07-06T09:10 --as zhang request submit "$RID"

run collab --now 2026-07-06T09:15 notify --since HEAD --dry-run
expect_rc 0 "dry run"
expect_contains "$OUT" "== cs-feishu (feishu) ==" "the dry run names the channel"
expect_contains "$OUT" "<at user_id=\"ou_li\">李华</at>" "li is mentioned by his Feishu id"
expect_contains "$OUT" "\$ collab review $RID --approve --check goals=yes --check resources=yes --check breakdown=yes" "the paste-able command (the first choice)"
expect_not_contains "$OUT" "tech-ding" "nobody in tech must act yet"
expect_eq "$(received_count feishu)" 0 "a dry run sends nothing"

run collab --now 2026-07-06T09:15 notify --since HEAD --dry-run --format json
expect_eq "$(py 'c = d["channels"][0]; print(c["channel"], c["people"], c["keys"])' <<<"$OUT")" \
    "cs-feishu ['li'] ['$RID/zhang#2']" "the dry run in JSON: channel, people and sent-log keys"
usage_error "neither --since nor --digest" collab notify
usage_error "an unknown revision" collab notify --since no-such-rev --dry-run

run collab --lang zh --now 2026-07-06T09:15 notify --since HEAD --dry-run
expect_contains "$OUT" "张敏 (zhang) 提交了 $RID，请审核" "the message in Chinese"

run collab --now 2026-07-06T09:15 notify --since HEAD
expect_rc 0 "submitted: sent"
expect_contains "$OUT" "cs-feishu: sent 1 message to 李华 (li)" "the report names who was told"
expect_eq "$(received_count feishu)" 1 "one Feishu message"
expect_contains "$(last_text feishu)" "collab review $RID" "the reviewer gets the review command"

run collab --now 2026-07-06T09:16 notify --since HEAD
expect_rc 0 "a rerun"
expect_eq "$(received_count feishu)" 1 "a rerun sends nothing twice"
commit "R submitted"

# --- approved: the heads (li on Feishu, wang on DingTalk @mobile) and the meeting ------
c --now 2026-07-06T11:00 --as li review "$RID" --approve "${ALL_YES[@]}"
run collab --now 2026-07-06T11:05 notify --since HEAD --format json
expect_rc 0 "approved: sent"
expect_eq "$(received_count dingtalk)" 1 "one DingTalk message"
ding=$(received | grep '"platform": "dingtalk"' | tail -n 1)
expect_contains "$ding" '"atMobiles": ["13800000002"]' "wang is mentioned by mobile"
expect_contains "$(last_text dingtalk)" "attend it, then sign" "the head is told of the meeting"
expect_contains "$(last_text dingtalk)" "collab" "the keyword is in the message"
expect_contains "$(last_text feishu)" "collab meeting $RID" "zhang and li: record the meeting"
expect_contains "$(last_text feishu)" "<at user_id=\"ou_zhang\">张敏</at>" "zhang mentioned"
expect_eq "$(py 'print(sorted(c["channel"] for c in d["channels"] if c["error"] is None))' <<<"$OUT")" \
    "['cs-feishu', 'tech-ding']" "the JSON report"
commit "R approved"

# --- a wrong secret: refused with exit 1; the rerun sends only what failed --------------
c --now 2026-07-06T16:00 --as li meeting "$RID" --at 2026-07-06T14:00 --duration 30 \
    --attendee li --attendee wang --attendee zhang --minutes "Routing agreed"
feishu_before=$(received_count feishu)
ding_before=$(received_count dingtalk)
FEISHU_SECRET=wrong run collab --now 2026-07-06T16:05 notify --since HEAD
expect_rc 1 "a wrong secret fails the run"
expect_contains "$ERR" "cs-feishu: not sent: refused: the signature does not match or the timestamp is off (code 19021" \
    "the platform's refusal is reported"
expect_eq "$(received_count feishu)" "$feishu_before" "nothing reached Feishu"
expect_eq "$(received_count dingtalk)" "$((ding_before + 1))" "DingTalk was sent"
run collab --now 2026-07-06T16:06 notify --since HEAD
expect_rc 0 "the rerun with the right secret"
expect_eq "$(received_count feishu)" "$((feishu_before + 1))" "Feishu gets it on the rerun"
expect_eq "$(received_count dingtalk)" "$((ding_before + 1))" "DingTalk is not sent twice"
expect_contains "$(last_text feishu)" "collab sign $RID" "signers are asked to sign"
commit "R meeting"

# --- a rate limit: retried after a pause, delivered once --------------------------------
for p in zhang li wang zhao; do c --now 2026-07-07T09:30 --as "$p" sign "$RID"; done
git add -A && git commit -qm "three signatures"
c --now 2026-07-07T09:40 --as chen sign "$RID"
ding_before=$(received_count dingtalk)
attempts_before=$(grep -c dingtalk "$SERVER_DIR/attempts.log")
echo "ratelimit-once dingtalk" >"$SERVER_DIR/mode"
run collab --now 2026-07-07T09:45 notify --since HEAD
expect_rc 0 "final: sent after a rate limit"
expect_eq "$(received_count dingtalk)" "$((ding_before + 1))" "one DingTalk message after the retry"
expect_eq "$(grep -c dingtalk "$SERVER_DIR/attempts.log")" "$((attempts_before + 2))" \
    "the rate-limited send was tried twice"
expect_contains "$(last_text dingtalk)" "$RID is final and distributed" "final: told to the heads"
expect_contains "$(last_text feishu)" "collab split $RID" "final: the lead splits"

# --- a server that is down, then a timeout: exit 1, nothing recorded as sent ------------
commit "R final"
FREE=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cat >>collab.yaml <<'YAML'
    - name: sales-down
      kind: wecom
      url: http://${DOWN_HOST}/wecom/send?key=${WECOM_KEY}
      people: [chen]
YAML
commit "a channel to a server that is down"
c --now 2026-07-07T10:00 --as zhang split "$RID" \
    --task "name=Map the flow;owner=chen;collaborators=zhang;deadline=2026-07-15;deliverable=Flow chart;covers=1"
DOWN_HOST="127.0.0.1:$FREE" run collab --now 2026-07-07T10:05 notify --since HEAD
expect_rc 1 "a server that is down fails the run"
expect_contains "$ERR" "sales-down: not sent: no answer: " "the reason is given"
feishu_after_split=$(received_count feishu)
expect_contains "$(last_text feishu)" "collab task confirm $RID/T1" "split: the owner confirms"
echo "slow wecom" >"$SERVER_DIR/mode"
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-07T10:06 notify --since HEAD --timeout 1 --retries 0
expect_rc 1 "a timeout fails the run"
expect_contains "$ERR" "Timeout was reached" "the timeout is named"
expect_eq "$(received_count wecom)" 0 "the timed-out message was not taken"
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-07T10:07 notify --since HEAD
expect_rc 0 "the rerun after the outage"
expect_eq "$(received_count wecom)" 1 "the WeCom message arrives once"
expect_eq "$(received_count feishu)" "$feishu_after_split" "Feishu is not sent twice"
commit "R split"

# --- the morning digest follows the calendar --------------------------------------------
before=$(received | wc -l)
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-03T09:00 notify --digest
expect_rc 0 "digest on a holiday"
expect_contains "$OUT" "2026-10-03 is not a working day: no digest is sent" "said why"
expect_eq "$(received | wc -l)" "$before" "nothing sent on a holiday"
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-10T09:00 notify --digest
expect_rc 0 "digest on a make-up Saturday"
expect_contains "$(last_text feishu)" "collab: today's inbox, 2026-10-10" "the digest title"
expect_contains "$(last_text feishu)" "overdue since" "overdue items are marked"
after=$(received | wc -l)
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-10T09:30 notify --digest
expect_eq "$(received | wc -l)" "$after" "a second digest that day sends nothing twice"

# --- email: one mail per person, plain text and HTML, over SMTP with TLS ----------------
# A real SMTP server (aiosmtpd) with a self-signed certificate: STARTTLS on smtp://,
# TLS from the start on smtps://; a server without STARTTLS gets nothing unless the
# channel says tls: none for this machine.
SMTP_PY=""
for candidate in python3 /usr/bin/python3; do
    if "$candidate" -c 'import aiosmtpd' 2>/dev/null; then SMTP_PY=$candidate && break; fi
done
SMTP_PIDS=""
trap 'kill $SERVER_PID $SMTP_PIDS 2>/dev/null; [ -n "$E2E_AGENT_PID" ] && kill "$E2E_AGENT_PID" 2>/dev/null; rm -rf "$E2E_ROOT"' EXIT
# start_smtp MODE: a server in $E2E_ROOT/smtp-MODE; its port in SMTP_PORT.
start_smtp() {
    local dir="$E2E_ROOT/smtp-$1"
    mkdir -p "$dir"
    "$SMTP_PY" "$COLLAB_SOURCE_DIR/tests/e2e/notify/smtp_server.py" "$dir" "$1" \
        "$E2E_ROOT/cert.pem" "$E2E_ROOT/key.pem" 2>"$dir/server.log" &
    SMTP_PIDS="$SMTP_PIDS $!"
    for _ in $(seq 300); do [ -f "$dir/smtp-port" ] && break; sleep 0.1; done
    SMTP_PORT=$(cat "$dir/smtp-port")
}
# mail_channel URL [SETTING...]: the mail channel, last in collab.yaml, replaced.
mail_channel() {
    local url=$1
    shift
    sed -i '/^    - name: mail$/,$d' collab.yaml
    {
        printf '    - name: mail\n      kind: email\n      url: %s\n' "$url"
        printf '      from: collab@example.com\n      people: [chen, zhao]\n'
        for setting in "$@"; do printf '      %s\n' "$setting"; done
    } >>collab.yaml
    commit "the mail channel: $url $*"
}
if [ -n "$SMTP_PY" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$E2E_ROOT/key.pem" -out "$E2E_ROOT/cert.pem" \
        -days 2 -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null ||
        exit 1
    start_smtp starttls
    mail_channel "smtp://127.0.0.1:$SMTP_PORT" "ca_file: $E2E_ROOT/cert.pem"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-12T09:00 notify --digest
    expect_rc 0 "the digest by mail, over STARTTLS"
    expect_contains "$OUT" "mail: sent 2 messages to 陈晨 (chen), 赵磊 (zhao)" "one mail per person"
    box="$E2E_ROOT/smtp-starttls"
    expect_eq "$(cat "$box/mail-1.tls")" "tls" "the mail went over TLS"
    expect_eq "$(sed -n 2p "$box/mail-1.rcpt")" "chen.chen@example.com" "to chen's address"
    mail=$(cat "$box/mail-1.eml")
    expect_contains "$mail" "multipart/alternative" "a plain-text and an HTML part"
    expect_contains "$mail" "text/html" "the HTML part"
    expect_contains "$mail" "Subject: =?UTF-8?B?" "the subject, encoded"
    expect_contains "$mail" "collab task confirm $RID/T1" "the command to run"

    mail_channel "smtp://127.0.0.1:$SMTP_PORT"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-13T09:00 notify --digest
    expect_rc 1 "a certificate nobody vouches for"
    expect_contains "$ERR" "mail: not sent: refused: the certificate of the mail server 127.0.0.1 is not trusted" \
        "refused, naming the server"
    expect_contains "$ERR" "name that authority's PEM file in the channel's ca_file" "and the way out"
    expect_eq "$(ls "$box"/mail-*.eml | wc -l)" 2 "nothing was taken"

    start_smtp plain
    mail_channel "smtp://127.0.0.1:$SMTP_PORT" "ca_file: $E2E_ROOT/cert.pem"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-13T09:00 notify --digest
    expect_rc 1 "a server without STARTTLS gets no mail"
    expect_contains "$ERR" "mail: not sent: refused: the mail server 127.0.0.1 does not offer STARTTLS, and collab sends no mail (nor password) in clear" \
        "the refusal says why"
    expect_eq "$(ls "$E2E_ROOT/smtp-plain" | grep -c eml)" 0 "nothing was sent in clear"
    mail_channel "smtp://127.0.0.1:$SMTP_PORT" "tls: none"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-13T09:00 notify --digest
    expect_rc 0 "tls: none to a relay on this machine"
    expect_eq "$(cat "$E2E_ROOT/smtp-plain/mail-1.tls")" "clear" "in clear, as asked"

    start_smtp tls
    mail_channel "smtps://127.0.0.1:$SMTP_PORT" "ca_file: $E2E_ROOT/cert.pem"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-14T09:00 notify --digest
    expect_rc 0 "smtps: TLS from the start"
    expect_eq "$(cat "$E2E_ROOT/smtp-tls/mail-1.tls")" "tls" "the mail went over TLS"
    expect_eq "$(ls "$E2E_ROOT/smtp-tls" | grep -c eml)" 2 "one mail per person"

    mail_channel "smtp://mail.example.com:25" "tls: none"
    DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-10-15T09:00 notify --digest --dry-run
    expect_rc 4 "tls: none to another machine is refused"
    line=$(grep -n "tls: none" collab.yaml | cut -d: -f1)
    expect_contains "$ERR" "collab.yaml:$line:12: error: field 'tls': none sends mail readable by anyone on the network" \
        "at its line"
    sed -i '/^    - name: mail$/,$d' collab.yaml
    commit "no mail channel"
else
    echo "skipped: no SMTP server (python3-aiosmtpd)" >&2
fi

# --- stages 4 and 5: a blocker, a delivery, a failed acceptance ---------------------------
commit "digests"
c --now 2026-07-07T11:00 --as chen task confirm "$RID/T1"
commit "T1 confirmed"
c --now 2026-07-08T10:00 --as chen progress "$RID/T1" --note "Stuck" --blocker "the ticket export" \
    --from wang --by 2026-07-09T17:00
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-08T10:05 notify --since HEAD
expect_rc 0 "a blocker: sent"
expect_contains "$(last_text dingtalk)" "raised a blocker on $RID/T1 that waits on you" "the person it waits on"
expect_contains "$(last_text dingtalk)" "(by 2026-07-09 17:00)" "with its by"
expect_contains "$(last_text dingtalk)" "collab blocker close B-" "and the command"
commit "blocker"
c --now 2026-07-10T10:00 --as chen deliver "$RID/T1" --check 1=yes
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-10T10:05 notify --since HEAD
expect_rc 0 "delivered: sent"
expect_contains "$(last_text feishu)" "陈晨 (chen) delivered $RID/T1" "the acceptors are told"
expect_contains "$(last_text feishu)" "collab accept $RID/T1 --pass" "with the command"
commit "delivered"
c --now 2026-07-10T11:00 --as zhang accept "$RID/T1" --fail --comment "Missing the night shift" \
    --reaccept-by 2026-07-14
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-10T11:05 notify --since HEAD
expect_rc 0 "acceptance failed: sent"
expect_contains "$(last_text feishu)" "张敏 (zhang) failed the acceptance of $RID/T1" "the owner is told"
expect_contains "$(last_text feishu)" "collab deliver $RID/T1" "to deliver again"
expect_contains "$(last_text feishu)" "2026-07-14" "by the re-acceptance date"

# --- Feishu rich text and cards; links to the site; the rate across runs -----------------
expect_eq "$(grep -c '^cs-feishu'$'\t' .collab/notify-times)" 1 "the send times are kept per channel"
sed -i '/secret_env: FEISHU_SECRET/a\      message: post' collab.yaml
sed -i '1i site_url: https://collab.example.com/cs/' collab.yaml
commit "Feishu posts, a site"
c --now 2026-07-13T10:00 --as chen deliver "$RID/T1" --check 1=yes
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-13T10:05 notify --since HEAD
expect_rc 0 "a rich-text post: sent"
expect_eq "$(last_form)" "post" "msg_type post"
post=$(last_text feishu)
expect_contains "$post" "<at user_id=\"ou_zhang\">" "zhang is mentioned with an at element"
expect_contains "$post" "collab accept $RID/T1 --pass" "she gets the command"
expect_contains "$post" "https://collab.example.com/cs/requests/$RID.html" "and the request's page"
commit "delivered again"

sed -i 's/^      message: post$/      message: card/' collab.yaml
commit "Feishu cards"
R2=$(collab --now 2026-07-14T09:00 --as zhang request new --title "Night shift" \
    --background "Nights are uncovered" --goal "Cover nights" \
    --item "Roster :: agreed by li" --dept cs --resource "None" --due 2026-08-31) || exit 1
c --now 2026-07-14T09:05 --as zhang request submit "$R2"
commit "R2 submitted"
DOWN_HOST="$NOTIFY_HOST" run collab --now 2026-07-14T09:30 notify --digest
expect_rc 0 "a card digest: sent"
expect_eq "$(last_form)" "interactive" "msg_type interactive"
card=$(last_text feishu)
expect_contains "$card" "<at id=ou_li></at> [https://collab.example.com/cs/people/li.html]" \
    "li is mentioned in the card, with his page"
expect_contains "$card" "collab review $R2" "li: the review"
expect_contains "$card" "**陈晨** [https://collab.example.com/cs/people/chen.html]" "chen, with her page"
expect_contains "$card" "(for 李华 (li))" "chen's copy of the review says for whom"
run collab --lang zh --now 2026-07-15T09:30 notify --digest --dry-run
expect_contains "$OUT" "（代 李华 (li)）" "in Chinese: 代"
expect_contains "$OUT" '"tag": "lark_md"' "the dry run shows the card"
sed -i '1s|.*|site_url: collab.example.com|' collab.yaml
run collab notify --digest --dry-run
expect_rc 4 "a site_url that is not a URL"
expect_contains "$ERR" "collab.yaml:1:11: error: site_url 'collab.example.com' must be the http:// or https:// address" \
    "refused at its line"

# Every message above went through libcurl, which collab loads only when it sends one:
# the program itself does not link it, so no other command pays for loading it.
if readelf -d "$COLLAB_BIN" | grep -q 'NEEDED.*libcurl'; then
    fail "collab links libcurl at start-up"
else
    pass "libcurl is loaded when a notification is sent, not at start-up"
fi

finish
