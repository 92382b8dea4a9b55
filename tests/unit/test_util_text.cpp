// Small text helpers shared across the code (util/text).
#include <collab/util/text.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_util_text {

using collab::util::lines_of;
using Lines = std::vector<std::string>;

TEST_SUITE("collab::util::text") {

    TEST_CASE("lines_of: split at line breaks, empty lines kept, none after the last") {
        CHECK(lines_of("").empty());
        CHECK(lines_of("one") == Lines{"one"});
        CHECK(lines_of("one\n") == Lines{"one"});
        CHECK(lines_of("/repo\n\nabc\n") == Lines{"/repo", "", "abc"});
        CHECK(lines_of("\n\n") == Lines{"", ""});
        CHECK(lines_of("a b\nc\r\n") == Lines{"a b", "c\r"});
    }
}

} // namespace test_util_text
