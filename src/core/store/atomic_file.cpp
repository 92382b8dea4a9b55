#include <algorithm>
#include <cerrno>
#include <chrono>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/crash_point.hpp>
#include <collab/store/recovery.hpp>
#include <cstdint>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <utility>

namespace collab::store {

FileError::FileError(std::error_code code, i18n::Message attempt)
    : std::system_error(code, i18n::render(i18n::Language::en, attempt)),
      m_attempt(std::move(attempt)) {}

namespace fs = std::filesystem;

namespace {

// Between two attempts to take a busy lock: short enough that a waiting command
// starts promptly, long enough not to spin.
constexpr auto k_lock_retry_interval = std::chrono::milliseconds(10);

// Attempts to find an unused temporary name before giving up; a clash needs the
// same pid and the same 32 random bits, so more than one retry is already rare.
constexpr int k_temp_name_attempts = 16;

[[noreturn]] void throw_error(std::error_code error, const std::string& attempt,
                              const fs::path& path) {
    throw FileError(error, i18n::msg(attempt, path.string()));
}

[[noreturn]] void throw_errno(int error, const std::string& attempt, const fs::path& path) {
    throw_error(std::error_code(error, std::generic_category()), attempt, path);
}

// Makes the rename itself durable: without this a crash can bring back the old
// directory entry even though the new file's data reached the disk.
void sync_directory(const fs::path& directory, const fs::path& target);

// Creates the missing folders above `path`, each made durable in its parent (when
// `durable`), so that a crash never keeps a file whose folder entry was lost.
void create_parent_directories(const fs::path& path, bool durable = true) {
    const fs::path parent = path.parent_path();
    if (parent.empty()) {
        return;
    }
    std::error_code error;
    if (fs::is_directory(parent, error)) {
        return;
    }
    create_parent_directories(parent, durable);
    if (!fs::create_directory(parent, error) && error) {
        throw_error(error, "store.io.create_directory", path);
    }
    if (durable) {
        const fs::path above = parent.parent_path();
        sync_directory(above.empty() ? fs::path(".") : above, path);
    }
}

// Closes a descriptor once, even when an exception leaves the scope early.
class FdGuard {
public:
    explicit FdGuard(int fd) : m_fd(fd) {}
    ~FdGuard() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;

    int get() const { return m_fd; }
    // Closes now and reports the result: a failed close can mean lost data on
    // network file systems, so the writer must see it.
    int close() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

void write_all(int fd, std::string_view content, const fs::path& path) {
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_errno(errno, "store.io.write", path);
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
}

// Makes the rename itself durable: without this a crash can bring back the old
// directory entry even though the new file's data reached the disk.
void sync_directory(int fd, const fs::path& target) {
    // Some file systems cannot sync a directory and say EINVAL; the rename has
    // still happened, so that is not worth failing the command for.
    if (::fsync(fd) != 0 && errno != EINVAL) {
        throw_errno(errno, "store.io.sync_directory", target);
    }
}

void sync_directory(const fs::path& directory, const fs::path& target) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, "store.io.open_directory", target);
    }
    FdGuard guard(fd);
    sync_directory(fd, target);
}

std::string random_suffix() {
    static thread_local std::mt19937 generator{std::random_device{}()};
    return fmt::format("{:08x}", static_cast<std::uint32_t>(generator()));
}

// Opens `directory` for the temporary file and the rename.
int open_directory(const fs::path& directory, const fs::path& target) {
    const int folder = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) {
        throw_errno(errno, "store.io.open_directory", target);
    }
    return folder;
}

