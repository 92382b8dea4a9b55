#!/usr/bin/env bash
# shellcheck disable=SC1111 # Chinese messages use full-width quotes
# `collab init`: the files it creates, git set-up, refusing a second init, the
# language, and how every command finds its workspace (walk up, -C DIR).
. "$(dirname "$0")/lib.sh"
export COLLAB_NOW=2026-07-06T10:00

# --- a fresh folder that is not a git repository -----------------------------
ws="$E2E_ROOT/plain"
mkdir -p "$ws"
cd "$ws" || exit 1
run collab init --lang en --name e2e
expect_rc 0 "init in a plain folder"
expect_eq "$OUT" "Created a collab workspace in $ws
Next: add your colleagues, departments and managers to people.yaml (you are 'e2e'), then \`collab request new\`.
no SSH key found for signing; create one (ssh-keygen -t ed25519) and run collab key add, since this workspace requires signed entries" \
    "init's message names the folder, the next step, and that there is no key to sign with"
expect_eq "$ERR" "" "init writes nothing to stderr"
for f in collab.yaml people.yaml calendars/cn-2025.yaml calendars/cn-2026.yaml .gitignore .gitattributes; do
    expect_file "$ws/$f" "init creates $f"
done
if [ -d "$ws/.git" ]; then pass; else fail "init runs git init in a folder that is not a repository"; fi
expect_eq "$(git -C "$ws" rev-parse --show-toplevel 2>/dev/null)" "$ws" "the workspace is the top of the new repository"
expect_line "$(cat "$ws/.gitignore")" ".collab/" ".gitignore keeps .collab/ out of git"
expect_line "$(cat "$ws/.gitattributes")" "*.yaml text eol=lf" ".gitattributes fixes YAML line ends"
expect_not_contains "$(grep -v '^#' "$ws/.gitattributes")" "merge=union" ".gitattributes has no merge=union"
cfg=$(cat "$ws/collab.yaml")
expect_line "$cfg" "name: e2e" "collab.yaml has the --name"
expect_line "$cfg" "language: en" "collab.yaml has the --lang"
expect_line "$cfg" "time_zone: Asia/Shanghai" "collab.yaml has the default time zone"
expect_line "$cfg" "work_week: [mon, tue, wed, thu, fri]" "collab.yaml has the work week"
expect_line "$cfg" "calendars: [calendars/cn-2025.yaml, calendars/cn-2026.yaml]" \
    "collab.yaml uses the installed calendars: the year of --now and the year before"
expect_line "$cfg" "uncovered_years: error" "uncovered years are an error by default"
expect_match "$cfg" '^ +days: 2 ' "the review rule defaults to 2 working days"
expect_match "$cfg" '^ +days: 1 ' "the customer rule defaults to 1 working day"
expect_match "$cfg" '^ +max_minutes: 30 ' "the sync rule defaults to 30 minutes"
expect_line "$(cat "$ws/calendars/cn-2026.yaml")" "year: 2026" "the calendar is 2026's"
expect_line "$(cat "$ws/calendars/cn-2025.yaml")" "year: 2025" "and 2025's"
# The person who ran init is the roster's first person (from git user.email).
expect_line "$(cat "$ws/people.yaml")" "    email: e2e@example.com" "people.yaml seeds the git user"
run collab whoami
expect_rc 0 "whoami in a fresh workspace"
expect_eq "$OUT" "collab e2e (e2e)  Team" "the git user is the seeded person"
run collab check
expect_rc 0 "a fresh workspace passes check"
expect_eq "$OUT" "0 errors, 0 warnings" "check's summary on a fresh workspace"
# init leaves committing to the user.
expect_eq "$(git -C "$ws" rev-list --all 2>/dev/null | wc -l | tr -d ' ')" "0" "init makes no commit"

# --- a second init is refused and changes nothing ------------------------------
before=$(snapshot "$ws")
run collab init --name other
expect_rc 2 "a second init"
expect_eq "$OUT" "" "a refused init prints nothing on stdout"
expect_eq "$ERR" "collab: error: $ws is already a collab workspace (collab.yaml exists); nothing was changed" \
    "a refused init says why"
expect_unchanged "$ws" "$before" "a refused init"
run collab init --lang zh
expect_rc 2 "a second init with --lang zh"
expect_eq "$ERR" "collab: 错误: $ws 已经是 collab 工作区（collab.yaml 已存在）；未做任何修改" \
    "--lang zh gives the refusal in Chinese"
expect_unchanged "$ws" "$before" "a refused init --lang zh"
cd "$E2E_ROOT" || exit 1
run collab init "$ws"
expect_rc 2 "init DIR on an existing workspace"
expect_unchanged "$ws" "$before" "a refused init DIR"
# Even with only collab.yaml left, init refuses rather than overwrite it.
mkdir -p "$E2E_ROOT/half" && echo "name: mine" >"$E2E_ROOT/half/collab.yaml"
run collab init "$E2E_ROOT/half"
expect_rc 2 "init over a lone collab.yaml"
expect_eq "$(cat "$E2E_ROOT/half/collab.yaml")" "name: mine" "init keeps a lone collab.yaml"
expect_no_file "$E2E_ROOT/half/people.yaml" "a refused init writes no people.yaml"

# --- init DIR inside an existing repository keeps that repository --------------
repo="$E2E_ROOT/repo"
mkdir -p "$repo" && git -C "$repo" init -q
echo "readme" >"$repo/README" && git -C "$repo" add README && git -C "$repo" commit -qm readme
run collab init "$repo" --lang en
expect_rc 0 "init DIR in an existing repository"
expect_eq "$(git -C "$repo" rev-list --count HEAD)" "1" "init keeps the repository's history"
expect_eq "$(git -C "$repo" status --porcelain -- README)" "" "init does not touch other files"

# --- --lang zh -----------------------------------------------------------------
zh="$E2E_ROOT/zh"
run collab init "$zh" --lang zh --name 售后
expect_rc 0 "init --lang zh"
expect_eq "$OUT" "已在 $zh 创建 collab 工作区
下一步：在 people.yaml 中添加同事、部门和上级（你的 ID 是“e2e”），然后运行 \`collab request new\`。
未找到用于签名的 SSH 密钥；本工作区要求签名，请先生成（ssh-keygen -t ed25519）再运行 collab key add" \
    "init --lang zh speaks Chinese"
expect_line "$(cat "$zh/collab.yaml")" "language: zh" "collab.yaml records language: zh"
expect_line "$(cat "$zh/collab.yaml")" "name: 售后" "collab.yaml keeps a Chinese name"
# The workspace's language is used without --lang afterwards.
run collab -C "$zh" init
expect_rc 2 "second init of the zh workspace"
expect_eq "$ERR" "collab: 错误: $zh 已经是 collab 工作区（collab.yaml 已存在）；未做任何修改" \
    "the refusal is in the workspace's language"
# The language of a new workspace comes from --lang or the environment, never from
# a workspace that happens to enclose the current folder.
cd "$zh" || exit 1
run collab init "$E2E_ROOT/elsewhere"
expect_rc 0 "init DIR from inside a zh workspace"
expect_eq "$(grep '^language:' "$E2E_ROOT/elsewhere/collab.yaml")" "language: en" \
    "init DIR takes its language from the environment (LANG=C), not from the enclosing workspace"

# --- finding the workspace -------------------------------------------------------
mkdir -p "$ws/docs/deep/er"
cd "$ws/docs/deep/er" || exit 1
run collab people
expect_rc 0 "people from a subfolder"
expect_line "$OUT" "e2e  collab e2e  Team        -        -" "walking up finds the workspace"
run collab calendar add 2026-09-30 1
expect_rc 0 "calendar from a subfolder"
expect_eq "$OUT" "2026-10-08" "the subfolder sees the workspace's calendar"
cd "$E2E_ROOT" || exit 1
run collab -C "$ws" people
expect_rc 0 "-C DIR"
expect_line "$OUT" "e2e  collab e2e  Team        -        -" "-C DIR reads that workspace"
run collab -C "$ws/docs/deep" whoami
expect_rc 0 "-C into a subfolder walks up too"
run collab -C "$E2E_ROOT/does-not-exist" people
expect_rc 2 "-C to a missing folder"
expect_contains "$ERR" "does-not-exist" "the error names the missing folder"

# --- no workspace ------------------------------------------------------------------
mkdir -p "$E2E_ROOT/empty/sub"
cd "$E2E_ROOT/empty/sub" || exit 1
for cmd in "people" "whoami" "request list" "calendar add 2026-07-06 1" "check"; do
    # shellcheck disable=SC2086
    run collab $cmd
    expect_rc 2 "$cmd with no workspace"
    expect_eq "$ERR" "collab: error: no collab workspace at $E2E_ROOT/empty/sub or above it (no collab.yaml); run \`collab init\` or pass -C DIR" \
        "$cmd with no workspace names collab init"
done
expect_no_file "$E2E_ROOT/empty/sub/.collab" "a failed command creates no .collab folder"

# --- init registers the user's default public key ------------------------------
mkdir -p "$HOME/.ssh"
ssh-keygen -q -t ed25519 -N '' -C "e2e@laptop" -f "$HOME/.ssh/id_ed25519"
keyed="$E2E_ROOT/keyed"
run collab init "$keyed" --lang en
expect_rc 0 "init with a key in ~/.ssh"
expect_line "$OUT" "registered your public key (ssh-ed25519 e2e@laptop) for e2e: your entries will be signed with it" \
    "init says it registered the key"
expect_contains "$(cat "$keyed/people.yaml")" "    roles: []
    keys:
      - $(cat "$HOME/.ssh/id_ed25519.pub")" "the key is under the first person's keys"
expect_line "$(cat "$keyed/collab.yaml")" "signatures: required" "init requires signatures"
cd "$keyed" || exit 1
run collab --now 2026-07-06T09:00 request new --title T --background B --goal G --item "I :: A" --dept team \
    --resource R --due 2026-07-31
expect_rc 0 "the first person can act, signing with ~/.ssh/id_ed25519"
run collab check
expect_rc 0 "and the entry verifies"
rm -rf "$HOME/.ssh"

finish
