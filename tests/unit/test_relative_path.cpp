// Paths a record names (calendars: in collab.yaml): normal, relative, inside.
#include <collab/util/relative_path.hpp>
#include <doctest/doctest.h>
#include <string>

namespace test_relative_path {

using collab::util::normal_relative_path;

namespace {

std::string normal(std::string_view path) {
    return normal_relative_path(path).value_or("<refused>");
}

} // namespace

TEST_SUITE("collab::util::relative_path") {

    TEST_CASE("paths inside are made normal") {
        CHECK(normal("calendars/cn-2026.yaml") == "calendars/cn-2026.yaml");
        CHECK(normal("./calendars//cn-2026.yaml") == "calendars/cn-2026.yaml");
        CHECK(normal("calendars/./cn-2026.yaml/") == "calendars/cn-2026.yaml");
        CHECK(normal("calendars/../calendars/cn-2026.yaml") == "calendars/cn-2026.yaml");
        CHECK(normal("a/b/../../c.yaml") == "c.yaml");
        CHECK(normal("..name/x..y") == "..name/x..y"); // dots inside a name are a name
    }

    TEST_CASE("paths that climb out are refused") {
        CHECK(normal("../../../../../etc/shadow") == "<refused>");
        CHECK(normal("..") == "<refused>");
        CHECK(normal("calendars/../../x.yaml") == "<refused>");
        CHECK(normal("a/b/../../../x") == "<refused>");
    }

    TEST_CASE("absolute and foreign paths are refused") {
        CHECK(normal("/etc/shadow") == "<refused>");
        CHECK(normal("//server/share") == "<refused>");
        CHECK(normal("C:/Windows/win.ini") == "<refused>");
        CHECK(normal("calendars\\cn-2026.yaml") == "<refused>");
        CHECK(normal(std::string_view("a\0b", 3)) == "<refused>");
    }

    TEST_CASE("paths naming nothing are refused") {
        CHECK(normal("") == "<refused>");
        CHECK(normal(".") == "<refused>");
        CHECK(normal("./") == "<refused>");
        CHECK(normal("a/..") == "<refused>");
    }

} // TEST_SUITE

} // namespace test_relative_path
