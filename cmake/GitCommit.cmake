# Writes a one-line C++ source holding the git commit the sources are at ("unknown"
# outside git), rewritten only when it changed: a new commit recompiles that one file
# and relinks, nothing else. Run at every build by the collab_git_commit target.
# Usage: cmake -DSOURCE_DIR=... -DOUTPUT=... -P GitCommit.cmake
set(commit unknown)
find_program(GIT git)
if(GIT)
    execute_process(COMMAND ${GIT} -C ${SOURCE_DIR} rev-parse --short=12 HEAD
                    OUTPUT_VARIABLE head RESULT_VARIABLE status
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(status EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
        set(commit ${head})
    endif()
endif()
file(WRITE ${OUTPUT}.tmp
     "namespace collab::cli { extern const char* const k_git_commit; const char* const k_git_commit = \"${commit}\"; }\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
