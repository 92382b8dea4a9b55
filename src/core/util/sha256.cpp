#include <collab/util/sha256.hpp>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>

namespace collab::util {

namespace {

// SHA-256 looked up in libcrypto once: EVP_sha256() makes every EVP_DigestInit_ex
// look the algorithm up again (a locked search of the providers), which cost as much
// as hashing a log entry. A fetched EVP_MD may be shared by threads.
const EVP_MD* sha256_md() {
    static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(
        EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
    return md.get();
}

} // namespace

std::array<std::uint8_t, 32> sha256(std::string_view data) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free);
    const EVP_MD* md = sha256_md();
    std::array<std::uint8_t, 32> digest{};
    unsigned int size = 0;
    if (!context || md == nullptr || EVP_DigestInit_ex(context.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1 || size != digest.size()) {
        // Only out of memory or a broken libcrypto: nothing a record could cause.
        throw std::runtime_error("SHA-256 failed in libcrypto");
    }
    return digest;
}

std::string sha256_hex(std::string_view data) {
    static constexpr std::string_view k_hex_digits = "0123456789abcdef";
    const auto digest = sha256(data);
    std::string out;
    out.reserve(2 * digest.size());
    for (const std::uint8_t byte : digest) {
        out += k_hex_digits[byte >> 4];
        out += k_hex_digits[byte & 0x0F];
    }
    return out;
}

} // namespace collab::util
