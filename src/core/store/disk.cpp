#include <cerrno>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/disk.hpp>
#include <collab/store/record_folder.hpp>
#include <collab/store/recovery.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace collab::store {

namespace fs = std::filesystem;

std::vector<std::string> Disk::list(const std::string& relative, bool folders) const {
    std::vector<std::string> names;
    for (auto& [name, kind] : entries(relative)) {
        if ((kind == EntryKind::folder) == folders) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

void throw_read_failure(const DiskRead& result, const Disk& disk, const std::string& relative) {
    const auto code = std::error_code(result.error, std::generic_category());
    switch (result.failure) {
    case DiskRead::Failure::root:
        throw FileError(code, i18n::msg("store.io.open_directory", disk.root().string()));
    case DiskRead::Failure::open: {
        Opened opened;
        opened.error = result.error;
        opened.failed = result.failed;
        throw_opened(opened, disk.root(), "store.io.open");
    }
    case DiskRead::Failure::too_large:
        throw FileError(std::error_code(EFBIG, std::generic_category()),
                        i18n::msg("store.io.read", (disk.root() / relative).string()));
    case DiskRead::Failure::none:
    case DiskRead::Failure::read:
        break;
    }
    throw FileError(code, i18n::msg("store.io.read", (disk.root() / relative).string()));
}

namespace {

// A FileLock (flock) as a DiskLock.
struct HeldLock final : DiskLock {
    HeldLock(const fs::path& root, const std::string& relative, int timeout_ms)
        : lock(root, relative, timeout_ms) {}
    FileLock lock;
};

// An AtomicFileWriter as a DiskFile.
class ContainedFile final : public DiskFile {
public:
    ContainedFile(const fs::path& root, const std::string& relative, bool durable)
        : m_file(root, relative, durable) {}
    void append(std::string_view bytes) override { m_file.append(bytes); }
    void write_at(std::uint64_t offset, std::string_view bytes) override {
        m_file.write_at(offset, bytes);
    }
    void erase(std::uint64_t offset, std::uint64_t length) override {
        m_file.erase(offset, length);
    }
    std::uint64_t size() const override { return m_file.size(); }
    void commit() override { m_file.commit(); }

private:
    AtomicFileWriter m_file;
};

// The files below a workspace root through store/contained. Without a folder of its
// own, each call opens the root again (as a path: it may be a link); a disk made by
// below() keeps its folder open.
class ContainedDisk final : public Disk {
public:
    explicit ContainedDisk(fs::path root) : m_root(std::move(root)), m_shown(m_root) {}
    ContainedDisk(fs::path root, std::string prefix, std::shared_ptr<const RecordFolder> folder)
        : m_root(std::move(root)), m_prefix(std::move(prefix)),
          m_shown(m_prefix.empty() ? m_root : m_root / m_prefix), m_folder(std::move(folder)) {}

    const fs::path& root() const override { return m_shown; }

    EntryKind kind(const std::string& relative) const override {
        return with_folder([&](const RecordFolder& folder) { return folder.kind(relative); });
    }

    std::vector<std::pair<std::string, EntryKind>>
    entries(const std::string& relative) const override {
        return with_folder([&](const RecordFolder& folder) { return folder.entries(relative); });
    }

    std::optional<FileStamp> stamp(const std::string& relative) const override {
        return with_folder([&](const RecordFolder& folder) { return folder.stamp(relative); });
    }

    DiskRead read(const std::string& relative, std::size_t max_bytes) const override {
        DiskRead out;
        int base = m_folder ? m_folder->descriptor() : -1;
        if (!m_folder) {
            base = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (base < 0) {
                out.failure = DiskRead::Failure::root;
                out.error = errno;
                return out;
            }
        }
        const Opened opened = open_file_below(base, relative, O_RDONLY);
        if (!m_folder) {
            ::close(base);
        }
        if (opened.fd < 0) {
            out.failure = DiskRead::Failure::open;
            out.error = opened.error;
            out.failed = opened.failed;
            return out;
        }
        struct stat st {};
        if (::fstat(opened.fd, &st) == 0 && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
            // Refused before reading: the file may be huge.
            ::close(opened.fd);
            out.failure = DiskRead::Failure::too_large;
            out.size = static_cast<std::size_t>(st.st_size);
            return out;
        }
        try {
            out.text = read_descriptor(opened.fd, m_shown / relative);
        } catch (const std::system_error& error) {
            out.failure = DiskRead::Failure::read;
            out.error = error.code().value();
        }
        ::close(opened.fd);
        return out;
    }

    void write(const std::string& relative, std::string_view content, bool durable) const override {
        write_file_atomically(m_root, full(relative), content, durable);
    }

    std::unique_ptr<DiskFile> create(const std::string& relative, bool durable) const override {
        return std::make_unique<ContainedFile>(m_root, full(relative), durable);
    }

    void remove(const std::string& relative) const override {
        const auto kind = this->kind(relative);
        if (kind == EntryKind::missing) {
            return;
        }
        if (kind == EntryKind::link) {
            throw FileError(std::make_error_code(std::errc::too_many_symbolic_link_levels),
                            i18n::msg("store.io.remove", (m_root / full(relative)).string()));
        }
        remove_path(m_root, full(relative));
    }

    std::unique_ptr<DiskLock> lock(const std::string& relative, int timeout_ms) const override {
        auto held = std::make_unique<HeldLock>(m_root, full(relative), timeout_ms);
        if (!held->lock.locked()) {
            return nullptr;
        }
        return held;
    }

    std::unique_ptr<const Disk> below(const std::string& relative) const override {
        std::shared_ptr<const RecordFolder> folder;
        if (m_folder) {
            folder = std::make_shared<const RecordFolder>(*m_folder, relative);
        } else {
            const RecordFolder top(m_root);
            folder = relative.empty() ? std::make_shared<const RecordFolder>(m_root)
                                      : std::make_shared<const RecordFolder>(top, relative);
        }
        if (!folder->opened()) {
            return nullptr;
        }
        return std::make_unique<const ContainedDisk>(m_root, full(relative), std::move(folder));
    }

private:
    std::string full(const std::string& relative) const {
        if (m_prefix.empty() || relative.empty()) {
            return m_prefix.empty() ? relative : m_prefix;
        }
        return m_prefix + "/" + relative;
    }

    template <typename Call>
    auto with_folder(Call call) const -> decltype(call(std::declval<const RecordFolder&>())) {
        if (m_folder) {
            return call(*m_folder);
        }
        const RecordFolder folder(m_root);
        return call(folder);
    }

    fs::path m_root;
    std::string m_prefix; // of this disk's folder below m_root; "" for the root
    fs::path m_shown;     // m_root / m_prefix
    std::shared_ptr<const RecordFolder> m_folder;
};

} // namespace

std::shared_ptr<const Disk> contained_disk(fs::path root) {
    return std::make_shared<const ContainedDisk>(std::move(root));
}

} // namespace collab::store
