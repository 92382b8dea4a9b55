#pragma once

#include <collab/i18n/message.hpp>
#include <cstdint>
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

// The same for a file inside a workspace: `relative` ('/'-separated, no "..") is
// reached folder by folder from `root` without following links (store/contained),
// missing folders are made, and a link, FIFO or device on the way or in the
// target's place is refused with a FileError naming it.
void write_file_atomically(const std::filesystem::path& root, const std::string& relative,
                           std::string_view content, bool durable = true);

// A file written in pieces that readers see whole or not at all: the pieces go to a
// temporary file beside the target (made as write_file_atomically makes it, links
// refused), and commit() renames it over the target, with the fsyncs when `durable`.
// Destroyed uncommitted (an error, an exception), it removes the temporary file and
// the target stays as it was. Throws FileError on failure.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(const std::filesystem::path& target, bool durable = true);
    // `relative` inside a workspace, reached as write_file_atomically(root, relative) does.
    AtomicFileWriter(const std::filesystem::path& root, const std::string& relative,
                     bool durable = true);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void append(std::string_view bytes);
    // Writes over bytes already written (or past the end).
    void write_at(std::uint64_t offset, std::string_view bytes);
    // Removes `length` bytes at `offset`, moving the rest down.
    void erase(std::uint64_t offset, std::uint64_t length);
    std::uint64_t size() const { return m_size; }
    void commit();

private:
    void create();

    std::filesystem::path m_target; // for messages
    bool m_durable;
    int m_folder = -1;
    std::string m_name; // of the target in m_folder
    std::string m_temp; // of the temporary file in m_folder; empty once renamed
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

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
    // The lock file `relative` inside a workspace, opened without following links
    // (store/contained).
    FileLock(const std::filesystem::path& root, const std::string& relative,
             int timeout_ms = 10000);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

    bool locked() const { return m_fd >= 0; }

private:
    void acquire(int fd, const std::filesystem::path& lock_path, int timeout_ms);

    int m_fd = -1;
};

} // namespace collab::store
