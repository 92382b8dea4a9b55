#include <collab/store/cache_secret.hpp>
#include <collab/util/hmac.hpp>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test_cache_secret {

namespace fs = std::filesystem;
using collab::store::cache_secret;

namespace {

std::string hex(const std::string& bytes) {
    static constexpr const char* k_digits = "0123456789abcdef";
    std::string out;
    for (const auto c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out += k_digits[byte >> 4];
        out += k_digits[byte & 0x0F];
    }
    return out;
}

// A fresh user cache folder per test case, removed afterwards.
struct CacheHome {
    fs::path path;
    CacheHome() {
        std::random_device random;
        path =
            fs::temp_directory_path() /
            ("collab-secret-test-" + std::to_string(::getpid()) + "-" + std::to_string(random())) /
            "collab";
    }
    ~CacheHome() {
        std::error_code ignored;
        fs::remove_all(path.parent_path(), ignored);
    }
    CacheHome(const CacheHome&) = delete;
    CacheHome& operator=(const CacheHome&) = delete;
};

} // namespace

TEST_SUITE("util: hmac_sha256") {
    TEST_CASE("RFC 4231 test cases 1 and 2") {
        CHECK(hex(collab::util::hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        CHECK(hex(collab::util::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}

TEST_SUITE("store: cache_secret") {
    TEST_CASE("made on first use, private, and the same on every later call") {
        const CacheHome home;
        const auto first = cache_secret(home.path);
        REQUIRE(first.has_value());
        CHECK(first->size() == 32);
        struct stat st {};
        REQUIRE(::stat((home.path / "cache-key").c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);
        CHECK(cache_secret(home.path) == first);
        const CacheHome other;
        CHECK(cache_secret(other.path) != first);
    }

    TEST_CASE("processes that make it at once agree on one") {
        const CacheHome home;
        constexpr int k_children = 8;
        pid_t children[k_children];
        for (auto& child : children) {
            child = ::fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                // _exit: the child must not run the test framework's exit handlers.
                ::_exit(cache_secret(home.path) ? 0 : 1);
            }
        }
        for (const auto child : children) {
            int status = 0;
            REQUIRE(::waitpid(child, &status, 0) == child);
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
        const auto secret = cache_secret(home.path);
        REQUIRE(secret.has_value());
        std::size_t files = 0;
        for ([[maybe_unused]] const auto& entry : fs::directory_iterator(home.path)) {
            ++files;
        }
        CHECK(files == 1); // no temporary file left beside it
    }

    TEST_CASE("no folder, a link, or a file of the wrong size is no secret") {
        CHECK_FALSE(cache_secret(fs::path()).has_value());
        const CacheHome home;
        fs::create_directories(home.path);
        {
            std::ofstream out(home.path / "cache-key");
            out << "short";
        }
        CHECK_FALSE(cache_secret(home.path).has_value());
        fs::remove(home.path / "cache-key");
        const auto elsewhere = home.path.parent_path() / "planted";
        {
            std::ofstream out(elsewhere);
            out << std::string(32, 'p');
        }
        fs::create_symlink(elsewhere, home.path / "cache-key");
        CHECK_FALSE(cache_secret(home.path).has_value());
    }
}

} // namespace test_cache_secret
