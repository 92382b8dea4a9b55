// What `collab check --changed-since REV` judges from the files that differ from REV.
#include <collab/store/changed_scope.hpp>
#include <doctest/doctest.h>

namespace test_changed_scope {

using collab::store::changed_scope;

TEST_SUITE("collab::store::changed_scope") {

    TEST_CASE("files of request folders name their requests, each once, sorted") {
        const auto scope =
            changed_scope({"requests/R-ZDC840/log-li.yaml", "requests/R-7KQ2XM/request.yaml",
                           "requests/R-ZDC840/tasks.yaml"});
        CHECK_FALSE(scope.whole_workspace);
        CHECK(scope.requests == std::vector<std::string>{"R-7KQ2XM", "R-ZDC840"});
    }

    TEST_CASE("a workspace-wide file calls for every request") {
        for (const auto* path :
             {"collab.yaml", "people.yaml", "calendars/cn-2027.yaml", ".collab/allowed_signers",
              "requests/notes.txt", "requests/drafts/request.yaml"}) {
            CAPTURE(path);
            const auto scope = changed_scope({"requests/R-7KQ2XM/request.yaml", path});
            CHECK(scope.whole_workspace);
        }
    }

    TEST_CASE("the caches and the lock are never inputs") {
        const auto scope =
            changed_scope({".collab/cache/index", ".collab/cache/digests", ".collab/lock"});
        CHECK_FALSE(scope.whole_workspace);
        CHECK(scope.requests.empty());
    }

    TEST_CASE("a name that only starts like a folder is not in it") {
        CHECK(changed_scope({"requests-old/R-7KQ2XM/request.yaml"}).whole_workspace);
        CHECK(changed_scope({".collab/cachex"}).whole_workspace);
    }
}

} // namespace test_changed_scope
