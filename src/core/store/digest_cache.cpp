#include <algorithm>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/digest_cache.hpp>
#include <collab/util/binary_io.hpp>
#include <collab/util/hmac.hpp>
#include <fcntl.h>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace collab::store {

namespace {

using util::ByteReader;
using util::ByteWriter;

constexpr std::string_view k_magic = "collab digest cache\n";
// 3: sync due after working days; the deliver step; verdicts say which calendar
// year they guessed. 4: trust findings (signature.*, log.chain) from entries' signature
// status, keyed by collab.yaml's policy and people.yaml's keys (the settings key).
// 5: the file ends in an HMAC-SHA256 under the user's cache secret, not a checksum.
// 6: a step's commands, one per choice. 7: each entry ends in its own HMAC-SHA256, not
// the file: an entry is checked when it is read. 8: a file's blob id in git's index.
constexpr std::uint64_t k_format = 8;
constexpr std::size_t k_tag_size = 32;

// The key of the entries' tags: the user's secret bound to this format, so that an
// entry of one format never passes for another's.
std::string entry_key(std::string_view secret) {
    return util::hmac_sha256(secret,
                             "collab digest cache entry, format " + std::to_string(k_format));
}

void put_stamp(ByteWriter& out, const FileStamp& stamp) {
    out.u64(stamp.device);
    out.u64(stamp.inode);
    out.u64(stamp.size);
    out.i64(stamp.mtime_ns);
    out.i64(stamp.ctime_ns);
}

FileStamp get_stamp(ByteReader& in) {
    FileStamp stamp;
    stamp.device = in.u64();
    stamp.inode = in.u64();
    stamp.size = in.u64();
    stamp.mtime_ns = in.i64();
    stamp.ctime_ns = in.i64();
    return stamp;
}

void put_key(ByteWriter& out, const util::ContentKey& key) {
    out.raw(&key.high, sizeof key.high);
    out.raw(&key.low, sizeof key.low);
}

util::ContentKey get_key(ByteReader& in) {
    util::ContentKey key;
    in.raw(&key.high, sizeof key.high);
    in.raw(&key.low, sizeof key.low);
    return key;
}

constexpr std::size_t k_varint_room = 10; // the most a length takes

// The file's first bytes, its count of entries last.
std::string header(std::size_t count) {
    ByteWriter out;
    out.raw(k_magic.data(), k_magic.size());
    out.u64(k_format);
    out.u64(count);
    return out.take();
}

// A string as a DiskFile, for DigestCacheWriter::encode.
class StringFile final : public DiskFile {
public:
    explicit StringFile(std::string& text) : m_text(text) {}
    void append(std::string_view bytes) override { m_text.append(bytes); }
    void write_at(std::uint64_t offset, std::string_view bytes) override {
        m_text.replace(offset, bytes.size(), bytes);
    }
    void erase(std::uint64_t offset, std::uint64_t length) override {
        m_text.erase(offset, length);
    }
    std::uint64_t size() const override { return m_text.size(); }
    void commit() override {}

private:
    std::string& m_text;
};

} // namespace

std::string encode_cached_request(const CachedRequest& cached) {
    ByteWriter out;
    put_stamp(out, cached.folder);
    out.boolean(cached.log_folder.has_value());
    if (cached.log_folder) {
        put_stamp(out, *cached.log_folder);
    }
    out.boolean(cached.folders_trusted);
    out.boolean(cached.no_temp_files);
    out.u64(cached.files.size());
    for (const auto& file : cached.files) {
        out.str(file.name);
        put_stamp(out, file.stamp);
        put_key(out, file.key);
        out.boolean(file.trusted);
        out.boolean(file.blob.has_value());
        if (file.blob) {
            out.raw(file.blob->data(), file.blob->size());
        }
    }
    put_key(out, cached.digest_key);
    out.str(cached.digest);
    return out.take();
}

