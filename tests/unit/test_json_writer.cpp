#include <collab/util/json_writer.hpp>
#include <doctest/doctest.h>
#include <limits>
#include <stdexcept>
#include <string>

namespace test_json_writer {

using collab::util::json_quote;
using collab::util::JsonWriter;

TEST_SUITE("collab::util") {

    TEST_CASE("json_quote escapes quotes, backslashes and control characters") {
        CHECK(json_quote("") == R"("")");
        CHECK(json_quote("plain") == R"("plain")");
        CHECK(json_quote(R"(say "hi")") == R"("say \"hi\"")");
        CHECK(json_quote(R"(C:\dir)") == R"("C:\\dir")");
        CHECK(json_quote("a\nb\tc") == R"("a\nb\tc")");
        CHECK(json_quote("\r\b\f") == R"("\u000d\u0008\u000c")");
        CHECK(json_quote(std::string("\0\x1f", 2)) == R"("\u0000\u001f")");
        CHECK(json_quote("/") == R"("/")");
    }

    TEST_CASE("json_quote passes UTF-8 through unchanged") {
        CHECK(json_quote("汉字，ok") == "\"汉字，ok\"");
        CHECK(json_quote("é\U0001F600") == "\"é\U0001F600\"");
    }

    TEST_CASE("JsonWriter writes the documented example") {
        JsonWriter w;
        w.begin_object();
        w.key("id").value("R7KQ2");
        w.key("tags").begin_array().value("a").end_array();
        w.end_object();
        CHECK(w.str() == "{\n"
                         "  \"id\": \"R7KQ2\",\n"
                         "  \"tags\": [\n"
                         "    \"a\"\n"
                         "  ]\n"
                         "}\n");
    }

    TEST_CASE("JsonWriter writes empty containers on one line") {
        SUBCASE("top-level object") {
            JsonWriter w;
            w.begin_object().end_object();
            CHECK(w.str() == "{}\n");
        }
        SUBCASE("top-level array") {
            JsonWriter w;
            w.begin_array().end_array();
            CHECK(w.str() == "[]\n");
        }
        SUBCASE("nested") {
            JsonWriter w;
            w.begin_object();
            w.key("a").begin_object().end_object();
            w.key("b").begin_array().end_array();
            w.end_object();
            CHECK(w.str() == "{\n"
                             "  \"a\": {},\n"
                             "  \"b\": []\n"
                             "}\n");
        }
    }

    TEST_CASE("JsonWriter writes scalars") {
        JsonWriter w;
        w.begin_object();
        w.key("int").value(42);
        w.key("negative").value(-7LL);
        w.key("big").value(std::numeric_limits<long long>::min());
        w.key("double").value(0.1);
        w.key("whole_double").value(2.0);
        w.key("third").value(1.0 / 3.0);
        w.key("large").value(1e300);
        w.key("nan").value(std::numeric_limits<double>::quiet_NaN());
        w.key("yes").value(true);
        w.key("no").value(false);
        w.key("nothing").null();
        w.key("text").value(std::string("line\n\"two\""));
        w.end_object();
        CHECK(w.str() == "{\n"
                         "  \"int\": 42,\n"
                         "  \"negative\": -7,\n"
                         "  \"big\": -9223372036854775808,\n"
                         "  \"double\": 0.1,\n"
                         "  \"whole_double\": 2,\n"
                         "  \"third\": 0.3333333333333333,\n"
                         "  \"large\": 1e+300,\n"
                         "  \"nan\": null,\n"
                         "  \"yes\": true,\n"
                         "  \"no\": false,\n"
                         "  \"nothing\": null,\n"
                         "  \"text\": \"line\\n\\\"two\\\"\"\n"
                         "}\n");
    }

    TEST_CASE("JsonWriter writes nested arrays of objects") {
        JsonWriter w;
        w.begin_object();
        w.key("records").begin_array();
        w.begin_object();
        w.key("id").value("R1");
        w.key("reviewers").begin_array().value("张三").value("bob").end_array();
        w.end_object();
        w.begin_object();
        w.key("id").value("R2");
        w.key("reviewers").begin_array().end_array();
        w.key("matrix").begin_array();
        w.begin_array().value(1).value(2).end_array();
        w.begin_array().end_array();
        w.end_array();
        w.end_object();
        w.end_array();
        w.key("count").value(2);
        w.end_object();
        CHECK(w.str() == "{\n"
                         "  \"records\": [\n"
                         "    {\n"
                         "      \"id\": \"R1\",\n"
                         "      \"reviewers\": [\n"
                         "        \"张三\",\n"
                         "        \"bob\"\n"
                         "      ]\n"
                         "    },\n"
                         "    {\n"
                         "      \"id\": \"R2\",\n"
                         "      \"reviewers\": [],\n"
                         "      \"matrix\": [\n"
                         "        [\n"
                         "          1,\n"
                         "          2\n"
                         "        ],\n"
                         "        []\n"
                         "      ]\n"
                         "    }\n"
                         "  ],\n"
                         "  \"count\": 2\n"
                         "}\n");
    }

    TEST_CASE("JsonWriter ends with a newline only once the top value is closed") {
        JsonWriter w;
        w.begin_array().value("x");
        CHECK(w.str() == "[\n  \"x\"");
        w.end_array();
        CHECK(w.str() == "[\n  \"x\"\n]\n");

        JsonWriter scalar;
        scalar.value("alone");
        CHECK(scalar.str() == "\"alone\"\n");
    }

    TEST_CASE("JsonWriter rejects calls that would make invalid JSON") {
        JsonWriter w;
        w.begin_object();
        CHECK_THROWS_AS(w.value(1), std::logic_error);
        CHECK_THROWS_AS(w.end_array(), std::logic_error);
        w.key("k");
        CHECK_THROWS_AS(w.key("again"), std::logic_error);
        CHECK_THROWS_AS(w.end_object(), std::logic_error);

        JsonWriter a;
        a.begin_array();
        CHECK_THROWS_AS(a.key("k"), std::logic_error);
        CHECK_THROWS_AS(a.end_object(), std::logic_error);
    }

} // TEST_SUITE

} // namespace test_json_writer
