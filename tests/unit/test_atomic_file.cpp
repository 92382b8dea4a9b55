#include <algorithm>
#include <chrono>
#include <collab/store/atomic_file.hpp>
#include <collab/store/contained.hpp>
#include <collab/store/recovery.hpp>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

namespace test_atomic_file {

namespace fs = std::filesystem;
using collab::store::FileLock;
using collab::store::read_file;
using collab::store::write_file_atomically;

namespace {

// A fresh folder per test case, removed afterwards, so tests never see each
// other's files or leftovers from an earlier run.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        m_path = fs::temp_directory_path() / ("collab-atomic-test-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(random()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

std::vector<std::string> entries(const fs::path& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(directory)) {
        names.push_back(fs::relative(entry.path(), directory).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Tries the lock from a separate process, because flock conflicts are between
// open files and the point is that another collab process is kept out.
bool child_can_lock(const fs::path& lock_path) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int code = 2;
        try {
            const FileLock lock(lock_path, 100);
            code = lock.locked() ? 0 : 1;
        } catch (...) {
        }
        // _exit: the child must not run the test framework's exit handlers.
        ::_exit(code);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) != 2);
    return WEXITSTATUS(status) == 0;
}

} // namespace

TEST_SUITE("collab::store") {

    TEST_CASE("a failed file operation is a FileError: a catalog message and the system's code") {
        const TempDir dir;
        const fs::path missing = dir.path() / "missing.yaml";
        try {
            (void)read_file(missing);
            FAIL("read_file of a missing file must throw");
        } catch (const collab::store::FileError& error) {
            using collab::i18n::Language;
            CHECK(error.code() == std::errc::no_such_file_or_directory);
            CHECK(error.attempt() == collab::i18n::msg("store.io.open", missing.string()));
            CHECK(collab::i18n::render(Language::zh, error.attempt()) ==
                  "无法打开“" + missing.string() + "”");
            // Still a std::system_error, with the English text for logs.
            CHECK(std::string(error.what()).find("cannot open '" + missing.string() + "'") == 0);
        }
        // Every attempt the store names is in the catalog.
        for (const char* id :
             {"store.io.failed", "store.io.create_directory", "store.io.write",
              "store.io.open_directory", "store.io.sync_directory", "store.io.create_temporary",
              "store.io.sync", "store.io.close", "store.io.replace", "store.io.open",
              "store.io.read", "store.io.open_lock", "store.io.lock"}) {
            CAPTURE(id);
            CHECK(collab::i18n::has_message(id));
        }
    }

    TEST_CASE("write_file_atomically creates and replaces the whole content") {
        const TempDir dir;
        const fs::path target = dir.path() / "record.yaml";

        write_file_atomically(target, "a much longer first version\nwith two lines\n");
        CHECK(read_file(target) == "a much longer first version\nwith two lines\n");

        write_file_atomically(target, "short");
        CHECK(read_file(target) == "short");

        write_file_atomically(target, "");
        CHECK(read_file(target).empty());
        CHECK(fs::file_size(target) == 0);
    }

    TEST_CASE("write_file_atomically keeps binary content exactly") {
        const TempDir dir;
        const fs::path target = dir.path() / "blob";
        std::string content;
        for (int i = 0; i < 3 * 65536 + 7; ++i) {
            content += static_cast<char>(i % 256);
        }
        write_file_atomically(target, content);
        CHECK(read_file(target) == content);
    }

    TEST_CASE("write_file_atomically leaves no temporary files behind") {
        const TempDir dir;
        for (int i = 0; i < 5; ++i) {
            write_file_atomically(dir.path() / "a.yaml", "version " + std::to_string(i));
            write_file_atomically(dir.path() / "b.yaml", "other");
        }
        CHECK(entries(dir.path()) == std::vector<std::string>{"a.yaml", "b.yaml"});
    }

    TEST_CASE("AtomicFileWriter: pieces written, rewritten and moved down, in place at commit") {
        const TempDir dir;
        const fs::path target = dir.path() / "cache";
        write_file_atomically(target, "old");
        {
            collab::store::AtomicFileWriter file(target, false);
            file.append("0123456789");
            // Larger than one chunk of erase's copy, so that it takes several.
            const std::string tail((1U << 20) + 5, 'z');
            file.append(tail);
            file.write_at(0, "ab");
            file.erase(2, 3); // "ab" "56789" tail
            CHECK(file.size() == 7 + tail.size());
            CHECK(read_file(target) == "old");
            CHECK(entries(dir.path()).size() == 2); // beside it, the temporary file
            file.commit();
            CHECK(read_file(target) == "ab56789" + tail);
        }
        CHECK(entries(dir.path()) == std::vector<std::string>{"cache"});
    }

    TEST_CASE("AtomicFileWriter: dropped uncommitted, the target stays and nothing is left") {
        const TempDir dir;
        const fs::path target = dir.path() / "cache";
        write_file_atomically(target, "old");
        {
            collab::store::AtomicFileWriter file(target, false);
            file.append("new, never committed");
        }
        CHECK(read_file(target) == "old");
        CHECK(entries(dir.path()) == std::vector<std::string>{"cache"});
    }

    TEST_CASE("is_temp_name recognises the temporary files of write_file_atomically only") {
        using collab::store::is_temp_name;
        CHECK(is_temp_name(".zhang.yaml.tmp.4242.0badf00d"));
        CHECK(is_temp_name(".request.yaml.tmp.1.ffffffff"));
        CHECK_FALSE(is_temp_name("zhang.yaml"));
        CHECK_FALSE(is_temp_name(".zhang.yaml"));
        CHECK_FALSE(is_temp_name("zhang.yaml.tmp.4242.0badf00d"));   // not hidden
        CHECK_FALSE(is_temp_name(".zhang.yaml.tmp.42x2.0badf00d"));  // no pid
        CHECK_FALSE(is_temp_name(".zhang.yaml.tmp.4242.0BADF00D"));  // not as written
        CHECK_FALSE(is_temp_name(".zhang.yaml.tmp.4242.0badf00"));   // seven digits
        CHECK_FALSE(is_temp_name(".zhang.yaml.tmpx.4242.0badf00d")); // not the marker
        CHECK_FALSE(is_temp_name(".tmp.4242.0badf00d"));             // no target
    }

    TEST_CASE("write_file_atomically creates missing parent folders") {
        const TempDir dir;
        const fs::path target = dir.path() / "one" / "two" / "three" / "file.txt";
        write_file_atomically(target, "deep");
        CHECK(read_file(target) == "deep");
        CHECK(entries(dir.path() / "one") ==
              std::vector<std::string>{"two", "two/three", "two/three/file.txt"});
    }

    TEST_CASE("write_file_atomically fails when the parent is a file") {
        const TempDir dir;
        const fs::path blocker = dir.path() / "plain";
        write_file_atomically(blocker, "keep me");
        const fs::path target = blocker / "child.txt";

        try {
            write_file_atomically(target, "new");
            FAIL("expected std::system_error");
        } catch (const std::system_error& error) {
            CHECK(std::string(error.what()).find(target.string()) != std::string::npos);
        }
        CHECK(read_file(blocker) == "keep me");
        CHECK(entries(dir.path()) == std::vector<std::string>{"plain"});
    }

    TEST_CASE("write_file_atomically leaves the target and no temp file when rename fails") {
        const TempDir dir;
        // A non-empty directory cannot be replaced by a file, so the rename fails after
        // the temporary file has been written.
        const fs::path target = dir.path() / "target";
        fs::create_directories(target);
        write_file_atomically(target / "inside", "untouched");

        CHECK_THROWS_AS(write_file_atomically(target, "new"), std::system_error);
        CHECK(fs::is_directory(target));
        CHECK(read_file(target / "inside") == "untouched");
        CHECK(entries(dir.path()) == std::vector<std::string>{"target", "target/inside"});
    }

    TEST_CASE("read_file throws with the path when the file is missing") {
        const TempDir dir;
        const fs::path missing = dir.path() / "missing.txt";
        try {
            (void)read_file(missing);
            FAIL("expected std::system_error");
        } catch (const std::system_error& error) {
            CHECK(error.code() == std::errc::no_such_file_or_directory);
            CHECK(std::string(error.what()).find(missing.string()) != std::string::npos);
        }
    }

    TEST_CASE("FileLock creates the lock file and its folders") {
        const TempDir dir;
        const fs::path lock_path = dir.path() / "state" / ".lock";
        const FileLock lock(lock_path, 0);
        CHECK(lock.locked());
        CHECK(fs::exists(lock_path));
    }

    TEST_CASE("FileLock is exclusive across processes until released") {
        const TempDir dir;
        const fs::path lock_path = dir.path() / ".lock";
        {
            const FileLock lock(lock_path);
            REQUIRE(lock.locked());
            CHECK_FALSE(child_can_lock(lock_path));
        }
        CHECK(child_can_lock(lock_path));
    }

    TEST_CASE("FileLock gives up after the timeout instead of throwing") {
        const TempDir dir;
        const fs::path lock_path = dir.path() / ".lock";
        const FileLock holder(lock_path);
        REQUIRE(holder.locked());

        // Two opens of one file conflict under flock even within a process.
        const auto start = std::chrono::steady_clock::now();
        const FileLock waiter(lock_path, 50);
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK_FALSE(waiter.locked());
        CHECK(waited >= std::chrono::milliseconds(50));
        CHECK(waited < std::chrono::seconds(5));
    }

    TEST_CASE("FileLock waits for a holder that lets go") {
        const TempDir dir;
        const fs::path lock_path = dir.path() / ".lock";
        int ready[2] = {-1, -1};
        REQUIRE(::pipe(ready) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(ready[0]);
            int code = 1;
            try {
                const FileLock lock(lock_path, 0);
                code = lock.locked() ? 0 : 1;
                // Tell the parent the lock is held, then keep it while the parent waits.
                const char byte = 'x';
                if (::write(ready[1], &byte, 1) != 1) {
                    code = 3;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            } catch (...) {
            }
            ::_exit(code);
        }
        ::close(ready[1]);
        char byte = 0;
        REQUIRE(::read(ready[0], &byte, 1) == 1);
        ::close(ready[0]);

        const auto start = std::chrono::steady_clock::now();
        const FileLock lock(lock_path, 5000);
        const auto waited = std::chrono::steady_clock::now() - start;
        CHECK(lock.locked());
        CHECK(waited >= std::chrono::milliseconds(100));
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }

    // Inside a workspace nothing is followed: a link or FIFO among the records is
    // refused, naming it; only the root may be reached through a link.
    TEST_CASE("a contained write refuses a linked folder and writes nothing outside") {
        const TempDir dir;
        const auto root = dir.path() / "ws";
        const auto outside = dir.path() / "outside";
        fs::create_directories(root);
        fs::create_directories(outside);
        fs::create_directory_symlink(outside, root / "log");
        try {
            write_file_atomically(root, std::string("log/ann.yaml"), std::string_view("x\n"));
            FAIL("the write went through a link");
        } catch (const collab::store::FileError& error) {
            CHECK(error.attempt().id == "store.io.link");
            CHECK(error.attempt().args.at(0) == "log");
        }
        CHECK(fs::is_empty(outside));
    }

    TEST_CASE("a contained write refuses a link or FIFO in the target's place") {
        const TempDir dir;
        const auto root = dir.path();
        write_file_atomically(root / "secret", "keep\n");
        fs::create_symlink(root / "secret", root / "record.yaml");
        CHECK_THROWS_AS(write_file_atomically(root, "record.yaml", "x\n"),
                        collab::store::FileError);
        CHECK(read_file(root / "secret") == "keep\n");
        CHECK(fs::is_symlink(root / "record.yaml"));
        REQUIRE(::mkfifo((root / "fifo.yaml").c_str(), 0600) == 0);
        CHECK_THROWS_AS(write_file_atomically(root, "fifo.yaml", "x\n"), collab::store::FileError);
        CHECK(fs::is_fifo(root / "fifo.yaml"));
    }

    TEST_CASE("a contained write makes missing folders and may reach the root by a link") {
        const TempDir dir;
        fs::create_directories(dir.path() / "real");
        fs::create_directory_symlink(dir.path() / "real", dir.path() / "via-link");
        write_file_atomically(dir.path() / "via-link", std::string("requests/R-1/log/ann.yaml"),
                              std::string_view("x\n"));
        CHECK(read_file(dir.path() / "real/requests/R-1/log/ann.yaml") == "x\n");
        CHECK(collab::store::read_contained(dir.path() / "via-link", "requests/R-1/log/ann.yaml") ==
              "x\n");
    }

    TEST_CASE("a contained read refuses links, FIFOs, devices and climbing, and never blocks") {
        const TempDir dir;
        const auto root = dir.path();
        write_file_atomically(root / "secret", "s3cret\n");
        fs::create_directories(root / "ws");
        fs::create_symlink(root / "secret", root / "ws/link.yaml");
        fs::create_symlink("/dev/null", root / "ws/device.yaml");
        REQUIRE(::mkfifo((root / "ws/fifo.yaml").c_str(), 0600) == 0);
        const auto refusal = [&](const std::string& relative) {
            try {
                collab::store::read_contained(root / "ws", relative);
            } catch (const collab::store::FileError& error) {
                return error.attempt().id;
            }
            return std::string("read");
        };
        CHECK(refusal("link.yaml") == "store.io.link");
        CHECK(refusal("device.yaml") == "store.io.link");
        CHECK(refusal("fifo.yaml") == "store.io.not_regular"); // and did not hang
        CHECK(refusal("../secret") == "store.io.outside");
        CHECK(refusal("/etc/passwd") == "store.io.outside");
        const int root_fd = collab::store::open_root(root);
        CHECK(collab::store::entry_kind_below(root_fd, "ws/fifo.yaml") ==
              collab::store::EntryKind::other);
        CHECK(collab::store::entry_kind_below(root_fd, "ws/link.yaml") ==
              collab::store::EntryKind::link);
        CHECK(collab::store::entry_kind_below(root_fd, "ws/link.yaml/x") ==
              collab::store::EntryKind::link);
        ::close(root_fd);
    }

    TEST_CASE("the lock file is refused when .collab is a link") {
        const TempDir dir;
        fs::create_directories(dir.path() / "ws");
        fs::create_directories(dir.path() / "outside");
        fs::create_directory_symlink(dir.path() / "outside", dir.path() / "ws/.collab");
        CHECK_THROWS_AS(FileLock(dir.path() / "ws", ".collab/lock", 0), collab::store::FileError);
        CHECK(fs::is_empty(dir.path() / "outside"));
    }

} // TEST_SUITE

TEST_CASE("leftovers: temporary files of records are found, a cache write in flight is not") {
    const TempDir dir;
    const auto& root = dir.path();
    fs::create_directories(root / "requests/R-ABCDEF/log");
    fs::create_directories(root / ".collab/cache");
    fs::create_directories(root / ".collab/pending");
    const auto touch = [&](const std::string& relative) {
        write_file_atomically(root / relative, "x\n");
    };
    touch("requests/R-ABCDEF/request.yaml");
    touch("requests/R-ABCDEF/log/.li.yaml.tmp.4242.0a1b2c3d");
    touch(".collab/pending/.R-ABCDEF.request.yaml.tmp.4242.0a1b2c3d");
    // A reader's digest-cache write, unlocked: another run may be writing it right now.
    touch(".collab/cache/.digests.tmp.4242.0a1b2c3d");

    std::vector<std::string> found;
    for (const auto& leftover : collab::store::find_leftovers(root)) {
        CHECK(leftover.kind == collab::store::Leftover::Kind::temp_file);
        found.push_back(leftover.path);
    }
    std::sort(found.begin(), found.end());
    CHECK(found ==
          std::vector<std::string>{".collab/pending/.R-ABCDEF.request.yaml.tmp.4242.0a1b2c3d",
                                   "requests/R-ABCDEF/log/.li.yaml.tmp.4242.0a1b2c3d"});
}

} // namespace test_atomic_file
