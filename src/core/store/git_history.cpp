#include <cerrno>
#include <charconv>
#include <collab/store/git_history.hpp>
#include <collab/store/git_output.hpp>
#include <collab/store/program.hpp>
#include <collab/util/text.hpp>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace collab::store {

using i18n::msg;

namespace {

// run_program's output, and its exit status in `status`.
std::string run_capture(const std::vector<std::string>& args, int& status) {
    auto result = run_program(args);
    status = result.status;
    return std::move(result.output);
}

} // namespace

std::string GitBase::git(std::vector<std::string> args, int& status) const {
    // Pathspecs are the workspace's folders and files, never patterns: a folder named
    // "team [A]" is itself, not a pattern matching "team A".
    args.insert(args.begin(),
                {"git", "-C", m_top, "-c", "core.quotepath=off", "--literal-pathspecs"});
    return run_capture(args, status);
}

std::optional<GitBase> GitBase::open(const std::filesystem::path& workspace_root,
                                     const std::string& ref, i18n::Message& why) {
    GitBase base;
    base.m_ref = ref;
    // A REF that starts with '-' would be read as an option.
    const bool ref_ok = !ref.empty() && ref.front() != '-';
    // One git run says where the workspace is in its repository, REF's commit and the
    // fork point: rev-parse shows "A...B" as B, A, then each merge base after a '^'
    // (the first is the one `git merge-base A B` gives). After "--" nothing is a path.
    int status = 0;
    const auto lines = util::lines_of(
        run_capture({"git", "-C", workspace_root.string(), "rev-parse", "--show-toplevel",
                     "--show-prefix", ref_ok ? ref + "^{commit}...HEAD" : "HEAD", "--"},
                    status));
    if (status == 0 && ref_ok && lines.size() >= 4) {
        base.m_top = lines[0];
        base.m_prefix = lines[1];
        base.m_commit = lines[3];
        const bool forked = lines.size() > 4 && lines[4].size() > 1 && lines[4].front() == '^';
        // No merge base (unrelated histories): REF itself.
        base.m_fork = forked ? lines[4].substr(1) : base.m_commit;
        return base;
    }
    // No git repository, no such REF, or a HEAD without a commit yet: which, and the
    // base when it is the last (REF itself, as there is no fork point).
    const auto where = util::lines_of(
        run_capture({"git", "-C", workspace_root.string(), "rev-parse", "--show-toplevel",
                     "--show-prefix", "--verify", "--quiet", ref_ok ? ref + "^{commit}" : "HEAD"},
                    status));
    if (where.size() < 2) {
        why = msg("trust.not_git", workspace_root.string());
        return std::nullopt;
    }
    if (status != 0 || !ref_ok || where.size() < 3 || where[2].empty()) {
        why = msg("trust.no_ref", ref);
        return std::nullopt;
    }
    base.m_top = where[0];
    base.m_prefix = where[1];
    base.m_commit = where[2];
    base.m_fork = base.m_commit;
    return base;
}

std::optional<std::string> GitBase::show(const std::string& commit,
                                         const std::string& relative) const {
    int status = 0;
    auto text = git({"cat-file", "blob", commit + ":" + m_prefix + relative}, status);
    if (status != 0) {
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> GitBase::read_at_ref(const std::string& relative) const {
    return show(m_commit, relative);
}

std::optional<std::string> GitBase::read_at_fork(const std::string& relative) const {
    return show(m_fork, relative);
}

std::vector<ChangedFile> GitBase::changed_since_fork(const std::string& relative_dir) const {
    int status = 0;
    const auto out = git({"diff", "--no-renames", "--no-ext-diff", "--no-textconv", "--name-status",
                          "-z", m_fork, "--", pathspec(relative_dir)},
                         status);
    std::vector<ChangedFile> files;
    if (status != 0) {
        return files;
    }
    // -z: "<status>\0<path>\0" per file.
    std::size_t at = 0;
    while (at < out.size()) {
        const auto status_end = out.find('\0', at);
        if (status_end == std::string::npos) {
            break;
        }
        const auto path_end = out.find('\0', status_end + 1);
        if (path_end == std::string::npos) {
            break;
        }
        auto path = out.substr(status_end + 1, path_end - status_end - 1);
        if (status_end > at && path.rfind(m_prefix, 0) == 0) {
            files.push_back({out[at], path.substr(m_prefix.size())});
        }
        at = path_end + 1;
    }
    return files;
}

std::string GitBase::pathspec(const std::string& relative_dir) const {
    // An empty pathspec is an error to git; git runs in the top folder, so "." is all.
    const auto path = m_prefix + relative_dir;
    return path.empty() ? std::string(".") : path;
}

std::vector<std::string> GitBase::workspace_paths(const std::vector<std::string>& paths) const {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        if (path.size() > m_prefix.size() && path.rfind(m_prefix, 0) == 0) {
            files.push_back(path.substr(m_prefix.size()));
        }
    }
    return files;
}

std::vector<std::string> GitBase::committed_since_fork() const {
    int status = 0;
    const auto out = git({"diff", "--name-only", "-z", "--no-renames", "--no-ext-diff",
                          "--no-textconv", m_fork, "HEAD", "--", pathspec("")},
                         status);
    return status == 0 ? workspace_paths(z_fields(out)) : std::vector<std::string>{};
}

std::vector<std::string> GitBase::uncommitted() const {
    // No optional lock: a check neither writes the index nor stops a `git commit`
    // running beside it. Without a pathspec at the top folder, so that an untracked
    // cache the repository keeps (core.untrackedCache) can serve the scan.
    std::vector<std::string> args{"--no-optional-locks", "status",
                                  "--porcelain=v1",      "-z",
                                  "--no-renames",        "--untracked-files=all"};
    if (!m_prefix.empty()) {
        args.insert(args.end(), {"--", pathspec("")});
    }
    int status = 0;
    const auto out = git(args, status);
    return status == 0 ? workspace_paths(status_z_paths(out)) : std::vector<std::string>{};
}

std::vector<rules::LogVersion> GitBase::commits_since_fork(const std::string& relative) const {
    int status = 0;
    const auto out = git({"log", "--topo-order", "--reverse", "--format=%H %ct", m_fork + "..HEAD",
                          "--", m_prefix + relative},
                         status);
    std::vector<rules::LogVersion> versions;
    if (status != 0) {
        return versions;
    }
    std::size_t at = 0;
    while (at < out.size()) {
        auto end = out.find('\n', at);
        if (end == std::string::npos) {
            end = out.size();
        }
        const auto line = out.substr(at, end - at);
        at = end + 1;
        const auto space = line.find(' ');
        long long seconds = 0;
        if (space == std::string::npos ||
            std::from_chars(line.data() + space + 1, line.data() + line.size(), seconds).ec !=
                std::errc()) {
            continue;
        }
        rules::LogVersion version;
        version.commit = line.substr(0, space);
        version.committed = time::Timestamp{std::chrono::seconds{seconds}};
        version.text = show(version.commit, relative);
        versions.push_back(std::move(version));
    }
    return versions;
}

} // namespace collab::store
