# bash completion for collab. Every answer comes from `collab __complete`, which reads
# the command definitions and the workspace, so this file names no command or option.
# Install: cmake --install puts it in share/bash-completion/completions/collab; or
#   source <(collab completion bash)

_collab() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local reply kind word
    COMPREPLY=()
    reply=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
    kind=${reply%%$'\n'*}
    case $kind in
    files)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return 0
        ;;
    dirs)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        return 0
        ;;
    esac
    [[ $reply == *$'\n'* ]] || return 0
    while IFS=$'\t' read -r word _; do
        [[ -n $word ]] && COMPREPLY+=("$word")
    done <<<"${reply#*$'\n'}"
    return 0
}
complete -F _collab collab
