#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace collab::store {

// Opening files inside a workspace without ever leaving it. A record file, or the
// tree it is in, may come from a careless or hostile change: a symbolic link to
// /etc, a FIFO that blocks the reader, a device. Every record is therefore opened
// folder by folder from the workspace root with openat: folders with O_NOFOLLOW |
// O_DIRECTORY, files with O_NOFOLLOW | O_NONBLOCK and an fstat check that they are
// regular files. Only the root itself may be reached through a link (users do that).
// Relative paths use '/' and may not contain "..": collab makes them itself, or
// normalises them first (util::normal_relative_path).

// What is at a path inside a folder, without following a link.
enum class EntryKind { missing, file, folder, link, other };

// What a walk below a folder gave: a descriptor (>= 0) the caller closes, or the
// errno of the failure and the path (relative, as given) of the step that failed.
// ELOOP means a symbolic link, EINVAL a FIFO, device or socket, EXDEV a ".." or an
// absolute path.
struct Opened {
    int fd = -1;
    int error = 0;
    std::string failed;
};

// Opens the folder `relative` below the folder `base` (a descriptor); "" opens
// `base` again. With `create`, missing folders are made.
Opened open_folder_below(int base, std::string_view relative, bool create);

// Opens the regular file `relative` below `base` with `flags` (O_RDONLY, or
// O_RDWR | O_CREAT with `mode`). With `create_folders`, missing folders are made.
Opened open_file_below(int base, std::string_view relative, int flags, mode_t mode = 0666,
                       bool create_folders = false);

// What is at `relative` below `base`, every folder on the way walked without
// following links (a link on the way is `link`).
EntryKind entry_kind_below(int base, std::string_view relative);

// Opens a workspace root (following a link to it). Throws FileError.
int open_root(const std::filesystem::path& root);

// Throws the FileError (store.io.*) that says why `opened` failed, naming the path
// that failed below `root`; `attempt` is the catalog id used for ordinary errors.
[[noreturn]] void throw_opened(const Opened& opened, const std::filesystem::path& root,
                               const char* attempt);

// The catalog id that explains a failed walk's errno (store.io.link,
// store.io.not_regular, store.io.outside), or `attempt` for any other error.
const char* opened_attempt(int error, const char* attempt);

// Reads a whole regular file below `root` (see above). Throws FileError.
std::string read_contained(const std::filesystem::path& root, const std::string& relative);
// The same, nullopt when the file does not exist (a state file not written yet).
std::optional<std::string> read_contained_if_any(const std::filesystem::path& root,
                                                 const std::string& relative);

// Reads everything from an open descriptor; `shown` names it in a FileError.
std::string read_descriptor(int fd, const std::filesystem::path& shown);

} // namespace collab::store
