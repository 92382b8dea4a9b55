#pragma once

#include <string>
#include <string_view>

namespace collab::util {

// HMAC-SHA256 (RFC 2104) of `data` keyed by `key`, computed by OpenSSL's libcrypto:
// the 32 raw bytes. A tag only the holder of `key` can produce: for data that comes
// back through hands we do not trust (the digest cache), and for the bots' signatures.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Percent-encodes everything but the unreserved characters of RFC 3986 (A-Z a-z 0-9
// - _ . ~), for a value in a URL's query.
std::string url_encode(std::string_view text);

} // namespace collab::util
