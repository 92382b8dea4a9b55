#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace collab::util {

// SHA-256 (FIPS 180-4). Content hashes bind signatures and transitions to the exact
// text they acted on; small enough to own rather than pull in a crypto library.
std::array<std::uint8_t, 32> sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

} // namespace collab::util
