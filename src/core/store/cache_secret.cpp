#include <cerrno>
#include <collab/store/cache_secret.hpp>
#include <fcntl.h>
#include <openssl/rand.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace collab::store {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_secret_size = 32;
constexpr const char* k_secret_file = "cache-key";

// The secret in `path`, if it is one: a regular file of this user (not a link), of
// exactly the secret's size.
std::optional<std::string> read_secret(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    std::string secret(k_secret_size, '\0');
    const bool good =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
        st.st_size == static_cast<off_t>(k_secret_size) &&
        ::read(fd, secret.data(), k_secret_size) == static_cast<ssize_t>(k_secret_size);
    ::close(fd);
    return good ? std::optional<std::string>(std::move(secret)) : std::nullopt;
}

// Writes a fresh secret beside `path` and links it into place; false when it cannot.
// link() never replaces a file, so of two processes racing here one secret wins and
// both then read it.
bool make_secret(const fs::path& path) {
    unsigned char bytes[k_secret_size];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        return false;
    }
    const auto temp = path.parent_path() /
                      ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    const bool written =
        ::write(fd, bytes, sizeof bytes) == static_cast<ssize_t>(sizeof bytes) && ::fsync(fd) == 0;
    ::close(fd);
    const bool linked = written && (::link(temp.c_str(), path.c_str()) == 0 || errno == EEXIST);
    ::unlink(temp.c_str());
    return linked;
}

} // namespace

std::optional<std::string> cache_secret(const fs::path& user_cache_dir) {
    if (user_cache_dir.empty()) {
        return std::nullopt;
    }
    const auto path = user_cache_dir / k_secret_file;
    if (auto secret = read_secret(path)) {
        return secret;
    }
    std::error_code ec;
    fs::create_directories(user_cache_dir, ec);
    if (ec || !make_secret(path)) {
        return std::nullopt;
    }
    return read_secret(path);
}

} // namespace collab::store
