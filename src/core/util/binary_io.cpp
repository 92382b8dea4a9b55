#include <collab/util/binary_io.hpp>
#include <cstring>

namespace collab::util {

void ByteWriter::u64(std::uint64_t value) {
    while (value >= 0x80) {
        m_bytes.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    m_bytes.push_back(static_cast<char>(value));
}

void ByteWriter::i64(std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    u64((bits << 1) ^ (value < 0 ? ~std::uint64_t{0} : 0));
}

void ByteWriter::str(std::string_view text) {
    u64(text.size());
    m_bytes.append(text);
}

void ByteWriter::raw(const void* data, std::size_t size) {
    m_bytes.append(static_cast<const char*>(data), size);
}

std::uint64_t ByteReader::u64() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_at >= m_bytes.size()) {
            fail();
            return 0;
        }
        const auto byte = static_cast<unsigned char>(m_bytes[m_at++]);
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return value;
        }
    }
    fail();
    return 0;
}

std::int64_t ByteReader::i64() {
    const auto bits = u64();
    return static_cast<std::int64_t>((bits >> 1) ^ (~(bits & 1) + 1));
}

std::string_view ByteReader::view(std::size_t size) {
    if (size > m_bytes.size() - m_at) {
        fail();
        return {};
    }
    const auto out = m_bytes.substr(m_at, size);
    m_at += size;
    return out;
}

std::string ByteReader::str() {
    const auto size = u64();
    return std::string(view(size));
}

void ByteReader::raw(void* data, std::size_t size) {
    const auto bytes = view(size);
    if (bytes.size() == size) {
        std::memcpy(data, bytes.data(), size);
    } else {
        std::memset(data, 0, size);
    }
}

std::size_t ByteReader::count() {
    const auto n = u64();
    if (n > m_bytes.size() - m_at) {
        fail();
        return 0;
    }
    return n;
}

} // namespace collab::util
