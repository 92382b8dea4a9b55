#include <algorithm>
#include <cerrno>
#include <collab/store/git_index.hpp>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace collab::store {

namespace {

constexpr std::size_t k_id_size = 20;
constexpr std::int64_t k_ns_per_s = 1'000'000'000;
// An index larger than this is not read: the hashing it would save is not worth it.
constexpr std::int64_t k_max_index_bytes = std::int64_t{1} << 30;

// The flags of an entry, as git's read-cache.c names them.
constexpr std::uint16_t k_assume_valid = 0x8000;
constexpr std::uint16_t k_extended = 0x4000;
constexpr std::uint16_t k_stage = 0x3000;
constexpr std::uint16_t k_name_length = 0x0fff;
constexpr std::uint16_t k_skip_worktree = 0x4000; // of the extended flags
constexpr std::uint16_t k_intent_to_add = 0x2000; // of the extended flags
constexpr std::uint32_t k_file_type = 0170000;
constexpr std::uint32_t k_regular_file = 0100000;

// Big-endian reads over the index's bytes; any read past the end marks it failed.
class Cursor {
public:
    explicit Cursor(std::string_view bytes) : m_bytes(bytes) {}

    std::string_view take(std::size_t n) {
        if (!m_ok || n > m_bytes.size() - m_at) {
            m_ok = false;
            return {};
        }
        const auto out = m_bytes.substr(m_at, n);
        m_at += n;
        return out;
    }
    std::uint32_t u32() {
        const auto b = take(4);
        std::uint32_t v = 0;
        for (const char c : b) {
            v = (v << 8) | static_cast<unsigned char>(c);
        }
        return v;
    }
    std::uint16_t u16() {
        const auto b = take(2);
        return b.size() == 2 ? static_cast<std::uint16_t>((static_cast<unsigned char>(b[0]) << 8) |
                                                          static_cast<unsigned char>(b[1]))
                             : 0;
    }
    unsigned byte() {
        const auto b = take(1);
        return b.empty() ? 0U : static_cast<unsigned char>(b[0]);
    }
    // git's varint.c: seven bits a byte, most significant first, each continuation
    // adding one.
    std::uint64_t varint() {
        unsigned c = byte();
        std::uint64_t value = c & 127U;
        while (m_ok && (c & 128U) != 0) {
            value += 1;
            if (value > (std::uint64_t{1} << 56)) {
                m_ok = false;
                return 0;
            }
            c = byte();
            value = (value << 7) | (c & 127U);
        }
        return value;
    }
    // The text up to the next NUL, which is consumed.
    std::string_view until_nul() {
        const auto end = m_ok ? m_bytes.find('\0', m_at) : std::string_view::npos;
        if (end == std::string_view::npos) {
            m_ok = false;
            return {};
        }
        const auto out = m_bytes.substr(m_at, end - m_at);
        m_at = end + 1;
        return out;
    }
    void seek(std::size_t at) {
        if (at > m_bytes.size()) {
            m_ok = false;
        } else {
            m_at = at;
        }
    }
    std::size_t at() const { return m_at; }
    bool ok() const { return m_ok; }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
    bool m_ok = true;
};

std::uint32_t low32(std::uint64_t value) {
    return static_cast<std::uint32_t>(value);
}

} // namespace

std::optional<GitIndex> GitIndex::parse(std::string_view bytes, std::string_view prefix,
                                        std::int64_t written_ns) {
    if (bytes.size() < 12 + k_id_size || bytes.substr(0, 4) != "DIRC") {
        return std::nullopt;
    }
    const auto content = bytes.substr(0, bytes.size() - k_id_size);
    Cursor in(content);
    in.take(4);
    const auto version = in.u32();
    const auto count = in.u32();
    if (version < 2 || version > 4) {
        return std::nullopt;
    }
    GitIndex index;
    index.m_written_ns = written_ns;
    std::string path; // version 4 names each path by how it differs from the one before
    for (std::uint32_t i = 0; i < count && in.ok(); ++i) {
        const auto start = in.at();
        Entry entry;
        entry.ctime_s = in.u32();
        entry.ctime_ns = in.u32();
        entry.mtime_s = in.u32();
        entry.mtime_ns = in.u32();
        entry.device = in.u32();
        entry.inode = in.u32();
        const auto mode = in.u32();
        in.u32(); // uid
        in.u32(); // gid
        entry.size = in.u32();
        const auto id = in.take(k_id_size);
        const auto flags = in.u16();
        const std::uint16_t extended = (flags & k_extended) != 0 ? in.u16() : 0;
        if (!in.ok() || ((flags & k_extended) != 0 && version < 3)) {
            return std::nullopt;
        }
        if (version == 4) {
            const auto strip = in.varint();
            if (strip > path.size()) {
                return std::nullopt;
            }
            path.resize(path.size() - strip);
            path += in.until_nul();
        } else {
            const auto name = in.until_nul();
            const std::size_t length = flags & k_name_length;
            if (length < k_name_length && name.size() != length) {
                return std::nullopt;
            }
            path.assign(name);
            // Entries are padded with NULs to a multiple of eight bytes.
            const std::size_t fixed = in.at() - start - name.size() - 1;
            in.seek(start + ((fixed + name.size() + 8) & ~std::size_t{7}));
        }
        if (!in.ok()) {
            return std::nullopt;
        }
        // Only what git itself would compare with the file: a regular file, merged,
        // neither assumed unchanged nor outside the sparse checkout nor only intended.
        const bool usable = (mode & k_file_type) == k_regular_file && (flags & k_stage) == 0 &&
                            (flags & k_assume_valid) == 0 &&
                            (extended & (k_skip_worktree | k_intent_to_add)) == 0;
        if (usable && path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0) {
            std::copy(id.begin(), id.end(), entry.blob.begin());
            entry.path_at = static_cast<std::uint32_t>(index.m_paths.size());
            entry.path_size = static_cast<std::uint32_t>(path.size() - prefix.size());
            index.m_paths.append(path, prefix.size());
            index.m_entries.push_back(entry);
        }
    }
    // Git keeps entries sorted by path; a file that does not is sorted here, and a path
    // given twice is not believed at all.
    const auto by_path = [&index](const Entry& a, const Entry& b) {
        return index.path_of(a) < index.path_of(b);
    };
    if (!std::is_sorted(index.m_entries.begin(), index.m_entries.end(), by_path)) {
        std::sort(index.m_entries.begin(), index.m_entries.end(), by_path);
    }
    const auto twice = std::adjacent_find(
        index.m_entries.begin(), index.m_entries.end(),
        [&index](const Entry& a, const Entry& b) { return index.path_of(a) == index.path_of(b); });
    if (twice != index.m_entries.end()) {
        return std::nullopt;
    }
    // Extensions: a split index keeps its entries in another file, a sparse one folders
    // in place of files; neither is read. The others do not change the entries.
    while (in.ok() && in.at() < content.size()) {
        const auto signature = in.take(4);
        const auto size = in.u32();
        if (signature == "link" || signature == "sdir") {
            return std::nullopt;
        }
        in.take(size);
    }
    if (!in.ok()) {
        return std::nullopt;
    }
    return index;
}

