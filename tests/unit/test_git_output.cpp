// Reading what git prints with -z (store/git_output): the paths `check --changed-since`
// judges by.
#include <collab/store/git_output.hpp>
#include <doctest/doctest.h>
#include <string>
#include <vector>

namespace test_git_output {

using collab::store::status_z_paths;
using collab::store::z_fields;
using Paths = std::vector<std::string>;
using namespace std::string_literals;

TEST_SUITE("collab::store::git_output") {

    TEST_CASE("z_fields: each NUL-terminated path, as written") {
        CHECK(z_fields(""s).empty());
        CHECK(z_fields("requests/R-7KQ2XM/request.yaml\0people.yaml\0"s) ==
              Paths{"requests/R-7KQ2XM/request.yaml", "people.yaml"});
        CHECK(z_fields("team [A] 工作/a b.yaml\0last"s) == Paths{"team [A] 工作/a b.yaml", "last"});
        CHECK(z_fields("a\0\0b\0"s) == Paths{"a", "b"});
    }

    TEST_CASE("status_z_paths: staged, changed, deleted and new files") {
        const auto out = "M  requests/R-7KQ2XM/request.yaml\0"
                         " M requests/R-ZDC840/tasks.yaml\0"
                         " D requests/R-ZDC840/log/li.yaml\0"
                         "D  calendars/cn-2026.yaml\0"
                         "A  requests/R-NEW001/request.yaml\0"
                         "?? requests/R-NEW002/log/wang.yaml\0"
                         "MM people.yaml\0"s;
        CHECK(status_z_paths(out) ==
              Paths{"requests/R-7KQ2XM/request.yaml", "requests/R-ZDC840/tasks.yaml",
                    "requests/R-ZDC840/log/li.yaml", "calendars/cn-2026.yaml",
                    "requests/R-NEW001/request.yaml", "requests/R-NEW002/log/wang.yaml",
                    "people.yaml"});
    }

    TEST_CASE("status_z_paths: a path is taken whole, spaces, quotes and all") {
        CHECK(status_z_paths("?? team [A] 工作/requests/R-7KQ2XM/a \"b\".yaml\0"s) ==
              Paths{"team [A] 工作/requests/R-7KQ2XM/a \"b\".yaml"});
    }

    TEST_CASE("status_z_paths: a rename or copy gives where it went and where it was") {
        const auto out = "R  requests/R-NEW001/request.yaml\0requests/R-OLD001/request.yaml\0"
                         " C requests/R-B/tasks.yaml\0requests/R-A/tasks.yaml\0"
                         "?? notes.txt\0"s;
        CHECK(status_z_paths(out) ==
              Paths{"requests/R-NEW001/request.yaml", "requests/R-OLD001/request.yaml",
                    "requests/R-B/tasks.yaml", "requests/R-A/tasks.yaml", "notes.txt"});
    }

    TEST_CASE("status_z_paths: nothing changed, and output that is no status, give nothing "
              "more") {
        CHECK(status_z_paths(""s).empty());
        CHECK(status_z_paths("?? a.yaml\0garbage\0"s) == Paths{"a.yaml"});
        CHECK(status_z_paths("R  only-the-new-path\0"s) == Paths{"only-the-new-path"});
        CHECK(status_z_paths("?? cut-short"s).empty());
    }
}

} // namespace test_git_output
