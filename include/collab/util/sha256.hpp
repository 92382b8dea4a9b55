#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace collab::util {

// SHA-256 (FIPS 180-4), computed by OpenSSL's libcrypto. Content hashes bind signatures
// and transitions to the exact text they acted on.
std::array<std::uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

} // namespace collab::util
