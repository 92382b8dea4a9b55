#include <collab/util/sha256.hpp>
#include <doctest/doctest.h>
#include <string>

namespace test_sha256 {

using collab::util::sha256;
using collab::util::sha256_hex;

TEST_SUITE("collab::util") {

    // Expected values: NIST FIPS 180-4 examples, the rest from coreutils `sha256sum`.
    TEST_CASE("sha256_hex matches the NIST examples") {
        CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        CHECK(sha256_hex("abc") ==
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                         "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    }

    TEST_CASE("sha256_hex of one million 'a'") {
        CHECK(sha256_hex(std::string(1000000, 'a')) ==
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    // 55 bytes is the longest input whose padding fits in one block; 56 needs a second
    // padding block; 63/64/65 and 119/120 straddle the block edges.
    TEST_CASE("sha256_hex at block and padding boundaries") {
        CHECK(sha256_hex(std::string(55, 'a')) ==
              "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
        CHECK(sha256_hex(std::string(56, 'a')) ==
              "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
        CHECK(sha256_hex(std::string(63, 'a')) ==
              "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
        CHECK(sha256_hex(std::string(64, 'a')) ==
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
        CHECK(sha256_hex(std::string(65, 'a')) ==
              "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
        CHECK(sha256_hex(std::string(119, 'a')) ==
              "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
        CHECK(sha256_hex(std::string(120, 'a')) ==
              "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
    }

    TEST_CASE("sha256 hashes bytes, not C strings") {
        const std::string with_nul("a\0b", 3);
        CHECK(sha256_hex(with_nul) != sha256_hex("a"));
        CHECK(sha256_hex(with_nul) ==
              "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
        CHECK(sha256_hex("\xff\xfe") ==
              "b3d510ef04275ca8e698e5b3cbb0ece3949ef9252f0cdc839e9ee347409a2209");
    }

    TEST_CASE("sha256 bytes agree with the hex form") {
        const auto digest = sha256("abc");
        CHECK(digest[0] == 0xba);
        CHECK(digest[1] == 0x78);
        CHECK(digest[30] == 0x15);
        CHECK(digest[31] == 0xad);
    }

} // TEST_SUITE

} // namespace test_sha256
