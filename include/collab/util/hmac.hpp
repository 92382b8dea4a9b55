#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace collab::util {

// HMAC-SHA256 (RFC 2104), computed by OpenSSL's libcrypto: a tag only the holder of
// `key` can produce, for data that comes back to us through hands we do not trust.
std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view data);

} // namespace collab::util
