#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace collab::util {

// SHA-1 by OpenSSL's libcrypto: only to check what git wrote (the index file's own
// checksum), never to name or sign anything collab writes.
std::array<std::uint8_t, 20> sha1(std::string_view data);

} // namespace collab::util
