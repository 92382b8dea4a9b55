// An in-memory store::Disk for unit tests of the store: files, folders and links in a
// map, stamps from a counter (every write moves the stamps of the file and of its
// folder), and the same refusals as the real disk (store/contained): a path that
// leaves the root, a link on the way or in a file's place, a folder read as a file.
#pragma once

#include "fixtures.hpp"

#include <algorithm>
#include <cerrno>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/disk.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fixtures {

class FakeDisk final : public collab::store::Disk {
public:
    using EntryKind = collab::store::EntryKind;

    explicit FakeDisk(std::filesystem::path root = "/fake/workspace")
        : m_state(std::make_shared<State>()), m_root(std::move(root)) {
        m_state->nodes[""] = Node{EntryKind::folder, {}, stamp_now(*m_state)};
    }

    // Test set-up: a file (its folders made), a symbolic link, a removal.
    void put(const std::string& relative, std::string text) {
        const std::lock_guard lock(m_state->mutex);
        make_folders(parent(full(relative)));
        set(full(relative), Node{EntryKind::file, std::move(text), {}});
    }
    void put_link(const std::string& relative) {
        const std::lock_guard lock(m_state->mutex);
        make_folders(parent(full(relative)));
        set(full(relative), Node{EntryKind::link, {}, {}});
    }
    void remove(const std::string& relative) const override {
        const std::lock_guard lock(m_state->mutex);
        const auto path = full(relative);
        for (auto it = m_state->nodes.begin(); it != m_state->nodes.end();) {
            it = it->first == path || it->first.rfind(path + "/", 0) == 0 ? m_state->nodes.erase(it)
                                                                          : std::next(it);
        }
        touch(parent(path));
    }
    // A file's text, or nullopt.
    std::optional<std::string> text(const std::string& relative) const {
        const std::lock_guard lock(m_state->mutex);
        const auto it = m_state->nodes.find(full(relative));
        if (it == m_state->nodes.end() || it->second.kind != EntryKind::file) {
            return std::nullopt;
        }
        return it->second.text;
    }
    // How many writes went through write(), and how many of them were durable.
    int writes() const { return m_state->writes; }
    int durable_writes() const { return m_state->durable_writes; }

    const std::filesystem::path& root() const override { return m_root; }

    EntryKind kind(const std::string& relative) const override {
        const std::lock_guard lock(m_state->mutex);
        const auto walked = walk(parent(relative));
        if (walked.error != 0) {
            return walked.error == ENOENT ? EntryKind::missing : EntryKind::link;
        }
        const auto it = m_state->nodes.find(full(relative));
        return it == m_state->nodes.end() ? EntryKind::missing : it->second.kind;
    }

    std::vector<std::pair<std::string, EntryKind>>
    entries(const std::string& relative) const override {
        const std::lock_guard lock(m_state->mutex);
        std::vector<std::pair<std::string, EntryKind>> found;
        if (walk(relative).error != 0) {
            return found;
        }
        const auto folder = full(relative);
        const auto prefix = folder.empty() ? std::string() : folder + "/";
        for (const auto& [path, node] : m_state->nodes) {
            if (path.size() > prefix.size() && path.rfind(prefix, 0) == 0 &&
                path.find('/', prefix.size()) == std::string::npos) {
                found.emplace_back(path.substr(prefix.size()), node.kind);
            }
        }
        std::sort(found.begin(), found.end());
        return found;
    }

    std::optional<collab::store::FileStamp> stamp(const std::string& relative) const override {
        const std::lock_guard lock(m_state->mutex);
        if (walk(parent(relative)).error != 0) {
            return std::nullopt;
        }
        const auto it = m_state->nodes.find(full(relative));
        if (it == m_state->nodes.end()) {
            return std::nullopt;
        }
        return it->second.stamp;
    }

    collab::store::DiskRead read(const std::string& relative,
                                 std::size_t max_bytes) const override {
        const std::lock_guard lock(m_state->mutex);
        collab::store::DiskRead out;
        const auto opened = open_file(relative);
        if (opened.error != 0) {
            out.failure = collab::store::DiskRead::Failure::open;
            out.error = opened.error;
            out.failed = opened.failed;
            return out;
        }
        const auto& text = m_state->nodes.at(full(relative)).text;
        if (text.size() > max_bytes) {
            out.failure = collab::store::DiskRead::Failure::too_large;
            out.size = text.size();
            return out;
        }
        out.text = text;
        return out;
    }

