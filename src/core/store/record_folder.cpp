#include <algorithm>
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
                                     : ::openat(parent.m_root_fd, relative.c_str(),
                                                O_PATH | O_DIRECTORY | O_CLOEXEC)) {}

RecordFolder::~RecordFolder() {
    if (m_root_fd >= 0) {
        ::close(m_root_fd);
    }
}

std::optional<FileStamp> RecordFolder::stamp(const std::string& relative) const {
    struct stat st {};
    if (::fstatat(m_root_fd, relative.c_str(), &st, relative.empty() ? AT_EMPTY_PATH : 0) != 0) {
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

std::vector<std::string> RecordFolder::list(const std::string& relative, bool folders) const {
    std::vector<std::string> names;
    const int fd = ::openat(m_root_fd, relative.empty() ? "." : relative.c_str(),
                            O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return names;
    }
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        ::close(fd);
        return names;
    }
    while (const auto* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") {
            continue;
        }
        bool is_folder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
            struct stat st {};
            is_folder = ::fstatat(::dirfd(dir), entry->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_folder == folders) {
            names.push_back(name);
        }
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::string> RecordFolder::read(const std::string& relative,
                                              std::size_t max_bytes) const {
    const int fd = ::openat(m_root_fd, relative.c_str(), O_RDONLY | O_CLOEXEC);
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
