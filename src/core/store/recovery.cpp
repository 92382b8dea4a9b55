#include <algorithm>
#include <cerrno>
#include <collab/store/atomic_file.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/store/recovery.hpp>
#include <collab/store/workspace.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

namespace collab::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_pending_suffix = ".request.yaml";

std::string join(const std::string& folder, const std::string& name) {
    return folder.empty() ? name : folder + "/" + name;
}

void temp_files_in(const RecordFolder& root, const std::string& folder, const std::string& request,
                   std::vector<Leftover>& out) {
    for (const auto& name : root.list(folder, false)) {
        if (is_temp_name(name)) {
            out.push_back({Leftover::Kind::temp_file, join(folder, name), request});
        }
    }
}

// True when the folder holds nothing but temporary files and empty folders.
bool only_temp_files(const RecordFolder& root, const std::string& folder) {
    for (const auto& name : root.list(folder, false)) {
        if (!is_temp_name(name)) {
            return false;
        }
    }
    for (const auto& sub : root.list(folder, true)) {
        if (!only_temp_files(root, folder + "/" + sub)) {
            return false;
        }
    }
    return true;
}

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

std::string pending_form_path(const std::string& request_id) {
    // fmt rather than chained operator+: GCC 12 warns falsely (-Warray-bounds) on a
    // temporary std::string grown by `+` when it is inlined at -O2.
    return fmt::format("{}/{}{}", k_pending_dir, request_id, k_pending_suffix);
}

std::vector<Leftover> find_leftovers(const fs::path& root_path,
                                     const std::vector<std::string>& known_clean) {
    std::vector<Leftover> out;
    const RecordFolder root(root_path);
    temp_files_in(root, "", "", out);
    temp_files_in(root, "calendars", "", out);
    temp_files_in(root, k_requests_dir, "", out);
    for (const auto& id : root.list(k_requests_dir, true)) {
        if (std::binary_search(known_clean.begin(), known_clean.end(), id)) {
            continue;
        }
        const auto folder = std::string(k_requests_dir) + "/" + id;
        if (only_temp_files(root, folder)) {
            temp_files_in(root, folder, id, out);
            temp_files_in(root, folder + "/log", id, out);
            out.push_back({Leftover::Kind::empty_folder, folder, id});
            continue;
        }
        temp_files_in(root, folder, id, out);
        temp_files_in(root, folder + "/log", id, out);
    }
    temp_files_in(root, k_state_dir, "", out);
    for (const auto& sub : root.list(k_state_dir, true)) {
        // Caches are written by readers, without the workspace lock: a temporary file
        // there may be another run's write in flight, and losing one loses no record.
        if (std::string(k_state_dir) + "/" + sub == k_cache_dir) {
            continue;
        }
        temp_files_in(root, std::string(k_state_dir) + "/" + sub, "", out);
    }
    const std::string suffix = k_pending_suffix;
    for (const auto& name : root.list(k_pending_dir, false)) {
        if (!is_temp_name(name) && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            out.push_back({Leftover::Kind::interrupted_edit, join(k_pending_dir, name),
                           name.substr(0, name.size() - suffix.size())});
        }
    }
    return out;
}

bool writer_active(const fs::path& lock_path) {
    const int fd = ::open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false; // no lock file: no collab process has written here yet
    }
    const bool busy = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // closing drops a lock it took
    return busy;
}

std::string rescue_file(const fs::path& root, const std::string& relative,
                        const std::string& name) {
    std::error_code ec;
    fs::create_directories(root / k_rescued_dir, ec);
    auto target = fmt::format("{}/{}", k_rescued_dir, name);
    for (int n = 2; fs::exists(root / target, ec); ++n) {
        target = fmt::format("{}/{}.{}", k_rescued_dir, name, n);
    }
    fs::rename(root / relative, root / target, ec);
    if (ec) {
        throw FileError(ec, i18n::msg("store.io.replace", (root / target).string()));
    }
    sync_folder(root / k_rescued_dir);
    sync_folder((root / relative).parent_path());
    return target;
}

void remove_path(const fs::path& root, const std::string& relative) {
    std::error_code ec;
    fs::remove_all(root / relative, ec);
    if (ec) {
        throw FileError(ec, i18n::msg("store.io.remove", (root / relative).string()));
    }
    sync_folder((root / relative).parent_path());
}

} // namespace collab::store