    void write(const std::string& relative, std::string_view content, bool durable) const override {
        const std::lock_guard lock(m_state->mutex);
        auto opened = walk(parent(relative), true);
        const auto name = relative.substr(relative.rfind('/') + 1);
        if (opened.error == 0 &&
            (name.empty() || name == "." || name == ".." || relative.front() == '/')) {
            opened = {EXDEV, relative};
        }
        if (opened.error == 0) {
            if (const auto it = m_state->nodes.find(full(relative));
                it != m_state->nodes.end() && it->second.kind != EntryKind::file) {
                opened = {it->second.kind == EntryKind::link ? ELOOP : EINVAL, relative};
            }
        }
        if (opened.error != 0) {
            collab::store::Opened failed;
            failed.error = opened.error;
            failed.failed = opened.failed;
            collab::store::throw_opened(failed, m_root, "store.io.create_directory");
        }
        make_folders(parent(full(relative)));
        set(full(relative), Node{EntryKind::file, std::string(content), {}});
        ++m_state->writes;
        m_state->durable_writes += durable ? 1 : 0;
    }

    // Held in memory, and written (as write() writes) at commit.
    std::unique_ptr<collab::store::DiskFile> create(const std::string& relative,
                                                    bool durable) const override {
        return std::make_unique<File>(*this, relative, durable);
    }

    // The lock file is made like any file; a second lock while one is held is refused
    // at once (no other process can release it while a test waits).
    std::unique_ptr<collab::store::DiskLock> lock(const std::string& relative,
                                                  int /*timeout_ms*/) const override {
        const std::lock_guard guard(m_state->mutex);
        if (const auto opened = open_file(relative); opened.error != 0 && opened.error != ENOENT) {
            collab::store::Opened failed;
            failed.error = opened.error;
            failed.failed = opened.failed;
            collab::store::throw_opened(failed, m_root, "store.io.open_lock");
        }
        if (m_state->nodes.count(full(relative)) == 0) {
            make_folders(parent(full(relative)));
            set(full(relative), Node{EntryKind::file, {}, {}});
        }
        if (!m_state->locked.insert(full(relative)).second) {
            return nullptr;
        }
        return std::make_unique<Held>(m_state, full(relative));
    }

    std::unique_ptr<const collab::store::Disk> below(const std::string& relative) const override {
        const std::lock_guard lock(m_state->mutex);
        if (walk(relative).error != 0) {
            return nullptr;
        }
        return std::unique_ptr<const Disk>(
            new FakeDisk(m_state, full(relative), relative.empty() ? m_root : m_root / relative));
    }

private:
    struct Node {
        EntryKind kind = EntryKind::missing;
        std::string text;
        collab::store::FileStamp stamp;
    };
    struct State {
        std::mutex mutex;
        std::map<std::string, Node> nodes; // by full path; "" is the root folder
        std::int64_t tick = 0;
        std::uint64_t inode = 0;
        int writes = 0;
        int durable_writes = 0;
        std::set<std::string> locked;
    };
    struct Held final : collab::store::DiskLock {
        Held(std::shared_ptr<State> owner, std::string file)
            : state(std::move(owner)), path(std::move(file)) {}
        ~Held() override {
            const std::lock_guard guard(state->mutex);
            state->locked.erase(path);
        }
        std::shared_ptr<State> state;
        std::string path;
    };
    class File final : public collab::store::DiskFile {
    public:
        File(const FakeDisk& disk, std::string relative, bool durable)
            : m_disk(disk), m_relative(std::move(relative)), m_durable(durable) {}
        void append(std::string_view bytes) override { m_text.append(bytes); }
        void write_at(std::uint64_t offset, std::string_view bytes) override {
            m_text.replace(offset, std::min<std::size_t>(bytes.size(), m_text.size() - offset),
                           bytes);
        }
        void erase(std::uint64_t offset, std::uint64_t length) override {
            m_text.erase(offset, length);
        }
        std::uint64_t size() const override { return m_text.size(); }
        void commit() override { m_disk.write(m_relative, m_text, m_durable); }

    private:
        const FakeDisk& m_disk;
        std::string m_relative;
        bool m_durable;
        std::string m_text;
    };
    struct Walked {
        int error = 0;
        std::string failed; // relative to this disk, as store/contained names it
    };