std::optional<GitBlobId> GitIndex::clean_blob(const std::string& path,
                                              const FileStamp& stamp) const {
    const auto found = std::lower_bound(
        m_entries.begin(), m_entries.end(), path,
        [this](const Entry& entry, const std::string& wanted) { return path_of(entry) < wanted; });
    if (found == m_entries.end() || path_of(*found) != path) {
        return std::nullopt;
    }
    const auto& entry = *found;
    const auto mtime_s = stamp.mtime_ns / k_ns_per_s;
    const auto ctime_s = stamp.ctime_ns / k_ns_per_s;
    // Git without nanosecond times records none: then seconds are all it compares.
    const bool nanoseconds = entry.mtime_ns != 0 || entry.ctime_ns != 0;
    const bool same =
        entry.mtime_s == low32(static_cast<std::uint64_t>(mtime_s)) &&
        entry.ctime_s == low32(static_cast<std::uint64_t>(ctime_s)) &&
        (!nanoseconds ||
         (entry.mtime_ns == low32(static_cast<std::uint64_t>(stamp.mtime_ns % k_ns_per_s)) &&
          entry.ctime_ns == low32(static_cast<std::uint64_t>(stamp.ctime_ns % k_ns_per_s)))) &&
        entry.device == low32(stamp.device) && entry.inode == low32(stamp.inode) &&
        entry.size == low32(stamp.size);
    // Racily clean: changed within the second the index was written, the file may have
    // changed again after git looked at it, with the same stamp.
    const bool settled = mtime_s < m_written_ns / k_ns_per_s && ctime_s < m_written_ns / k_ns_per_s;
    if (!same || !settled) {
        return std::nullopt;
    }
    return entry.blob;
}

namespace {

// The index file's bytes and modification time, read through one descriptor.
std::optional<std::pair<std::string, std::int64_t>>
read_index_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    std::string bytes;
    bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= k_max_index_bytes;
    if (ok) {
        bytes.resize(static_cast<std::size_t>(st.st_size));
        std::size_t done = 0;
        while (ok && done < bytes.size()) {
            const auto got = ::read(fd, bytes.data() + done, bytes.size() - done);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            ok = got > 0;
            done += got > 0 ? static_cast<std::size_t>(got) : 0;
        }
    }
    ::close(fd);
    if (!ok) {
        return std::nullopt;
    }
    return std::pair{std::move(bytes),
                     std::int64_t{st.st_mtim.tv_sec} * k_ns_per_s + st.st_mtim.tv_nsec};
}

} // namespace

std::optional<GitIndex> load_git_index(const std::filesystem::path& root) {
    for (const char* variable : {"GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"}) {
        if (std::getenv(variable) != nullptr) {
            return std::nullopt;
        }
    }
    std::error_code error;
    auto folder = std::filesystem::weakly_canonical(root, error);
    if (error) {
        return std::nullopt;
    }
    std::string prefix;
    for (int depth = 0; depth < 64; ++depth) {
        const auto dot_git = folder / ".git";
        const auto status = std::filesystem::symlink_status(dot_git, error);
        if (!error && std::filesystem::exists(status)) {
            // A .git file (a worktree, a submodule) names its folder elsewhere: not read.
            if (!std::filesystem::is_directory(status)) {
                return std::nullopt;
            }
            auto file = read_index_file(dot_git / "index");
            if (!file) {
                return std::nullopt;
            }
            return GitIndex::parse(file->first, prefix, file->second);
        }
        if (!folder.has_relative_path()) {
            return std::nullopt;
        }
        prefix = folder.filename().string() + "/" + prefix;
        folder = folder.parent_path();
    }
    return std::nullopt;
}

} // namespace collab::store
