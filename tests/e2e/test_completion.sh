#!/usr/bin/env bash
# Shell completion. `collab __complete WORD...` answers what the last word can be, from
# the command definitions (commands, options, choices) and the workspace (request, task,
# blocker ids, people, departments, rule ids); the scripts of `collab completion SHELL`
# only ask it. The request R of final_request.sh, split, with a blocker open:
#  - commands, sub-commands, options (global ones too), the choices of an option, ids
#    by prefix, ids from the workspace of -C DIR, files where a file is wanted; nothing
#    (and exit 0) outside a workspace;
#  - every command it offers exists (`collab X --help`), and every command `collab
#    --help` lists is offered: the definitions are the one source;
#  - bash (`complete -p`, the function on COMP_WORDS), zsh (the function on `words`
#    and CURRENT, with compsys' _describe and _files stood in for) and fish
#    (`complete -C`) complete through the scripts; zsh and fish are skipped when absent;
#  - cmake --install puts the scripts where the shells look.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/final_request.sh"

final_request "$E2E_ROOT/ws"
split_request
run collab --now 2026-07-09T10:00 --as chen progress "$RID/T1" --note "Need last year's tickets" \
    --blocker "last year's tickets" --from li --by 2026-07-20T17:00
expect_rc 0 "a progress update with a blocker"
B=$(first_id B "$OUT")

# words OUTPUT: the candidates of a __complete answer (its lines after the first, up to
# the tab), one per line.
words() { sed -n '2,$p' <<<"$1" | cut -f1; }
complete_words() { words "$(collab --lang en __complete "$@")"; }

run collab --lang en __complete ""
expect_rc 0 "__complete at the first word"
expect_eq "$(head -n 1 <<<"$OUT")" "words" "the first line says: words to choose from"
TOP=$(words "$OUT")
expect_line "$TOP" "request" "the commands are offered"
expect_line "$TOP" "completion" "completion itself is a command"
expect_no_line "$TOP" "__complete" "the hidden command is not offered"
expect_match "$OUT" $'^request\tWrite, submit' "a command comes with its description"
# Every command offered runs, and every command the overview lists is offered.
for command in $TOP; do
    collab "$command" --help >/dev/null 2>&1 || fail "offered command $command runs" "collab $command --help failed"
