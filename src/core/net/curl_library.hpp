#pragma once
// libcurl, loaded when a notification is first sent rather than when collab starts:
// with the libraries it needs (TLS, HTTP/2, Kerberos, LDAP, ...) it is about 30 shared
// objects, whose loading was most of the start-up time of every command, though only
// `notify` and the notifying commands open a connection.
#include <curl/curl.h>
#include <string>

namespace collab::net {

// The libcurl functions collab calls, bound once from the loaded library.
struct CurlLibrary {
    CURLcode (*global_init)(long flags) = nullptr;
    CURL* (*easy_init)() = nullptr;
    CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...) = nullptr;
    CURLcode (*easy_perform)(CURL* handle) = nullptr;
    CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...) = nullptr;
    void (*easy_cleanup)(CURL* handle) = nullptr;
    const char* (*easy_strerror)(CURLcode code) = nullptr;
    curl_slist* (*slist_append)(curl_slist* list, const char* text) = nullptr;
    void (*slist_free_all)(curl_slist* list) = nullptr;
    curl_mime* (*mime_init)(CURL* handle) = nullptr;
    void (*mime_free)(curl_mime* mime) = nullptr;
    curl_mimepart* (*mime_addpart)(curl_mime* mime) = nullptr;
    CURLcode (*mime_data)(curl_mimepart* part, const char* data, size_t size) = nullptr;
    CURLcode (*mime_type)(curl_mimepart* part, const char* type) = nullptr;
    CURLcode (*mime_subparts)(curl_mimepart* part, curl_mime* subparts) = nullptr;
};

// libcurl, loaded and initialised on the first call (from any thread); nullptr when it
// cannot be, with the reason and the package to install in `error`.
const CurlLibrary* curl_library(std::string& error);

} // namespace collab::net
