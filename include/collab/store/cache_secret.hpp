#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace collab::store {

// The user's cache secret: 32 random bytes in <user cache dir>/cache-key (0600), made
// on first use. Derived data that collab keeps inside a workspace (the digest cache)
// is tagged with it, so a cache file that arrives some other way (committed in a pull
// request, copied from another machine) is not believed: the run is cold instead. Two
// processes making it at once agree on one (the file is linked into place, never
// replaced). nullopt when there is no user cache folder, it cannot be written, or
// `cache-key` is not a regular file of 32 bytes owned by this user.
std::optional<std::string> cache_secret(const std::filesystem::path& user_cache_dir);

} // namespace collab::store
