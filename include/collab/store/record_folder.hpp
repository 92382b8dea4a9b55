#pragma once

#include <collab/store/contained.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace collab::store {

// What the file system says about a file or folder without reading it. Two equal
// stamps mean the same unchanged file, as git's index assumes: any write moves the
// change time (ctime), which no tool can set back. Stamps taken too soon after a
// change are not trusted (see settled_before), since the clock that sets ctime
// ticks coarsely.
struct FileStamp {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;

    friend bool operator==(const FileStamp&, const FileStamp&) = default;
    // True when the file had last changed before `ns` (nanoseconds since the epoch).
    bool settled_before(std::int64_t ns) const { return mtime_ns < ns && ctime_ns < ns; }
};

// Nanoseconds since the epoch on the clock file times use.
std::int64_t file_clock_now_ns();

// Fast access to the files under a workspace root, by paths relative to it: one
// system call per stamp, no path objects. Reading many small files is what a cold
// `collab check` spends its time on besides parsing.
class RecordFolder {
public:
    explicit RecordFolder(const std::filesystem::path& root);
    // A folder under another, reached without following links (store/contained), opened once so
    // that its files are found by their names alone: a path lookup per component is most of what a
    // stamp costs.
    RecordFolder(const RecordFolder& parent, const std::string& relative);
    ~RecordFolder();
    RecordFolder(const RecordFolder&) = delete;
    RecordFolder& operator=(const RecordFolder&) = delete;

    bool opened() const { return m_root_fd >= 0; }
    // The open folder (-1 when it could not be opened); owned by this object.
    int descriptor() const { return m_root_fd; }
    // The stamp of a file or folder; "" for this folder itself.
    std::optional<FileStamp> stamp(const std::string& relative) const;
    // The names in a folder, sorted; `folders` selects real sub-folders, else every
    // other entry (files, and links, FIFOs or devices, which a read then refuses).
    std::vector<std::string> list(const std::string& relative, bool folders) const;
    // Every entry of a folder with what it is (links not followed), sorted by name.
    std::vector<std::pair<std::string, EntryKind>> entries(const std::string& relative) const;
    // What is at a path below this folder, links not followed.
    EntryKind kind(const std::string& relative) const;
    // The whole file, or nullopt when it cannot be read, is not a regular file reached
    // without links (store/contained), or is over `max_bytes`
    // (the caller reports why, with the ordinary reader).
    std::optional<std::string> read(const std::string& relative, std::size_t max_bytes) const;

private:
    int m_root_fd = -1;
};

} // namespace collab::store
