#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace collab::util {

// 128 bits that name a text by its content (XXH3-128): equal texts have equal keys,
// and different texts equal keys with a chance of about 2^-128. Used to key caches,
// never as a security measure.
struct ContentKey {
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    friend bool operator==(const ContentKey&, const ContentKey&) = default;
    std::string hex() const;
};

ContentKey content_key(std::string_view bytes);

// Builds one key from many parts, each length-prefixed so that ("ab", "c") and
// ("a", "bc") differ.
class KeyBuilder {
public:
    KeyBuilder();
    ~KeyBuilder();
    KeyBuilder(const KeyBuilder&) = delete;
    KeyBuilder& operator=(const KeyBuilder&) = delete;

    KeyBuilder& add(std::string_view part);
    KeyBuilder& add(const ContentKey& key);
    ContentKey key() const;

private:
    // XXH3's streaming state, kept here rather than on the heap: a warm run builds
    // one key per request. Its size is checked where xxHash is included.
    alignas(64) unsigned char m_state[576];
};

} // namespace collab::util