std::optional<CachedRequest> decode_cached_request(std::string_view bytes) {
    ByteReader in(bytes);
    CachedRequest cached;
    cached.folder = get_stamp(in);
    if (in.boolean()) {
        cached.log_folder = get_stamp(in);
    }
    cached.folders_trusted = in.boolean();
    cached.no_temp_files = in.boolean();
    cached.files.resize(in.count());
    for (auto& file : cached.files) {
        file.name = in.str();
        file.stamp = get_stamp(in);
        file.key = get_key(in);
        file.trusted = in.boolean();
        if (in.boolean()) {
            file.blob.emplace();
            in.raw(file.blob->data(), file.blob->size());
        }
    }
    cached.digest_key = get_key(in);
    cached.digest = in.view(in.count());
    if (!in.ok() || !in.at_end()) {
        return std::nullopt;
    }
    return cached;
}

std::optional<DigestCache> DigestCache::decode(std::string bytes, std::string_view secret) {
    auto owner = std::make_shared<const std::string>(std::move(bytes));
    const std::string_view all(*owner);
    return decode(std::move(owner), all, secret);
}

std::optional<DigestCache> DigestCache::decode(std::shared_ptr<const void> owner,
                                               std::string_view all, std::string_view secret) {
    DigestCache cache;
    cache.m_owner = std::move(owner);
    cache.m_key = entry_key(secret);
    if (all.substr(0, k_magic.size()) != k_magic) {
        return std::nullopt;
    }
    const auto body = all.substr(k_magic.size());
    ByteReader in(body);
    if (in.u64() != k_format) {
        return std::nullopt;
    }
    const auto count = in.count();
    cache.m_index.reserve(count);
    for (std::size_t i = 0; i < count && in.ok(); ++i) {
        const auto start = in.position();
        Entry entry;
        entry.id = in.view(in.count());
        entry.bytes = in.view(in.count());
        entry.tagged = body.substr(start, in.position() - start);
        entry.tag = in.view(k_tag_size);
        cache.m_index.push_back(entry);
    }
    if (!in.ok() || !in.at_end() ||
        !std::is_sorted(cache.m_index.begin(), cache.m_index.end(),
                        [](const auto& a, const auto& b) { return a.id < b.id; })) {
        return std::nullopt;
    }
    cache.m_checked = std::make_unique<std::atomic<unsigned char>[]>(cache.m_index.size());
    return cache;
}

DigestCache DigestCache::load(const std::filesystem::path& file, std::string_view secret) {
    return load_descriptor(::open(file.c_str(), O_RDONLY | O_CLOEXEC), secret);
}

DigestCache DigestCache::load(const std::filesystem::path& root, const std::string& relative,
                              std::string_view secret) {
    const int root_fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root_fd < 0) {
        return {};
    }
    const int fd = open_file_below(root_fd, relative, O_RDONLY).fd;
    ::close(root_fd);
    return load_descriptor(fd, secret);
}

DigestCache DigestCache::load_descriptor(int fd, std::string_view secret) {
    // Mapped rather than read: the pages come straight from the page cache, populated
    // in one call, instead of being copied into fresh memory. A cache replaced while
    // mapped keeps its old inode (rename), so the mapping stays what was read.
    if (fd < 0) {
        return {};
    }
    struct stat st {};
    void* map = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                     MAP_PRIVATE | MAP_POPULATE, fd, 0);
    }
    ::close(fd);
    if (map == MAP_FAILED) {
        return {};
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    std::shared_ptr<const void> owner(
        map, [size](const void* at) { ::munmap(const_cast<void*>(at), size); });
    auto cache =
        decode(std::move(owner), std::string_view(static_cast<const char*>(map), size), secret);
    return cache ? std::move(*cache) : DigestCache{};
}

const DigestCache::Entry* DigestCache::find(const std::string& id) const {
    const auto found =
        std::lower_bound(m_index.begin(), m_index.end(), id,
                         [](const Entry& entry, const std::string& key) { return entry.id < key; });
    return found == m_index.end() || found->id != id ? nullptr : &*found;
}

