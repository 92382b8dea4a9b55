#pragma once

#include <collab/store/contained.hpp>
#include <collab/store/record_folder.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace collab::store {

// What reading a file gave: its text, or why there is none.
struct DiskRead {
    enum class Failure {
        none,
        root,      // the workspace root could not be opened (`error`)
        open,      // the walk to the file failed (`error`, `failed`; see store/contained)
        too_large, // the file is over the limit asked for (`size`)
        read,      // reading it failed (`error`)
    };
    std::optional<std::string> text;
    Failure failure = Failure::none;
    int error = 0;
    std::string failed; // the path, relative to the disk, of the step that failed
    std::size_t size = 0;
};

// A lock taken through a Disk: held until destroyed.
class DiskLock {
public:
    DiskLock() = default;
    virtual ~DiskLock() = default;
    DiskLock(const DiskLock&) = delete;
    DiskLock& operator=(const DiskLock&) = delete;
};

// A file being written through a Disk (Disk::create): readers see it whole or not at
// all. commit() puts it in place; destroyed uncommitted, it is dropped and what was
// at its name stays. Every call throws FileError on failure.
class DiskFile {
public:
    DiskFile() = default;
    virtual ~DiskFile() = default;
    DiskFile(const DiskFile&) = delete;
    DiskFile& operator=(const DiskFile&) = delete;

    virtual void append(std::string_view bytes) = 0;
    // Writes over bytes already written.
    virtual void write_at(std::uint64_t offset, std::string_view bytes) = 0;
    // Removes `length` bytes at `offset`, moving the rest down.
    virtual void erase(std::uint64_t offset, std::uint64_t length) = 0;
    virtual std::uint64_t size() const = 0;
    virtual void commit() = 0;
};

// The seam through which a workspace touches its files: every path is relative to
// the disk's root, '/'-separated, and stays inside it. The real disk
// (contained_disk) walks folder by folder from the root without following links
// (store/contained), refuses links, FIFOs and devices, and writes atomically (a
// temporary file, fsync, rename, fsync of the folder: store/atomic_file); an
// in-memory disk stands in for it in tests. Reading calls may run on many threads.
class Disk {
public:
    Disk() = default;
    virtual ~Disk() = default;
    Disk(const Disk&) = delete;
    Disk& operator=(const Disk&) = delete;

    // The folder the relative paths start from (names files in messages).
    virtual const std::filesystem::path& root() const = 0;
    // What is at a path, links not followed (a link on the way is `link`).
    virtual EntryKind kind(const std::string& relative) const = 0;
    // Every entry of a folder with what it is (links not followed), sorted by name;
    // empty when the folder cannot be opened.
    virtual std::vector<std::pair<std::string, EntryKind>>
    entries(const std::string& relative) const = 0;
    // The stamp of a file or folder ("" for the root), links not followed.
    virtual std::optional<FileStamp> stamp(const std::string& relative) const = 0;
    // The whole regular file, refused over `max_bytes` before it is read.
    virtual DiskRead read(const std::string& relative, std::size_t max_bytes) const = 0;
    // Writes a whole file atomically, making missing folders; `durable` false skips
    // the fsyncs (derived files). Throws FileError, and nothing is written.
    virtual void write(const std::string& relative, std::string_view content,
                       bool durable) const = 0;
    // The same, written in pieces: a file too large to hold whole in memory.
    virtual std::unique_ptr<DiskFile> create(const std::string& relative, bool durable) const = 0;
    // Removes a file, or a folder with what it holds; nothing when it is missing. A
    // path with a link on the way is refused (FileError), so nothing outside the root
    // is removed.
    virtual void remove(const std::string& relative) const = 0;
    // The exclusive lock on the file `relative` (made, with its folders, when missing;
    // reached without links), waiting up to `timeout_ms` while another process holds
    // it; nullptr when it is still held then. Throws FileError when it cannot be opened.
    virtual std::unique_ptr<DiskLock> lock(const std::string& relative, int timeout_ms) const = 0;
    // The folder `relative` as a disk of its own, opened once so that its files are
    // found by their names alone; nullptr when it is not a folder reached without links.
    virtual std::unique_ptr<const Disk> below(const std::string& relative) const = 0;

    // The names in a folder, sorted: real sub-folders with `folders`, else every
    // other entry (files, and links, FIFOs or devices, which a read then refuses).
    std::vector<std::string> list(const std::string& relative, bool folders) const;
};

// The real disk: the files under `root` (which itself may be reached through a link).
std::shared_ptr<const Disk> contained_disk(std::filesystem::path root);

// Throws the FileError (store.io.*) that says why `result` has no text, naming the
// file `relative` of `disk` as read_contained would.
[[noreturn]] void throw_read_failure(const DiskRead& result, const Disk& disk,
                                     const std::string& relative);

} // namespace collab::store
