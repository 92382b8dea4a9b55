// Git's index as a source of content names (store/git_index): index files of versions
// 2, 3 and 4 made here byte by byte as git writes them, what makes an entry clean
// (its stamp, and not racily clean), the entries git itself would not compare, and
// damaged or unknown files, which are never believed.
#include "../split_mix64.hpp"

#include <collab/store/git_index.hpp>
#include <cstdint>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_git_index {

using collab::store::FileStamp;
using collab::store::GitBlobId;
using collab::store::GitIndex;

constexpr std::int64_t k_s = 1'000'000'000;
// The index was written at this second; the files below changed ten seconds earlier.
constexpr std::int64_t k_written = 1'790'000'000 * k_s;

struct IndexEntry {
    std::string path;
    FileStamp stamp;
    GitBlobId blob{};
    std::uint32_t mode = 0100644;
    std::uint16_t flags = 0;          // beside the name length: assume-valid, stage
    std::uint16_t extended_flags = 0; // version 3 and later: skip-worktree, intent-to-add
};

void put32(std::string& out, std::uint64_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((value >> shift) & 0xff);
    }
}

void put16(std::string& out, unsigned value) {
    out += static_cast<char>((value >> 8) & 0xff);
    out += static_cast<char>(value & 0xff);
}

// git's varint.c encoding, for version 4's path compression.
std::string varint(std::uint64_t value) {
    std::string reversed(1, static_cast<char>(value & 127));
    while ((value >>= 7) != 0) {
        --value;
        reversed += static_cast<char>(128 | (value & 127));
    }
    return {reversed.rbegin(), reversed.rend()};
}

FileStamp stamp_at(std::int64_t mtime_ns, std::uint64_t inode = 42, std::uint64_t size = 100) {
    return {7, inode, size, mtime_ns, mtime_ns + 5};
}

GitBlobId blob_of(unsigned char fill) {
    GitBlobId blob{};
    blob.fill(fill);
    return blob;
}

// The bytes git would write for `entries` (sorted as given), then `extensions`, then
// the 20 bytes of the checksum (zeros when `checksum` is false, as index.skipHash
// writes; otherwise any bytes: it is not worked out).
std::string index_file(unsigned version, const std::vector<IndexEntry>& entries,
                       const std::string& extensions = "", bool checksum = true) {
    std::string out = "DIRC";
    put32(out, version);
    put32(out, entries.size());
    std::string previous;
    for (const auto& e : entries) {
        const auto start = out.size();
        put32(out, static_cast<std::uint64_t>(e.stamp.ctime_ns / k_s));
        put32(out, static_cast<std::uint64_t>(e.stamp.ctime_ns % k_s));
        put32(out, static_cast<std::uint64_t>(e.stamp.mtime_ns / k_s));
        put32(out, static_cast<std::uint64_t>(e.stamp.mtime_ns % k_s));
        put32(out, e.stamp.device);
        put32(out, e.stamp.inode);
        put32(out, e.mode);
        put32(out, 1000);
        put32(out, 1000);
        put32(out, e.stamp.size);
        out.append(reinterpret_cast<const char*>(e.blob.data()), e.blob.size());
        const unsigned length =
            e.path.size() < 0xfff ? static_cast<unsigned>(e.path.size()) : 0xfff;
        put16(out, e.flags | (e.extended_flags != 0 ? 0x4000U : 0U) | length);
        if (e.extended_flags != 0) {
            put16(out, e.extended_flags);
        }
        if (version == 4) {
            std::size_t common = 0;
            while (common < previous.size() && common < e.path.size() &&
                   previous[common] == e.path[common]) {
                ++common;
            }
            out += varint(previous.size() - common);
            out += e.path.substr(common);
            out += '\0';
        } else {
            out += e.path;
            const std::size_t fixed = out.size() - start - e.path.size();
            out.append(((fixed + e.path.size() + 8) & ~std::size_t{7}) - (out.size() - start),
                       '\0');
        }
        previous = e.path;
    }
    out += extensions;
    out.append(20, checksum ? '\x5a' : '\0');
    return out;
}

std::string extension(const std::string& signature, const std::string& data) {
    std::string out = signature;
    put32(out, data.size());
    return out + data;
}

const FileStamp k_form = stamp_at(k_written - 10 * k_s + 123);
const FileStamp k_log = stamp_at(k_written - 10 * k_s + 456, 43, 2000);

std::vector<IndexEntry> workspace_entries() {
    return {{"README.md", stamp_at(k_written - 20 * k_s), blob_of(1)},
            {"ws/requests/R-1/log/li.yaml", k_log, blob_of(2)},
            {"ws/requests/R-1/request.yaml", k_form, blob_of(3)}};
}

