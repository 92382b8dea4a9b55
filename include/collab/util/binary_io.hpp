#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace collab::util {

// A compact, versionless byte encoding for caches: unsigned LEB128 varints, zigzag
// signed integers, length-prefixed strings. The reader never reads past its input:
// a truncated or corrupt cache is reported through ok(), never undefined behaviour.
class ByteWriter {
public:
    void u64(std::uint64_t value);
    void i64(std::int64_t value);
    void boolean(bool value) { u64(value ? 1 : 0); }
    void str(std::string_view text);
    void raw(const void* data, std::size_t size);
    // Room for `size` bytes in all, so that a large output grows once, not by doubling.
    void reserve(std::size_t size) { m_bytes.reserve(size); }

    const std::string& bytes() const { return m_bytes; }
    std::string take() { return std::move(m_bytes); }

private:
    std::string m_bytes;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) {}

    std::uint64_t u64();
    std::int64_t i64();
    bool boolean() { return u64() != 0; }
    std::string str();
    std::string_view view(std::size_t size);
    void raw(void* data, std::size_t size);
    // A count of items about to be read, refused when larger than what is left, so
    // that a corrupt count cannot make the reader allocate without bound.
    std::size_t count();

    bool ok() const { return m_ok; }
    bool at_end() const { return m_at == m_bytes.size(); }
    std::size_t position() const { return m_at; }

private:
    void fail() {
        m_ok = false;
        m_at = m_bytes.size();
    }

    std::string_view m_bytes;
    std::size_t m_at = 0;
    bool m_ok = true;
};

} // namespace collab::util
