// A folder built aside and swapped in whole (store/folder_build.hpp).
#include <cerrno>
#include <collab/store/atomic_file.hpp>
#include <collab/store/folder_build.hpp>
#include <collab/util/relative_path.hpp>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <stdlib.h>

namespace collab::store {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void folder_error(int code, const char* attempt, const fs::path& path) {
    throw FileError(std::error_code(code, std::generic_category()),
                    i18n::msg(attempt, path.string()));
}

// Exchanges two paths in one step; false where the system or the file system cannot.
bool exchange_paths(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) {
        return true;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        folder_error(errno, "store.io.replace", b);
    }
#else
    (void)a;
    (void)b;
#endif
    return false;
}

} // namespace

FolderBuild::FolderBuild(fs::path target) : m_target(std::move(target)) {
    const auto parent = m_target.has_parent_path() ? m_target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec); // the folder's parent may be new ("-o out/site")
    std::string pattern = (parent / ("." + m_target.filename().string() + ".tmp-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        folder_error(errno, "store.io.create_directory", m_target);
    }
    m_temp = pattern;
}

FolderBuild::~FolderBuild() {
    std::error_code ignored;
    if (!m_temp.empty()) {
        fs::remove_all(m_temp, ignored);
    }
}

void FolderBuild::write(std::string_view relative, std::string_view content) {
    const auto normal = util::normal_relative_path(relative);
    if (!normal) {
        folder_error(EINVAL, "store.io.write", fs::path(std::string(relative)));
    }
    const auto path = m_temp / *normal;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) {
        folder_error(ec.value(), "store.io.create_directory", path);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
        folder_error(EIO, "store.io.write", path);
    }
}

void FolderBuild::commit() {
    std::error_code ec;
    if (fs::symlink_status(m_target, ec).type() == fs::file_type::not_found) {
        if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
            folder_error(errno, "store.io.replace", m_target);
        }
        m_temp.clear();
        return;
    }
    if (!exchange_paths(m_temp, m_target)) {
        // Two renames: for a moment there is no folder, never a half one.
        const auto aside = fs::path(m_temp.string() + "-old");
        if (::rename(m_target.c_str(), aside.c_str()) != 0) {
            folder_error(errno, "store.io.replace", m_target);
        }
        if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
            const int code = errno;
            ::rename(aside.c_str(), m_target.c_str());
            folder_error(code, "store.io.replace", m_target);
        }
        m_temp = aside;
    }
    // m_temp now holds the old folder: the destructor removes it.
}

bool replaceable_folder(const fs::path& target) {
    std::error_code ec;
    const auto status = fs::symlink_status(target, ec);
    if (status.type() == fs::file_type::not_found) {
        return true;
    }
    if (status.type() != fs::file_type::directory) {
        return false;
    }
    if (fs::is_empty(target, ec) && !ec) {
        return true;
    }
    return fs::is_regular_file(fs::symlink_status(target / k_built_folder_marker, ec));
}

} // namespace collab::store