    FakeDisk(std::shared_ptr<State> state, std::string prefix, std::filesystem::path root)
        : m_state(std::move(state)), m_prefix(std::move(prefix)), m_root(std::move(root)) {}

    static collab::store::FileStamp stamp_now(State& state) {
        // Times well in the past (a few ns after the epoch): settled for any run.
        collab::store::FileStamp stamp;
        stamp.device = 1;
        stamp.inode = ++state.inode;
        stamp.mtime_ns = ++state.tick;
        stamp.ctime_ns = stamp.mtime_ns;
        return stamp;
    }
    static std::string parent(const std::string& path) {
        const auto slash = path.rfind('/');
        return slash == std::string::npos ? std::string() : path.substr(0, slash);
    }
    std::string full(const std::string& relative) const {
        if (m_prefix.empty() || relative.empty()) {
            return m_prefix.empty() ? relative : m_prefix;
        }
        return m_prefix + "/" + relative;
    }
    // Walks the folders of `relative` (below this disk) as store/contained does.
    Walked walk(const std::string& relative, bool create = false) const {
        if (!relative.empty() && relative.front() == '/') {
            return {EXDEV, relative};
        }
        std::string walked;
        std::string_view rest = relative;
        while (!rest.empty()) {
            const auto slash = rest.find('/');
            const std::string name(rest.substr(0, slash));
            rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
            if (name.empty() || name == ".") {
                continue;
            }
            walked += (walked.empty() ? "" : "/") + name;
            if (name == "..") {
                return {EXDEV, walked};
            }
            const auto it = m_state->nodes.find(full(walked));
            if (it == m_state->nodes.end()) {
                if (!create) {
                    return {ENOENT, walked};
                }
                continue;
            }
            if (it->second.kind == EntryKind::link) {
                return {ELOOP, walked};
            }
            if (it->second.kind != EntryKind::folder) {
                return {ENOTDIR, walked};
            }
        }
        return {};
    }
    Walked open_file(const std::string& relative) const {
        const auto name = relative.substr(relative.rfind('/') + 1);
        if (relative.empty() || name.empty() || name == "." || name == ".." ||
            relative.front() == '/') {
            return {EXDEV, relative};
        }
        if (auto walked = walk(parent(relative)); walked.error != 0) {
            return walked;
        }
        const auto it = m_state->nodes.find(full(relative));
        if (it == m_state->nodes.end()) {
            return {ENOENT, relative};
        }
        if (it->second.kind != EntryKind::file) {
            return {it->second.kind == EntryKind::link ? ELOOP : EINVAL, relative};
        }
        return {};
    }
    void make_folders(const std::string& path) const {
        std::string walked;
        std::string_view rest = path;
        while (!rest.empty()) {
            const auto slash = rest.find('/');
            walked += (walked.empty() ? "" : "/") + std::string(rest.substr(0, slash));
            rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
            if (m_state->nodes.count(walked) == 0) {
                set(walked, Node{EntryKind::folder, {}, {}});
            }
        }
    }
    // Sets a node (a new stamp) and moves its folder's stamp, as a real write does.
    void set(const std::string& path, Node node) const {
        node.stamp = stamp_now(*m_state); // a new inode, as a rename into place gives
        m_state->nodes[path] = std::move(node);
        touch(parent(path));
    }
    void touch(const std::string& folder) const {
        if (const auto it = m_state->nodes.find(folder); it != m_state->nodes.end()) {
            it->second.stamp.mtime_ns = ++m_state->tick;
            it->second.stamp.ctime_ns = it->second.stamp.mtime_ns;
        }
    }

    std::shared_ptr<State> m_state;
    std::string m_prefix; // of this disk below the first one's root; "" for it
    std::filesystem::path m_root;
};

inline const char* const k_fake_settings = "name: unit\nlanguage: en\ntime_zone: Asia/Shanghai\n"
                                           "calendars: [calendars/cn-2026.yaml]\nid_prefix: R\n";

// The settings (k_fake_settings), roster and 2026 calendar of a workspace on a fake
// disk, without any request: the tests add theirs.
inline std::shared_ptr<FakeDisk> fake_settings_disk() {
    auto disk = std::make_shared<FakeDisk>();
    disk->put("collab.yaml", k_fake_settings);
    disk->put("people.yaml", people_yaml());
    disk->put("calendars/cn-2026.yaml",
              read_text_file(COLLAB_SOURCE_DIR "/templates/calendars/cn-2026.yaml"));
    return disk;
}

} // namespace fixtures
