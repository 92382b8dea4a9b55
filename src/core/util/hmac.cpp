#include <collab/util/hmac.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdexcept>

namespace collab::util {

std::array<std::uint8_t, 32> hmac_sha256(std::string_view key, std::string_view data) {
    std::array<std::uint8_t, 32> tag{};
    unsigned int size = 0;
    // An empty key is a valid HMAC key; OpenSSL wants a non-null pointer for it.
    static constexpr std::uint8_t k_empty = 0;
    const void* key_bytes = key.empty() ? static_cast<const void*>(&k_empty) : key.data();
    if (HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), tag.data(),
             &size) == nullptr ||
        size != tag.size()) {
        // Only out of memory or a broken libcrypto: nothing a record could cause.
        throw std::runtime_error("HMAC-SHA256 failed in libcrypto");
    }
    return tag;
}

} // namespace collab::util
