#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace collab::store {

// The file that marks a folder as one collab built (`collab site`): only such a folder,
// or an empty one, is ever replaced.
inline constexpr const char* k_built_folder_marker = ".collab-site";

// A folder built beside its target and then swapped in whole, so that a reader (a web
// server, a CI job) sees the old folder or the new one, never half of either.
// The temporary folder (".<name>.tmp-XXXXXX" in the target's parent, so the swap is a
// rename on one file system) is removed when the build is dropped before commit.
class FolderBuild {
public:
    // Throws FileError when the temporary folder cannot be made.
    explicit FolderBuild(std::filesystem::path target);
    ~FolderBuild();
    FolderBuild(const FolderBuild&) = delete;
    FolderBuild& operator=(const FolderBuild&) = delete;

    // Writes a file of the new folder: `relative` is made normal and kept inside
    // (util::normal_relative_path); a path that is not is refused with FileError
    // (EINVAL), never written. Folders are created.
    void write(std::string_view relative, std::string_view content);

    // Puts the new folder in the target's place: exchanged with the old one in one
    // step where the system can (renameat2 RENAME_EXCHANGE), else the old one moved
    // aside first; then the old one is removed. Throws FileError on failure.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_temp; // the new folder; after commit, the old one
};

// Whether `target` may be replaced by a built folder: it does not exist, or it is a
// folder that is empty or holds k_built_folder_marker.
bool replaceable_folder(const std::filesystem::path& target);

} // namespace collab::store
