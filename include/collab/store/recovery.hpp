#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace collab::store {

// What a command killed half-way (kill -9, a power cut) can leave, and where
// `collab doctor` keeps what it takes away. A command that writes several files
// writes its log entry last: the entry is the commit point, and everything written
// before it without it is a leftover.
inline constexpr const char* k_pending_dir = ".collab/pending";
inline constexpr const char* k_rescued_dir = ".collab/rescued";

// The temporary files write_file_atomically leaves behind only when the process is
// killed between writing and renaming: ".<target name>.tmp.<pid>.<8 hex digits>".
inline constexpr std::string_view k_temp_marker = ".tmp.";
bool is_temp_name(std::string_view name);

// `request edit` keeps the form as it was here from before it replaces request.yaml
// until its `edit` entry is written: ".collab/pending/<id>.request.yaml".
std::string pending_form_path(const std::string& request_id);

struct Leftover {
    enum class Kind {
        temp_file,        // a temporary file of an atomic write that was never renamed
        empty_folder,     // a request folder holding no file but such temporary files
        interrupted_edit, // a pending form copy: `request edit` did not finish
    };
    Kind kind;
    std::string path;    // relative to the workspace root
    std::string request; // the request it belongs to, when it belongs to one
};

// Scans the workspace's own folders (the root, calendars/, every request folder and
// its log/, .collab/ and its sub-folders) for leftovers of killed writes. The request
// folders named in `known_clean` (sorted) are passed by: their digests saw that they
// hold no temporary file (store::DigestOutcome::no_temp_files).
std::vector<Leftover> find_leftovers(const std::filesystem::path& root,
                                     const std::vector<std::string>& known_clean = {});

// True when another process holds the workspace lock: a write is under way, and its
// temporary files are no leftovers. Creates nothing.
bool writer_active(const std::filesystem::path& lock_path);

// Moves a file of the workspace to .collab/rescued/<name> (<name>.2, .3, ... when
// taken) and returns its new path relative to the root.
std::string rescue_file(const std::filesystem::path& root, const std::string& relative,
                        const std::string& name);

// Removes a file, or a folder with everything in it; the removal is made durable.
void remove_path(const std::filesystem::path& root, const std::string& relative);

} // namespace collab::store