done
listed=$(collab --lang en --help | sed -n '/^Subcommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
expect_eq "$(sort <<<"$listed")" "$(sort <<<"$TOP")" "the overview's commands and the offered ones are the same"

expect_eq "$(complete_words request "")" $'new\nedit\nshow\nlist\nsubmit\nwithdraw' "a group's commands"
expect_eq "$(complete_words request s)" $'show\nsubmit' "by prefix"
expect_eq "$(complete_words request show "")" "$RID" "a request id"
expect_eq "$(complete_words request show "${RID:0:4}")" "$RID" "a request id by prefix"
expect_eq "$(complete_words request show X)" "" "no request starts with X"
expect_eq "$(complete_words progress "")" "$RID/T1"$'\n'"$RID/T2"$'\n'"$RID/T3"$'\n'"$RID/T4" "task ids"
expect_eq "$(complete_words blocker close "")" "$B" "an open blocker's id"
expect_eq "$(complete_words --as zh)" $'zhang\nzhao' "people, a global option before the command"
expect_eq "$(complete_words check --owner zh)" $'zhang\nzhao' "people, a command's option"
expect_eq "$(complete_words check --rule task.ov)" "task.overdue" "rule ids"
expect_eq "$(complete_words check --format "")" $'text\njson\njunit\ngithub\ngitlab\nsarif' "an option's choices"
expect_eq "$(complete_words review "$RID" --app)" "--approve" "a command's options"
LIST_OPTIONS=$(complete_words request list --)
expect_line "$LIST_OPTIONS" "--mine" "request list's own options"
expect_line "$LIST_OPTIONS" "--now" "and the global ones, which may follow the command"
expect_eq "$(complete_words request show "$RID" "")" "" "nothing after the last argument"
expect_eq "$(collab __complete check -o "" | head -n 1)" "files" "a file is completed by the shell"
expect_eq "$(collab __complete -C "" | head -n 1)" "dirs" "a directory, by the shell"

cd "$E2E_ROOT" || exit 1
expect_eq "$(complete_words -C ws request show "")" "$RID" "ids from the workspace of -C DIR"
run collab __complete request show ""
expect_rc 0 "outside a workspace, completion still answers"
expect_eq "$OUT" "words" "and offers nothing"
cd "$E2E_ROOT/ws" || exit 1

# The scripts, with collab on PATH as a user has it.
mkdir -p "$E2E_ROOT/bin" && ln -sf "$COLLAB_BIN" "$E2E_ROOT/bin/collab"
export PATH="$E2E_ROOT/bin:$PATH"
collab completion bash >"$E2E_ROOT/collab.bash"
run bash --norc -c '
    source "$1"
    complete -p collab
    COMP_WORDS=(collab request s); COMP_CWORD=2; _collab; printf "[%s]\n" "${COMPREPLY[@]}"
    COMP_WORDS=(collab blocker close ""); COMP_CWORD=3; _collab; printf "[%s]\n" "${COMPREPLY[@]}"
    COMP_WORDS=(collab request show X); COMP_CWORD=3; _collab; echo "${#COMPREPLY[@]} for X"' \
    bash "$E2E_ROOT/collab.bash"
expect_rc 0 "bash loads the script"
expect_line "$OUT" "complete -F _collab collab" "bash: registered for collab"
expect_contains "$OUT" $'[show]\n[submit]' "bash: request s<TAB>"
expect_line "$OUT" "[$B]" "bash: blocker close <TAB>"
expect_line "$OUT" "0 for X" "bash: nothing to offer, nothing offered"

if command -v zsh >/dev/null; then
    collab completion zsh >"$E2E_ROOT/_collab"
    run zsh -f -c '
        compdef() { print -r -- "compdef $*"; }
        _describe() { print -rl -- "${(@P)${@[-1]}}"; }
        _files() { print -r -- "_files $*"; }
        source "$1"
        words=(collab request sh); CURRENT=3; _collab
        words=(collab progress ""); CURRENT=3; _collab
        words=(collab check -o ""); CURRENT=4; _collab' zsh "$E2E_ROOT/_collab"
    expect_rc 0 "zsh loads the script"
    expect_line "$OUT" "compdef _collab collab" "zsh: registered for collab"
    expect_match "$OUT" "^show:" "zsh: request sh<TAB>, with its description"
    expect_match "$OUT" "^$RID/T4:" "zsh: task ids"
    expect_line "$OUT" "_files " "zsh: a file, by _files"
else
    echo "note: zsh not installed, its script untested here"
fi

if command -v fish >/dev/null; then
    run fish --no-config -c 'collab completion fish | source
        complete -C "collab request sh"
        complete -C "collab --as zh"'
    expect_rc 0 "fish loads the script"
    expect_match "$OUT" $'^show\t' "fish: request sh<TAB>, with its description"
    expect_match "$OUT" $'^zhao\t' "fish: people"
else
    echo "note: fish not installed, its script untested here"
fi
# cmake --install puts each script where its shell looks, the same as `collab completion`.
prefix="$E2E_ROOT/prefix"
run cmake --install "$(dirname "$COLLAB_BIN")" --prefix "$prefix"
expect_rc 0 "cmake --install"
expect_eq "$(cat "$prefix/share/bash-completion/completions/collab")" "$(collab completion bash)" "bash's script installed"
expect_eq "$(cat "$prefix/share/zsh/site-functions/_collab")" "$(collab completion zsh)" "zsh's script installed"
expect_eq "$(cat "$prefix/share/fish/vendor_completions.d/collab.fish")" "$(collab completion fish)" "fish's script installed"
run collab completion tcsh
expect_rc 2 "an unknown shell is a usage error"
finish
