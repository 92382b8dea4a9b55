#pragma once
// Git's index (.git/index) as a source of content names: for a file git would call
// clean without reading it (its stat data as the index recorded it, and not racily
// clean), the index's blob id names the file's content. A fresh clone given the digest
// cache thus finds each file's content key by its blob id, without reading the file.
#include <array>
#include <collab/store/record_folder.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace collab::store {

// A blob's SHA-1 object id, as git's index holds it.
using GitBlobId = std::array<unsigned char, 20>;

class GitIndex {
public:
    // Reads an index file's bytes (versions 2, 3 and 4; SHA-1 repositories). Keeps the
    // entries under `prefix` (the workspace's folder in the repository: "" or ending in
    // '/'), by their path below it. `written_ns` is the index file's modification time:
    // an entry changed at or after it may be racily clean. nullopt for anything else: a
    // file that is not an index, cut short, a split or sparse index. The file's own
    // checksum is not worked out (SHA-1 of the whole index, as long as the rest of the
    // load): a damaged byte can only make an entry's stamp or blob id differ from the
    // file's, and then the file is read.
    static std::optional<GitIndex> parse(std::string_view bytes, std::string_view prefix,
                                         std::int64_t written_ns);

    // The blob id of the file at `path` (relative to the workspace) when `stamp`, as
    // taken now, is what the index recorded (times, device, inode and size, as git
    // compares them) and the file had last changed before the index was written;
    // nullopt when git would have to read the file to tell.
    std::optional<GitBlobId> clean_blob(const std::string& path, const FileStamp& stamp) const;

    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::uint32_t ctime_s = 0, ctime_ns = 0, mtime_s = 0, mtime_ns = 0;
        std::uint32_t device = 0, inode = 0, size = 0;
        std::uint32_t path_at = 0, path_size = 0; // in m_paths
        GitBlobId blob{};
    };
    std::string_view path_of(const Entry& entry) const {
        return std::string_view(m_paths).substr(entry.path_at, entry.path_size);
    }
    // Sorted by path, for a binary search: no string or node per entry, so that reading an
    // index of 75,000 files costs a few milliseconds.
    std::vector<Entry> m_entries;
    std::string m_paths;
    std::int64_t m_written_ns = 0;
};

// The index of the git repository the workspace at `root` is in: found by looking for
// a `.git` folder in `root` and the folders above it. nullopt when there is none, when
// GIT_DIR or GIT_INDEX_FILE point elsewhere, or when it cannot be read.
std::optional<GitIndex> load_git_index(const std::filesystem::path& root);

} // namespace collab::store
