#include <collab/util/hmac.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdexcept>

namespace collab::util {

std::string hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    // Empty keys and data are valid; OpenSSL wants non-null pointers for them.
    static const unsigned char empty = 0;
    const void* key_bytes = key.empty() ? static_cast<const void*>(&empty) : key.data();
    const auto* bytes = data.empty() ? &empty : reinterpret_cast<const unsigned char*>(data.data());
    if (HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), bytes, data.size(), out,
             &size) == nullptr ||
        size != 32) {
        // Only out of memory or a broken libcrypto: nothing a record could cause.
        throw std::runtime_error("HMAC-SHA256 failed in libcrypto");
    }
    return std::string(reinterpret_cast<const char*>(out), size);
}

std::string url_encode(std::string_view text) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace collab::util
