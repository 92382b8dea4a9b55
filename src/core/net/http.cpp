#include "curl_library.hpp"

#include <algorithm>
#include <collab/net/http.hpp>
#include <collab/util/base64.hpp>

namespace collab::net {

namespace {

constexpr std::size_t k_max_answer = 64 * 1024;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* out = static_cast<std::string*>(user);
    const auto bytes = size * count;
    if (out->size() < k_max_answer) {
        out->append(data, std::min(bytes, k_max_answer - out->size()));
    }
    return bytes;
}

struct Handle {
    explicit Handle(const CurlLibrary& library) : lib(library) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        lib.mime_free(mime);
        lib.slist_free_all(headers);
        lib.slist_free_all(recipients);
        lib.easy_cleanup(curl);
    }
    const CurlLibrary& lib;
    CURL* curl = lib.easy_init();
    curl_slist* headers = nullptr;
    curl_slist* recipients = nullptr;
    curl_mime* mime = nullptr;
};

// The loaded library, or why there is none, as the answer of a request never sent.
const CurlLibrary* library_or(HttpResult& failure) {
    std::string error;
    const auto* library = curl_library(error);
    failure = {0, {}, error};
    return library;
}

HttpResult perform(Handle& h, std::chrono::milliseconds timeout) {
    HttpResult result;
    h.lib.easy_setopt(h.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    h.lib.easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
    h.lib.easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    h.lib.easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, collect);
    h.lib.easy_setopt(h.curl, CURLOPT_WRITEDATA, &result.body);
    // Never follow a redirect with the signed request, never use a proxy's credentials.
    h.lib.easy_setopt(h.curl, CURLOPT_FOLLOWLOCATION, 0L);
    const auto code = h.lib.easy_perform(h.curl);
    if (code != CURLE_OK) {
        result.status = 0;
        result.error = h.lib.easy_strerror(code);
        result.no_starttls = code == CURLE_USE_SSL_FAILED;
        result.untrusted_certificate = code == CURLE_PEER_FAILED_VERIFICATION;
        return result;
    }
    h.lib.easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

} // namespace

HttpResult post_json(const std::string& url, const std::string& body,
                     std::chrono::milliseconds timeout) {
    HttpResult failure;
    const auto* library = library_or(failure);
    if (library == nullptr) {
        return failure;
    }
    Handle h(*library);
    if (h.curl == nullptr) {
        return {0, {}, "libcurl could not start"};
    }
    h.headers = h.lib.slist_append(h.headers, "Content-Type: application/json; charset=utf-8");
    h.lib.easy_setopt(h.curl, CURLOPT_URL, url.c_str());
    h.lib.easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    h.lib.easy_setopt(h.curl, CURLOPT_POSTFIELDS, body.data());
    h.lib.easy_setopt(h.curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    h.lib.easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    return perform(h, timeout);
}

HttpResult send_mail(const std::string& url, const std::string& user, const std::string& password,
                     const Mail& mail, std::chrono::milliseconds timeout,
                     const MailSecurity& security) {
    HttpResult failure;
    const auto* library = library_or(failure);
    if (library == nullptr) {
        return failure;
    }
    Handle h(*library);
    if (h.curl == nullptr) {
        return {0, {}, "libcurl could not start"};
    }
    h.lib.easy_setopt(h.curl, CURLOPT_URL, url.c_str());
    h.lib.easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // CURLUSESSL_ALL: STARTTLS or nothing; a server that does not offer it (or a
    // man in the middle who strips the offer) gets no mail and no password.
    h.lib.easy_setopt(h.curl, CURLOPT_USE_SSL,
                      static_cast<long>(security.tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    h.lib.easy_setopt(h.curl, CURLOPT_SSL_VERIFYPEER, 1L);
    h.lib.easy_setopt(h.curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!security.ca_file.empty()) {
        h.lib.easy_setopt(h.curl, CURLOPT_CAINFO, security.ca_file.c_str());
    }
    if (!user.empty()) {
        h.lib.easy_setopt(h.curl, CURLOPT_USERNAME, user.c_str());
        h.lib.easy_setopt(h.curl, CURLOPT_PASSWORD, password.c_str());
    }
    const auto from = "<" + mail.from + ">";
    h.lib.easy_setopt(h.curl, CURLOPT_MAIL_FROM, from.c_str());
    std::string to_header = "To: ";
    for (const auto& address : mail.to) {
        h.recipients = h.lib.slist_append(h.recipients, ("<" + address + ">").c_str());
        to_header += (to_header.size() > 4 ? ", " : "") + address;
    }
    h.lib.easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
    h.headers = h.lib.slist_append(h.headers, ("From: " + mail.from).c_str());
    h.headers = h.lib.slist_append(h.headers, to_header.c_str());
    // RFC 2047 encoded-word: the subject may be Chinese.
    const auto subject = "Subject: =?UTF-8?B?" + util::base64_encode(mail.subject) + "?=";
    h.headers = h.lib.slist_append(h.headers, subject.c_str());
    h.lib.easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    h.mime = h.lib.mime_init(h.curl);
    auto* alternative = h.lib.mime_init(h.curl);
    auto* text = h.lib.mime_addpart(alternative);
    h.lib.mime_data(text, mail.text.data(), mail.text.size());
    h.lib.mime_type(text, "text/plain; charset=UTF-8");
    auto* html = h.lib.mime_addpart(alternative);
    h.lib.mime_data(html, mail.html.data(), mail.html.size());
    h.lib.mime_type(html, "text/html; charset=UTF-8");
    auto* part = h.lib.mime_addpart(h.mime);
    h.lib.mime_subparts(part, alternative);
    h.lib.mime_type(part, "multipart/alternative");
    h.lib.easy_setopt(h.curl, CURLOPT_MIMEPOST, h.mime);
    auto result = perform(h, timeout);
    if (result.error.empty() && result.status == 0) {
        result.status = 250;
    }
    return result;
}

} // namespace collab::net
