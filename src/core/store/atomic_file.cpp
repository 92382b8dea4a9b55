#include <algorithm>
#include <cerrno>
#include <chrono>
#include <collab/store/atomic_file.hpp>
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
#include <unistd.h>

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

// Removes the temporary file unless the rename has consumed it.
class TempFileGuard {
public:
    explicit TempFileGuard(fs::path path) : m_path(std::move(path)) {}
    ~TempFileGuard() {
        if (!m_path.empty()) {
            ::unlink(m_path.c_str());
        }
    }
    TempFileGuard(const TempFileGuard&) = delete;
    TempFileGuard& operator=(const TempFileGuard&) = delete;

    void release() { m_path.clear(); }

private:
    fs::path m_path;
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

void sync_directory(const fs::path& directory, const fs::path& target) {
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw_errno(errno, "store.io.open_directory", target);
    }
    FdGuard guard(fd);
    // Some file systems cannot sync a directory and say EINVAL; the rename has
    // still happened, so that is not worth failing the command for.
    if (::fsync(fd) != 0 && errno != EINVAL) {
        throw_errno(errno, "store.io.sync_directory", target);
    }
}

std::string random_suffix() {
    static thread_local std::mt19937 generator{std::random_device{}()};
    return fmt::format("{:08x}", static_cast<std::uint32_t>(generator()));
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

void write_file_atomically(const fs::path& target, std::string_view content, bool durable) {
    create_parent_directories(target, durable);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");

    // Same directory as the target, so that the rename stays on one file system and
    // is atomic; hidden, so that a crash leftover does not look like a record.
    fs::path temp;
    int fd = -1;
    for (int attempt = 0; attempt < k_temp_name_attempts && fd < 0; ++attempt) {
        temp = directory / fmt::format(".{}{}{}.{}", target.filename().string(), k_temp_marker,
                                       static_cast<long>(::getpid()), random_suffix());
        // O_EXCL: never write through a file or symlink someone else put there.
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) {
            throw_errno(errno, "store.io.create_temporary", target);
        }
    }
    if (fd < 0) {
        throw_errno(EEXIST, "store.io.create_temporary", target);
    }
    TempFileGuard temp_guard(temp);
    FdGuard fd_guard(fd);

    write_all(fd, content, target);
    if (durable && ::fsync(fd) != 0) {
        throw_errno(errno, "store.io.sync", target);
    }
    if (fd_guard.close() != 0) {
        throw_errno(errno, "store.io.close", target);
    }
    crash_point("write.before-rename");
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        throw_errno(errno, "store.io.replace", target);
    }
    temp_guard.release();
    if (durable) {
        sync_directory(directory, target);
    }
    crash_point("write.after-rename");
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
            throw_errno(errno, "store.io.read", path);
        }
        if (got == 0) {
            break;
        }
        content.append(buffer, static_cast<std::size_t>(got));
    }
    return content;
}

FileLock::FileLock(const fs::path& lock_path, int timeout_ms) {
    create_parent_directories(lock_path);
    // O_CLOEXEC: a child such as git must not inherit the lock and keep it held
    // after this process has finished.
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        throw_errno(errno, "store.io.open_lock", lock_path);
    }

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