TEST_SUITE("collab::store::GitIndex") {

    TEST_CASE("versions 2, 3 and 4: a file with the stamp the index recorded is its blob") {
        for (const unsigned version : {2U, 3U, 4U}) {
            CAPTURE(version);
            const auto index =
                GitIndex::parse(index_file(version, workspace_entries()), "ws/", k_written);
            REQUIRE(index.has_value());
            CHECK(index->size() == 2); // README.md is outside the workspace's folder
            CHECK(index->clean_blob("requests/R-1/request.yaml", k_form) == blob_of(3));
            CHECK(index->clean_blob("requests/R-1/log/li.yaml", k_log) == blob_of(2));
            CHECK_FALSE(index->clean_blob("README.md", stamp_at(k_written - 20 * k_s)));
            CHECK_FALSE(index->clean_blob("requests/R-1/tasks.yaml", k_form));
        }
        const auto whole = GitIndex::parse(index_file(2, workspace_entries()), "", k_written);
        REQUIRE(whole.has_value());
        CHECK(whole->clean_blob("ws/requests/R-1/request.yaml", k_form) == blob_of(3));
        CHECK(whole->clean_blob("README.md", stamp_at(k_written - 20 * k_s)) == blob_of(1));
    }

    TEST_CASE("any difference from the recorded stamp means git would read the file") {
        const auto index = GitIndex::parse(index_file(2, workspace_entries()), "ws/", k_written);
        REQUIRE(index.has_value());
        const std::string path = "requests/R-1/request.yaml";
        auto changed = k_form;
        changed.size += 1;
        CHECK_FALSE(index->clean_blob(path, changed));
        changed = k_form;
        changed.mtime_ns += 1;
        CHECK_FALSE(index->clean_blob(path, changed));
        changed = k_form;
        changed.ctime_ns += k_s;
        CHECK_FALSE(index->clean_blob(path, changed));
        changed = k_form;
        changed.inode += 1;
        CHECK_FALSE(index->clean_blob(path, changed));
        changed = k_form;
        changed.device += 1;
        CHECK_FALSE(index->clean_blob(path, changed));
        // Only the low 32 bits are recorded, as git does.
        changed = k_form;
        changed.size += std::uint64_t{1} << 32;
        CHECK(index->clean_blob(path, changed) == blob_of(3));
    }

    TEST_CASE("a file changed in the second the index was written is racily clean") {
        const FileStamp racy = stamp_at(k_written + 200); // same second as the index
        const FileStamp just_before = stamp_at(k_written - 1000);
        const auto index = GitIndex::parse(
            index_file(2, {{"a.yaml", racy, blob_of(4)}, {"b.yaml", just_before, blob_of(5)}}), "",
            k_written);
        REQUIRE(index.has_value());
        CHECK_FALSE(index->clean_blob("a.yaml", racy));
        // Changed in the second before the index was written: clean.
        CHECK(index->clean_blob("b.yaml", just_before) == blob_of(5));
        const auto later =
            GitIndex::parse(index_file(2, {{"a.yaml", racy, blob_of(4)}}), "", k_written + 2 * k_s);
        REQUIRE(later.has_value());
        CHECK(later->clean_blob("a.yaml", racy) == blob_of(4));
    }

    TEST_CASE("git built without nanosecond times records none: seconds are compared") {
        auto entry = IndexEntry{"a.yaml", stamp_at(k_written - 3 * k_s), blob_of(6)};
        const auto real = entry.stamp;
        entry.stamp.mtime_ns -= entry.stamp.mtime_ns % k_s;
        entry.stamp.ctime_ns -= entry.stamp.ctime_ns % k_s;
        const auto index = GitIndex::parse(index_file(2, {entry}), "", k_written);
        REQUIRE(index.has_value());
        auto with_ns = real;
        with_ns.mtime_ns += 999;
        CHECK(index->clean_blob("a.yaml", with_ns) == blob_of(6));
    }

    TEST_CASE("entries git itself would not compare with the file are left out") {
        const auto old = stamp_at(k_written - 10 * k_s);
        std::vector<IndexEntry> entries = {
            {"assumed.yaml", old, blob_of(1), 0100644, 0x8000, 0},
            {"conflict.yaml", old, blob_of(2), 0100644, 0x2000, 0},
            {"intended.yaml", old, blob_of(3), 0100644, 0, 0x2000},
            {"link.yaml", old, blob_of(4), 0120000, 0, 0},
            {"plain.yaml", old, blob_of(5), 0100755, 0, 0},
            {"sparse.yaml", old, blob_of(6), 0100644, 0, 0x4000},
            {"submodule", old, blob_of(7), 0160000, 0, 0},
        };
        const auto index = GitIndex::parse(index_file(3, entries), "", k_written);
        REQUIRE(index.has_value());
        CHECK(index->size() == 1);
        CHECK(index->clean_blob("plain.yaml", old) == blob_of(5));
        for (const auto& entry : entries) {
            if (entry.path != "plain.yaml") {
                CHECK_FALSE(index->clean_blob(entry.path, old));
            }
        }
        // Extended flags are refused in a version 2 file.
        CHECK_FALSE(GitIndex::parse(index_file(2, entries), "", k_written));
    }

    TEST_CASE("extensions: the ordinary ones are skipped, split and sparse indexes not read") {
        const auto entries = workspace_entries();
        const auto tree = extension("TREE", std::string(30, 'x'));
        CHECK(GitIndex::parse(index_file(2, entries, tree), "ws/", k_written).has_value());
        CHECK(GitIndex::parse(index_file(2, entries, tree + extension("REUC", "abc")), "ws/",
                              k_written)
                  .has_value());
        CHECK_FALSE(GitIndex::parse(index_file(2, entries, extension("link", std::string(20, 'l'))),
                                    "ws/", k_written));
        CHECK_FALSE(
            GitIndex::parse(index_file(2, entries, extension("sdir", "")), "ws/", k_written));
        // An extension longer than what is left.
        auto cut = extension("TREE", std::string(30, 'x'));
        cut.resize(cut.size() - 5);
        CHECK_FALSE(GitIndex::parse(index_file(2, entries, cut), "ws/", k_written));
    }

    TEST_CASE("a damaged or unknown index is never believed") {
        const auto good = index_file(2, workspace_entries());
        REQUIRE(GitIndex::parse(good, "ws/", k_written).has_value());
        CHECK(GitIndex::parse(index_file(2, workspace_entries(), "", false), "ws/", k_written)
                  .has_value());
        CHECK_FALSE(GitIndex::parse(good.substr(0, good.size() - 40), "ws/", k_written));
        CHECK_FALSE(GitIndex::parse("", "ws/", k_written));
        CHECK_FALSE(GitIndex::parse("DIRC", "ws/", k_written));
        auto other = good;
        other[0] = 'X';
        CHECK_FALSE(GitIndex::parse(other, "ws/", k_written));
        auto v5 = good;
        v5[7] = 5;
        CHECK_FALSE(GitIndex::parse(v5, "ws/", k_written));
        auto more = good;
        more[11] = 9; // more entries than the file holds
        CHECK_FALSE(GitIndex::parse(more, "ws/", k_written));
        auto length = good;
        length[12 + 61] = static_cast<char>(length[12 + 61] + 1); // README.md's name length
        CHECK_FALSE(GitIndex::parse(length, "ws/", k_written));
        // Version 4 stripping more of the previous path than there is.
        auto v4 = index_file(4, workspace_entries());
        const auto at = v4.find("ws/requests/R-1/log");
        REQUIRE(at != std::string::npos);
        REQUIRE(v4[at - 1] == 9); // strips all of README.md, the path before it
        v4[at - 1] = 10;
        CHECK_FALSE(GitIndex::parse(v4, "ws/", k_written));
        // A path twice: neither is believed.
        auto entries = workspace_entries();
        entries.push_back(entries.back());
        CHECK_FALSE(GitIndex::parse(index_file(2, entries), "ws/", k_written));
    }

    TEST_CASE("a damaged byte in an entry never names a file's content wrongly") {
        // The checksum is not worked out: a changed stamp or blob byte makes the entry
        // differ from the file (read again) or names a blob the cache never saw.
        const auto good = index_file(2, workspace_entries());
        const std::string path = "requests/R-1/request.yaml";
        const auto entry = good.find("ws/requests/R-1/request.yaml") - 62;
        for (std::size_t field = 0; field < 40; ++field) {
            if (field >= 24 && field < 36) {
                continue; // mode, uid and gid: not compared (a mode not a file's: left out)
            }
            auto damaged = good;
            damaged[entry + field] = static_cast<char>(damaged[entry + field] ^ 0x10);
            const auto index = GitIndex::parse(damaged, "ws/", k_written);
            REQUIRE(index.has_value());
            CHECK_FALSE(index->clean_blob(path, k_form));
        }
        auto blob = good;
        blob[entry + 40] = static_cast<char>(blob[entry + 40] ^ 1);
        const auto index = GitIndex::parse(blob, "ws/", k_written);
        REQUIRE(index.has_value());
        CHECK(index->clean_blob(path, k_form) != blob_of(3));
    }

    TEST_CASE("random damage to an index never crashes nor reads past its end") {
        const auto good = index_file(4, workspace_entries(), extension("TREE", "abc"));
        std::uint64_t state = 7;
        const auto next = [&state] {
            return collab::testing::split_mix64(state);
        };
        for (int round = 0; round < 3000; ++round) {
            auto bytes = good;
            const auto changes = 1 + next() % 4;
            for (std::uint64_t c = 0; c < changes; ++c) {
                bytes[next() % (bytes.size() - 20)] = static_cast<char>(next());
            }
            if (next() % 4 == 0) {
                bytes.erase(12 + next() % (bytes.size() - 32), 1 + next() % 8);
            }
            const auto index = GitIndex::parse(bytes, "ws/", k_written);
            if (index) {
                CHECK(index->size() <= 2);
            }
        }
    }
}

} // namespace test_git_index
