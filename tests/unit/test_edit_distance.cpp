#include <collab/util/edit_distance.hpp>
#include <doctest/doctest.h>

namespace test_edit_distance {

using collab::util::closest_match;
using collab::util::edit_distance;

TEST_SUITE("collab::util") {

    TEST_CASE("edit_distance is the Levenshtein distance over bytes") {
        CHECK(edit_distance("", "") == 0);
        CHECK(edit_distance("abc", "") == 3);
        CHECK(edit_distance("", "abc") == 3);
        CHECK(edit_distance("abc", "abc") == 0);
        CHECK(edit_distance("kitten", "sitting") == 3);
        CHECK(edit_distance("flaw", "lawn") == 2);
        CHECK(edit_distance("deu", "due") == 2);
        CHECK(edit_distance("title", "titles") == 1);
        // Byte-wise: two different CJK characters differ in all three bytes.
        CHECK(edit_distance("中", "文") == 3);
        CHECK(edit_distance("中文", "中") == 3);
    }

    TEST_CASE("closest_match suggests a likely typo and nothing else") {
        const std::vector<std::string> keys = {"title", "due", "items", "departments"};
        CHECK(closest_match("deu", keys) == "due");
        CHECK(closest_match("titel", keys) == "title");
        CHECK(closest_match("item", keys) == "items");
        CHECK(closest_match("departmnts", keys) == "departments");
        CHECK(closest_match("due", keys) == "due");
        CHECK(closest_match("zzz", keys) == std::nullopt);
        CHECK(closest_match("owner", keys) == std::nullopt);
        CHECK(closest_match("x", {}) == std::nullopt);
        // Short words allow one edit; longer ones a third of their length.
        CHECK(closest_match("ab", {"ac"}) == "ac");
        CHECK(closest_match("ab", {"cd"}) == std::nullopt);
        CHECK(closest_match("abcdef", {"abxyef"}) == "abxyef");
        CHECK(closest_match("abcdef", {"axxxef"}) == std::nullopt);
        // Ties go to the first candidate.
        CHECK(closest_match("cat", {"bat", "hat"}) == "bat");
        CHECK(closest_match("cat", {"cut", "cat"}) == "cat");
    }

} // TEST_SUITE

} // namespace test_edit_distance
