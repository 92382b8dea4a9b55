#pragma once

#include <cstdint>

namespace collab::testing {

// SplitMix64: the next number of a fixed sequence, the same on every platform (the
// standard library's engines are fixed, its distributions are not). For the seeded
// generator of workspaces and the seeded mutations of the YAML tests.
inline std::uint64_t split_mix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace collab::testing
