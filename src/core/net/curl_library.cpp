#include "curl_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

namespace collab::net {

namespace {

// The soname Debian's libcurl4 / libcurl3-gnutls packages install; the ABI the
// headers collab was built with describe.
constexpr const char* k_soname = "libcurl.so.4";

template <typename Function>
bool bind(void* library, const char* name, Function& function, std::string& missing) {
    // POSIX guarantees that a function's address from dlsym converts to its type.
    function = reinterpret_cast<Function>(::dlsym(library, name));
    if (function == nullptr && missing.empty()) {
        missing = name;
    }
    return function != nullptr;
}

struct Loaded {
    CurlLibrary functions;
    std::string error;
};

Loaded load() {
    Loaded loaded;
    void* library = ::dlopen(k_soname, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* reason = ::dlerror();
        loaded.error = fmt::format("{} could not be loaded ({}); install the libcurl4 package",
                                   k_soname, reason != nullptr ? reason : "unknown reason");
        return loaded;
    }
    auto& f = loaded.functions;
    std::string missing;
    bind(library, "curl_global_init", f.global_init, missing);
    bind(library, "curl_easy_init", f.easy_init, missing);
    bind(library, "curl_easy_setopt", f.easy_setopt, missing);
    bind(library, "curl_easy_perform", f.easy_perform, missing);
    bind(library, "curl_easy_getinfo", f.easy_getinfo, missing);
    bind(library, "curl_easy_cleanup", f.easy_cleanup, missing);
    bind(library, "curl_easy_strerror", f.easy_strerror, missing);
    bind(library, "curl_slist_append", f.slist_append, missing);
    bind(library, "curl_slist_free_all", f.slist_free_all, missing);
    bind(library, "curl_mime_init", f.mime_init, missing);
    bind(library, "curl_mime_free", f.mime_free, missing);
    bind(library, "curl_mime_addpart", f.mime_addpart, missing);
    bind(library, "curl_mime_data", f.mime_data, missing);
    bind(library, "curl_mime_type", f.mime_type, missing);
    bind(library, "curl_mime_subparts", f.mime_subparts, missing);
    if (!missing.empty()) {
        loaded.error = fmt::format("{} has no {}: it is older than collab needs (7.56 or later)",
                                   k_soname, missing);
        return loaded;
    }
    // Once per process, before any handle, as libcurl asks; the library stays loaded.
    if (f.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        loaded.error = fmt::format("{} could not be initialised", k_soname);
    }
    return loaded;
}

} // namespace

const CurlLibrary* curl_library(std::string& error) {
    static const Loaded loaded = load();
    if (!loaded.error.empty()) {
        error = loaded.error;
        return nullptr;
    }
    return &loaded.functions;
}

} // namespace collab::net