// The folder `relative` lies in below `root`, reached without links (its missing
// folders made), and the file's name in it.
std::pair<int, std::string> open_below(const fs::path& root, const std::string& relative) {
    FdGuard root_fd(open_root(root));
    const auto slash = relative.rfind('/');
    const Opened folder = open_folder_below(
        root_fd.get(), slash == std::string::npos ? std::string() : relative.substr(0, slash),
        true);
    if (folder.fd < 0) {
        throw_opened(folder, root, "store.io.create_directory");
    }
    const std::string name = slash == std::string::npos ? relative : relative.substr(slash + 1);
    if (name.empty() || name == "." || name == "..") {
        ::close(folder.fd);
        throw_errno(EXDEV, "store.io.outside", relative);
    }
    return {folder.fd, name};
}

} // namespace

bool is_temp_name(std::string_view name) {
    // ".<target>.tmp.<pid>.<8 hex digits>", as write_file_atomically names them.
    constexpr std::size_t hex = 8;
    if (name.size() < 1 + 5 + 2 + 1 + hex || name.front() != '.' ||
        name.find(k_temp_marker) == std::string_view::npos) {
        return false;
    }
    const auto tail = name.substr(name.size() - hex);
    if (tail.find_first_not_of("0123456789abcdef") != std::string_view::npos ||
        name[name.size() - hex - 1] != '.') {
        return false;
    }
    const auto rest = name.substr(0, name.size() - hex - 1);
    const auto dot = rest.rfind('.');
    const auto pid = rest.substr(dot + 1);
    return !pid.empty() && pid.find_first_not_of("0123456789") == std::string_view::npos &&
           rest.substr(0, dot).size() >= 6 && // "." + a target name + ".tmp"
           rest.substr(0, dot).substr(rest.substr(0, dot).size() - 4) == ".tmp";
}

AtomicFileWriter::AtomicFileWriter(const fs::path& target, bool durable)
    : m_target(target), m_durable(durable) {
    create_parent_directories(target, durable);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    m_folder = open_directory(directory, target);
    m_name = target.filename().string();
    create();
}

AtomicFileWriter::AtomicFileWriter(const fs::path& root, const std::string& relative, bool durable)
    : m_target(root / relative), m_durable(durable) {
    std::tie(m_folder, m_name) = open_below(root, relative);
    create();
}

AtomicFileWriter::~AtomicFileWriter() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (!m_temp.empty()) {
        ::unlinkat(m_folder, m_temp.c_str(), 0);
    }
    ::close(m_folder);
}

// Nothing here follows a link: the temporary file is made with O_EXCL | O_NOFOLLOW,
// and a target that is a link, FIFO or device is refused rather than replaced.
void AtomicFileWriter::create() {
    struct stat existing {};
    if (::fstatat(m_folder, m_name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 &&
        !S_ISREG(existing.st_mode)) {
        const int error = S_ISLNK(existing.st_mode) ? ELOOP : EINVAL;
        ::close(m_folder);
        throw_errno(error, opened_attempt(error, "store.io.replace"), m_target);
    }
    // Same directory as the target, so that the rename stays on one file system and
    // is atomic; hidden, so that a crash leftover does not look like a record.
    for (int attempt = 0; attempt < k_temp_name_attempts && m_fd < 0; ++attempt) {
        m_temp = fmt::format(".{}{}{}.{}", m_name, k_temp_marker, static_cast<long>(::getpid()),
                             random_suffix());
        // O_EXCL: never write through a file or symlink someone else put there.
        m_fd = ::openat(m_folder, m_temp.c_str(),
                        O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST) {
            const int error = errno;
            m_temp.clear();
            ::close(m_folder);
            throw_errno(error, "store.io.create_temporary", m_target);
        }
    }
    if (m_fd < 0) {
        m_temp.clear();
        ::close(m_folder);
        throw_errno(EEXIST, "store.io.create_temporary", m_target);
    }
}

void AtomicFileWriter::append(std::string_view bytes) {
    write_at(m_size, bytes);
}

void AtomicFileWriter::write_at(std::uint64_t offset, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written =
            ::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_errno(errno, "store.io.write", m_target);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
        offset += static_cast<std::uint64_t>(written);
    }
    m_size = std::max(m_size, offset);
}

