#include <collab/store/crash_point.hpp>
#include <cstdlib>
#include <map>
#include <string>
#include <unistd.h>

namespace collab::store {

void crash_point(std::string_view name) {
    static const std::string wanted = [] {
        const char* value = std::getenv("COLLAB_TEST_CRASH_AT");
        return value != nullptr ? std::string(value) : std::string();
    }();
    if (wanted.empty()) {
        return;
    }
    const auto colon = wanted.find(':');
    if (wanted.compare(0, colon, name) != 0) {
        return;
    }
    const long nth = colon == std::string::npos ? 1 : std::atol(wanted.c_str() + colon + 1);
    static std::map<std::string, long, std::less<>> hits;
    if (++hits[std::string(name)] == nth) {
        ::_exit(137);
    }
}

} // namespace collab::store
