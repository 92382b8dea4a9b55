#include <algorithm>
#include <collab/store/contained.hpp>
#include <collab/store/record_folder.hpp>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace collab::store {

namespace {

std::int64_t nanoseconds(const struct timespec& at) {
    return static_cast<std::int64_t>(at.tv_sec) * 1'000'000'000 + at.tv_nsec;
}

} // namespace

std::int64_t file_clock_now_ns() {
    struct timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    return nanoseconds(now);
}

RecordFolder::RecordFolder(const std::filesystem::path& root)
    : m_root_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}

RecordFolder::RecordFolder(const RecordFolder& parent, const std::string& relative)
    : m_root_fd(parent.m_root_fd < 0 ? -1
                                     : open_folder_below(parent.m_root_fd, relative, false).fd) {}

RecordFolder::~RecordFolder() {
    if (m_root_fd >= 0) {
        ::close(m_root_fd);
    }
}

std::optional<FileStamp> RecordFolder::stamp(const std::string& relative) const {
    // The stamp of a link is its own, never its target's: reading it is refused.
    struct stat st {};
    if (::fstatat(m_root_fd, relative.c_str(), &st,
                  relative.empty() ? AT_EMPTY_PATH : AT_SYMLINK_NOFOLLOW) != 0) {
        return std::nullopt;
    }
    FileStamp stamp;
    stamp.device = st.st_dev;
    stamp.inode = st.st_ino;
    stamp.size = static_cast<std::uint64_t>(st.st_size);
    stamp.mtime_ns = nanoseconds(st.st_mtim);
    stamp.ctime_ns = nanoseconds(st.st_ctim);
    return stamp;
}

std::vector<std::pair<std::string, EntryKind>>
RecordFolder::entries(const std::string& relative) const {
    std::vector<std::pair<std::string, EntryKind>> found;
    if (m_root_fd < 0) {
        return found;
    }
    const int fd = open_folder_below(m_root_fd, relative, false).fd;
    if (fd < 0) {
        return found;
    }
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        ::close(fd);
        return found;
    }
    while (const auto* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        auto kind = entry->d_type == DT_DIR   ? EntryKind::folder
                    : entry->d_type == DT_REG ? EntryKind::file
                    : entry->d_type == DT_LNK ? EntryKind::link
                                              : EntryKind::other;
        if (entry->d_type == DT_UNKNOWN) {
            struct stat st {};
            kind = ::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
                       ? EntryKind::missing
                   : S_ISDIR(st.st_mode) ? EntryKind::folder
                   : S_ISREG(st.st_mode) ? EntryKind::file
                   : S_ISLNK(st.st_mode) ? EntryKind::link
                                         : EntryKind::other;
        }
        if (kind != EntryKind::missing) {
            found.emplace_back(name, kind);
        }
    }
    ::closedir(dir);
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<std::string> RecordFolder::list(const std::string& relative, bool folders) const {
    std::vector<std::string> names;
    for (auto& [name, kind] : entries(relative)) {
        if ((kind == EntryKind::folder) == folders) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

EntryKind RecordFolder::kind(const std::string& relative) const {
    return m_root_fd < 0 ? EntryKind::missing : entry_kind_below(m_root_fd, relative);
}

std::optional<std::string> RecordFolder::read(const std::string& relative,
                                              std::size_t max_bytes) const {
    const int fd = m_root_fd < 0 ? -1 : open_file_below(m_root_fd, relative, O_RDONLY).fd;
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    std::optional<std::string> text;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        static_cast<std::uint64_t>(st.st_size) <= max_bytes) {
        std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < bytes.size()) {
            const auto n = ::read(fd, bytes.data() + got, bytes.size() - got);
            if (n <= 0) {
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        // A file that grew since fstat is read to its end, within the limit.
        char more[4096];
        ssize_t n = 0;
        while (got == bytes.size() && bytes.size() <= max_bytes &&
               (n = ::read(fd, more, sizeof more)) > 0) {
            bytes.append(more, static_cast<std::size_t>(n));
            got = bytes.size();
        }
        if (got == bytes.size() && bytes.size() <= max_bytes) {
            text = std::move(bytes);
        }
    }
    ::close(fd);
    return text;
}

} // namespace collab::store