void AtomicFileWriter::erase(std::uint64_t offset, std::uint64_t length) {
    length = std::min(length, m_size - std::min(offset, m_size));
    std::string chunk(std::size_t{1} << 20, '\0');
    for (auto from = offset + length; from < m_size;) {
        const ssize_t got = ::pread(m_fd, chunk.data(), chunk.size(), static_cast<off_t>(from));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            throw_errno(got < 0 ? errno : EIO, "store.io.write", m_target);
        }
        write_at(from - length, std::string_view(chunk.data(), static_cast<std::size_t>(got)));
        from += static_cast<std::uint64_t>(got);
    }
    m_size -= length;
    if (::ftruncate(m_fd, static_cast<off_t>(m_size)) != 0) {
        throw_errno(errno, "store.io.write", m_target);
    }
}

void AtomicFileWriter::commit() {
    if (m_durable && ::fsync(m_fd) != 0) {
        throw_errno(errno, "store.io.sync", m_target);
    }
    const int result = ::close(m_fd);
    m_fd = -1;
    // A failed close can mean lost data on network file systems: the writer must see it.
    if (result != 0) {
        throw_errno(errno, "store.io.close", m_target);
    }
    // Crash points are where records are written (durable), never caches.
    if (m_durable) {
        crash_point("write.before-rename");
    }
    if (::renameat(m_folder, m_temp.c_str(), m_folder, m_name.c_str()) != 0) {
        throw_errno(errno, "store.io.replace", m_target);
    }
    m_temp.clear();
    if (m_durable) {
        sync_directory(m_folder, m_target);
        crash_point("write.after-rename");
    }
}

void write_file_atomically(const fs::path& target, std::string_view content, bool durable) {
    AtomicFileWriter file(target, durable);
    file.append(content);
    file.commit();
}

void write_file_atomically(const fs::path& root, const std::string& relative,
                           std::string_view content, bool durable) {
    AtomicFileWriter file(root, relative, durable);
    file.append(content);
    file.commit();
}

void write_output_file(const fs::path& target, std::string_view content) {
    std::error_code ec;
    const auto status = fs::status(target, ec);
    if (ec || !fs::exists(status) || fs::is_regular_file(status)) {
        write_file_atomically(target, content);
        return;
    }
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, "store.io.open", target);
    }
    FdGuard guard(fd);
    write_all(fd, content, target);
}

std::string read_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, "store.io.open", path);
    }
    FdGuard guard(fd);
    return read_descriptor(fd, path);
}

FileLock::FileLock(const fs::path& lock_path, int timeout_ms) {
    create_parent_directories(lock_path);
    // O_CLOEXEC: a child such as git must not inherit the lock and keep it held
    // after this process has finished.
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        throw_errno(errno, "store.io.open_lock", lock_path);
    }
    acquire(fd, lock_path, timeout_ms);
}

FileLock::FileLock(const fs::path& root, const std::string& relative, int timeout_ms) {
    FdGuard root_fd(open_root(root));
    const Opened opened = open_file_below(root_fd.get(), relative, O_RDWR | O_CREAT, 0666, true);
    if (opened.fd < 0) {
        throw_opened(opened, root, "store.io.open_lock");
    }
    acquire(opened.fd, root / relative, timeout_ms);
}

void FileLock::acquire(int fd, const fs::path& lock_path, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            m_fd = fd;
            return;
        }
        const int error = errno;
        if (error != EWOULDBLOCK && error != EINTR) {
            ::close(fd);
            throw_errno(error, "store.io.lock", lock_path);
        }
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            break;
        }
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(k_lock_retry_interval, deadline - now));
    }
    // Timed out: the caller checks locked() and reports who is busy, which makes a
    // better message than an exception from here.
    ::close(fd);
}

FileLock::~FileLock() {
    if (m_fd >= 0) {
        // Unlock explicitly rather than rely on close: a forked child that still
        // shares this descriptor would otherwise keep the lock alive.
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
}

} // namespace collab::store
