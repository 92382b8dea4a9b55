#pragma once

#include <collab/i18n/message.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace collab::store {

// A file operation that failed: what was attempted, as a catalog message (store.io.*)
// naming the path, and the system's error code. The command layer renders the message
// in the user's language; what() is the English text, for logs and tests.
class FileError : public std::system_error {
public:
    FileError(std::error_code code, i18n::Message attempt);
    const i18n::Message& attempt() const noexcept { return m_attempt; }

private:
    i18n::Message m_attempt;
};

// Writes a whole file so that readers see the old content or the new, never half:
// a temporary file beside the target, fsync, rename over the target, fsync of the
// directory. Parent directories are created. Throws FileError on failure
// (a full disk or a read-only tree is fatal for the command, and nothing is left
// half-written). With `durable` false the fsyncs are skipped: for derived files such
// as caches, where a crash may lose the new content but never leaves a torn file.
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           bool durable = true);

// Writes an output the user named (a report's -o FILE): atomically, like
// write_file_atomically, when it is a regular file or does not exist yet; in place
// when it is a device or a pipe (/dev/null, /dev/stdout, a FIFO), which must never
// be replaced by a file. Throws FileError on failure.
void write_output_file(const std::filesystem::path& target, std::string_view content);

// Reads a whole file. Throws FileError when it cannot be opened.
std::string read_file(const std::filesystem::path& path);

// Holds an exclusive advisory lock (flock) on a lock file for the life of the
// object, so that two collab processes never interleave their writes to one
// workspace. Waits up to `timeout_ms` for another process to finish.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& lock_path, int timeout_ms = 10000);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    bool locked() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace collab::store
