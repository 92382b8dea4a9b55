#include <collab/util/sha1.hpp>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>

namespace collab::util {

std::array<std::uint8_t, 20> sha1(std::string_view data) {
    const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA1", nullptr),
                                                             &EVP_MD_free);
    std::array<std::uint8_t, 20> digest{};
    unsigned int size = 0;
    if (!md || EVP_Digest(data.data(), data.size(), digest.data(), &size, md.get(), nullptr) != 1 ||
        size != digest.size()) {
        throw std::runtime_error("SHA-1 failed in libcrypto");
    }
    return digest;
}

} // namespace collab::util
