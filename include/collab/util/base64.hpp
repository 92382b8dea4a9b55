#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace collab::util {

// Standard base64 (RFC 4648, with padding), as SSH keys and signatures use it.
std::string base64_encode(std::string_view data);
// nullopt when the text holds a character outside the alphabet.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace collab::util
