#pragma once

#include <collab/i18n/message.hpp>
#include <collab/rules/trust.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace collab::store {

// A workspace file that differs between the trusted base and the working tree, as
// `git diff --name-status` says: 'A' added, 'M' modified, 'D' deleted, 'T' type changed.
struct ChangedFile {
    char status = 'M';
    std::string path; // relative to the workspace root
};

// The trusted base of `collab check --trust-ref REF`: a commit of the git repository
// the workspace is in (the workspace may be a subfolder of it), read with git run
// by argument vector. The settings come from REF itself; the history is compared
// with the fork point, `git merge-base REF HEAD` (REF itself when REF is an ancestor
// of HEAD, as in a pull request's merge commit), so that a branch that is behind REF
// is not blamed for what REF gained since.
class GitBase {
public:
    // nullopt with `why` set when the workspace is not in a git repository or REF
    // does not name a commit of it.
    static std::optional<GitBase> open(const std::filesystem::path& workspace_root,
                                       const std::string& ref, i18n::Message& why);

    const std::string& ref() const { return m_ref; }
    // A workspace file's text at REF; nullopt when it does not exist there.
    std::optional<std::string> read_at_ref(const std::string& relative) const;
    // The same at the fork point.
    std::optional<std::string> read_at_fork(const std::string& relative) const;
    // The files under a workspace folder that differ between the fork point and the
    // working tree (tracked files; a file git does not know yet is new, not changed).
    std::vector<ChangedFile> changed_since_fork(const std::string& relative_dir) const;
    // The workspace files that differ between the fork point and HEAD: what the
    // branch committed, tree to tree (the working tree is not looked at).
    std::vector<std::string> committed_since_fork() const;
    // The workspace files whose working copy is not HEAD's: staged, changed or deleted,
    // and the new ones git does not ignore (one `git status`, which looks at each).
    std::vector<std::string> uncommitted() const;
    // The commits after the fork point up to HEAD that touched a workspace file,
    // oldest first, each with the file's text in it.
    std::vector<rules::LogVersion> commits_since_fork(const std::string& relative) const;

private:
    GitBase() = default;
    std::string git(std::vector<std::string> args, int& status) const;
    std::optional<std::string> show(const std::string& commit, const std::string& relative) const;
    // A workspace folder as a git pathspec (the workspace itself for "").
    std::string pathspec(const std::string& relative_dir) const;
    // Of paths from the repository's top, those in the workspace, from its root.
    std::vector<std::string> workspace_paths(const std::vector<std::string>& paths) const;

    std::string m_ref;
    std::string m_commit; // REF's commit
    std::string m_fork;   // the fork point's commit
    std::string m_top;    // the repository's top folder
    std::string m_prefix; // the workspace's folder inside it, "" or ending in '/'
};

} // namespace collab::store
