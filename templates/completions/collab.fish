# fish completion for collab. Every answer comes from `collab __complete`, which reads
# the command definitions and the workspace, so this file names no command or option.
# Install: cmake --install puts it in share/fish/vendor_completions.d/collab.fish; or
#   collab completion fish | source

function __collab_complete
    set -l tokens (commandline -opc)
    set -l program $tokens[1]
    set -e tokens[1]
    set -l current (commandline -ct)
    set -l reply ($program __complete $tokens "$current" 2>/dev/null)
    switch "$reply[1]"
        case files
            __fish_complete_path "$current"
        case dirs
            __fish_complete_directories "$current"
        case '*'
            printf '%s\n' $reply[2..-1]
    end
end

complete -c collab -f -a '(__collab_complete)'