std::string_view DigestCache::raw(const std::string& id) const {
    const auto* entry = find(id);
    if (entry == nullptr) {
        return {};
    }
    // Checked once: two threads asking at once both work it out, alike.
    auto& checked = m_checked[static_cast<std::size_t>(entry - m_index.data())];
    auto state = checked.load(std::memory_order_acquire);
    if (state == 0) {
        const auto tag = util::hmac_sha256(m_key, entry->tagged);
        state = tag == entry->tag ? 1 : 2;
        checked.store(state, std::memory_order_release);
    }
    return state == 1 ? entry->bytes : std::string_view();
}

std::vector<std::string> DigestCache::ids() const {
    std::vector<std::string> out;
    out.reserve(m_index.size());
    for (const auto& entry : m_index) {
        out.emplace_back(entry.id);
    }
    return out;
}

void DigestCacheWriter::put(std::string id, std::string entry_bytes) {
    m_entries.push_back({std::move(id), std::move(entry_bytes), {}, {}, false});
}

void DigestCacheWriter::keep(const DigestCache& from, const std::string& id) {
    if (const auto* entry = from.find(id)) {
        if (m_sources.empty() || m_sources.back() != from.m_owner) {
            m_sources.push_back(from.m_owner);
        }
        m_entries.push_back({id, {}, entry->bytes, entry->tag, true});
    }
}

DigestCacheStream::DigestCacheStream(std::unique_ptr<DiskFile> file, std::string_view secret,
                                     std::size_t most)
    : m_file(std::move(file)), m_key(entry_key(secret)), m_most(most) {
    m_file->append(header(most));
}

void DigestCacheStream::put(std::string_view id, std::string_view entry_bytes) {
    append(id, entry_bytes, {});
}

void DigestCacheStream::keep(const DigestCache& from, std::string_view id) {
    if (const auto* entry = from.find(std::string(id))) {
        append(id, entry->bytes, entry->tag);
    }
}

void DigestCacheStream::append(std::string_view id, std::string_view bytes, std::string_view tag) {
    // The reader finds entries by binary search: out of order, the file would be no cache.
    if ((m_count > 0 && id <= m_last_id) || m_count == m_most) {
        throw std::logic_error("digest cache entries out of order, or more than announced");
    }
    ByteWriter out;
    out.reserve(id.size() + bytes.size() + 2 * k_varint_room + k_tag_size);
    out.str(id);
    out.str(bytes);
    if (tag.size() == k_tag_size) {
        out.raw(tag.data(), tag.size());
    } else {
        const auto made = util::hmac_sha256(m_key, out.bytes());
        out.raw(made.data(), made.size());
    }
    m_file->append(out.bytes());
    m_last_id = id;
    ++m_count;
}

void DigestCacheStream::commit() {
    const auto room = header(m_most).size();
    const auto count = header(m_count);
    if (count.size() < room) {
        m_file->erase(count.size(), room - count.size());
    }
    m_file->write_at(0, count);
    m_file->commit();
}

std::string DigestCacheWriter::encode(std::string_view secret) {
    // Sorted by id; of an id put twice, the last one put stays.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<Pending> unique;
    unique.reserve(m_entries.size());
    for (auto& entry : m_entries) {
        if (!unique.empty() && unique.back().id == entry.id) {
            unique.back() = std::move(entry);
        } else {
            unique.push_back(std::move(entry));
        }
    }
    m_entries = std::move(unique);
    std::size_t size = header(m_entries.size()).size();
    for (const auto& entry : m_entries) {
        size += entry.id.size() + entry.bytes().size() + 2 * k_varint_room + k_tag_size;
    }
    std::string out;
    out.reserve(size); // grown once, not by doubling
    DigestCacheStream stream(std::make_unique<StringFile>(out), secret, m_entries.size());
    for (const auto& entry : m_entries) {
        stream.append(entry.id, entry.bytes(), entry.kept_tag);
    }
    stream.commit();
    return out;
}

bool DigestCacheWriter::save(const std::filesystem::path& file, std::string_view secret) {
    try {
        write_file_atomically(file, encode(secret), false);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool DigestCacheWriter::save(const std::filesystem::path& root, const std::string& relative,
                             std::string_view secret) {
    try {
        write_file_atomically(root, relative, encode(secret), false);
        return true;
    } catch (const std::exception&) {
        return false; // a link in .collab among them: the cache is not written
    }
}

} // namespace collab::store
