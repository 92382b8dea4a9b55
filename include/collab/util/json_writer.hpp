#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace collab::util {

// Builds JSON text in the order fields are written, so that output is stable and
// diffable. Pretty-prints with two-space indents.
//
//   JsonWriter w;
//   w.begin_object();
//   w.key("id").value("R7KQ2");
//   w.key("tags").begin_array().value("a").end_array();
//   w.end_object();
//   std::string s = w.str();
class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(long long number);
    JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // The text so far, ending with a newline once the top value is closed.
    std::string str() const&;
    std::string str() &&; // hands over the text without copying it

private:
    void before_value();
    std::string m_out;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    std::vector<bool> m_is_object;
    bool m_after_key = false;
};

// A JSON string literal with escapes, quotes included.
std::string json_quote(std::string_view text);

} // namespace collab::util
