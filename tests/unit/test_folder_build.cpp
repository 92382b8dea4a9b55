// store/folder_build: a folder built beside its target and swapped in whole.
#include <algorithm>
#include <collab/store/atomic_file.hpp>
#include <collab/store/folder_build.hpp>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace test_folder_build {

namespace fs = std::filesystem;
using collab::store::FileError;
using collab::store::FolderBuild;
using collab::store::read_file;
using collab::store::replaceable_folder;

namespace {

// A fresh folder per test case, removed afterwards.
class Scratch {
public:
    Scratch() {
        std::random_device random;
        m_path = fs::temp_directory_path() / ("collab-folder-test-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(random()));
        fs::create_directories(m_path);
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// The names in a folder, sorted: what a build left beside its target.
std::vector<std::string> names_in(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("a new folder appears whole, with its subfolders") {
    Scratch scratch;
    const auto site = scratch.path() / "out" / "site";
    {
        FolderBuild build(site);
        build.write("index.html", "home");
        build.write("people/li.html", "li");
        CHECK_FALSE(fs::exists(site)); // nothing there before commit
        build.commit();
    }
    CHECK(read_file(site / "index.html") == "home");
    CHECK(read_file(site / "people/li.html") == "li");
    CHECK(names_in(scratch.path() / "out") == std::vector<std::string>{"site"});
}

TEST_CASE("an existing folder is replaced whole; the old one is gone") {
    Scratch scratch;
    const auto site = scratch.path() / "site";
    fs::create_directories(site / "requests");
    { std::ofstream(site / "requests" / "R-OLD.html") << "old"; }
    {
        FolderBuild build(site);
        build.write("index.html", "new");
        build.commit();
    }
    CHECK(read_file(site / "index.html") == "new");
    CHECK_FALSE(fs::exists(site / "requests" / "R-OLD.html"));
    CHECK(names_in(scratch.path()) == std::vector<std::string>{"site"});
}

TEST_CASE("a build dropped before commit leaves the old folder and nothing beside it") {
    Scratch scratch;
    const auto site = scratch.path() / "site";
    fs::create_directories(site);
    { std::ofstream(site / "index.html") << "old"; }
    {
        FolderBuild build(site);
        build.write("index.html", "half");
    }
    CHECK(read_file(site / "index.html") == "old");
    CHECK(names_in(scratch.path()) == std::vector<std::string>{"site"});
}

TEST_CASE("a path that leaves the folder is refused, never written") {
    Scratch scratch;
    FolderBuild build(scratch.path() / "site");
    for (const char* bad : {"../escape.html", "/etc/x", "", "a/../../b"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(build.write(bad, "x"), FileError);
    }
    CHECK_FALSE(fs::exists(scratch.path() / "escape.html"));
}

TEST_CASE("only a missing or empty folder, or one collab built, is replaceable") {
    Scratch scratch;
    const auto root = scratch.path();
    CHECK(replaceable_folder(root / "missing"));
    fs::create_directories(root / "empty");
    CHECK(replaceable_folder(root / "empty"));
    fs::create_directories(root / "docs");
    { std::ofstream(root / "docs" / "notes.txt") << "mine"; }
    CHECK_FALSE(replaceable_folder(root / "docs"));
    { std::ofstream(root / "docs" / collab::store::k_built_folder_marker) << "collab site\n"; }
    CHECK(replaceable_folder(root / "docs"));
    { std::ofstream(root / "file") << "x"; }
    CHECK_FALSE(replaceable_folder(root / "file"));
}

} // namespace test_folder_build
