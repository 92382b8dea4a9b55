#include <cerrno>
#include <charconv>
#include <collab/store/git_history.hpp>
#include <collab/store/program.hpp>
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

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

} // namespace

std::string GitBase::git(std::vector<std::string> args, int& status) const {
    args.insert(args.begin(), {"git", "-C", m_top, "-c", "core.quotepath=off"});
    return run_capture(args, status);
}

std::optional<GitBase> GitBase::open(const std::filesystem::path& workspace_root,
                                     const std::string& ref, i18n::Message& why) {
    GitBase base;
    base.m_ref = ref;
    int status = 0;
    const auto where = run_capture(
        {"git", "-C", workspace_root.string(), "rev-parse", "--show-toplevel", "--show-prefix"},
        status);
    const auto newline = where.find('\n');
    if (status != 0 || newline == std::string::npos) {
        why = msg("trust.not_git", workspace_root.string());
        return std::nullopt;
    }
    base.m_top = where.substr(0, newline);
    base.m_prefix = first_line(where.substr(newline + 1));
    // A REF that starts with '-' would be read as an option.
    if (ref.empty() || ref.front() == '-') {
        why = msg("trust.no_ref", ref);
        return std::nullopt;
    }
    base.m_commit =
        first_line(base.git({"rev-parse", "--verify", "--quiet", ref + "^{commit}"}, status));
    if (status != 0 || base.m_commit.empty()) {
        why = msg("trust.no_ref", ref);
        return std::nullopt;
    }
    auto fork = first_line(base.git({"merge-base", base.m_commit, "HEAD"}, status));
    base.m_fork = status == 0 && !fork.empty() ? fork : base.m_commit;
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
    // An empty pathspec is an error to git; ":/" is the repository's top folder.
    const auto path = m_prefix + relative_dir;
    return path.empty() ? std::string(":/") : path;
}

std::vector<std::string> GitBase::untracked(const std::string& relative_dir) const {
    int status = 0;
    const auto out = git({"ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--",
                          pathspec(relative_dir)},
                         status);
    std::vector<std::string> files;
    if (status != 0) {
        return files;
    }
    std::size_t at = 0;
    while (at < out.size()) {
        auto end = out.find('\0', at);
        if (end == std::string::npos) {
            end = out.size();
        }
        auto path = out.substr(at, end - at);
        if (!path.empty() && path.rfind(m_prefix, 0) == 0) {
            files.push_back(path.substr(m_prefix.size()));
        }
        at = end + 1;
    }
    return files;
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
