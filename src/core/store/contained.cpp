#include <cerrno>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace collab::store {

namespace {

Opened failure(int error, std::string failed) {
    Opened out;
    out.error = error;
    out.failed = std::move(failed);
    return out;
}

// Why opening `name` in `dir` failed with `error`: a link, or something that is not
// what was wanted, is named as such rather than with the system's words.
int classify(int dir, const std::string& name, int error, bool want_folder) {
    struct stat st {};
    if ((error == ELOOP || error == ENOTDIR || error == ENXIO) &&
        ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode)) {
            return ELOOP;
        }
        if (!want_folder && !S_ISREG(st.st_mode)) {
            return EINVAL;
        }
    }
    return error;
}

} // namespace

Opened open_folder_below(int base, std::string_view relative, bool create) {
    if (!relative.empty() && relative.front() == '/') {
        return failure(EXDEV, std::string(relative));
    }
    // The folder walked to so far; -1 while it is still `base`, which is not ours to
    // close (no copy of it is opened: one system call fewer per folder, which a run
    // over every request folder of a large workspace feels).
    int fd = -1;
    const auto close_walked = [&fd] {
        if (fd >= 0) {
            ::close(fd);
        }
    };
    std::string walked;
    while (!relative.empty()) {
        const auto slash = relative.find('/');
        const std::string name(relative.substr(0, slash));
        relative.remove_prefix(slash == std::string_view::npos ? relative.size() : slash + 1);
        if (name.empty() || name == ".") {
            continue;
        }
        walked += (walked.empty() ? "" : "/") + name;
        if (name == "..") {
            close_walked();
            return failure(EXDEV, walked);
        }
        const int at = fd >= 0 ? fd : base;
        constexpr int k_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        int next = ::openat(at, name.c_str(), k_flags);
        if (next < 0 && errno == ENOENT && create) {
            if (::mkdirat(at, name.c_str(), 0777) != 0 && errno != EEXIST) {
                const int error = errno;
                close_walked();
                return failure(error, walked);
            }
            // The new folder's entry made durable in its parent, so a crash never keeps
            // a file whose folder was lost (some file systems say EINVAL: no matter).
            [[maybe_unused]] const int synced = ::fsync(at);
            next = ::openat(at, name.c_str(), k_flags);
        }
        if (next < 0) {
            const int error = classify(at, name, errno, true);
            close_walked();
            return failure(error, walked);
        }
        close_walked();
        fd = next;
    }
    if (fd < 0) {
        // Nothing to walk: a descriptor of `base` itself, the caller's to close.
        fd = ::openat(base, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return failure(errno, "");
        }
    }
    Opened out;
    out.fd = fd;
    return out;
}

Opened open_file_below(int base, std::string_view relative, int flags, mode_t mode,
                       bool create_folders) {
    const auto slash = relative.rfind('/');
    const auto folder_part =
        slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash);
    const std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
    const std::string shown(relative);
    if (name.empty() || name == "." || name == ".." ||
        (!relative.empty() && relative.front() == '/')) {
        return failure(EXDEV, shown);
    }
    Opened folder = open_folder_below(base, folder_part, create_folders);
    if (folder.fd < 0) {
        return folder;
    }
    // Look before opening: opening a device can have effects of its own.
    struct stat st {};
    if (::fstatat(folder.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
        ::close(folder.fd);
        return failure(S_ISLNK(st.st_mode) ? ELOOP : EINVAL, shown);
    }
    const int fd =
        ::openat(folder.fd, name.c_str(), flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
    if (fd < 0) {
        const int error = classify(folder.fd, name, errno, false);
        ::close(folder.fd);
        return failure(error, shown);
    }
    ::close(folder.fd);
    // And check what was opened: it may have been swapped since the look.
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return failure(EINVAL, shown);
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    Opened out;
    out.fd = fd;
    return out;
}

EntryKind entry_kind_below(int base, std::string_view relative) {
    const auto slash = relative.rfind('/');
    const std::string name(slash == std::string_view::npos ? relative : relative.substr(slash + 1));
    Opened folder = open_folder_below(
        base, slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash),
        false);
    if (folder.fd < 0) {
        return folder.error == ENOENT ? EntryKind::missing : EntryKind::link;
    }
    struct stat st {};
    const int result =
        ::fstatat(folder.fd, name.empty() ? "." : name.c_str(), &st, AT_SYMLINK_NOFOLLOW);
    ::close(folder.fd);
    if (result != 0) {
        return EntryKind::missing;
    }
    return S_ISREG(st.st_mode)   ? EntryKind::file
           : S_ISDIR(st.st_mode) ? EntryKind::folder
           : S_ISLNK(st.st_mode) ? EntryKind::link
                                 : EntryKind::other;
}

int open_root(const std::filesystem::path& root) {
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw FileError(std::error_code(errno, std::generic_category()),
                        i18n::msg("store.io.open_directory", root.string()));
    }
    return fd;
}

const char* opened_attempt(int error, const char* attempt) {
    switch (error) {
    case ELOOP:
        return "store.io.link";
    case EINVAL:
        return "store.io.not_regular";
    case EXDEV:
        return "store.io.outside";
    default:
        return attempt;
    }
}

void throw_opened(const Opened& opened, const std::filesystem::path& root, const char* attempt) {
    const char* id = opened_attempt(opened.error, attempt);
    // The explained failures name the path inside the workspace; others the whole path.
    const std::string shown = id == attempt ? (root / opened.failed).string() : opened.failed;
    throw FileError(std::error_code(opened.error, std::generic_category()), i18n::msg(id, shown));
}

std::string read_descriptor(int fd, const std::filesystem::path& shown) {
    std::string content;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
        content.reserve(static_cast<std::size_t>(info.st_size));
    }
    // Read to the end rather than trusting the size: the file may be growing, or be
    // a pipe or a /proc file that reports size 0.
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw FileError(std::error_code(errno, std::generic_category()),
                            i18n::msg("store.io.read", shown.string()));
        }
        if (got == 0) {
            break;
        }
        content.append(buffer, static_cast<std::size_t>(got));
    }
    return content;
}

std::optional<std::string> read_contained_if_any(const std::filesystem::path& root,
                                                 const std::string& relative) {
    try {
        return read_contained(root, relative);
    } catch (const FileError& error) {
        if (error.code() != std::errc::no_such_file_or_directory) {
            throw;
        }
        return std::nullopt;
    }
}

std::string read_contained(const std::filesystem::path& root, const std::string& relative) {
    const int root_fd = open_root(root);
    const Opened opened = open_file_below(root_fd, relative, O_RDONLY);
    ::close(root_fd);
    if (opened.fd < 0) {
        throw_opened(opened, root, "store.io.open");
    }
    try {
        auto text = read_descriptor(opened.fd, root / relative);
        ::close(opened.fd);
        return text;
    } catch (...) {
        ::close(opened.fd);
        throw;
    }
}

} // namespace collab::store
